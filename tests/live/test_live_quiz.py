"""The live quiz: push, answer once, speed points and streaks, close, results, scenarios."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from lms.extensions import db
from lms.live.activity_models import QuizAnswer, QuizItem, ScenarioRun
from lms.live.grades import attendance_grades, quiz_grades
from lms.live.room import end_session
from quizzes.gradebook.services import build_gradebook
from tests import factories
from tests.live.conftest import SAMPLES

SCENARIO = (SAMPLES / "scenarios" / "cham-luong.yaml").read_text("utf-8")


@pytest.fixture
def room(classroom, connect):
    """The lecturer and the three trainees in the room, replies drained."""
    clients = [connect(classroom["lecturer"])] + [connect(t) for t in classroom["trainees"]]
    for client in clients:
        assert client.join(classroom["session"])["ok"]
    for client in clients:
        client.received()
    return clients


def push(lead, slug="tra-luong-cham", seconds=20):
    reply = lead.emit("quiz_push", {"question": slug, "seconds": seconds})
    assert reply["ok"], reply
    return reply["item"]


def age(item_id, seconds):
    """Pretend the item was pushed ``seconds`` ago."""
    item = db.session.get(QuizItem, item_id)
    item.opened_at -= timedelta(seconds=seconds)
    item.closes_at -= timedelta(seconds=seconds)
    db.session.commit()


def test_a_pushed_question_reaches_everyone_without_its_key(app, classroom, room):
    lead, an, *_ = room
    item = push(lead)
    assert item["kind"] == "question" and item["type"] == "single_choice"
    assert item["seconds"] == 20 and item["state"] == "open"
    assert [o["id"] for o in item["options"]] == [0, 1, 2]
    assert "Trả đủ lương và tiền lãi" in item["options"][1]["html"]
    sent = an.events("quiz_item")[0]
    assert sent["item"] == item and sent["server_time"]
    text = str(sent)
    assert "correct" not in text and "feedback" not in text and "Sai." not in text


def test_answers_are_recorded_once_and_scored_by_speed(app, classroom, room):
    lead, an, mai, han = room
    item = push(lead)
    age(item["id"], 10)  # half the time has gone
    reply = an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})
    assert reply == {"ok": True, "item": item["id"], "accepted": True, "duplicate": False,
                     "response": {"choice": 1}}
    assert lead.events("quiz_progress") == [{"item": item["id"], "answered": 1}]
    again = an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 0}})
    assert again["duplicate"] is True and again["response"] == {"choice": 1}
    mai.emit("quiz_answer", {"item": item["id"], "response": {"choice": 0}})
    answers = {a.user_id: a for a in db.session.scalars(sa.select(QuizAnswer))}
    first = answers[classroom["trainees"][0].id]
    assert first.is_correct and 740 <= first.points <= 760 and first.streak == 1
    assert answers[classroom["trainees"][1].id].points == 0
    assert len(answers) == 2


def test_lecturers_do_not_answer_and_bad_answers_are_explained(app, classroom, room):
    lead, an, *_ = room
    item = push(lead)
    assert lead.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})[
        "error"] == "forbidden"
    wrong_shape = an.emit("quiz_answer", {"item": item["id"], "response": {"choices": [1]}})
    assert wrong_shape["error"] == "bad_request"
    assert wrong_shape["message"] == "Câu trả lời không đúng dạng: cần đúng khóa 'choice'"
    missing = an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 7}})
    assert missing["message"] == "Câu trả lời chọn một phương án không tồn tại"
    big = an.emit("quiz_answer", {"item": item["id"], "response": {"text": "x" * 3000}})
    assert big["message"] == "Câu trả lời không đúng dạng."
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuizAnswer)) == 0


@pytest.mark.parametrize("late_by, accepted", [(0.5, True), (3, False)])
def test_the_timer_is_the_servers(app, classroom, room, late_by, accepted):
    lead, an, *_ = room
    item = push(lead, seconds=10)
    age(item["id"], 10 + late_by)
    reply = an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})
    assert reply["ok"] is accepted
    if not accepted:
        assert reply["message"] == "Đã hết giờ: câu trả lời này không được ghi nhận."
    else:  # an answer after the limit but inside the grace counts, with no speed points
        assert db.session.scalars(sa.select(QuizAnswer)).one().points == 500


def test_closing_sends_results_to_the_room_and_each_their_own(app, classroom, room):
    lead, an, mai, han = room
    item = push(lead)
    an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})
    mai.emit("quiz_answer", {"item": item["id"], "response": {"choice": 0}})
    for client in room:
        client.received()
    results = lead.emit("quiz_close", {"item": item["id"]})["results"]
    assert results["answered"] == 2
    assert [(r["key"], r["count"], r["correct"]) for r in results["distribution"]] == [
        ("0", 1, False), ("1", 1, True), ("2", 0, False)]
    assert "tiền lãi" in results["right_answer"]
    assert results["articles"][0]["label"] == "Điều 97 BLLĐ 2019"
    assert 'href="#cite-BLLĐ-2019-97"' in results["feedback"]
    assert results["leaderboard"][0]["user"]["name"] == "Nguyễn Văn An"
    assert han.events("quiz_results") == [results]
    mine = an.events("quiz_result")
    assert len(mine) == 1 and mine[0]["correct"] is True and mine[0]["rank"] == 1
    assert mai.events("quiz_result")[0]["correct"] is False
    assert han.events("quiz_result") == []  # did not answer
    assert lead.emit("quiz_close", {"item": item["id"]})["ok"]  # idempotent ...
    assert an.events("quiz_results") == []  # ... and announced once
    assert an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})[
        "duplicate"] is True
    late = han.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})
    assert late["error"] == "conflict"


def test_streaks_and_partial_credit(app, classroom, room):
    lead, an, mai, _han = room
    first = push(lead, "dung-sai-lam-them")
    an.emit("quiz_answer", {"item": first["id"], "response": {"value": False}})
    lead.emit("quiz_close", {"item": first["id"]})
    second = push(lead, "quyen-cong-doan")
    an.emit("quiz_answer", {"item": second["id"], "response": {"choices": [0, 1]}})
    mai.emit("quiz_answer", {"item": second["id"], "response": {"choices": [0]}})
    closed = lead.emit("quiz_close", {"item": second["id"]})["results"]
    assert [r["count"] for r in closed["distribution"]] == [2, 1, 0]
    answers = {a.user_id: a for a in db.session.scalars(
        sa.select(QuizAnswer).where(QuizAnswer.item_id == second["id"]))}
    an_answer = answers[classroom["trainees"][0].id]
    assert an_answer.streak == 2 and an_answer.points > 1000  # the streak bonus
    mai_answer = answers[classroom["trainees"][1].id]
    assert mai_answer.fraction == 0.5 and 450 <= mai_answer.points <= 500
    assert mai_answer.streak == 0


def test_typed_answers_are_counted_as_right_or_wrong(app, classroom, room):
    lead, an, mai, _han = room
    item = push(lead, "so-ngay-bao-truoc")
    assert "options" not in item and item["type"] == "numerical"
    an.emit("quiz_answer", {"item": item["id"], "response": {"value": "45"}})
    mai.emit("quiz_answer", {"item": item["id"], "response": {"value": "30"}})
    results = lead.emit("quiz_close", {"item": item["id"]})["results"]
    assert [(r["key"], r["count"]) for r in results["distribution"]] == [
        ("correct", 1), ("partial", 0), ("wrong", 1)]
    assert results["distribution"][0]["html"] == "Đúng"


@pytest.mark.parametrize("slug, message", [
    ("khong-co", "Câu hỏi không có trong ngân hàng của khóa học hoặc không trả lời trực tiếp được."),
    ("tu-luan", "Câu hỏi không có trong ngân hàng của khóa học hoặc không trả lời trực tiếp được."),
])
def test_questions_that_cannot_be_pushed(app, classroom, room, slug, message):
    lead, *_ = room
    assert lead.emit("quiz_push", {"question": slug, "seconds": 20})["message"] == message


def test_one_open_item_at_a_time(app, classroom, room):
    lead, *_ = room
    push(lead)
    assert lead.emit("quiz_push", {"question": "dung-sai-lam-them", "seconds": 20})[
        "message"] == "Hãy đóng câu hỏi đang mở trước."


def test_reconnecting_restores_the_item_and_ones_answer(app, classroom, room):
    lead, an, *_ = room
    item = push(lead)
    an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 2}})
    an.disconnect()
    an.reconnect()
    quiz = an.join(classroom["session"])["quiz"]
    assert quiz["item"]["id"] == item["id"] and quiz["mine"] == {"choice": 2}
    assert "results" not in quiz
    lead.emit("quiz_close", {"item": item["id"]})
    quiz = an.join(classroom["session"])["quiz"]
    assert quiz["results"]["answered"] == 1
    assert quiz["my_result"]["correct"] is False and quiz["my_result"]["rank"] == 1


def test_an_overdue_item_is_closed_when_someone_joins(app, classroom, room):
    lead, an, *_ = room
    item = push(lead, seconds=5)
    an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})
    age(item["id"], 10)
    an.received()
    quiz = an.join(classroom["session"])["quiz"]
    assert quiz["item"]["state"] == "closed" and quiz["results"]["answered"] == 1
    assert an.events("quiz_result")[0]["correct"] is True


# --- scenarios -------------------------------------------------------------------------------

def test_the_class_plays_a_scenario_following_the_majority(app, classroom, room):
    lead, an, mai, han = room
    run = lead.emit("scenario_start", {"scenario": "cham-luong"})["scenario"]
    assert run["node"]["kind"] == "situation" and 'href="#cite-BLLĐ-2019-97"' in run["node"]["html"]
    assert an.events("scenario") == [run]
    assert lead.emit("scenario_decide", {"run": run["id"]})["error"] == "conflict"
    run = lead.emit("scenario_continue", {"run": run["id"]})["scenario"]
    assert run["node"]["kind"] == "decision"
    item = lead.emit("scenario_push", {"run": run["id"], "seconds": 30})["item"]
    assert item["kind"] == "decision" and len(item["options"]) == 3
    assert "score" not in str(item) and "Đúng hướng" not in str(item)
    an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 0}})
    mai.emit("quiz_answer", {"item": item["id"], "response": {"choice": 0}})
    han.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})
    for client in room:
        client.received()
    run = lead.emit("scenario_decide", {"run": run["id"]})["scenario"]
    assert an.events("quiz_results")[0]["distribution"][0]["count"] == 2
    outcome = run["outcome"]
    assert outcome["by"] == "majority" and outcome["choice"] == 0
    assert "Đúng hướng" in outcome["feedback"] and outcome["votes"] == {"0": 2, "1": 1, "2": 0}
    assert outcome["articles"][0]["summary"].startswith("Trả lương chậm từ 15 ngày")
    assert run["node"]["kind"] == "check"
    check = lead.emit("scenario_push", {"run": run["id"], "seconds": 20})["item"]
    assert check["kind"] == "check" and check["type"] == "single_choice"
    an.emit("quiz_answer", {"item": check["id"], "response": {"choice": 1}})
    mai.emit("quiz_answer", {"item": check["id"], "response": {"choice": 0}})
    run = lead.emit("scenario_decide", {"run": run["id"]})["scenario"]
    assert run["node"]["kind"] == "end" and run["active"] is False
    assert run["result"] == {"score": 15, "max": 20, "percent": 75, "passed": True,
                             "outcome": "success"}
    assert db.session.scalars(sa.select(ScenarioRun)).one().finished_at is not None
    # decision points went to the people who picked the best choice
    points = dict(db.session.execute(sa.select(QuizAnswer.user_id, sa.func.sum(
        QuizAnswer.points)).group_by(QuizAnswer.user_id)).all())
    assert points[classroom["trainees"][0].id] > points[classroom["trainees"][2].id]


def test_the_lecturer_chooses_the_way_when_the_run_follows_the_lecturer(app, classroom, room):
    lead, an, *_ = room
    run = lead.emit("scenario_start", {"scenario": "cham-luong", "follow": "lecturer"})[
        "scenario"]
    lead.emit("scenario_continue", {"run": run["id"]})
    item = lead.emit("scenario_push", {"run": run["id"], "seconds": 30})["item"]
    an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 0}})
    refused = lead.emit("scenario_decide", {"run": run["id"]})
    assert refused["message"] == "Trong lượt chơi này, giảng viên chọn hướng đi tiếp."
    run = lead.emit("scenario_decide", {"run": run["id"], "choice": 1})["scenario"]
    assert run["outcome"]["by"] == "lecturer" and run["outcome"]["choice"] == 1
    assert run["node"]["outcome"] == "failure" and run["result"]["passed"] is False


def test_nobody_voting_leaves_the_choice_to_the_lecturer(app, classroom, room):
    lead, *_ = room
    run = lead.emit("scenario_start", {"scenario": "cham-luong"})["scenario"]
    lead.emit("scenario_continue", {"run": run["id"]})
    lead.emit("scenario_push", {"run": run["id"], "seconds": 30})
    reply = lead.emit("scenario_decide", {"run": run["id"]})
    assert reply["message"] == "Chưa ai bình chọn; hãy tự chọn hướng đi tiếp."
    assert lead.emit("scenario_decide", {"run": run["id"], "choice": 0})["ok"]


def test_one_scenario_at_a_time_and_stopping(app, classroom, room):
    lead, an, *_ = room
    run = lead.emit("scenario_start", {"scenario": "cham-luong"})["scenario"]
    assert lead.emit("scenario_start", {"scenario": "cham-luong"})["error"] == "conflict"
    assert lead.emit("scenario_push", {"run": run["id"], "seconds": 20})[
        "message"] == "Bước này không có gì để bình chọn."
    stopped = lead.emit("scenario_stop", {"run": run["id"]})["scenario"]
    assert stopped["active"] is False
    assert an.join(classroom["session"])["scenario"]["active"] is False
    assert lead.emit("scenario_continue", {"run": run["id"]})["error"] == "conflict"
    assert lead.emit("scenario_start", {"scenario": "khong-co"})["error"] == "not_found"


def test_gradebook_figures_of_a_session(app, classroom, room):
    lead, an, mai, _han = room
    first = push(lead)
    an.emit("quiz_answer", {"item": first["id"], "response": {"choice": 1}})
    mai.emit("quiz_answer", {"item": first["id"], "response": {"choice": 0}})
    lead.emit("quiz_close", {"item": first["id"]})
    second = push(lead, "quyen-cong-doan")
    an.emit("quiz_answer", {"item": second["id"], "response": {"choices": [0]}})
    lead.emit("quiz_close", {"item": second["id"]})
    open_one = push(lead, "dung-sai-lam-them")  # still open: not counted yet
    mai.emit("quiz_answer", {"item": open_one["id"], "response": {"value": False}})
    grades = {g.user_id: g for g in quiz_grades(classroom["session"].id)}
    an_grade = grades[classroom["trainees"][0].id]
    assert an_grade.percent == 75.0 and an_grade.passed is None
    assert an_grade.detail.endswith("hạng 1/2 · trả lời 2/2")
    assert grades[classroom["trainees"][1].id].percent == 0.0
    assert classroom["trainees"][2].id not in grades
    attendance = {g.user_id: g for g in attendance_grades(classroom["session"])}
    assert set(attendance) == {t.id for t in classroom["trainees"]}
    assert classroom["lecturer"].id not in attendance


def test_ending_the_session_closes_the_item_and_the_run(app, classroom, room):
    lead, an, mai, _han = room
    run = lead.emit("scenario_start", {"scenario": "cham-luong"})["scenario"]
    lead.emit("scenario_continue", {"run": run["id"]})
    item = lead.emit("scenario_push", {"run": run["id"], "seconds": 60})["item"]
    an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 0}})
    end_session(classroom["session"].id, actor=classroom["lecturer"])
    assert db.session.get(QuizItem, item["id"]).state == "closed"
    assert db.session.get(ScenarioRun, run["id"]).finished_at is not None
    late = mai.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})
    assert late["error"] == "conflict" and late["message"] == "Phiên học này đã kết thúc."


def test_questions_and_scenarios_come_from_the_course_bank(app, classroom, room):
    lead, *_ = room
    written = factories.gen_question(classroom["course"], slug="viet-tren-trinh-duyet",
                                     type="true_false", text="Câu hỏi mới soạn?")
    item = push(lead, written.slug)
    assert item["type"] == "true_false" and "Câu hỏi mới soạn?" in item["prompt"]
    lead.emit("quiz_close", {"item": item["id"]})
    other = factories.gen_question(factories.gen_quiz_course(), slug="khoa-khac")
    assert lead.emit("quiz_push", {"question": other.slug, "seconds": 20})["error"] == "not_found"
    draft = factories.gen_scenario(classroom["course"], SCENARIO.replace(
        "slug: cham-luong", "slug: ban-nhap"), published=False)
    assert lead.emit("scenario_start", {"scenario": draft.slug})["error"] == "not_found"
    slugs = [s["slug"] for s in lead.join(classroom["session"])["lead"]["scenarios"]]
    assert slugs == ["cham-luong"]


def test_scores_and_attendance_go_to_the_course_gradebook(app, classroom, room):
    lead, an, mai, _han = room
    item = push(lead)
    an.emit("quiz_answer", {"item": item["id"], "response": {"choice": 1}})
    mai.emit("quiz_answer", {"item": item["id"], "response": {"choice": 0}})
    lead.emit("quiz_close", {"item": item["id"]})
    book = build_gradebook(classroom["course"])
    column = [i.key for i in book.items].index(f"live:{classroom['session'].id}")
    assert book.items[column].kind == "live_quiz"
    cells = {row.user.full_name: row.cells[column] for row in book.rows}
    assert cells["Nguyễn Văn An"].percent == 100.0 and cells["Hoàng Thị Mai"].percent == 0.0
    assert "hạng 1/2" in cells["Nguyễn Văn An"].detail
    assert cells["Lý Thị Hân"].exists is False  # did not answer
    end_session(classroom["session"].id, actor=classroom["lecturer"])
    book = build_gradebook(classroom["course"])
    keys = [i.key for i in book.items]
    assert f"attendance:{classroom['session'].id}" in keys
    column = keys.index(f"attendance:{classroom['session'].id}")
    attendance = {row.user.full_name: row.cells[column] for row in book.rows}
    assert set(attendance) == {"Nguyễn Văn An", "Hoàng Thị Mai", "Lý Thị Hân"}
    assert all(cell.exists for cell in attendance.values())
