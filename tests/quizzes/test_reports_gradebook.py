"""Reports and grades: item analysis, weakness by article, path statistics, gradebook and
its write API, CSV export, and the overdue job run with no client."""
from datetime import date, timedelta
from pathlib import Path

import pytest

from lms.extensions import db
from lms.timeutil import utcnow
from quizzes import attempts, jobs, plays, reports
from quizzes.gradebook import services as gradebook
from quizzes.models import QuizAttempt, ScenarioActivity
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8")


@pytest.fixture
def world(app):
    lecturer = factories.gen_user(role="lecturer", email="gv@x.vn")
    course = factories.gen_quiz_course(slug="kh", lecturers=[lecturer], modules=("tien-luong",))
    easy = factories.gen_question(course, slug="de", type="true_false",
                                  citations=["BLLĐ-2019:90"])
    hard = factories.gen_question(course, slug="kho", type="single_choice",
                                  citations=["BLLĐ-2019:97.4"])
    quiz = factories.gen_quiz(course, [easy, hard], title="Kiểm tra lương", pass_mark=60)
    trainees = [factories.gen_user(email=f"hv{n}@x.vn", full_name=f"Học viên {n}")
                for n in range(4)]
    for n, trainee in enumerate(trainees):
        factories.gen_enrolment(course, trainee)
        attempt = attempts.start_attempt(quiz.id, user=trainee, now=utcnow())
        hard_right = "1" if n == 3 else "0"
        attempts.submit_attempt(attempt.id, user_id=trainee.id, now=utcnow(), slots={
            "1": {"q1": ["true"]}, "2": {"q2": [hard_right]}})
    return {"course": course, "quiz": quiz, "trainees": trainees, "lecturer": lecturer}


def test_item_analysis_counts_facility_and_distribution(world):
    rows = {row.stats.question_slug: row for row in reports.item_rows(world["quiz"])}
    assert rows["de"].stats.facility == 100 and rows["kho"].stats.facility == 25
    assert dict(rows["kho"].stats.distribution) == {"Sai": 3, "Đúng": 1}
    assert rows["kho"].right_answer == "Đáp án đúng: Đúng"


def test_item_analysis_page_for_the_lecturer(client, auth, world):
    auth.login("gv@x.vn")
    text = client.get(f"/teach/quiz/{world['quiz'].id}/analysis").get_data(as_text=True)
    assert text.count('data-testid="item-row"') == 2 and "Độ dễ 25%" in text


def test_weakness_puts_the_worst_known_article_first(client, auth, world):
    weak = reports.weakness(world["course"].id)
    assert [w.article for w in weak] == ["BLLĐ-2019:97", "BLLĐ-2019:90"]
    assert weak[0].mean_fraction == 0.25
    auth.login("gv@x.vn")
    text = client.get("/teach/course/kh/weakness").get_data(as_text=True)
    assert text.index("BLLĐ-2019:97") < text.index("BLLĐ-2019:90")


def test_gradebook_rows_pass_fail_and_csv(client, auth, world):
    gradebook.record_grade(course_id=world["course"].id, key="live:1", title="Buổi học trực tuyến",
                           kind="live_quiz", user_id=world["trainees"][0].id, percent=90,
                           pass_mark=50)
    book = gradebook.build_gradebook(world["course"])
    assert {item.title for item in book.items} == {"Buổi học trực tuyến", "Kiểm tra lương"}
    rows = {row.user.email: row for row in book.rows}
    assert rows["hv3@x.vn"].passed is False  # passed the quiz, no live grade yet
    assert rows["hv0@x.vn"].passed_count == 1
    auth.login("gv@x.vn")
    csv = client.get("/gradebook/course/kh.csv")
    text = csv.get_data(as_text=True)
    assert csv.headers["Content-Disposition"].startswith("attachment")
    assert text.startswith("\ufeffHọ và tên,Email") and "Học viên 3,hv3@x.vn" in text
    assert "100" in text and "Chưa đạt" in text
    page = client.get("/gradebook/course/kh").get_data(as_text=True)
    assert page.count('data-testid="gradebook-row"') == 4


