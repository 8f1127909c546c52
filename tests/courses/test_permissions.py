"""Every route of the courses package against every role.

Each role gets a fresh world: a published open course taught by one lecturer, with a
handbook, a file, an enrolled trainee (from the manager's area) and an outsider. GETs run
first, then POSTs, destructive ones last. "A" = allowed (2xx, or a redirect that is not the
login page), "L" = sent to the login page, "D" = denied (403 or 404).
"""
from io import BytesIO

import pytest
import sqlalchemy as sa
from flask import url_for

from courses.attachments import add_attachment
from courses.authoring import save_handbook
from courses.models import Lesson
from lms.extensions import db
from tests import factories

ROLES = ("anonymous", "enrolled", "trainee", "lecturer", "other_lecturer", "manager", "admin")
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32

# endpoint, method: expected outcome per role, in the order of ROLES.
MATRIX = {
    ("courses.catalog", "GET"):             "LAAAAAA",
    ("courses.course", "GET"):              "LAAAAAA",
    ("courses.lesson", "GET"):              "LADADDA",
    ("courses.handbook", "GET"):            "LADADDA",
    ("courses.attachment", "GET"):          "LADADDA",
    ("courses.participants", "GET"):        "LDDADAA",
    ("library.laws", "GET"):                "LAAAAAA",
    ("library.law", "GET"):                 "LAAAAAA",
    ("library.article", "GET"):             "LAAAAAA",
    ("authoring.index", "GET"):             "LDDAADA",
    ("authoring.new_course", "GET"):        "LDDAADA",
    ("authoring.citations", "GET"):         "LDDAADA",
    ("authoring.course", "GET"):            "LDDADDA",
    ("authoring.edit_course", "GET"):       "LDDADDA",
    ("authoring.handbook", "GET"):          "LDDADDA",
    ("authoring.edit_module", "GET"):       "LDDADDA",
    ("authoring.edit_lesson", "GET"):       "LDDADDA",
    ("authoring.history", "GET"):           "LDDADDA",
    ("authoring.revision", "GET"):          "LDDADDA",
    ("courses.time_beacon", "POST"):        "LADADDA",
    ("courses.complete", "POST"):           "LADDDDD",
    ("courses.enrol", "POST"):              "LAADDDD",
    ("courses.enrol_users", "POST"):        "LDDADDA",
    ("courses.enrol_unit", "POST"):         "LDDDDAA",
    ("authoring.new_course", "POST"):       "LDDAADA",
    ("authoring.preview_markdown", "POST"): "LDDAADA",
    ("authoring.edit_course", "POST"):      "LDDADDA",
    ("authoring.handbook", "POST"):         "LDDADDA",
    ("authoring.add_module", "POST"):       "LDDADDA",
    ("authoring.edit_module", "POST"):      "LDDADDA",
    ("authoring.move_module", "POST"):      "LDDADDA",
    ("authoring.add_lesson", "POST"):       "LDDADDA",
    ("authoring.edit_lesson", "POST"):      "LDDADDA",
    ("authoring.move_lesson", "POST"):      "LDDADDA",
    ("authoring.restore", "POST"):          "LDDADDA",
    ("authoring.upload", "POST"):           "LDDADDA",
    ("authoring.delete_module", "POST"):    "LDDADDA",
    ("authoring.delete_lesson", "POST"):    "LDDADDA",
    ("authoring.lesson_status", "POST"):    "LDDADDA",
    ("authoring.course_status", "POST"):    "LDDADDA",
    ("authoring.delete_upload", "POST"):    "LDDADDA",
    ("courses.remove_participant", "POST"): "LDDADAA",
    ("courses.leave", "POST"):              "LAADDDD",  # the outsider enrolled itself above
}
OURS = ("courses.", "library.", "authoring.")


