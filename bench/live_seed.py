"""Benchmark data: a lecturer, N trainees enrolled in one course, a live session, a question.

Run by bench/live_room.py with the benchmark's DATABASE_URL; prints the session id. Every
trainee has the password ``bench-12345``.
"""
from __future__ import annotations

import sys
from datetime import timedelta

from werkzeug.security import generate_password_hash

from courses.models import Course, Enrolment, Module
from lms import create_app
from lms.extensions import db
from lms.live.models import LiveSession
from lms.models import User
from lms.timeutil import utcnow
from quizzes.bankfile import parse_bank_file
from quizzes.models import Question

PASSWORD = "bench-12345"
QUESTIONS = """category: Benchmark
questions:
  - slug: tra-luong-cham
    type: single_choice
    title: Trả lương chậm
    text: Công ty chậm trả lương 20 ngày. Công ty phải làm gì?
    options:
      - text: Trả đủ lương, không phải trả thêm gì.
      - text: Trả đủ lương và tiền lãi trên số tiền trả chậm.
        correct: true
      - text: Chỉ trả một nửa.
"""


def seed(trainees: int) -> int:
    """Create the people, the course, the session and the question; return the session id."""
    app = create_app()
    with app.app_context():
        db.create_all()
        hashed = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
        lecturer = User(email="lecturer@bench.vn", full_name="Giảng viên", role="lecturer",
                        password_hash=hashed)
        people = [User(email=f"t{n}@bench.vn", full_name=f"Học viên {n}", role="trainee",
                       password_hash=hashed) for n in range(trainees)]
        db.session.add_all([lecturer, *people])
        course = Course(slug="bench", title="Khóa học đo tải", topic="bench",
                        status="published", lecturers=[lecturer])
        db.session.add(course)
        db.session.flush()
        db.session.add(Module(course_id=course.id, slug="m1", title="Mô-đun 1"))
        db.session.add_all(Enrolment(course_id=course.id, user_id=p.id) for p in people)
        now = utcnow()
        live = LiveSession(course_id=course.id, title="Đo tải", starts_at=now,
                           ends_at=now + timedelta(hours=4), state="live", opened_at=now)
        db.session.add(live)
        bank = parse_bank_file(QUESTIONS, "bench.yaml")
        db.session.add_all(Question(course_id=course.id, slug=q.slug, category=bank.category,
                                    type=q.type, title=q.title, text_md=q.text,
                                    feedback_md=q.feedback, data=q.data, tags=[],
                                    citations=[]) for q in bank.questions)
        db.session.commit()
        return live.id


if __name__ == "__main__":
    print(seed(int(sys.argv[1])))
