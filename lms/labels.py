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


def choices(labels: dict, *, blank=None) -> list[SelectChoice]:
    """Return select choices for a code-to-label table, optionally led by a blank choice."""
    items = [SelectChoice(code, label) for code, label in labels.items()]
    return ([SelectChoice("", blank)] + items) if blank is not None else items
