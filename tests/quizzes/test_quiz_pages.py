"""Taking a quiz over HTTP: autosave JSON, replays, deadlines, submit, review, and the
answer-key leak test (every response a trainee receives is searched for the key)."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from lms.extensions import db
from lms.timeutil import utcnow
from quizzes.models import QuizAttempt
from tests import factories

SECRETS = {
    "single_choice": {"options": [
        {"text": "Phương án A", "feedback": "BIMAT-SC-SAI"},
        {"text": "Phương án B", "correct": True, "feedback": "BIMAT-SC-DUNG"}]},
    "multiple_choice": {"options": [
        {"text": "Ý một", "weight": 37, "feedback": "BIMAT-MC-1"},
        {"text": "Ý hai", "weight": 63}, {"text": "Ý ba", "weight": -41}]},
    "true_false": {"answer": False, "feedback_true": "BIMAT-TF-T",
                   "feedback_false": "BIMAT-TF-F"},
    "short_answer": {"answers": [{"text": "khoabimatngan", "feedback": "BIMAT-SA"}]},
    "numerical": {"answers": [{"value": 98765.4321, "tolerance": 0.5,
                               "feedback": "BIMAT-NUM"}]},
    "matching": {"pairs": [{"left": "Trái một", "right": "Phải một"},
                           {"left": "Trái hai", "right": "Phải hai"},
                           {"left": "Trái ba", "right": "Phải ba"}]},
    "ordering": {"items": ["Bước thứ nhất", "Bước thứ hai", "Bước thứ ba", "Bước thứ tư"]},
    "essay": {"rubric": "BIMAT-RUBRIC", "min_words": 5},
}
KEY_MARKERS = ["BIMAT-", "khoabimatngan", "98765.4321", "98765,4321", "-41", "Đáp án đúng",
               "Thứ tự đúng",
               "Các cặp đúng", "\"correct\":", "\"weight\":", "\"answer\":", "rubric",
               "data-correct", "data-weight"]


@pytest.fixture
def quiz_world(app):
    lecturer = factories.gen_user(role="lecturer", email="gv@x.vn")
    trainee = factories.gen_user(email="hv@x.vn")
    course = factories.gen_quiz_course(lecturers=[lecturer])
    factories.gen_enrolment(course, trainee)
    questions = [factories.gen_question(course, slug=name.replace("_", "-"), type=name,
                                        data=data, feedback=f"BIMAT-GENERAL-{name}")
                 for name, data in SECRETS.items()]
    review = {"during": [], "immediately": [], "later": [], "after_close": []}
    quiz = factories.gen_quiz(course, questions, time_limit_minutes=30, review=review,
                              shuffle_options=True)
    return {"course": course, "quiz": quiz, "trainee": trainee, "lecturer": lecturer}


def start(client, auth, quiz):
    auth.login("hv@x.vn")
    response = client.post(f"/quizzes/quiz/{quiz.id}/start")
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def save(client, attempt_id, seq, slots):
    return client.post(f"/quizzes/attempt/{attempt_id}/save", json={"seq": seq, "slots": slots},
                       headers={"Accept": "application/json"})


def positions(attempt_id):
    attempt = db.session.get(QuizAttempt, attempt_id)
    return {slot.snapshot["type"]: slot.position for slot in attempt.slots}


def right_answers(attempt_id):
    pos = positions(attempt_id)
    return {
        str(pos["single_choice"]): {f"q{pos['single_choice']}": ["1"]},
        str(pos["multiple_choice"]): {f"q{pos['multiple_choice']}": ["0", "1"]},
        str(pos["true_false"]): {f"q{pos['true_false']}": ["false"]},
        str(pos["short_answer"]): {f"q{pos['short_answer']}": ["KHOABIMATNGAN"]},
        str(pos["numerical"]): {f"q{pos['numerical']}": ["98765,6"]},
        str(pos["matching"]): {f"q{pos['matching']}-{i}": [str(i)] for i in range(3)},
        str(pos["ordering"]): {f"q{pos['ordering']}": ["0,1,2,3"]},
        str(pos["essay"]): {f"q{pos['essay']}": ["Một bài viết ngắn đủ năm chữ."]},
    }


def leaks(text):
    return [marker for marker in KEY_MARKERS if marker in text]


def test_no_response_during_an_attempt_carries_the_answer_key(client, auth, quiz_world):
    quiz, course = quiz_world["quiz"], quiz_world["course"]
    seen = []
    attempt_id = start(client, auth, quiz)
    seen.append(client.get(f"/quizzes/quiz/{quiz.id}"))
    page = client.get(f"/quizzes/attempt/{attempt_id}")
    seen.append(page)
    answers = right_answers(attempt_id)
    seen.append(save(client, attempt_id, 1, answers))
    seen.append(save(client, attempt_id, 1, answers))           # a replay
    wrong = {key: {name: ["0"] for name in fields} for key, fields in answers.items()}
    seen.append(save(client, attempt_id, 2, wrong))            # wrong answers, bad values
    seen.append(save(client, attempt_id, 3, answers))
    seen.append(client.get(f"/quizzes/attempt/{attempt_id}"))  # reload with saved answers
    seen += [client.get("/quizzes/my"), client.get("/home"),
             client.get(f"/gradebook/course/{course.slug}/mine")]
    submit = client.post(f"/quizzes/attempt/{attempt_id}/submit", data={})
    seen.append(client.get(submit.headers["Location"]))        # review: nothing allowed
    seen.append(client.get(f"/quizzes/quiz/{quiz.id}"))
    found = {response.request.path: leaks(response.get_data(as_text=True)) for response in seen}
    assert all(not markers for markers in found.values()), found
    assert all(response.status_code < 500 for response in seen)
    ordering_html = page.get_data(as_text=True)
    shown = re.findall(r"Bước thứ (nhất|hai|ba|tư)", ordering_html)
    assert shown and shown != ["nhất", "hai", "ba", "tư"]  # never shown in the right order


def test_the_review_shows_the_key_once_the_options_allow_it(client, auth, quiz_world):
    quiz = quiz_world["quiz"]
    quiz.review = {"during": [], "immediately": ["correctness", "marks", "feedback",
                                                  "right_answer"], "later": [],
                   "after_close": []}
    db.session.commit()
    attempt_id = start(client, auth, quiz)
    save(client, attempt_id, 1, right_answers(attempt_id))
    client.post(f"/quizzes/attempt/{attempt_id}/submit", data={})
    text = client.get(f"/quizzes/attempt/{attempt_id}/review").get_data(as_text=True)
    for shown in ("BIMAT-SC-DUNG", "BIMAT-GENERAL-numerical", "BIMAT-NUM", "Đáp án đúng"):
        assert shown in text
    assert "BIMAT-RUBRIC" not in text  # the rubric is for graders only, always
    attempt = db.session.get(QuizAttempt, attempt_id)
    attempt.submitted_at = utcnow() - timedelta(minutes=5)  # "later": nothing allowed
    db.session.commit()
    later = client.get(f"/quizzes/attempt/{attempt_id}/review").get_data(as_text=True)
    assert not leaks(later)


def test_autosave_replies_after_the_commit_and_refuses_replays(client, auth, quiz_world):
    attempt_id = start(client, auth, quiz_world["quiz"])
    pos = positions(attempt_id)["true_false"]
    first = save(client, attempt_id, 1, {str(pos): {f"q{pos}": ["true"]}})
    assert first.status_code == 200 and first.json["seq"] == 1 and first.json["saved"]
    db.session.expire_all()
    assert db.session.get(QuizAttempt, attempt_id).last_seq == 1
    replay = save(client, attempt_id, 1, {str(pos): {f"q{pos}": ["false"]}})
    assert replay.status_code == 409 and replay.json["code"] == "replayed"
    assert "đã được lưu" in replay.json["error"]
    bad = save(client, attempt_id, 2, {"99": {"q99": ["1"]}})
    assert bad.status_code == 400
    number = save(client, attempt_id, 3, {str(pos): {f"q{pos}": ["bogus"]}})
    assert number.status_code == 200 and number.json["problems"][str(pos)]


def test_a_save_after_the_deadline_is_refused_with_the_review_address(client, auth, quiz_world):
    attempt_id = start(client, auth, quiz_world["quiz"])
    attempt = db.session.get(QuizAttempt, attempt_id)
    attempt.deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    late = save(client, attempt_id, 1, {})
    assert late.status_code == 409 and late.json["code"] == "closed"
    assert late.json["redirect"].endswith(f"/quizzes/attempt/{attempt_id}/review")
    assert "Hết giờ" in late.json["error"]
    page = client.get(f"/quizzes/attempt/{attempt_id}")
    assert page.status_code == 302


def test_the_attempt_page_is_a_form_that_works_without_javascript(client, auth, quiz_world):
    attempt_id = start(client, auth, quiz_world["quiz"])
    pos = positions(attempt_id)
    form = {f"q{pos['true_false']}": "false", f"q{pos['single_choice']}": "1",
            f"q{pos['numerical']}": "98765,4", f"q{pos['essay']}": "Bài viết của tôi",
            "based_on": "0"}
    response = client.post(f"/quizzes/attempt/{attempt_id}/submit", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    attempt = db.session.get(QuizAttempt, attempt_id)
    assert attempt.state == "submitted" and attempt.needs_grading  # the essay waits
    by_type = {s.snapshot["type"]: s for s in attempt.slots}
    assert by_type["numerical"].grade_state == "correct"
    assert by_type["short_answer"].grade_state == "unanswered"


def test_a_stale_window_does_not_overwrite_newer_saved_answers(client, auth, quiz_world):
    attempt_id = start(client, auth, quiz_world["quiz"])
    pos = positions(attempt_id)["true_false"]
    save(client, attempt_id, 4, {str(pos): {f"q{pos}": ["false"]}})
    client.post(f"/quizzes/attempt/{attempt_id}/submit",
                data={f"q{pos}": "true", "based_on": "2"})
    db.session.expire_all()
    slot = next(s for s in db.session.get(QuizAttempt, attempt_id).slots if s.position == pos)
    assert slot.response == {"value": False} and slot.attempt.state == "submitted"


def test_someone_elses_attempt_is_not_found(client, auth, quiz_world):
    attempt_id = start(client, auth, quiz_world["quiz"])
    client.post("/logout")
    other = factories.gen_user(email="khac@x.vn")
    factories.gen_enrolment(quiz_world["course"], other)
    auth.login("khac@x.vn")
    for url in (f"/quizzes/attempt/{attempt_id}", f"/quizzes/attempt/{attempt_id}/review"):
        assert client.get(url).status_code == 404
    assert save(client, attempt_id, 1, {}).status_code == 404
    assert client.post(f"/quizzes/attempt/{attempt_id}/submit").status_code == 404
    db.session.expire_all()
    assert db.session.scalar(sa.select(QuizAttempt.state)) == "in_progress"


def test_the_quiz_page_shows_rules_attempts_and_hides_marks_until_allowed(client, auth,
                                                                          quiz_world):
    quiz = quiz_world["quiz"]
    attempt_id = start(client, auth, quiz)
    client.post(f"/quizzes/attempt/{attempt_id}/submit", data={})
    text = client.get(f"/quizzes/quiz/{quiz.id}").get_data(as_text=True)
    assert "30 phút" in text and "Chưa hiển thị" in text and "Bắt đầu lần làm mới" in text


def test_the_during_options_show_correctness_and_marks_as_the_trainee_saves(client, auth,
                                                                            quiz_world):
    quiz = quiz_world["quiz"]
    quiz.review = {"during": ["correctness", "marks"], "immediately": [], "later": [],
                   "after_close": []}
    db.session.commit()
    attempt_id = start(client, auth, quiz)
    pos = positions(attempt_id)["true_false"]
    reply = save(client, attempt_id, 1, {str(pos): {f"q{pos}": ["false"]}})
    assert reply.json["during"] == {str(pos): {"state": "Đúng", "mark": "1/1"}}
    page = client.get(f"/quizzes/attempt/{attempt_id}").get_data(as_text=True)
    assert "state-correct" in page and not leaks(page)
