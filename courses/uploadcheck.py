"""Which uploaded files a course may hold: checked by extension AND by their first bytes.

Pure: no Flask, no database. A file passes only when its extension is allowed and its
content looks like that kind of file, so a script renamed ``.pdf`` is refused.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class FileKind:
    """An accepted kind of file: what to call it and how to serve it."""

    content_type: str
    is_inline: bool  # images and PDF open in the browser; office files download


KINDS = {
    "pdf": FileKind("application/pdf", True),
    "png": FileKind("image/png", True),
    "jpg": FileKind("image/jpeg", True),
    "jpeg": FileKind("image/jpeg", True),
    "gif": FileKind("image/gif", True),
    "webp": FileKind("image/webp", True),
    "doc": FileKind("application/msword", False),
    "xls": FileKind("application/vnd.ms-excel", False),
    "ppt": FileKind("application/vnd.ms-powerpoint", False),
    "docx": FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     False),
    "xlsx": FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
    "pptx": FileKind("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                     False),
    "odt": FileKind("application/vnd.oasis.opendocument.text", False),
    "ods": FileKind("application/vnd.oasis.opendocument.spreadsheet", False),
    "odp": FileKind("application/vnd.oasis.opendocument.presentation", False),
}
_OOXML_FOLDER = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


class UploadRefused(ValueError):
    """The file may not be stored; ``args[0]`` says why (Vietnamese msgid key)."""


def extension(filename: str) -> str:
    """Return the lowercase extension of ``filename`` without the dot ('' when none)."""
    _, dot, ext = filename.rpartition(".")
    return ext.lower() if dot else ""


def safe_name(filename: str) -> str:
    """Return a display name without path parts or control characters, at most 120 chars."""
    name = unicodedata.normalize("NFC", filename.replace("\\", "/").rsplit("/", 1)[-1])
    name = re.sub(r"[\x00-\x1f\x7f\"]", "", name).strip() or "tep"
    if len(name) > 120:
        ext = extension(name)
        name = name[:110].rstrip() + (f".{ext}" if ext else "")
    return name


def _zip_names(data: bytes) -> set[str]:
    """Return the member names of a zip archive (empty when it is not a valid zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return set()


def _odf_mimetype(data: bytes) -> str:
    """Return the ``mimetype`` member of an OpenDocument archive, or ''."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, KeyError, ValueError):
        return ""


def content_matches(ext: str, data: bytes) -> bool:
    """Tell whether ``data`` really is a file of kind ``ext``."""
    if ext == "pdf":
        return data.startswith(b"%PDF-")
    if ext == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("jpg", "jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if ext == "gif":
        return data[:6] in (b"GIF87a", b"GIF89a")
    if ext == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if ext in ("doc", "xls", "ppt"):
        return data.startswith(_OLE)
    if ext in _OOXML_FOLDER:
        names = _zip_names(data) if data.startswith(_ZIP) else set()
        return "[Content_Types].xml" in names and any(
            n.startswith(_OOXML_FOLDER[ext]) for n in names)
    if ext in ("odt", "ods", "odp"):
        return data.startswith(_ZIP) and _odf_mimetype(data) == KINDS[ext].content_type
    return False


def check_upload(filename: str, data: bytes) -> FileKind:
    """Return the kind of an acceptable upload or raise UploadRefused saying why."""
    ext = extension(filename)
    if ext not in KINDS:
        raise UploadRefused("type")
    if not data:
        raise UploadRefused("empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused("size")
    if not content_matches(ext, data):
        raise UploadRefused("content")
    return KINDS[ext]
