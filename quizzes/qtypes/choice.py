"""Choice questions: ``single_choice`` (one right option) and ``multiple_choice`` (weights).

Responses (JSON): single ``{"choice": 2}``; multiple ``{"choices": [0, 3]}`` (may be empty).
Option ids are the options' original indexes (0-based), whatever order the trainee saw.
Multiple choice follows Moodle: the chosen weights (percent, -100..100) are added up and the
sum is clamped to 0..100%; it is divided by the total of positive weights, which the parser
keeps within 0.2 of 100, so that three options of 33.33% give exactly full marks together.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lms.textfold import fold
from quizzes.qtypes.base import (
    QuestionType, ResponseError, clip, expect_keys, format_number, grade_for, present,
    response_index, stable_order,
)
from quizzes.qtypes.fields import (
    Problems, check_keys, read_bool, read_list, read_mapping_item, read_number, read_text,
    report_duplicates,
)

_SUM_SLACK = 0.2


@dataclass(frozen=True)
class ChoiceOption:
    """An option of a single-choice question."""

    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class SingleChoiceSpec:
    """A single-choice question: exactly one option is correct."""

    options: tuple[ChoiceOption, ...]


@dataclass(frozen=True)
class WeightedOption:
    """An option of a multiple-choice question with its weight in percent."""

    text: str
    weight: float
    feedback: str = ""


@dataclass(frozen=True)
class MultipleChoiceSpec:
    """A multiple-choice question: positive weights add up to 100."""

    options: tuple[WeightedOption, ...]


@dataclass(frozen=True)
class ChoiceResponse:
    """The one option picked."""

    choice: int


@dataclass(frozen=True)
class ChoicesResponse:
    """The options ticked, ascending and without repeats."""

    choices: tuple[int, ...]


def _option_items(raw: Mapping, problems: Problems):
    """Yield (index, mapping, where) for each option written under ``options``."""
    items = read_list(raw, "options", problems, "", minimum=2)
    for index in range(len(items)):
        where = f"phương án {index + 1}"
        item = read_mapping_item(items, index, problems, where)
        if item is not None:
            yield index, item, where


def _public_options(options, seed: int, shuffle: bool) -> list[dict]:
    """List option ids and texts, in a seed-fixed order when shuffling."""
    order = stable_order(len(options), seed, "options") if shuffle else range(len(options))
    return [{"id": i, "text": options[i].text} for i in order]


def _option_fields(options) -> tuple[tuple[str, str], ...]:
    """Return the Markdown texts of options and their feedback."""
    fields = []
    for number, option in enumerate(options, start=1):
        fields.append((f"phương án {number}", option.text))
        if option.feedback:
            fields.append((f"phản hồi phương án {number}", option.feedback))
    return tuple(fields)


class SingleChoice(QuestionType):
    """One right option among several."""

    name = "single_choice"
    label = "Một lựa chọn"
    fields = ("options",)

    def read(self, raw: Mapping, problems: Problems) -> SingleChoiceSpec:
        """Build the spec from ``options`` with exactly one ``correct: true``."""
        options = []
        for _, item, where in _option_items(raw, problems):
            check_keys(item, ("text", "correct", "feedback"), problems, where)
            options.append(ChoiceOption(
                read_text(item, "text", problems, where),
                read_bool(item, "correct", problems, where, default=False),
                read_text(item, "feedback", problems, where, required=False)))
        count = sum(option.correct for option in options)
        if options and count != 1:
            problems.add(f"phải có đúng một phương án đúng (đang có {count})", raw, "options")
        report_duplicates([o.text for o in options], fold, problems, "phương án",
                          raw.get("options"))
        return SingleChoiceSpec(tuple(options))

    def to_raw(self, spec: SingleChoiceSpec) -> dict:
        """Return the YAML fields of the spec."""
        options = []
        for option in spec.options:
            item = {"text": option.text}
            if option.correct:
                item["correct"] = True
            if option.feedback:
                item["feedback"] = option.feedback
            options.append(item)
        return {"options": options}

    def public_view(self, spec: SingleChoiceSpec, *, seed: int, shuffle: bool) -> dict:
        """Return the options (id, Markdown text) the trainee may see."""
        return {"type": self.name, "options": _public_options(spec.options, seed, shuffle)}

    def parse_response(self, spec: SingleChoiceSpec, raw: Mapping) -> ChoiceResponse:
        """Read ``{"choice": id}``."""
        value = expect_keys(raw, "choice")["choice"]
        return ChoiceResponse(response_index(value, len(spec.options)))

    def response_to_raw(self, spec: SingleChoiceSpec, response: ChoiceResponse) -> dict:
        """Return the JSON shape of the response."""
        return {"choice": response.choice}

    def grade(self, spec: SingleChoiceSpec, response: ChoiceResponse):
        """Full marks for the correct option, none otherwise."""
        option = spec.options[response.choice]
        return grade_for(1.0 if option.correct else 0.0, present(option.feedback))

    def right_answer(self, spec: SingleChoiceSpec) -> str:
        """Name the correct option."""
        right = next(o.text for o in spec.options if o.correct)
        return f"Đáp án đúng: {right}"

    def response_summary(self, spec: SingleChoiceSpec, response: ChoiceResponse) -> str:
        """Return the picked option's text on one line."""
        return clip(spec.options[response.choice].text)

    def markdown_fields(self, spec: SingleChoiceSpec) -> tuple[tuple[str, str], ...]:
        """Return option texts and feedback."""
        return _option_fields(spec.options)


