"""Authoring in the browser: courses, modules, lessons, revisions, publication, files."""
from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa

from courses import authoring, lesson_authoring as lessons
from courses.attachments import add_attachment
from courses.authoring import CourseData
from courses.lesson_authoring import LessonData
from courses.models import Attachment, Course, Lesson, LessonProgress
from lms.errors import ConflictError, PermissionDenied, ValidationError
from lms.extensions import db
from lms.models import AuditLog
from tests import factories

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


@pytest.fixture
def lecturer(app):
    factories.gen_sample_content()
    return factories.gen_user(role="lecturer")


def _data(**changes) -> CourseData:
    values = {"title": "Kỹ năng thương lượng tập thể", "summary": "S", "topic": "other"}
    values.update(changes)
    return CourseData(**values)


def _lesson_data(lesson, **changes) -> LessonData:
    values = {"title": lesson.title, "summary": lesson.summary, "minutes": lesson.minutes,
              "body_md": lesson.body_md, "law_change_note": lesson.law_change_note}
    values.update(changes)
    return LessonData(**values)


def _actions() -> list:
    return list(db.session.scalars(sa.select(AuditLog.action).order_by(AuditLog.id)))


def test_lecturer_creates_a_draft_course_and_teaches_it(lecturer):
    course = authoring.create_course(_data(), actor=lecturer)
    assert (course.slug, course.status) == ("ky-nang-thuong-luong-tap-the", "draft")
    assert course.lecturers == [lecturer]
    again = authoring.create_course(_data(), actor=lecturer)
    assert again.slug == "ky-nang-thuong-luong-tap-the-2"


@pytest.mark.parametrize("slug, fragment", [
    ("Khóa Mới", "a-z, 0-9"), ("bo-luat-lao-dong-2019", "đã được khóa học khác dùng")])
def test_bad_or_taken_slugs_are_refused(lecturer, slug, fragment):
    with pytest.raises(ValidationError) as caught:
        authoring.create_course(_data(), slug=slug, actor=lecturer)
    assert fragment in str(caught.value.message)


def test_trainees_and_managers_cannot_create_courses(lecturer):
    for role in ("trainee", "manager"):
        with pytest.raises(PermissionDenied):
            authoring.create_course(_data(), actor=factories.gen_user(role=role))


def test_only_admins_choose_lecturers(lecturer):
    course = authoring.create_course(_data(), actor=lecturer)
    other = factories.gen_user(role="lecturer")
    with pytest.raises(PermissionDenied):
        authoring.set_lecturers(course, [other.id], actor=lecturer)
    admin = factories.gen_user(role="admin")
    authoring.set_lecturers(course, [other.id], actor=admin)
    assert course.lecturers == [other]
    with pytest.raises(ValidationError):
        authoring.set_lecturers(course, [factories.gen_user().id], actor=admin)


def test_prerequisite_cycles_are_refused_and_nothing_changes(lecturer):
    a = authoring.create_course(_data(title="A"), actor=lecturer)
    b = authoring.create_course(_data(title="B", prerequisite_ids=(a.id,)), actor=lecturer)
    with pytest.raises(ValidationError):
        authoring.update_course(a, _data(title="A mới", prerequisite_ids=(b.id,)),
                                actor=lecturer)
    db.session.expire_all()
    assert a.title == "A" and a.prerequisites == []


def test_publishing_needs_a_published_lesson_and_is_audited(lecturer):
    course = authoring.create_course(_data(), actor=lecturer)
    module = authoring.add_module(course, title="Chương 1", summary="", actor=lecturer)
    lesson = lessons.add_lesson(module, title="Bài đầu", actor=lecturer)
    with pytest.raises(ValidationError):
        authoring.set_course_status(course, "published", actor=lecturer)
    with pytest.raises(ValidationError):  # an empty lesson cannot be published
        lessons.set_lesson_status(lesson, "published", actor=lecturer)
    lessons.save_lesson(lesson, _lesson_data(lesson, body_md="Nội dung [[BLLĐ-2019:97]]."),
                        actor=lecturer)
    lessons.set_lesson_status(lesson, "published", actor=lecturer)
    authoring.set_course_status(course, "published", actor=lecturer)
    with pytest.raises(ConflictError):
        authoring.set_course_status(course, "published", actor=lecturer)
    assert _actions()[-2:] == ["lesson_published", "course_published"]
    event = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "course_published")
                              .order_by(AuditLog.id.desc()))
    assert event.actor_id == lecturer.id and event.details["slug"] == course.slug


def test_other_lecturers_cannot_touch_the_course(lecturer):
    course = authoring.create_course(_data(), actor=lecturer)
    module = authoring.add_module(course, title="C1", summary="", actor=lecturer)
    lesson = lessons.add_lesson(module, title="B1", actor=lecturer)
    other = factories.gen_user(role="lecturer")
    for call in (lambda: authoring.add_module(course, title="X", summary="", actor=other),
                 lambda: lessons.save_lesson(lesson, _lesson_data(lesson), actor=other),
                 lambda: lessons.set_lesson_status(lesson, "published", actor=other),
                 lambda: authoring.set_course_status(course, "archived", actor=other)):
        with pytest.raises(PermissionDenied):
            call()


