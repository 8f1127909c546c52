"""Pure cores: which uploads are accepted (extension AND content), and the revision diff."""
import io
import zipfile

import pytest

from courses.diff import field_changes, line_diff
from courses.uploadcheck import (MAX_UPLOAD_BYTES, UploadRefused, check_upload, extension,
                                 safe_name)


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": "<x/>", "word/document.xml": "<w/>"})
XLSX = _zip({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<w/>"})
ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64


@pytest.mark.parametrize("name, data, content_type", [
    ("quy-che.pdf", b"%PDF-1.7\n...", "application/pdf"),
    ("ANH.PNG", b"\x89PNG\r\n\x1a\n\0\0", "image/png"),
    ("anh.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF", "image/jpeg"),
    ("anh.gif", b"GIF89a....", "image/gif"),
    ("anh.webp", b"RIFF\0\0\0\0WEBPVP8 ", "image/webp"),
    ("bien-ban.docx", DOCX, "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document"),
    ("bang-luong.xlsx", XLSX, "application/vnd.openxmlformats-officedocument."
                              "spreadsheetml.sheet"),
    ("cu.doc", OLE, "application/msword"),
    ("mau.odt", ODT, "application/vnd.oasis.opendocument.text"),
])
def test_accepted_files(name, data, content_type):
    assert check_upload(name, data).content_type == content_type


@pytest.mark.parametrize("name, data, reason", [
    ("trang.html", b"<html><script>alert(1)</script>", "type"),
    ("hinh.svg", b"<svg onload=alert(1)>", "type"),
    ("chay.exe", b"MZ\x90\0", "type"),
    ("khong-duoi", b"%PDF-1.4", "type"),
    ("gia.pdf", b"<script>alert(1)</script>", "content"),
    ("gia.png", b"%PDF-1.4 not a png", "content"),
    ("gia.docx", _zip({"evil.js": "x"}), "content"),
    ("excel.docx", XLSX, "content"),
    ("gia.odt", _zip({"mimetype": "text/html"}), "content"),
    ("zip.xlsx", b"PK\x03\x04 broken", "content"),
    ("rong.pdf", b"", "empty"),
    ("lon.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES, "size"),
])
def test_refused_files(name, data, reason):
    with pytest.raises(UploadRefused) as caught:
        check_upload(name, data)
    assert caught.value.args[0] == reason


@pytest.mark.parametrize("raw, safe", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\An\\Quy chế.pdf", "Quy chế.pdf"),
    ('bad"\x00name\n.pdf', "badname.pdf"),
    ("", "tep"),
    ("a" * 200 + ".pdf", "a" * 110 + ".pdf"),
])
def test_safe_names(raw, safe):
    assert safe_name(raw) == safe


def test_extension():
    assert extension("a.B.PDF") == "pdf" and extension("README") == ""


def test_line_diff_marks_changes_with_context():
    old = "\n".join(f"dòng {i}" for i in range(1, 21))
    new = old.replace("dòng 10", "dòng mười").replace("dòng 20", "dòng 20\ndòng 21")
    lines = line_diff(old, new, context=1)
    kinds = [(line.kind, line.text) for line in lines]
    assert ("removed", "dòng 10") in kinds and ("added", "dòng mười") in kinds
    assert ("added", "dòng 21") in kinds
    assert kinds[0] == ("gap", "") and ("same", "dòng 1") not in kinds
    removed = next(line for line in lines if line.kind == "removed")
    assert (removed.old_number, removed.new_number) == (10, None)


def test_line_diff_of_equal_text_is_empty():
    assert line_diff("a\nb", "a\nb") == []


def test_field_changes():
    assert field_changes({"title": "A", "minutes": 10}, {"title": "B", "minutes": 10}) == [
        ("title", "A", "B")]
