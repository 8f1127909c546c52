"""CSRF on autosave and submit, and author Markdown that tries to inject script."""
import re

import pytest
import sqlalchemy as sa

from lms.extensions import db
from quizzes.models import Question, Quiz
from tests import factories
from tests.conftest import make_app

HOSTILE = ("Câu hỏi <script>alert(1)</script> [bấm](javascript:alert(2)) "
           "<img src=x onerror=alert(3)> [[BLLĐ-2019:97]]")


@pytest.fixture
def csrf_app(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        trainee = factories.gen_user(email="hv@x.vn")
        course = factories.gen_quiz_course()
        factories.gen_enrolment(course, trainee)
        question = factories.gen_question(course, type="true_false", text=HOSTILE,
                                          data={"answer": True, "feedback_true": HOSTILE})
        quiz = factories.gen_quiz(course, [question])
        quiz_id = quiz.id
    app.quiz_id = quiz_id
    return app


def token_of(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def test_autosave_and_submit_need_the_csrf_token(csrf_app):
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": "hv@x.vn", "password": factories.PASSWORD,
                                "csrf_token": token_of(page)})
    quiz_page = client.get(f"/quizzes/quiz/{csrf_app.quiz_id}").get_data(as_text=True)
    assert client.post(f"/quizzes/quiz/{csrf_app.quiz_id}/start").status_code == 400
    started = client.post(f"/quizzes/quiz/{csrf_app.quiz_id}/start",
                          data={"csrf_token": token_of(quiz_page)})
    attempt_url = started.headers["Location"]
    token = token_of(client.get(attempt_url).get_data(as_text=True))
    body = {"seq": 1, "slots": {"1": {"q1": ["true"]}}}
    assert client.post(attempt_url + "/save", json=body).status_code == 400
    saved = client.post(attempt_url + "/save", json=body, headers={"X-CSRFToken": token})
    assert saved.status_code == 200 and saved.json["seq"] == 1
    assert client.post(attempt_url + "/submit", data={"based_on": "1"}).status_code == 400


def test_hostile_markdown_is_sanitised_on_every_page(csrf_app):
    with csrf_app.app_context():
        lecturer = factories.gen_user(email="gv@x.vn", role="lecturer")
        quiz = db.session.get(Quiz, csrf_app.quiz_id)
        quiz.course.lecturers.append(lecturer)
        quiz.review = {"during": ["feedback"]}
        question_id = db.session.scalar(sa.select(Question.id))
        db.session.commit()
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": "gv@x.vn", "password": factories.PASSWORD,
                                "csrf_token": token_of(page)})
    quiz_page = client.get(f"/quizzes/quiz/{csrf_app.quiz_id}").get_data(as_text=True)
    started = client.post(f"/quizzes/quiz/{csrf_app.quiz_id}/start",
                          data={"csrf_token": token_of(quiz_page)})
    attempt_url = started.headers["Location"]
    token = token_of(client.get(attempt_url).get_data(as_text=True))
    client.post(attempt_url + "/save", json={"seq": 1, "slots": {"1": {"q1": ["true"]}}},
                headers={"X-CSRFToken": token})
    pages = [client.get(attempt_url).get_data(as_text=True),
             client.get(f"/teach/question/{question_id}").get_data(as_text=True)]
    assert pages[0].count("Câu hỏi") >= 2  # the text and its feedback are shown ...
    for html in pages:  # ... without anything that runs (editable source is plain text)
        body = re.sub(r"<textarea.*?</textarea>|value=\"[^\"]*\"", "",
                      html.split("<main", 1)[1].split("</main>")[0], flags=re.S)
        assert "<script" not in body and "javascript:" not in body
        assert "onerror" not in body and "alert(3)" not in body
