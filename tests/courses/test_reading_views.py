"""Reading pages: catalog, course page, lesson page, completion, handbook, library, home."""
import re
from datetime import date

import pytest
import sqlalchemy as sa

from courses.citing import CitingItem, register_citing_provider
from courses.activities import ActivityLink, register_activity_provider
from courses.models import Enrolment, LessonProgress
from courses.reading import fresh_lesson_html
from lms.extensions import db
from tests import factories
from tests.conftest import make_app


@pytest.fixture
def world(app):
    factories.gen_sample_content()
    lecturer = factories.gen_user(role="lecturer")
    course = factories.gen_course(title="Kỹ năng đối thoại", lecturers=[lecturer],
                                  lessons_per_module=3)
    trainee = factories.gen_user(full_name="Nguyễn Văn An")
    factories.gen_enrolment(course, trainee)
    return {"course": course, "lecturer": lecturer, "trainee": trainee}


def test_catalog_filters_by_topic_and_audience(client, auth, world):
    other = factories.gen_course(title="Quỹ ABC", topic="union-finance")
    other.audience_positions = ["chu_tich"]
    db.session.commit()
    auth.login(world["trainee"].email)
    page = client.get("/courses/?topic=union-finance").get_data(as_text=True)
    assert "Quỹ ABC" in page and "Kỹ năng đối thoại" not in page
    page = client.get("/courses/?audience=position:to_truong").get_data(as_text=True)
    assert "Quỹ ABC" not in page and "Kỹ năng đối thoại" in page  # empty audience = all
    page = client.get("/courses/?audience=position:chu_tich").get_data(as_text=True)
    assert "Quỹ ABC" in page


def test_catalog_search_without_diacritics(client, auth, world):
    auth.login(world["trainee"].email)
    page = client.get("/courses/?q=ky+nang+doi+thoai").get_data(as_text=True)
    assert "Kỹ năng đối thoại" in page and 'data-testid="result-count"' in page


def test_course_page_shows_progress_and_resume(client, auth, world):
    course, trainee = world["course"], world["trainee"]
    auth.login(trainee.email)
    page = client.get(f"/courses/{course.slug}").get_data(as_text=True)
    assert 'data-testid="resume"' in page and "0%" in page
    first = course.modules[0].lessons[0]
    client.post(f"/courses/{course.slug}/lessons/{first.slug}/complete")
    page = client.get(f"/courses/{course.slug}").get_data(as_text=True)
    assert re.search(r'data-testid="progress-percent">33%', page)
    assert f'/lessons/{course.modules[0].lessons[1].slug}"' in page


def test_lesson_page_completes_and_moves_on(client, auth, world):
    course, trainee = world["course"], world["trainee"]
    first, second, _ = course.modules[0].lessons
    auth.login(trainee.email)
    page = client.get(f"/courses/{course.slug}/lessons/{first.slug}").get_data(as_text=True)
    assert 'data-testid="complete"' in page and 'rel="next"' in page
    assert "data-beacon-url" in page
    response = client.post(f"/courses/{course.slug}/lessons/{first.slug}/complete")
    assert response.headers["Location"].endswith(f"/lessons/{second.slug}")
    page = client.get(f"/courses/{course.slug}/lessons/{first.slug}").get_data(as_text=True)
    assert 'data-testid="lesson-completed"' in page
    row = db.session.scalar(sa.select(LessonProgress).where(LessonProgress.lesson_id == first.id))
    assert row.completed_at is not None


def test_beacon_adds_time_only_for_learners(client, auth, world):
    course = world["course"]
    lesson = course.modules[0].lessons[0]
    url = f"/courses/{course.slug}/lessons/{lesson.slug}"
    auth.login(world["trainee"].email)
    client.get(url)
    assert client.post(f"{url}/time", data={"seconds": "3"}).status_code == 204
    assert client.post(f"{url}/time", data={"seconds": "x"}).status_code == 400
    assert db.session.scalar(sa.select(LessonProgress.seconds_spent)) == 3
    auth.logout()
    auth.login(world["lecturer"].email)
    client.get(url)
    assert client.post(f"{url}/time", data={"seconds": "3"}).status_code == 204
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LessonProgress)) == 1


