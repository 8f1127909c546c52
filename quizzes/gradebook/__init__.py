"""The gradebook of a course: graded activities x trainees, pass/fail, CSV export.

Quizzes and scenarios write their grades here; later activities (live quizzes, attendance in
``lms.live``) write theirs through ``quizzes.gradebook.services.record_grade``.
"""