def test_saving_records_revisions_only_on_change(lecturer):
    course = factories.gen_course(lecturers=[lecturer])
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.course_id == course.id))
    result = lessons.save_lesson(lesson, _lesson_data(lesson, body_md="Mới\r\nhai dòng"),
                                 actor=lecturer, note="Sửa lỗi")
    assert result.revision.number == 2 and result.revision.note == "Sửa lỗi"
    assert lesson.body_md == "Mới\nhai dòng"
    assert lessons.save_lesson(lesson, _lesson_data(lesson), actor=lecturer).revision is None


def test_unknown_citations_are_refused_with_field_and_line(lecturer):
    course = factories.gen_course(lecturers=[lecturer])
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.course_id == course.id))
    before = lesson.body_md
    with pytest.raises(ValidationError) as caught:
        lessons.save_lesson(lesson, _lesson_data(lesson, body_md="Một\nHai [[BLLĐ-2019:999]]"),
                            actor=lecturer)
    problems = [str(p) for p in caught.value.errors]
    assert problems == ["Nội dung bài học, dòng 2: trích dẫn [[BLLĐ-2019:999]]: văn bản BLLĐ-2019 "
                        "không có Điều 999 trong danh mục"]
    db.session.rollback()
    assert db.session.get(Lesson, lesson.id).body_md == before


def test_citing_replaced_law_without_a_note_warns(lecturer):
    course = factories.gen_course(lecturers=[lecturer])
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.course_id == course.id))
    result = lessons.save_lesson(lesson, _lesson_data(lesson, body_md="Xem [[LCĐ-2012:10]]."),
                                 actor=lecturer)
    assert result.warnings == ["[[LCĐ-2012:10]]"]
    result = lessons.save_lesson(lesson, _lesson_data(lesson, law_change_note="Luật đã thay."),
                                 actor=lecturer)
    assert result.warnings == []


def test_restore_brings_back_old_text_as_a_new_revision(lecturer):
    course = factories.gen_course(lecturers=[lecturer])
    lesson = db.session.scalar(sa.select(Lesson).where(Lesson.course_id == course.id))
    original = lesson.body_md
    lessons.save_lesson(lesson, _lesson_data(lesson, body_md="Bản hai"), actor=lecturer)
    revision = lessons.restore_revision(lesson, 1, actor=lecturer)
    assert revision.number == 3 and revision.note == "Khôi phục bản 1"
    assert lesson.body_md == original and original in lesson.body_html


def test_reordering_modules_and_lessons(lecturer):
    course = factories.gen_course(lecturers=[lecturer], modules=2, lessons_per_module=3)
    first, second = course.modules
    authoring.move_module(second, -1, actor=lecturer)
    assert [m.title for m in course.modules] == ["Chương 2", "Chương 1"]
    lesson = first.lessons[0]
    lessons.move_lesson(lesson, 1, actor=lecturer)
    db.session.expire_all()
    assert [x.title for x in first.lessons] == ["Bài 1.2", "Bài 1.1", "Bài 1.3"]
    lessons.move_lesson(first.lessons[0], -1, actor=lecturer)  # already first: no change
    assert [x.title for x in first.lessons][0] == "Bài 1.2"


def test_moving_a_lesson_to_another_module(lecturer):
    course = factories.gen_course(lecturers=[lecturer], modules=2)
    lesson = course.modules[0].lessons[0]
    lessons.save_lesson(lesson, _lesson_data(lesson, module_id=course.modules[1].id),
                        actor=lecturer)
    assert lesson.module == course.modules[1] and lesson.position == 2


def test_only_unopened_drafts_can_be_deleted(lecturer):
    course = factories.gen_course(lecturers=[lecturer])
    published, draft = course.modules[0].lessons
    with pytest.raises(ConflictError):
        lessons.delete_lesson(published, actor=lecturer)
    draft.status = "draft"
    db.session.add(LessonProgress(lesson_id=draft.id, user_id=lecturer.id))
    db.session.commit()
    with pytest.raises(ConflictError):
        lessons.delete_lesson(draft, actor=lecturer)
    db.session.execute(sa.delete(LessonProgress))
    db.session.commit()
    lessons.delete_lesson(draft, actor=lecturer)
    assert db.session.get(Lesson, draft.id) is None
    with pytest.raises(ConflictError):
        authoring.delete_module(course.modules[0], actor=lecturer)