class MultipleChoice(QuestionType):
    """Several options may be ticked; each carries a weight in percent."""

    name = "multiple_choice"
    label = "Nhiều lựa chọn"
    fields = ("options",)

    def read(self, raw: Mapping, problems: Problems) -> MultipleChoiceSpec:
        """Build the spec from ``options`` whose positive weights add up to 100."""
        options = []
        for _, item, where in _option_items(raw, problems):
            check_keys(item, ("text", "weight", "feedback"), problems, where)
            options.append(WeightedOption(
                read_text(item, "text", problems, where),
                read_number(item, "weight", problems, where, low=-100, high=100),
                read_text(item, "feedback", problems, where, required=False)))
        positive = sum(o.weight for o in options if o.weight > 0)
        if options and abs(positive - 100) > _SUM_SLACK:
            problems.add("tổng trọng số dương của các phương án phải bằng 100 "
                         f"(đang là {positive:g})", raw, "options")
        report_duplicates([o.text for o in options], fold, problems, "phương án",
                          raw.get("options"))
        return MultipleChoiceSpec(tuple(options))

    def to_raw(self, spec: MultipleChoiceSpec) -> dict:
        """Return the YAML fields of the spec."""
        options = []
        for option in spec.options:
            item = {"text": option.text, "weight": option.weight}
            if option.feedback:
                item["feedback"] = option.feedback
            options.append(item)
        return {"options": options}

    def public_view(self, spec: MultipleChoiceSpec, *, seed: int, shuffle: bool) -> dict:
        """Return the options (id, Markdown text) the trainee may see."""
        return {"type": self.name, "options": _public_options(spec.options, seed, shuffle)}

    def parse_response(self, spec: MultipleChoiceSpec, raw: Mapping) -> ChoicesResponse:
        """Read ``{"choices": [id, ...]}`` without repeats."""
        values = expect_keys(raw, "choices")["choices"]
        if not isinstance(values, list) or len(values) > len(spec.options):
            raise ResponseError("Câu trả lời không đúng dạng: 'choices' phải là danh sách")
        choices = [response_index(value, len(spec.options)) for value in values]
        if len(set(choices)) != len(choices):
            raise ResponseError("Câu trả lời chọn một phương án hai lần")
        return ChoicesResponse(tuple(sorted(choices)))

    def response_to_raw(self, spec: MultipleChoiceSpec, response: ChoicesResponse) -> dict:
        """Return the JSON shape of the response."""
        return {"choices": list(response.choices)}

    def grade(self, spec: MultipleChoiceSpec, response: ChoicesResponse):
        """Add the chosen weights, clamp to 0..100%, show the chosen options' feedback."""
        positive = sum(o.weight for o in spec.options if o.weight > 0)
        chosen = [spec.options[i] for i in response.choices]
        total = sum(option.weight for option in chosen)
        return grade_for(total / positive, present(*(o.feedback for o in chosen)))

    def right_answer(self, spec: MultipleChoiceSpec) -> str:
        """List the options that earn marks, with their weight when it is not the only one."""
        rights = [o for o in spec.options if o.weight > 0]
        if len(rights) == 1:
            return f"Đáp án đúng: {rights[0].text}"
        lines = [f"- {o.text} ({format_number(o.weight)}%)" for o in rights]
        return "Các đáp án đúng (cần chọn tất cả):\n\n" + "\n".join(lines)

    def response_summary(self, spec: MultipleChoiceSpec, response: ChoicesResponse) -> str:
        """Return the ticked options' texts, or a note that none was ticked."""
        if not response.choices:
            return "(không chọn phương án nào)"
        return "; ".join(clip(spec.options[i].text, 40) for i in response.choices)

    def markdown_fields(self, spec: MultipleChoiceSpec) -> tuple[tuple[str, str], ...]:
        """Return option texts and feedback."""
        return _option_fields(spec.options)


SINGLE_CHOICE = SingleChoice()
MULTIPLE_CHOICE = MultipleChoice()