def test_record_grade_updates_in_place_and_checks_the_percent(world):
    course_id, user_id = world["course"].id, world["trainees"][1].id
    for percent in (40, 75):
        gradebook.record_grade(course_id=course_id, key="attendance:3", title="Điểm danh",
                               kind="attendance", user_id=user_id, percent=percent,
                               pass_mark=80)
    grades = dict((item.key, grade) for item, grade in gradebook.grades_of(course_id, user_id))
    assert grades["attendance:3"].percent == 75 and grades["attendance:3"].passed is False
    with pytest.raises(Exception):
        gradebook.record_grade(course_id=course_id, key="x", title="x", kind="manual",
                               user_id=user_id, percent=140)


def test_the_overdue_job_runs_with_no_client(app, world):
    trainee = world["trainees"][0]
    world["quiz"].time_limit_minutes = 5
    db.session.commit()
    late = attempts.start_attempt(world["quiz"].id, user=trainee,
                                  now=utcnow() - timedelta(minutes=20))
    assert jobs.run_once(app) == 1
    db.session.expire_all()
    assert db.session.get(QuizAttempt, late.id).state == "submitted"
    assert jobs.run_once(app) == 0


def test_the_cli_finalises_overdue_attempts(runner, world):
    trainee = world["trainees"][1]
    world["quiz"].time_limit_minutes = 1
    db.session.commit()
    attempts.start_attempt(world["quiz"].id, user=trainee, now=utcnow() - timedelta(hours=2))
    result = runner.invoke(args=["quizzes", "finalise-overdue"])
    assert result.exit_code == 0 and "finalised 1 overdue attempts" in result.output


def test_path_statistics_count_choices_and_the_most_common_wrong_turn(client, auth, world):
    course = world["course"]
    factories.gen_question(course, slug="tra-luong-cham-lai", type="true_false")
    activity = factories.gen_scenario(course, SAMPLE)
    for n, trainee in enumerate(world["trainees"]):
        play = plays.start_play(activity.id, user=trainee, now=utcnow())
        plays.continue_play(play.id, user_id=trainee.id, node_id="mo-dau", step=0, now=utcnow())
        plays.choose(play.id, user_id=trainee.id, node_id="chon-cach-xu-ly", step=0,
                     choice_id=1 if n < 3 else 0, now=utcnow())
        if n < 3:  # the illegal stoppage ends the run badly
            plays.continue_play(play.id, user_id=trainee.id, node_id="ngung-viec", step=1,
                                now=utcnow())
    stats = reports.path_stats(db.session.get(ScenarioActivity, activity.id))
    decision = stats.decisions[0]
    assert decision.reached == 4 and [c.count for c in decision.choices] == [1, 3, 0]
    assert stats.wrong_turn[1].text.startswith("Kêu gọi công nhân ngừng việc")
    assert stats.runs == 4 and stats.finished == 3 and stats.outcomes == (("failure", 3),)
    auth.login("gv@x.vn")
    text = client.get(f"/teach/scenario/{activity.id}/stats").get_data(as_text=True)
    assert "Lựa chọn sai phổ biến nhất" in text and "3 (75%)" in text


def test_questions_citing_a_replaced_law_are_flagged_for_review(app, client, auth):
    lecturer = factories.gen_user(role="lecturer", email="gv2@x.vn")
    courses = factories.gen_content(ROOT / "content", lecturers=[lecturer],
                                    slugs={"luat-cong-doan"})
    course = courses["luat-cong-doan"]
    questions, scenarios = reports.replaced_citations(course.id, date(2026, 1, 1))
    assert questions and all(ref.startswith("LCĐ-2012:") for refs in questions.values()
                             for ref in refs)
    auth.login("gv2@x.vn")
    page = client.get("/teach/course/luat-cong-doan").get_data(as_text=True)
    assert 'data-testid="needs-review"' in page
    bank = client.get("/teach/course/luat-cong-doan/questions").get_data(as_text=True)
    assert "trích dẫn điều luật đã hết hiệu lực" in bank