def test_uploads_go_under_random_names_outside_static(app, lecturer):
    course = factories.gen_course(lecturers=[lecturer])
    item = add_attachment(course, filename="../Quy chế.png", data=PNG, lesson_id=None,
                          actor=lecturer)
    stored = Path(app.config["UPLOAD_FOLDER"]) / item.stored_name
    assert stored.read_bytes() == PNG and len(item.stored_name) == 32
    assert item.original_name == "Quy chế.png" and "static" not in str(stored)
    with pytest.raises(ValidationError):
        add_attachment(course, filename="x.pdf", data=b"<html>", lesson_id=None, actor=lecturer)
    other = factories.gen_course()
    with pytest.raises(ValidationError):
        add_attachment(course, filename="a.png", data=PNG, lesson_id=other.modules[0].lessons[0].id,
                       actor=lecturer)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attachment)) == 1


# ---- through the pages ------------------------------------------------------------------

def test_upload_page_refuses_wrong_types_with_a_message(app, client, auth, lecturer):
    course = factories.gen_course(lecturers=[lecturer])
    auth.login(lecturer.email)
    response = client.post(f"/teach/courses/{course.slug}/attachments", follow_redirects=True,
                           data={"file": (BytesIO(b"MZ\x90"), "virus.exe")},
                           content_type="multipart/form-data")
    assert "Chỉ đính kèm được" in response.get_data(as_text=True)
    response = client.post(f"/teach/courses/{course.slug}/attachments", follow_redirects=True,
                           data={"file": (BytesIO(b"<script>"), "gia.pdf")},
                           content_type="multipart/form-data")
    assert "không khớp" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attachment)) == 0
    assert list(Path(app.config["UPLOAD_FOLDER"]).glob("*")) == []


@pytest.mark.parametrize("name, data, disposition", [
    ("hinh.png", PNG, "inline"), ("quy-che.pdf", b"%PDF-1.4 x", "inline"),
    ("mau.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8, "attachment")])
def test_files_are_served_with_safe_headers(client, auth, lecturer, name, data, disposition):
    course = factories.gen_course(lecturers=[lecturer])
    item = add_attachment(course, filename=name, data=data, lesson_id=None, actor=lecturer)
    trainee = factories.gen_user()
    factories.gen_enrolment(course, trainee)
    auth.login(trainee.email)
    response = client.get(f"/courses/{course.slug}/files/{item.id}/{name}")
    assert response.status_code == 200 and response.data == data
    assert response.headers["Content-Disposition"].startswith(disposition)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"].startswith(item.content_type)
    assert "no-store" in response.headers["Cache-Control"]


def test_preview_and_citation_helper_answer_json(client, auth, lecturer):
    auth.login(lecturer.email)
    response = client.post("/teach/preview", data={
        "markdown": "**Đậm** [[BLLĐ-2019:97.4]] <script>alert(1)</script>"})
    html = response.get_json()["html"]
    assert "<strong>Đậm</strong>" in html and 'class="cite"' in html
    assert "khoản 4 Điều 97" in html and "<script" not in html
    found = client.get("/teach/citations?q=tra luong").get_json()["results"]
    assert "[[BLLĐ-2019:97]]" in [r["insert"] for r in found]
    exact = client.get("/teach/citations?q=LCĐ-2024:16").get_json()["results"]
    assert [r["ref"] for r in exact] == ["LCĐ-2024:16"]


def test_lesson_editor_saves_previews_and_shows_history(client, auth, lecturer):
    course = factories.gen_course(lecturers=[lecturer])
    lesson = course.modules[0].lessons[0]
    auth.login(lecturer.email)
    url = f"/teach/courses/{course.slug}/lessons/{lesson.id}"
    form = {"title": lesson.title, "minutes": "15", "module_id": str(lesson.module_id),
            "body": "Mới <script>alert(1)</script> [[BLLĐ-2019:97]]"}
    preview = client.post(url, data={**form, "preview": "1"}).get_data(as_text=True)
    assert "Điều 97 BLLĐ 2019" in preview
    db.session.expire_all()
    assert "Mới" not in db.session.get(Lesson, lesson.id).body_md  # preview does not save
    saved = client.post(url, data=form, follow_redirects=True).get_data(as_text=True)
    assert "Đã lưu thành bản 2" in saved
    diff = client.get(f"{url}/history/2").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in diff and "<script>alert" not in diff
    history = client.get(f"{url}/history").get_data(as_text=True)
    assert history.count('data-testid="revision-row"') == 2
    restored = client.post(f"{url}/history/1/restore", follow_redirects=True)
    assert "khôi phục" in restored.get_data(as_text=True).lower()
    assert db.session.get(Lesson, lesson.id).body_md == "Nội dung bài 1.1."


def test_admin_creates_a_course_and_assigns_lecturers(client, auth, lecturer):
    admin = factories.gen_user(role="admin")
    auth.login(admin.email)
    response = client.post("/teach/new", data={
        "title": "Tài chính công đoàn", "topic": "union-finance", "enrolment": "managed",
        "lecturers": str(lecturer.id), "positions": ["chu_tich", "uy_vien_bch"]})
    assert response.status_code == 302
    course = db.session.scalar(sa.select(Course).where(Course.slug == "tai-chinh-cong-doan"))
    assert course.lecturers == [lecturer] and course.status == "draft"
    assert course.audience_positions == ["chu_tich", "uy_vien_bch"]
