"""Check the shape and size of every payload a client sends, before anything else reads it.

Each reader takes the payload mapping and a key and returns a clean value or raises
``PayloadError`` with a message the person can read. Unknown keys are refused, so a typo in a
client shows up at once instead of being silently ignored.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping

from flask_babel import lazy_gettext as _l

from lms.errors import ValidationError

_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAX_ID = 2**31 - 1


class PayloadError(ValidationError):
    """A payload that does not have the documented shape; ``field`` names the culprit."""

    def __init__(self, message, *, field: str = ""):
        super().__init__(message)
        self.field = field


def mapping(data, allowed: Collection[str]) -> Mapping:
    """Return ``data`` when it is an object whose keys are all in ``allowed``."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise PayloadError(_l("The data sent is not in the expected form."))
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise PayloadError(_l("Unexpected field: %(field)s", field=unknown[0][:40]),
                           field=unknown[0][:40])
    return data


def integer(data: Mapping, key: str, *, minimum: int = 1, maximum: int = MAX_ID,
            required: bool = True) -> int | None:
    """Return an integer field within bounds (booleans are not integers)."""
    value = data.get(key)
    if value is None and not required:
        return None
    if type(value) is not int or not minimum <= value <= maximum:
        raise PayloadError(_l("The field %(field)s must be a whole number from %(low)d to "
                              "%(high)d.", field=key, low=minimum, high=maximum), field=key)
    return value


def text(data: Mapping, key: str, *, max_length: int, required: bool = True) -> str:
    """Return a text field, trimmed, without control characters, 1..max_length long."""
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise PayloadError(_l("The field %(field)s must be text.", field=key), field=key)
    cleaned = _clean(value)
    if required and not cleaned:
        raise PayloadError(_l("Please write something first."), field=key)
    if len(cleaned) > max_length:
        raise PayloadError(_l("The text is too long (at most %(n)d characters).",
                              n=max_length), field=key)
    return cleaned


def _clean(value: str) -> str:
    """Normalise to NFC, drop control characters except line breaks and tabs, trim.

    Format characters (zero-width joiners in emoji, for one) are kept.
    """
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n")
    kept = "".join(ch for ch in value
                   if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return kept.strip()


def boolean(data: Mapping, key: str, *, default: bool = False) -> bool:
    """Return a true/false field, ``default`` when absent."""
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise PayloadError(_l("The field %(field)s must be true or false.", field=key),
                           field=key)
    return value


def choice(data: Mapping, key: str, allowed: Collection[str], *, default: str | None = None):
    """Return a field that must be one of ``allowed`` (``default`` when absent)."""
    value = data.get(key, default)
    if value not in allowed:
        raise PayloadError(_l("The field %(field)s has a value that is not allowed.",
                              field=key), field=key)
    return value


def integer_list(data: Mapping, key: str, *, max_items: int, maximum: int) -> list[int]:
    """Return a list of distinct integers 0..maximum with at most ``max_items`` entries."""
    value = data.get(key)
    if (not isinstance(value, list) or len(value) > max_items
            or any(type(v) is not int or not 0 <= v <= maximum for v in value)
            or len(set(value)) != len(value)):
        raise PayloadError(_l("The field %(field)s must list options shown on the screen.",
                              field=key), field=key)
    return value


def text_list(data: Mapping, key: str, *, min_items: int, max_items: int,
              max_length: int, required: bool = True) -> list[str]:
    """Return a list of non-empty, trimmed texts."""
    value = data.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PayloadError(_l("The field %(field)s must be a list of texts.", field=key),
                           field=key)
    cleaned = [_clean(v) for v in value]
    cleaned = [v for v in cleaned if v]
    if not min_items <= len(cleaned) <= max_items:
        raise PayloadError(_l("Give from %(low)d to %(high)d entries.", low=min_items,
                              high=max_items), field=key)
    if any(len(v) > max_length for v in cleaned):
        raise PayloadError(_l("The text is too long (at most %(n)d characters).",
                              n=max_length), field=key)
    return cleaned


def client_id(data: Mapping, key: str = "cid") -> str | None:
    """Return the client's id for a message (letters, digits, ``-``, ``_``), or None."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not _CLIENT_ID.match(value):
        raise PayloadError(_l("The field %(field)s is not a valid message id.", field=key),
                           field=key)
    return value
