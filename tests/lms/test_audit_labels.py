"""Every audit action the code records has a readable, translated label."""
import re
from pathlib import Path

from lms.labels import AUDIT_ACTION_LABELS
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
RECORDED = re.compile(r'record_event\(\s*"([a-z_.]+)"')
# courses/authoring.py builds its action from the new status.
BUILT = {"course_published", "course_status_changed"}


def recorded_actions() -> set[str]:
    """Return the literal action codes passed to record_event in the product code."""
    found = set()
    for package in ("lms", "courses", "quizzes"):
        for path in (ROOT / package).rglob("*.py"):
            found.update(RECORDED.findall(path.read_text("utf-8")))
    return found | BUILT


def test_the_scan_finds_the_known_actions():
    assert {"auth.login", "user.role_changed", "quiz.gift_import"} <= recorded_actions()


def test_every_recorded_action_has_a_label():
    assert recorded_actions() - set(AUDIT_ACTION_LABELS) == set()


def test_the_audit_page_and_the_admin_home_show_labels(client, auth, app):
    factories.gen_user(email="admin@x.vn", role="admin", unit=factories.gen_tree()["fed"])
    auth.login("admin@x.vn")
    audit_page = client.get("/admin/audit").get_data(as_text=True)
    assert "<td>Đăng nhập <code" in audit_page
    home = client.get("/home").get_data(as_text=True)
    assert "Đăng nhập" in home and "<code>auth.login</code>" not in home
