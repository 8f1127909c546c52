"""What the attempt, review and scenario pages show, built from rows for the templates.

Only what a trainee may see leaves this module: public views of questions (no key), and
reviews filtered by ``quizzes.review.review_slot`` for the current review moment.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup

from quizzes import bank, formdata
from quizzes.attempt_rules import review_moment, sub_seed
from quizzes.convert import review_of
from quizzes.grading import slot_record
from quizzes.models import AttemptSlot, Question, QuizAttempt
from quizzes.qtypes import get_type, type_label
from quizzes.render import markdown
from quizzes.review import SlotReview, review_slot


@dataclass(frozen=True)
class Option:
    """An option, left, right or item of a question as shown: its id and rendered text."""

    id: object
    html: Markup
    text: str = ""


@dataclass
class QuestionView:
    """A question as the trainee sees it in an attempt (or a scenario check)."""

    position: int
    number: int
    type: str
    type_label: str
    max_mark: float
    text_html: Markup
    options: list[Option] = field(default_factory=list)
    lefts: list[Option] = field(default_factory=list)
    rights: list[Option] = field(default_factory=list)
    min_words: int | None = None
    values: dict = field(default_factory=dict)
    review: SlotReview | None = None
    feedback_html: list[Markup] = field(default_factory=list)
    right_answer_html: Markup | None = None

    def checked(self, name: str, value) -> bool:
        """Tell whether ``value`` is among the saved values of field ``name``."""
        return str(value) in self.values.get(name, ())

    def value(self, name: str) -> str:
        """Return the saved text of field ``name``."""
        values = self.values.get(name, ())
        return values[0] if values else ""


def question_view(snap: dict, *, position: int, number: int, max_mark: float, seed: int,
                  shuffle: bool, response: dict | None) -> QuestionView:
    """Build the trainee's view of a question from its snapshot (public view only)."""
    qtype = get_type(snap["type"])
    public = qtype.public_view(bank.spec_of(snap), seed=seed, shuffle=shuffle)
    view = QuestionView(position=position, number=number, type=snap["type"],
                        type_label=type_label(snap["type"]), max_mark=max_mark,
                        text_html=markdown(snap["text"]), min_words=public.get("min_words"),
                        values=formdata.fields_from_response(snap["type"], position, response))
    view.options = [Option(o["id"], markdown(str(o["text"])), str(o["text"]))
                    for o in public.get("options", public.get("items", ()))]
    view.lefts = [Option(o["id"], markdown(o["text"])) for o in public.get("lefts", ())]
    view.rights = [Option(o["id"], Markup(""), o["text"]) for o in public.get("rights", ())]
    if snap["type"] == "ordering":
        order = [str(o.id) for o in view.options]
        saved = view.value(formdata.field_name(position))
        if saved and sorted(saved.split(",")) == sorted(order):
            by_id = {str(o.id): o for o in view.options}
            view.options = [by_id[i] for i in saved.split(",")]
        view.values = {formdata.field_name(position): [",".join(str(o.id) for o in view.options)]}
    return view


def slot_seed(attempt: QuizAttempt, slot: AttemptSlot) -> int:
    """Return the seed fixing the option order of one question of an attempt."""
    return sub_seed(attempt.seed, f"slot:{slot.position}")


def attempt_moment(attempt: QuizAttempt, now: datetime) -> str:
    """Return the review moment of an attempt now."""
    return review_moment(now=now, state="submitted" if attempt.state == "abandoned"
                         else attempt.state, submitted_at=attempt.submitted_at,
                         closes_at=attempt.quiz.closes_at)


def review_items(attempt: QuizAttempt, now: datetime) -> tuple[str, ...]:
    """Return what the trainee may see of an attempt now (nothing of an abandoned one)."""
    if attempt.state == "abandoned":
        return ()
    return tuple(getattr(review_of(attempt.quiz), attempt_moment(attempt, now)))


def attempt_views(attempt: QuizAttempt, now: datetime) -> list[QuestionView]:
    """Return every question of an attempt as shown now, with what review allows."""
    items = review_items(attempt, now)
    views = []
    for number, slot in enumerate(attempt.slots, start=1):
        view = question_view(slot.snapshot, position=slot.position, number=number,
                             max_mark=slot.max_mark, seed=slot_seed(attempt, slot),
                             shuffle=attempt.quiz.shuffle_options, response=slot.response)
        if items and (attempt.state != "in_progress" or slot.response is not None):
            add_review(view, slot, items)
        views.append(view)
    return views


def add_review(view: QuestionView, slot: AttemptSlot, items) -> None:
    """Attach the filtered review of a slot to its view, rendering the Markdown it allows."""
    view.review = review_slot(slot_record(slot), items)
    view.feedback_html = [markdown(text) for text in view.review.feedback]
    if view.review.right_answer:
        view.right_answer_html = markdown(view.review.right_answer)


def check_view(question: Question, *, seed: int) -> QuestionView:
    """Return a scenario check node's question as shown (field names use position 0)."""
    return question_view(bank.snapshot(question), position=0, number=1,
                         max_mark=question.points, seed=seed, shuffle=True, response=None)


def lecturer_views(attempt: QuizAttempt) -> list[QuestionView]:
    """Return every question of an attempt with everything shown (for its lecturers)."""
    views = []
    for number, slot in enumerate(attempt.slots, start=1):
        view = question_view(slot.snapshot, position=slot.position, number=number,
                             max_mark=slot.max_mark, seed=slot_seed(attempt, slot),
                             shuffle=attempt.quiz.shuffle_options, response=slot.response)
        add_review(view, slot, ("correctness", "marks", "feedback", "right_answer"))
        views.append(view)
    return views


def add_review_of_key(view: QuestionView, row: Question) -> None:
    """Show a lecturer the right answer and general feedback of a bank question."""
    question = bank.to_bank_question(row)
    view.right_answer_html = markdown(get_type(row.type).right_answer(question.spec))
    view.feedback_html = [markdown(row.feedback_md)] if row.feedback_md else []
