"""Playing a scenario over HTTP: plain forms, feedback with citations, reload, back, stale
forms, and the trainee's own path review."""
from pathlib import Path

import pytest
import sqlalchemy as sa

from courses.contentfiles.tree import read_content
from lms.extensions import db
from quizzes.models import ScenarioPlay, ScenarioStep
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8")


@pytest.fixture
def activity(app, auth):
    factories.gen_laws(read_content(ROOT / "content").laws)
    trainee = factories.gen_user(email="hv@x.vn")
    course = factories.gen_quiz_course(modules=("tien-luong",))
    factories.gen_enrolment(course, trainee)
    factories.gen_question(course, slug="tra-luong-cham-lai", type="true_false",
                           data={"answer": True, "feedback_true": "Đúng [[BLLĐ-2019:97]]"})
    auth.login("hv@x.vn")
    return factories.gen_scenario(course, SAMPLE)


def play_id(client, activity):
    response = client.post(f"/scenarios/{activity.id}/start")
    return int(response.headers["Location"].rsplit("/", 1)[1])


def act(client, pid, action, node, step, **extra):
    return client.post(f"/scenarios/play/{pid}/{action}", data={"node": node, "step": step,
                                                               **extra})


def test_a_run_from_start_to_end_with_feedback_and_path_review(client, activity):
    pid = play_id(client, activity)
    first = client.get(f"/scenarios/play/{pid}").get_data(as_text=True)
    assert "Sáng thứ Hai ở xưởng may" in first and 'class="cite"' in first
    act(client, pid, "continue", "mo-dau", 0)
    chose = act(client, pid, "choose", "chon-cach-xu-ly", 0, choice="0")
    page = client.get(chose.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="feedback"' in page and "Đúng hướng" in page
    assert "khoản 4 Điều 97" in page  # the citation in the feedback is rendered
    assert "Giám đốc hứa trả lương" in page
    act(client, pid, "choose", "cong-ty-tra-loi", 1, choice="1")
    end = act(client, pid, "check", "kiem-tra-nhanh", 2, q0="true")
    assert "/path" in end.headers["Location"]
    review = client.get(end.headers["Location"]).get_data(as_text=True)
    assert "Công nhân nhận đủ lương và lãi" in review and "Kết cục tốt" in review
    assert review.count('data-testid="path-step"') == 3
    assert 'data-testid="articles"' in review and "Kỳ hạn trả lương" in review


def test_reload_keeps_the_place_and_a_resent_form_changes_nothing(client, activity):
    pid = play_id(client, activity)
    act(client, pid, "continue", "mo-dau", 0)
    act(client, pid, "choose", "chon-cach-xu-ly", 0, choice="1")
    again = act(client, pid, "choose", "chon-cach-xu-ly", 0, choice="0")
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Bước đó đã được ghi nhận" in page and "công ty dọa kỷ luật" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ScenarioStep)) == 1
    resumed = client.post(f"/scenarios/{activity.id}/start")
    assert resumed.headers["Location"].endswith(f"/scenarios/play/{pid}")


def test_back_goes_to_the_previous_decision_and_the_path_shows_it_undone(client, activity):
    pid = play_id(client, activity)
    act(client, pid, "continue", "mo-dau", 0)
    act(client, pid, "choose", "chon-cach-xu-ly", 0, choice="2")
    act(client, pid, "back", "cho-doi", 1)
    page = client.get(f"/scenarios/play/{pid}").get_data(as_text=True)
    assert "Chủ tịch CĐCS nên làm gì trước tiên?" in page
    review = client.get(f"/scenarios/play/{pid}/path").get_data(as_text=True)
    assert "đã hoàn tác" in review


@pytest.mark.parametrize("data", [{"node": "chon-cach-xu-ly"}, {"step": "0"},
                                  {"node": "chon-cach-xu-ly", "step": "x"}])
def test_a_malformed_step_form_is_refused(client, activity, data):
    pid = play_id(client, activity)
    assert client.post(f"/scenarios/play/{pid}/choose", data={**data, "choice": "0"}
                       ).status_code == 400


def test_someone_elses_run_is_not_found(client, auth, activity):
    pid = play_id(client, activity)
    client.post("/logout")
    factories.gen_user(email="khac@x.vn")
    auth.login("khac@x.vn")
    assert client.get(f"/scenarios/play/{pid}").status_code == 404
    assert act(client, pid, "continue", "mo-dau", 0).status_code == 404
    assert client.get(f"/scenarios/play/{pid}/path").status_code == 404
    db.session.expire_all()
    assert db.session.get(ScenarioPlay, pid).engine_state["node"] == "mo-dau"
