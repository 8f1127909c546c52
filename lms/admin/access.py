"""Access checks shared by the administration views."""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice


def roles_required(*roles: str):
    """Allow a view only to signed-in users with one of ``roles`` (403 otherwise)."""
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def unit_choices(units, *, blank=None) -> list:
    """Return select choices for units, indented by depth, in tree order."""
    items = [SelectChoice(unit.id, "\u2003" * max(unit.depth, 0) + f"{unit.name} ({unit.code})")
             for unit in units]
    return ([SelectChoice("", blank)] + items) if blank is not None else items
