"""Course attachments: checked uploads stored outside ``static/`` under random names."""
from __future__ import annotations

import secrets
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from courses.access import can_teach
from courses.authoring_common import require
from courses.models import Attachment, Course, Lesson
from courses.uploadcheck import (KINDS, MAX_UPLOAD_BYTES, UploadRefused, check_upload, extension,
                                 safe_name)
from lms.errors import NotFoundError, ValidationError
from lms.extensions import db

_REASONS = {
    "type": _l("Only PDF, images (PNG, JPEG, GIF, WebP) and office documents (Word, Excel, "
               "PowerPoint, OpenDocument) can be attached."),
    "empty": _l("The file is empty."),
    "size": _l("The file is larger than %(mb)d MB.", mb=MAX_UPLOAD_BYTES // (1024 * 1024)),
    "content": _l("The file's content does not match its extension; it was not stored."),
}


def upload_folder() -> Path:
    """Return the folder holding uploaded files (``instance/uploads`` by default)."""
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def add_attachment(course: Course, *, filename: str, data: bytes, lesson_id: int | None,
                   actor) -> Attachment:
    """Check and store an uploaded file for a course (optionally tied to one lesson)."""
    require(can_teach(actor, course))
    try:
        kind = check_upload(filename or "", data)
    except UploadRefused as refused:
        raise ValidationError(_REASONS[refused.args[0]]) from None
    if lesson_id is not None and db.session.scalar(sa.select(Lesson.course_id).where(
            Lesson.id == lesson_id)) != course.id:
        raise ValidationError(_l("Choose a lesson of this course."))
    stored = secrets.token_hex(16)
    path = upload_folder() / stored
    path.write_bytes(data)
    try:
        attachment = Attachment(course_id=course.id, lesson_id=lesson_id,
                                original_name=safe_name(filename), stored_name=stored,
                                content_type=kind.content_type, size=len(data),
                                uploaded_by_id=actor.id)
        db.session.add(attachment)
        db.session.commit()
    except Exception:
        db.session.rollback()
        path.unlink(missing_ok=True)
        raise
    return attachment


def get_attachment(course: Course, attachment_id: int) -> Attachment:
    """Return an attachment of ``course`` or raise NotFoundError."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.course_id != course.id:
        raise NotFoundError()
    return attachment


def attachment_path(attachment: Attachment) -> Path:
    """Return where the attachment's bytes are stored."""
    return upload_folder() / attachment.stored_name


def is_inline(attachment: Attachment) -> bool:
    """Tell whether the browser may show the file in place (images, PDF)."""
    kind = KINDS.get(extension(attachment.original_name))
    return bool(kind and kind.is_inline)


def course_attachments(course: Course) -> list[Attachment]:
    """Return the course's attachments, newest first."""
    return list(db.session.scalars(sa.select(Attachment).where(
        Attachment.course_id == course.id).order_by(Attachment.id.desc())))


def delete_attachment(attachment: Attachment, *, actor) -> None:
    """Delete an attachment and its stored file."""
    course = db.session.get(Course, attachment.course_id)
    require(can_teach(actor, course))
    path = attachment_path(attachment)
    db.session.delete(attachment)
    db.session.commit()
    path.unlink(missing_ok=True)
