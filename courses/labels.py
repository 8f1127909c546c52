"""Translatable labels for the course codes stored in the database."""
from flask_babel import lazy_gettext as _l

TOPIC_LABELS = {
    "labour-code": _l("Labour Code"),
    "trade-union-law": _l("Trade Union Law"),
    "dispute-resolution": _l("Labour dispute resolution"),
    "workplace-dialogue": _l("Workplace dialogue"),
    "union-finance": _l("Union finance"),
    "social-insurance": _l("Social insurance"),
    "other": _l("Other topics"),
}
COURSE_STATUS_LABELS = {
    "draft": _l("Draft"),
    "published": _l("Published"),
    "archived": _l("Archived"),
}
LESSON_STATUS_LABELS = {
    "draft": _l("Draft"),
    "published": _l("Published"),
}
ENROLMENT_LABELS = {
    "open": _l("Open: trainees enrol themselves"),
    "managed": _l("Managed: enrolled by lecturers and managers"),
}
LAW_KIND_LABELS = {
    "law": _l("Law"),
    "code": _l("Code"),
    "decree": _l("Decree"),
    "decision": _l("Decision"),
    "resolution": _l("Resolution"),
}
ACTIVITY_LABELS = {
    "quiz": _l("Quiz"),
    "scenario": _l("Scenario"),
    "live": _l("Live session"),
}
CITING_LABELS = {
    "lesson": _l("Lesson"),
    "question": _l("Question"),
    "scenario": _l("Scenario"),
}
