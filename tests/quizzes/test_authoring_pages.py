"""Authoring in the browser: the question editor per type, quiz settings, scenario editor."""
from pathlib import Path

import pytest
import sqlalchemy as sa

from courses.contentfiles.tree import read_content
from lms.extensions import db
from lms.models import AuditLog
from quizzes.models import Question, Quiz, ScenarioActivity
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8")


@pytest.fixture
def course(app, auth):
    lecturer = factories.gen_user(role="lecturer", email="gv@x.vn")
    factories.gen_laws(read_content(ROOT / "content").laws)
    course = factories.gen_quiz_course(slug="kh", lecturers=[lecturer],
                                  modules=("tien-luong", "hop-dong"))
    auth.login("gv@x.vn")
    return course


COMMON = {"title": "Trả lương chậm", "category": "Tiền lương", "points": "2",
          "text": "Công ty trả lương chậm 20 ngày [[BLLĐ-2019:97]]", "tags": "lương, lãi",
          "citations": "BLLĐ-2019:97.4", "feedback": "Xem [[BLLĐ-2019:97]]"}
PER_TYPE = [
    ("single_choice", {"opt_text": ["Không phải trả gì", "Trả thêm tiền lãi", ""],
                       "opt_feedback": ["Sai", "Đúng", ""], "opt_correct": "1"},
     lambda data: data["options"][1]["correct"] is True),
    ("multiple_choice", {"opt_text": ["A", "B", "C"], "opt_weight": ["50", "50", "-100"],
                         "opt_feedback": ["", "", ""]},
     lambda data: [o["weight"] for o in data["options"]] == [50, 50, -100]),
    ("true_false", {"answer": "false", "feedback_true": "Sai rồi", "feedback_false": ""},
     lambda data: data["answer"] is False and data["feedback_true"] == "Sai rồi"),
    ("short_answer", {"ans_text": ["công đoàn cơ sở", "CĐCS", ""], "ans_weight": ["", "80", ""],
                      "ans_feedback": ["", "", ""]},
     lambda data: data["answers"][1] == {"text": "CĐCS", "weight": 80}),
    ("numerical", {"num_value": ["12,5", ""], "num_tolerance": ["0,5", ""],
                   "num_weight": ["", ""], "num_feedback": ["", ""]},
     lambda data: data["answers"] == [{"value": 12.5, "tolerance": 0.5}]),
    ("matching", {"pair_left": ["Lương", "Giờ làm", ""], "pair_right": ["Điều 90", "Điều 105", ""]},
     lambda data: len(data["pairs"]) == 2),
    ("ordering", {"item_text": ["Một", "Hai", "Ba", ""]},
     lambda data: data["items"] == ["Một", "Hai", "Ba"]),
    ("essay", {"rubric": "Nêu đủ ba ý", "min_words": "50"},
     lambda data: data == {"rubric": "Nêu đủ ba ý", "min_words": 50}),
]


@pytest.mark.parametrize("qtype, rows, check", PER_TYPE, ids=[t[0] for t in PER_TYPE])
def test_the_editor_creates_each_type_of_question(client, course, qtype, rows, check):
    response = client.post(f"/teach/course/kh/questions/new?type={qtype}",
                           data={**COMMON, **rows})
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    question = db.session.scalar(sa.select(Question))
    assert (question.type, question.slug, question.category, question.points) == (
        qtype, "tra-luong-cham", "Tiền lương", 2)
    assert question.tags == ["lương", "lãi"] and question.citations == ["BLLĐ-2019:97.4"]
    assert check(question.data), question.data
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Học viên thấy như sau" in page and "phiên bản 1" in page


@pytest.mark.parametrize("rows, message", [
    ({"opt_text": ["A", "B"], "opt_feedback": ["", ""]}, "phải có đúng một phương án đúng"),
    ({"opt_text": ["A", "a"], "opt_feedback": ["", ""], "opt_correct": "0"}, "trùng"),
    ({"opt_text": ["A", "B"], "opt_feedback": ["[[BLLĐ-2019:999]]", ""], "opt_correct": "0"},
     "không có Điều 999"),
])
def test_a_wrong_question_is_refused_with_every_problem_and_nothing_saved(client, course, rows,
                                                                          message):
    response = client.post("/teach/course/kh/questions/new?type=single_choice",
                           data={**COMMON, **rows})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == 0


