"""Static files for phones on weak networks: compressed, cached for a year, busted by hash.

Every ``url_for('static', ...)`` gets ``?v=<content hash>``, so a changed file gets a new URL
and browsers may keep the old one forever: repeat visits download almost nothing.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, request

from lms.extensions import compress

ONE_YEAR = 365 * 24 * 3600


@lru_cache(maxsize=512)
def _file_version(path: str, mtime_ns: int) -> str:
    """Return a short content hash of a static file (cached per modification time)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


def static_version(static_folder: str, filename: str) -> str | None:
    """Return the version tag of ``filename`` under ``static_folder``, or None if missing."""
    path = Path(static_folder) / filename
    try:
        return _file_version(str(path), path.stat().st_mtime_ns)
    except OSError:
        return None


def _allow_static_compression(response: Response) -> Response:
    """Let Flask-Compress read static files, which Flask streams without buffering."""
    if request.endpoint == "static" and response.direct_passthrough \
            and response.status_code == 200:
        response.direct_passthrough = False
        response.make_sequence()  # a buffered body is compressed whole, with a length
    return response


def init_app(app: Flask) -> None:
    """Compress responses and add a content version to every static URL."""
    # No COMPRESS_CACHE_BACKEND: Flask-Compress keys its cache by the key function only, so a
    # cache meant for static files would also serve one person's page to another.
    app.config.setdefault("COMPRESS_MIMETYPES", [
        "text/html", "text/css", "text/plain", "text/csv", "text/calendar", "application/json",
        "application/javascript", "text/javascript", "image/svg+xml"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    compress.init_app(app)
    # after_request hooks run last-registered first: this one runs before Flask-Compress.
    app.after_request(_allow_static_compression)

    versions: dict[str, str | None] = {}  # filename -> version; static files are deployed

    @app.url_defaults
    def _version_static_urls(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            filename = values["filename"]
            if app.debug or filename not in versions:  # debug: follow edits as they happen
                versions[filename] = static_version(app.static_folder, filename)
            if versions[filename]:
                values["v"] = versions[filename]