def test_sequential_course_redirects_from_a_locked_lesson(client, auth, world):
    course = world["course"]
    course.is_sequential = True
    db.session.commit()
    auth.login(world["trainee"].email)
    third = course.modules[0].lessons[2]
    response = client.get(f"/courses/{course.slug}/lessons/{third.slug}", follow_redirects=True)
    assert "học theo thứ tự" in response.get_data(as_text=True)
    page = client.get(f"/courses/{course.slug}").get_data(as_text=True)
    assert "mở sau khi hoàn thành bài trước" in page


def test_course_page_explains_prerequisites_and_enrols(client, auth, world):
    first = world["course"]
    second = factories.gen_course(title="Khóa nâng cao")
    second.prerequisites = [first]
    db.session.commit()
    outsider = factories.gen_user()
    auth.login(outsider.email)
    page = client.get(f"/courses/{second.slug}").get_data(as_text=True)
    assert "Kỹ năng đối thoại" in page and 'data-testid="enrol"' not in page
    page = client.get(f"/courses/{first.slug}").get_data(as_text=True)
    assert 'data-testid="enrol"' in page
    client.post(f"/courses/{first.slug}/enrol")
    assert db.session.scalar(sa.select(Enrolment.method).where(
        Enrolment.user_id == outsider.id)) == "self"


def test_lesson_with_citations_links_the_library(client, auth, world):
    course = world["course"]
    lesson = course.modules[0].lessons[0]
    lesson.body_md = "Xem [[BLLĐ-2019:97.4]] và [[LCĐ-2012:10]]."
    lesson.html_rendered_on = None  # rendered again when shown
    db.session.commit()
    auth.login(world["trainee"].email)
    page = client.get(f"/courses/{course.slug}/lessons/{lesson.slug}").get_data(as_text=True)
    assert 'href="/luat/BLL%C4%90-2019/97"' in page and "khoản 4 Điều 97 BLLĐ 2019" in page
    assert 'class="cite cite-replaced"' in page
    assert "js/reading.js" in page and "bootstrap.bundle" in page


def test_stale_html_is_rendered_again_the_next_day(app, world):
    lesson = world["course"].modules[0].lessons[0]
    lesson.body_md = "[[LCĐ-2024:4a]]"  # in force until 2025-12-31 in the sample
    db.session.commit()
    assert 'class="cite"' in fresh_lesson_html(lesson, date(2025, 12, 31))
    assert "cite-replaced" in fresh_lesson_html(lesson, date(2026, 1, 1))


def test_handbook_page_is_printable(client, auth, world):
    course = world["course"]
    course.handbook_title, course.handbook_md = "Sổ tay", "## Mốc\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    course.html_rendered_on = None
    db.session.commit()
    auth.login(world["trainee"].email)
    page = client.get(f"/courses/{course.slug}/handbook").get_data(as_text=True)
    assert "<table>" in page and "data-print" in page and "handbook-page" in page
    assert client.get(f"/courses/{factories.gen_course().slug}/handbook").status_code in (403, 404)


def test_library_marks_replaced_articles_and_links_the_successor(client, auth, world):
    auth.login(world["trainee"].email)
    laws = client.get("/luat/").get_data(as_text=True)
    assert laws.count('data-testid="law-row"') == 3 and "Không còn hiệu lực" in laws
    page = client.get("/luat/LC%C4%90-2012/10").get_data(as_text=True)
    assert 'data-testid="article-replaced"' in page
    assert 'href="/luat/LC%C4%90-2024/16"' in page
    assert client.get("/luat/LC%C4%90-2024/16").get_data(as_text=True).count(
        'data-testid="article-replaced"') == 0
    assert client.get("/luat/KHONG-CO/1").status_code == 404
    law = client.get("/luat/BLL%C4%90-2019?q=luong").get_data(as_text=True)
    assert "Kỳ hạn trả lương" in law


