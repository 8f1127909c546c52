"""Record security events in the audit log."""
from __future__ import annotations

from lms.extensions import db
from lms.models import AuditLog


def record_event(action: str, *, actor=None, target=None, ip: str | None = None,
                 **details) -> AuditLog:
    """Add an audit entry to the current transaction; the caller's commit stores it."""
    entry = AuditLog(
        action=action,
        actor_id=getattr(actor, "id", None),
        target_type=type(target).__name__ if target is not None else None,
        target_id=getattr(target, "id", None),
        details={k: v for k, v in details.items() if v is not None},
        ip=ip,
    )
    db.session.add(entry)
    return entry
