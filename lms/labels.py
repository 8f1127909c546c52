"""Human labels (translatable) for the codes stored in the database."""
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

ROLE_LABELS = {
    "admin": _l("Administrator"),
    "manager": _l("Training manager"),
    "lecturer": _l("Lecturer"),
    "trainee": _l("Trainee"),
}
POSITION_LABELS = {
    "chu_tich": _l("Grassroots union chair"),
    "pho_chu_tich": _l("Grassroots union vice-chair"),
    "uy_vien_bch": _l("Executive committee member"),
    "to_truong": _l("Union group leader"),
    "can_bo_chuyen_trach": _l("Full-time upper-level union official"),
    "doan_vien": _l("Union member"),
}
CADRE_TYPE_LABELS = {
    "chuyen_trach": _l("Full-time"),
    "khong_chuyen_trach": _l("Part-time"),
}
UNIT_KIND_LABELS = {
    "federation": _l("City federation of labour"),
    "upper": _l("Upper-level union"),
    "grassroots": _l("Grassroots union"),
}
SECTOR_LABELS = {
    "state": _l("State enterprise / agency"),
    "non_state": _l("Non-state enterprise"),
    "public_service": _l("Public service unit"),
}

# Audit log actions: a readable name beside the stored code (unknown codes show as they are).
AUDIT_ACTION_LABELS = {
    "auth.login": _l("Signed in"),
    "auth.login_failed": _l("Failed sign-in"),
    "auth.password_changed": _l("Password changed"),
    "user.created": _l("Account created"),
    "user.updated": _l("Account edited"),
    "user.activated": _l("Account activated or deactivated"),
    "user.role_changed": _l("Role changed"),
    "user.imported": _l("Accounts imported"),
    "unit.created": _l("Union unit created"),
    "unit.updated": _l("Union unit edited"),
    "unit.deleted": _l("Union unit deleted"),
    "unit.imported": _l("Union units imported"),
    "content_imported": _l("Content files imported"),
    "course_created": _l("Course created"),
    "course_published": _l("Course published"),
    "course_status_changed": _l("Course status changed"),
    "course_lecturers_set": _l("Course lecturers changed"),
    "lesson_published": _l("Lesson published"),
    "quiz.saved": _l("Quiz settings saved"),
    "quiz.gift_import": _l("GIFT questions imported"),
    "quiz.grade_changed": _l("Grade changed"),
    "scenario.created": _l("Scenario created"),
    "scenario.published": _l("Scenario published"),
    "scenario.visibility": _l("Scenario visibility changed"),
}


def choices(labels: dict, *, blank=None) -> list[SelectChoice]:
    """Return select choices for a code-to-label table, optionally led by a blank choice."""
    items = [SelectChoice(code, label) for code, label in labels.items()]
    return ([SelectChoice("", blank)] + items) if blank is not None else items