def test_article_page_lists_citing_lessons_and_provider_items(app, client, auth, world):
    register_citing_provider(app, lambda article, user: [
        CitingItem("question", f"Câu hỏi về Điều {article.number}", None, "Ngân hàng câu hỏi")])
    auth.login(world["trainee"].email)
    page = client.get("/luat/LC%C4%90-2024/16").get_data(as_text=True)
    assert "Câu hỏi về Điều 16" in page
    # The sample's lessons citing it are in a draft course: not listed to trainees.
    assert "Quyền đại diện" not in page
    admin = factories.gen_user(role="admin")
    auth.logout()
    auth.login(admin.email)
    assert "Quyền đại diện" in client.get("/luat/LC%C4%90-2024/16").get_data(as_text=True)


def test_course_page_lists_module_activities_and_counts_them(app, client, auth, world):
    course = world["course"]

    def provider(module, user):
        if module.course_id != course.id:
            return []
        return [ActivityLink("quiz", "Kiểm tra chương", "/quiz/1", is_completed=False),
                ActivityLink("scenario", "Tình huống thêm", "/s/1", is_completed=True,
                             counts_for_progress=False)]
    register_activity_provider(app, provider)
    auth.login(world["trainee"].email)
    page = client.get(f"/courses/{course.slug}").get_data(as_text=True)
    assert "Kiểm tra chương" in page and "Tình huống thêm" in page
    assert "Đã hoàn thành 0/4 mục" in page  # 3 lessons + 1 counted activity


def test_home_panels(client, auth, world):
    auth.login(world["trainee"].email)
    page = client.get("/home").get_data(as_text=True)
    assert 'data-testid="my-courses"' in page and "Kỹ năng đối thoại" in page
    auth.logout()
    auth.login(world["lecturer"].email)
    page = client.get("/home").get_data(as_text=True)
    assert 'data-testid="my-teaching"' in page and "Kỹ năng đối thoại" in page


def test_participants_page_for_teachers_and_managers(client, auth, world):
    course, lecturer = world["course"], world["lecturer"]
    auth.login(lecturer.email)
    page = client.get(f"/courses/{course.slug}/participants?q=nguyen").get_data(as_text=True)
    assert "Nguyễn Văn An" in page  # enrolled, listed
    newcomer = factories.gen_user(full_name="Trần Thị Bình", email="binh@example.vn")
    page = client.get(f"/courses/{course.slug}/participants?q=binh").get_data(as_text=True)
    assert "Trần Thị Bình" in page
    client.post(f"/courses/{course.slug}/participants/enrol", data={"user_ids": [newcomer.id]})
    assert db.session.scalar(sa.select(Enrolment.method).where(
        Enrolment.user_id == newcomer.id)) == "staff"


def test_demo_seed_imports_content_and_enrols(app, runner):
    app.config["CONTENT_DIR"] = str(factories.SAMPLES / "good")
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    assert "Demo: 2 courses, 5 lessons imported; 12 trainees enrolled, 2 lecturers assigned" \
        in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Enrolment)) == 24
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LessonProgress)) == 0


def test_beacon_and_forms_need_the_csrf_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        course = factories.gen_course()
        trainee = factories.gen_user()
        factories.gen_enrolment(course, trainee)
        client = app.test_client()
        login_page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)[1]
        client.post("/login", data={"email": trainee.email, "password": factories.PASSWORD,
                                    "csrf_token": token})
        url = f"/courses/{course.slug}/lessons/{course.modules[0].lessons[0].slug}"
        page = client.get(url).get_data(as_text=True)
        token = re.search(r'data-csrf="([^"]+)"', page)[1]
        assert client.post(f"{url}/time", data={"seconds": "2"}).status_code == 400
        assert client.post(f"{url}/time", data={"seconds": "2", "csrf_token": token}
                           ).status_code == 204
        assert client.post(f"{url}/complete").status_code == 400
        db.session.remove()
