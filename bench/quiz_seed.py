"""Benchmark data for bench/quiz_burst.py: N trainees enrolled in one course with a quiz of
ten questions (every question type that grades itself). Prints the quiz id.

Run with the benchmark's environment (DATABASE_URL ...) after ``flask db upgrade``. Every
trainee is ``t<n>@bench.vn`` with the password ``bench-12345``.
"""
from __future__ import annotations

import sys
from pathlib import Path

from werkzeug.security import generate_password_hash

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courses.models import Course, Enrolment, Module  # noqa: E402
from lms import create_app  # noqa: E402
from lms.extensions import db  # noqa: E402
from lms.models import User  # noqa: E402
from quizzes.bankfile import read_question  # noqa: E402
from quizzes.models import Question, Quiz  # noqa: E402

PASSWORD = "bench-12345"
QUESTIONS = [
    {"type": "single_choice", "options": [{"text": "Không trả gì thêm"},
                                          {"text": "Trả thêm tiền lãi", "correct": True},
                                          {"text": "Trả một nửa"}]},
    {"type": "multiple_choice", "options": [{"text": "Đối thoại", "weight": 50},
                                            {"text": "Thương lượng", "weight": 50},
                                            {"text": "Ngừng việc", "weight": -100}]},
    {"type": "true_false", "answer": True},
    {"type": "short_answer", "answers": [{"text": "công đoàn cơ sở"}]},
    {"type": "numerical", "answers": [{"value": 15}]},
    {"type": "matching", "pairs": [{"left": "Tiền lương", "right": "Điều 90"},
                                   {"left": "Làm thêm giờ", "right": "Điều 107"}]},
    {"type": "ordering", "items": ["Thu thập ý kiến", "Họp BCH", "Gửi văn bản"]},
    {"type": "single_choice", "options": [{"text": "3 ngày"}, {"text": "5 ngày", "correct": True}]},
    {"type": "true_false", "answer": False},
    {"type": "numerical", "answers": [{"value": 30, "tolerance": 1}]},
]


def seed(trainees: int) -> int:
    """Create the people, the course, the bank and the quiz; return the quiz id."""
    app = create_app({"BACKGROUND_JOBS": False})
    with app.app_context():
        hashed = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
        people = [User(email=f"t{n}@bench.vn", full_name=f"Học viên {n}", role="trainee",
                       password_hash=hashed) for n in range(trainees)]
        db.session.add_all(people)
        course = Course(slug="bench", title="Khóa học đo tải", topic="other", status="published")
        db.session.add(course)
        db.session.flush()
        module = Module(course_id=course.id, slug="m1", title="Chương 1")
        db.session.add(module)
        db.session.add_all(Enrolment(course_id=course.id, user_id=p.id) for p in people)
        db.session.flush()
        slugs = [_question(course.id, n, raw) for n, raw in enumerate(QUESTIONS, start=1)]
        quiz = Quiz(course_id=course.id, module_id=module.id, slug="burst", title="Đo tải",
                    time_limit_minutes=120, questions=[{"slug": s} for s in slugs],
                    review={"during": [], "immediately": ["marks"], "later": ["marks"],
                            "after_close": ["marks"]})
        db.session.add(quiz)
        db.session.commit()
        return quiz.id


def _question(course_id: int, number: int, raw: dict) -> str:
    """Validate and store one bank question; return its slug."""
    question, problems = read_question({"slug": f"cau-{number}", "text": f"Câu {number}?",
                                        **raw})
    assert question is not None, problems
    db.session.add(Question(course_id=course_id, slug=question.slug, category="Đo tải",
                            bank_file="do-tai", position=number, type=question.type,
                            points=1, text_md=question.text, data=question.data))
    return question.slug


if __name__ == "__main__":
    print(seed(int(sys.argv[1])))
