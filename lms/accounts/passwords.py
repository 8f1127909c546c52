"""Password policy: long enough, not too long, not common, not the person's own name."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

from lms.textfold import fold

MIN_LENGTH = 8
MAX_LENGTH = 128
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    """Load the list of passwords refused because attackers try them first."""
    return frozenset(line.strip() for line in _COMMON_FILE.read_text("utf-8").splitlines()
                     if line.strip())


def password_problems(password: str, *, email: str = "", full_name: str = "") -> list:
    """Return the reasons ``password`` is refused (an empty list means it is acceptable)."""
    if len(password) < MIN_LENGTH:
        return [_l("The password must have at least %(n)d characters.", n=MIN_LENGTH)]
    if len(password) > MAX_LENGTH:
        return [_l("The password must have at most %(n)d characters.", n=MAX_LENGTH)]
    folded = fold(password).replace(" ", "")
    if folded in _common_passwords() or len(set(folded)) <= 2:
        return [_l("This password is too common. Choose a less predictable one.")]
    local_part = fold(email.split("@")[0]) if email else ""
    name = fold(full_name).replace(" ", "")
    if (local_part and len(local_part) >= 4 and local_part in folded) or (name and name == folded):
        return [_l("The password must not contain your email name or be your full name.")]
    return []
