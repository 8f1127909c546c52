"""The password policy."""
import pytest

from lms.accounts.passwords import password_problems


@pytest.mark.parametrize("password, ok", [
    ("an-toan-2026!", True),
    ("Cong-doan-co-so-2026", True),
    ("1234567", False),           # too short
    ("x" * 129, False),           # too long
    ("password123", False),       # common
    ("MatKhau123", False),        # common, folded
    ("aaaaaaaaaaaa", False),      # one repeated character
    ("ababababab", False),        # two characters
    ("nguyenvanan", False),       # the full name
    ("hoa.nguyen-2026", False),   # contains the email name
])
def test_password_policy(app, password, ok):
    problems = password_problems(password, email="hoa.nguyen@example.vn",
                                 full_name="Nguyễn Văn An")
    assert (problems == []) is ok