def test_editing_bumps_the_version_and_keeps_the_slug(client, course):
    question = factories.gen_question(course, slug="giu-nguyen", type="true_false")
    response = client.post(f"/teach/question/{question.id}",
                           data={**COMMON, "slug": "doi-ten", "answer": "false"})
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Question, question.id)
    assert (stored.slug, stored.version, stored.data["answer"]) == ("giu-nguyen", 2, False)


def test_a_question_used_by_a_quiz_cannot_be_deleted(client, course):
    question = factories.gen_question(course, slug="dang-dung")
    factories.gen_quiz(course, [question], title="Kiểm tra chương 1")
    response = client.post(f"/teach/question/{question.id}/delete", follow_redirects=True)
    assert "Kiểm tra chương 1" in response.get_data(as_text=True)
    assert db.session.get(Question, question.id) is not None
    spare_id = factories.gen_question(course, slug="khong-dung").id
    client.post(f"/teach/question/{spare_id}/delete")
    assert db.session.scalar(sa.select(Question.id).where(Question.id == spare_id)) is None


def quiz_form(**overrides):
    data = {"slug": "kiem-tra-1", "title": "Kiểm tra 1", "module": "hop-dong",
            "time_limit_minutes": "15", "attempts_allowed": "2", "grading_method": "last",
            "pass_mark": "70", "overdue_policy": "discard", "shuffle_options": "y",
            "is_published": "y", "use": ["mot", "hai"], "order-hai": "1", "order-mot": "2",
            "points-mot": "3", "random_category": ["Ngẫu nhiên", ""],
            "random_count": ["2", ""], "review-immediately-marks": "1",
            "review-after_close-right_answer": "1", "opens_at": "2026-12-01T08:00"}
    data.update(overrides)
    return data


def test_quiz_settings_are_saved_with_questions_draws_and_review_options(client, course):
    factories.gen_question(course, slug="mot")
    factories.gen_question(course, slug="hai")
    for n in range(3):
        factories.gen_question(course, slug=f"nn-{n}", category="Ngẫu nhiên")
    response = client.post("/teach/course/kh/quizzes/new", data=quiz_form())
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    quiz = db.session.scalar(sa.select(Quiz))
    assert quiz.questions == [{"slug": "hai"}, {"slug": "mot", "points": 3},
                              {"random": "Ngẫu nhiên", "count": 2}]
    assert quiz.review["immediately"] == ["marks"] and quiz.review["during"] == []
    assert (quiz.grading_method, quiz.overdue_policy, quiz.pass_mark) == ("last", "discard", 70)
    assert quiz.opens_at.hour == 1  # 08:00 in Hà Nội is 01:00 UTC
    assert quiz.module.slug == "hop-dong"
    page = client.get(f"/teach/quiz/{quiz.id}/settings").get_data(as_text=True)
    assert 'value="2026-12-01T08:00"' in page


@pytest.mark.parametrize("overrides, message", [
    ({"use": ["khong-co"], "random_category": ["Ngẫu nhiên"], "random_count": ["9"]},
     "chỉ còn 3 câu"),
    ({"use": [], "random_category": [""], "random_count": [""]}, "ít nhất một câu hỏi"),
    ({"closes_at": "2026-11-30T08:00"}, "phải sau thời điểm mở"),
    ({"opens_at": "không phải ngày"}, "2026-12-01T08:00"),
])
def test_a_wrong_quiz_is_refused_and_nothing_saved(client, course, overrides, message):
    factories.gen_question(course, slug="mot")
    factories.gen_question(course, slug="hai")
    for n in range(3):
        factories.gen_question(course, slug=f"nn-{n}", category="Ngẫu nhiên")
    response = client.post("/teach/course/kh/quizzes/new", data=quiz_form(**overrides))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Quiz)) == 0