def _world():
    """Create the course, people and files every role is tried against."""
    tree = factories.gen_tree()
    people = {
        "enrolled": factories.gen_user(unit=tree["gr_a"]),
        "trainee": factories.gen_user(unit=tree["gr_b"]),
        "lecturer": factories.gen_user(role="lecturer"),
        "other_lecturer": factories.gen_user(role="lecturer"),
        "manager": factories.gen_user(role="manager", unit=tree["up_a"]),
        "admin": factories.gen_user(role="admin"),
    }
    factories.gen_sample_content()
    course = factories.gen_course(lecturers=[people["lecturer"]])
    factories.gen_enrolment(course, people["enrolled"], method="self")
    save_handbook(course, title="Sổ tay", summary="", body="Xem [[BLLĐ-2019:97]].",
                  actor=people["lecturer"])
    item = add_attachment(course, filename="hinh.png", data=PNG, lesson_id=None,
                          actor=people["lecturer"])
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.course_id == course.id)
                               .order_by(Lesson.id))
    ids = {"slug": course.slug, "lesson_slug": lesson.slug, "lesson_id": lesson.id,
           "module_id": lesson.module_id, "attachment_id": item.id, "name": "hinh.png",
           "user_id": people["enrolled"].id, "number": 1, "code": "BLLĐ-2019"}
    forms = {
        "courses.time_beacon": {"seconds": "5"},
        "courses.enrol_users": {"user_ids": str(people["trainee"].id)},
        "courses.enrol_unit": {"unit_id": str(tree["gr_a"].id)},
        "authoring.new_course": {"title": "Khóa mới", "topic": "other", "enrolment": "open"},
        "authoring.preview_markdown": {"markdown": "**Đậm** [[BLLĐ-2019:97]]"},
        "authoring.edit_course": {"title": "Khóa đã sửa", "topic": "other",
                                  "enrolment": "open", "lecturers": str(people["lecturer"].id)},
        "authoring.handbook": {"title": "Sổ tay", "body": "Nội dung"},
        "authoring.add_module": {"title": "Chương mới"},
        "authoring.edit_module": {"title": "Chương đã sửa"},
        "authoring.move_module": {"value": "down"},
        "authoring.add_lesson": {"module_id": str(lesson.module_id), "title": "Bài mới"},
        "authoring.edit_lesson": {"title": "Bài đã sửa", "minutes": "12", "body": "Mới.",
                                  "module_id": str(lesson.module_id)},
        "authoring.move_lesson": {"value": "down"},
        "authoring.upload": {"file": (BytesIO(PNG), "anh.png")},
        "authoring.lesson_status": {"value": "draft"},
        "authoring.course_status": {"value": "draft"},
    }
    return people, ids, forms


def _url(app, endpoint: str, ids: dict) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = {k: ids[k] for k in rule.arguments}
    if endpoint == "library.article":
        values["number"] = "97"
    with app.test_request_context():
        return url_for(endpoint, **values)


def _outcome(response) -> str:
    if response.status_code in (302, 303) and "/login" in response.headers["Location"]:
        return "L"
    if response.status_code in (403, 404):
        return "D"
    if response.status_code < 400:
        return "A"
    return f"?{response.status_code}"


def test_the_matrix_covers_every_route(app):
    routes = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith(OURS)
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == set(MATRIX)
    assert all(len(row) == len(ROLES) for row in MATRIX.values())


@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_role(app, client, auth, role):
    people, ids, forms = _world()
    if role != "anonymous":
        auth.login(people[role].email)
    index = ROLES.index(role)
    wrong = []
    for (endpoint, method), row in MATRIX.items():
        url = _url(app, endpoint, ids)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data=forms.get(endpoint, {}),
                                   content_type="multipart/form-data")
        got = _outcome(response)
        if got != row[index]:
            wrong.append(f"{method} {endpoint}: expected {row[index]}, got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role, status", [
    ("trainee", 404), ("other_lecturer", 404), ("manager", 404), ("lecturer", 200),
    ("admin", 200)])
def test_a_draft_course_is_invisible_except_to_its_teachers(app, client, auth, role, status):
    people, _, _ = _world()
    course = factories.gen_course(status="draft", lecturers=[people["lecturer"]])
    auth.login(people[role].email)
    assert client.get(f"/courses/{course.slug}").status_code == status
    listed = course.title in client.get("/courses/").get_data(as_text=True)
    assert listed == (status == 200)


def test_a_managed_course_is_hidden_from_trainees_not_enrolled(app, client, auth):
    people, _, _ = _world()
    course = factories.gen_course(enrolment="managed")
    auth.login(people["trainee"].email)
    assert client.get(f"/courses/{course.slug}").status_code == 403
    assert course.title not in client.get("/courses/").get_data(as_text=True)
    factories.gen_enrolment(course, people["trainee"])
    assert client.get(f"/courses/{course.slug}").status_code == 200


def test_draft_lessons_are_hidden_from_trainees(app, client, auth):
    people, ids, _ = _world()
    lesson = db.session.get(Lesson, ids["lesson_id"])
    lesson.status = "draft"
    db.session.commit()
    auth.login(people["enrolled"].email)
    assert client.get(f"/courses/{ids['slug']}/lessons/{lesson.slug}").status_code == 404
    page = client.get(f"/courses/{ids['slug']}").get_data(as_text=True)
    assert lesson.title not in page
