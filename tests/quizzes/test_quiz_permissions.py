"""Who may open what: every quizzes page against every kind of person (a table)."""
from pathlib import Path

import pytest

from lms.extensions import db
from tests import factories

SAMPLE = (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8")
ROLES = ("anonymous", "outsider", "trainee", "other_lecturer", "lecturer", "admin", "manager")


@pytest.fixture
def world(app):
    people = {
        "outsider": factories.gen_user(email="outsider@x.vn"),
        "trainee": factories.gen_user(email="trainee@x.vn"),
        "other_lecturer": factories.gen_user(email="other_lecturer@x.vn", role="lecturer"),
        "lecturer": factories.gen_user(email="lecturer@x.vn", role="lecturer"),
        "admin": factories.gen_user(email="admin@x.vn", role="admin"),
        "manager": factories.gen_user(email="manager@x.vn", role="manager"),
    }
    course = factories.gen_quiz_course(slug="kh", lecturers=[people["lecturer"]],
                                  modules=("tien-luong",))
    other = factories.gen_quiz_course(slug="khac", lecturers=[people["other_lecturer"]])
    factories.gen_enrolment(course, people["trainee"])
    question = factories.gen_question(course, slug="tra-luong-cham-lai", type="true_false")
    quiz = factories.gen_quiz(course, [question])
    activity = factories.gen_scenario(course, SAMPLE)
    return {"people": people, "course": course, "other": other, "quiz": quiz,
            "activity": activity, "question": question}


OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404
# url template -> expected status per role, in the order of ROLES
MATRIX = [
    ("/quizzes/my", (LOGIN, OK, OK, OK, OK, OK, OK)),
    ("/quizzes/quiz/{quiz}", (LOGIN, MISSING, OK, MISSING, OK, OK, MISSING)),
    ("/scenarios/{activity}", (LOGIN, MISSING, OK, MISSING, OK, OK, MISSING)),
    ("/teach/", (LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, OK, FORBIDDEN)),
    ("/teach/course/kh", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/teach/course/kh/questions", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/teach/course/kh/questions/new?type=essay",
     (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/teach/question/{question}", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/teach/course/kh/gift", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/teach/course/kh/gift/export", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/teach/course/kh/weakness", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/teach/course/kh/quizzes/new", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/teach/course/kh/scenarios/new",
     (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/teach/quiz/{quiz}/settings", (LOGIN, MISSING, MISSING, MISSING, OK, OK, MISSING)),
    ("/teach/quiz/{quiz}/analysis", (LOGIN, MISSING, MISSING, MISSING, OK, OK, MISSING)),
    ("/teach/quiz/{quiz}/attempts", (LOGIN, MISSING, MISSING, MISSING, OK, OK, MISSING)),
    ("/teach/scenario/{activity}", (LOGIN, MISSING, MISSING, MISSING, OK, OK, MISSING)),
    ("/teach/scenario/{activity}/stats", (LOGIN, MISSING, MISSING, MISSING, OK, OK, MISSING)),
    ("/teach/scenario/{activity}/text", (LOGIN, MISSING, MISSING, MISSING, OK, OK, MISSING)),
    ("/teach/scenario/{activity}/node/mo-dau",
     (LOGIN, MISSING, MISSING, MISSING, OK, OK, MISSING)),
    ("/teach/grading", (LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, OK, FORBIDDEN)),
    ("/gradebook/course/kh", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/gradebook/course/kh.csv", (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)),
    ("/gradebook/course/kh/mine", (LOGIN, MISSING, OK, MISSING, OK, OK, MISSING)),
]
CASES = [(url, role, expected[ROLES.index(role)]) for url, expected in MATRIX for role in ROLES]


@pytest.mark.parametrize("url, role, status", CASES)
def test_permission_matrix(client, auth, world, url, role, status):
    if role != "anonymous":
        assert auth.login(f"{role}@x.vn").status_code == 302
    target = url.format(quiz=world["quiz"].id, activity=world["activity"].id,
                        question=world["question"].id)
    assert client.get(target).status_code == status


@pytest.mark.parametrize("url", ["/teach/question/{question}/delete",
                                 "/teach/scenario/{activity}/publish",
                                 "/teach/scenario/{activity}/visibility",
                                 "/teach/scenario/{activity}/node/mo-dau/delete"])
def test_changes_by_a_lecturer_of_another_course_are_refused(client, auth, world, url):
    auth.login("other_lecturer@x.vn")
    target = url.format(question=world["question"].id, activity=world["activity"].id)
    assert client.post(target).status_code in (403, 404)
    db.session.expire_all()
    assert world["activity"].is_published and world["question"].id


def test_a_draft_course_is_closed_to_its_trainees_but_open_to_its_lecturer(client, auth,
                                                                           world):
    world["course"].status = "draft"
    db.session.commit()
    auth.login("trainee@x.vn")
    assert client.get(f"/quizzes/quiz/{world['quiz'].id}").status_code == 404
    assert client.post(f"/quizzes/quiz/{world['quiz'].id}/start").status_code == 403
    client.post("/logout")
    auth.login("lecturer@x.vn")
    assert client.get(f"/quizzes/quiz/{world['quiz'].id}").status_code == 200


def test_a_hidden_quiz_and_scenario_are_not_offered_to_trainees(client, auth, world):
    world["quiz"].is_published = False
    world["activity"].is_published = False
    db.session.commit()
    auth.login("trainee@x.vn")
    assert client.get(f"/quizzes/quiz/{world['quiz'].id}").status_code == 404
    assert client.get(f"/scenarios/{world['activity'].id}").status_code == 404
    assert client.post(f"/scenarios/{world['activity'].id}/start").status_code == 403
    text = client.get("/quizzes/my").get_data(as_text=True)
    assert "Bài kiểm tra" not in text and "Công ty chậm trả lương" not in text