def test_scenario_editor_validates_the_draft_and_publishes_only_when_valid(client, course):
    factories.gen_question(course, slug="tra-luong-cham-lai", type="true_false")
    client.post("/teach/course/kh/scenarios/new",
                data={"slug": "moi", "title": "Tình huống mới", "module": "tien-luong"})
    activity = db.session.scalar(sa.select(ScenarioActivity))
    assert not activity.is_published
    page = client.get(f"/teach/scenario/{activity.id}").get_data(as_text=True)
    assert "<svg" in page and "Không có lỗi" in page
    # A new end node nothing leads to: saved in the draft, reported, publishing refused.
    client.post(f"/teach/scenario/{activity.id}/node",
                data={"id": "bo-quen", "kind": "end", "outcome": "partial", "title": "Lạc"})
    page = client.get(f"/teach/scenario/{activity.id}").get_data(as_text=True)
    assert "Nút &#39;bo-quen&#39;: không đi tới được" in page
    client.post(f"/teach/scenario/{activity.id}/publish")
    db.session.expire_all()
    assert "bo-quen" not in db.session.get(ScenarioActivity, activity.id).definition
    # Point a choice at it, then publish.
    response = client.post(f"/teach/scenario/{activity.id}/node/quyet-dinh", data={
        "id": "quyet-dinh", "kind": "decision", "prompt": "Làm gì?",
        "choice_text": ["Đúng luật", "Sai luật", "Chờ xem"],
        "choice_to": ["ket-thuc-tot", "ket-thuc-xau", "bo-quen"],
        "choice_score": ["10", "-5", "0"], "choice_effects": ["", "", ""],
        "choice_feedback": ["Đúng [[BLLĐ-2019:97]]", "Sai", "Chưa rõ"],
        "choice_when": ["", "", ""]})
    assert response.status_code == 302
    client.post(f"/teach/scenario/{activity.id}/publish")
    db.session.expire_all()
    published = db.session.get(ScenarioActivity, activity.id)
    assert "bo-quen" in published.definition and published.draft is None
    assert published.version == 2
    assert db.session.scalar(sa.select(AuditLog.action).where(
        AuditLog.action == "scenario.published"))


@pytest.mark.parametrize("form, message", [
    ({"id": "Sai Mã", "kind": "end", "outcome": "success"}, "Mã nút"),
    ({"id": "x", "kind": "decision", "prompt": "?", "choice_text": ["A"],
      "choice_to": [""], "choice_score": ["mười"]}, "phải là một số nguyên"),
    ({"id": "x", "kind": "decision", "prompt": "?", "choice_text": ["A"], "choice_to": ["y"],
      "choice_effects": ["trust+1"]}, "tên=số"),
])
def test_the_node_editor_explains_bad_input(client, course, form, message):
    activity = factories.gen_scenario(course, SAMPLE.replace("tien-luong", "tien-luong"))
    response = client.post(f"/teach/scenario/{activity.id}/node", data=form)
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_the_text_editor_keeps_a_broken_draft_and_lists_problems_with_lines(client, course):
    activity = factories.gen_scenario(course, SAMPLE)
    broken = SAMPLE.replace("next: chon-cach-xu-ly", "next: khong-co-nut", 1)
    response = client.post(f"/teach/scenario/{activity.id}/text", data={"text": broken})
    text = response.get_data(as_text=True)
    assert "không có nút &#39;khong-co-nut&#39;" in text and "Dòng 19: Nút &#39;mo-dau&#39;" in text
    db.session.expire_all()
    stored = db.session.get(ScenarioActivity, activity.id)
    assert stored.draft == broken and stored.definition == SAMPLE


def test_renaming_a_node_updates_what_pointed_at_it(client, course):
    factories.gen_question(course, slug="tra-luong-cham-lai", type="true_false")
    activity = factories.gen_scenario(course, SAMPLE)
    client.post(f"/teach/scenario/{activity.id}/node/cho-doi", data={
        "id": "doi-them", "kind": "situation", "text": "Một tuần trôi qua.",
        "edge_to": ["chon-cach-xu-ly"], "edge_when": [""]})
    page = client.get(f"/teach/scenario/{activity.id}").get_data(as_text=True)
    assert "Không có lỗi" in page and "doi-them" in page
