"""What a live item shows, how an answer to it is graded, and how answers are counted.

A pushed item keeps two JSON blobs: ``public`` (sent to trainees: prompt and options as HTML)
and ``key`` (never sent: the question's type fields, or the decision's choice scores). Grading
reads only the key, so the item keeps working if the bank or scenario changes meanwhile.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from flask_babel import gettext as _

from lms.errors import ValidationError
from lms.live.richtext import cited_articles, render
from quizzes.bankfile import BankQuestion
from quizzes.qtypes import CORRECT, PARTIAL, ResponseError, get_type
from quizzes.scenario.engine import NodeView
from quizzes.scenario.model import Node

CHOICE_TYPES = ("single_choice", "multiple_choice", "true_false")


@dataclass(frozen=True)
class Graded:
    """One answer graded: fraction 0..1, correct or not, what it counts as, its feedback."""

    fraction: float
    correct: bool
    choice_key: str
    response: dict
    feedback: tuple[str, ...] = ()


def question_payload(question: BankQuestion) -> tuple[dict, dict]:
    """Return (public, key) for pushing a bank question."""
    qtype = get_type(question.type)
    view = qtype.public_view(question.spec, seed=0, shuffle=False)
    public = {"type": question.type, "prompt": render(question.text)}
    if question.type in CHOICE_TYPES:
        public["options"] = [{"id": option["id"], "html": render(option["text"])}
                             for option in view["options"]]
    key = {"type": question.type, "data": question.data, "feedback": question.feedback,
           "citations": list(question.citations),
           "right_answer": qtype.right_answer(question.spec)}
    return public, key


def decision_payload(view: NodeView, node: Node) -> tuple[dict, dict]:
    """Return (public, key) for pushing a scenario decision with the choices offered now."""
    offered = [choice.id for choice in view.choices]
    scores = {str(index): node.choices[index].score for index in offered}
    best = max(scores.values()) if scores else 0
    public = {"type": "decision", "prompt": render("\n\n".join(
        part for part in (view.text, view.prompt) if part)),
        "options": [{"id": choice.id, "html": render(choice.text)} for choice in view.choices]}
    key = {"type": "decision", "node": node.id, "scores": scores,
           "best": [k for k, v in scores.items() if v == best]}
    return public, key


def grade(key: Mapping, raw: object) -> Graded:
    """Grade a trainee's response against an item's key; refuse a malformed one clearly."""
    if key["type"] == "decision":
        return _grade_decision(key, raw)
    qtype = get_type(key["type"])
    spec, problems = qtype.parse(key["data"])
    if spec is None:
        raise ValidationError(_("This question can no longer be graded."))
    try:
        response = qtype.parse_response(spec, raw)
    except ResponseError as error:
        raise ValidationError(error.message) from None
    result = qtype.grade(spec, response)
    fraction = result.fraction or 0.0
    return Graded(fraction, result.state == CORRECT, _choice_key(key["type"], response, result),
                  qtype.response_to_raw(spec, response), result.feedback)


def _grade_decision(key: Mapping, raw: object) -> Graded:
    """Grade a vote at a decision: the best-scored choices count as correct."""
    if not isinstance(raw, Mapping) or set(raw) != {"choice"} \
            or str(raw["choice"]) not in key["scores"] or type(raw["choice"]) is not int:
        raise ValidationError(_("Choose one of the options shown."))
    choice = str(raw["choice"])
    scores = key["scores"]
    top, low = max(scores.values()), min(scores.values())
    fraction = 1.0 if top == low else (scores[choice] - low) / (top - low)
    return Graded(fraction, choice in key["best"], choice, {"choice": raw["choice"]})


def _choice_key(qtype: str, response, result) -> str:
    """Return what the answer counts as in the distribution."""
    if qtype == "single_choice":
        return str(response.choice)
    if qtype == "true_false":
        return "true" if response.value else "false"
    if qtype == "multiple_choice":
        return ",".join(str(choice) for choice in response.choices)
    return result.state


def distribution(public: Mapping, key: Mapping,
                 answers: Iterable[tuple[str, dict]]) -> list[dict]:
    """Count answers per option (or per correct/partly/wrong for typed answers)."""
    kind = key["type"]
    if kind in CHOICE_TYPES or kind == "decision":
        rows = [{"key": _option_key(option["id"]), "html": option["html"], "count": 0,
                 "correct": _is_right(key, option["id"])} for option in public["options"]]
        index = {row["key"]: row for row in rows}
        for choice_key, _response in answers:
            for part in (choice_key.split(",") if kind == "multiple_choice" else [choice_key]):
                if part in index:
                    index[part]["count"] += 1
        return rows
    labels = {CORRECT: _("Correct"), PARTIAL: _("Partly correct"), "wrong": _("Wrong")}
    counts = {state: 0 for state in labels}
    for choice_key, _response in answers:
        counts[choice_key if choice_key in counts else "wrong"] += 1
    return [{"key": state, "html": str(label), "count": counts[state],
             "correct": state == CORRECT} for state, label in labels.items()]


def _option_key(option_id) -> str:
    """Return the distribution key of an option id (booleans as true/false)."""
    if isinstance(option_id, bool):
        return "true" if option_id else "false"
    return str(option_id)


def _is_right(key: Mapping, option_id) -> bool:
    """Tell whether an option earns marks (for showing it as right after the close)."""
    kind = key["type"]
    if kind == "decision":
        return str(option_id) in key["best"]
    options = key["data"].get("options", [])
    if kind == "single_choice":
        return bool(options[option_id].get("correct"))
    if kind == "multiple_choice":
        return options[option_id].get("weight", 0) > 0
    return option_id == key["data"].get("answer")


def reveal(key: Mapping) -> dict:
    """Return what the room sees after the close: right answer, feedback, cited articles."""
    if key["type"] == "decision":
        return {}
    texts = [key.get("feedback", ""), key.get("right_answer", "")]
    return {"right_answer": render(key.get("right_answer", "")),
            "feedback": render(key.get("feedback", "")),
            "articles": cited_articles(texts, key.get("citations", []))}
