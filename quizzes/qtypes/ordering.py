"""Ordering questions: put the items in the right order.

Response (JSON): ``{"order": [2, 0, 1]}``: every item id (original index) exactly once, first
to last. Each item in its right place earns an equal share. The items are always shown
shuffled, and never already in the right order.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lms.textfold import fold
from quizzes.qtypes.base import (
    QuestionType, ResponseError, clip, expect_keys, grade_for, response_index, stable_order,
)
from quizzes.qtypes.fields import Problems, read_list, report_duplicates


@dataclass(frozen=True)
class OrderingSpec:
    """Items in their right order (at least three, all different)."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class OrderResponse:
    """The item ids in the order the trainee put them."""

    order: tuple[int, ...]


def shown_order(count: int, seed: int) -> tuple[int, ...]:
    """Return the order the items are shown in: shuffled by seed, never the right order."""
    order = stable_order(count, seed, "items")
    if order == tuple(range(count)) and count > 1:
        order = order[1:] + order[:1]
    return order


def _read_item(values: list, index: int, problems: Problems) -> str:
    """Return item ``index`` as stripped text, recording a problem when it is not text."""
    value = values[index]
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        problems.add(f"mục {index + 1}: phải là một đoạn văn bản không trống", values, index)
        return ""
    return value.strip()


class Ordering(QuestionType):
    """Drag the items into order."""

    name = "ordering"
    label = "Sắp xếp thứ tự"
    fields = ("items",)

    def read(self, raw: Mapping, problems: Problems) -> OrderingSpec:
        """Build the spec from ``items`` written in the right order."""
        values = read_list(raw, "items", problems, "", minimum=3)
        items = [_read_item(values, index, problems) for index in range(len(values))]
        report_duplicates(items, fold, problems, "mục", values)
        return OrderingSpec(tuple(items))

    def to_raw(self, spec: OrderingSpec) -> dict:
        """Return the YAML fields of the spec."""
        return {"items": list(spec.items)}

    def public_view(self, spec: OrderingSpec, *, seed: int, shuffle: bool) -> dict:
        """Return the items (Markdown) in a shuffled order, whatever ``shuffle`` says."""
        order = shown_order(len(spec.items), seed)
        return {"type": self.name, "items": [{"id": i, "text": spec.items[i]} for i in order]}

    def parse_response(self, spec: OrderingSpec, raw: Mapping) -> OrderResponse:
        """Read ``{"order": [id, ...]}`` holding every id once."""
        values = expect_keys(raw, "order")["order"]
        count = len(spec.items)
        if not isinstance(values, list) or len(values) != count:
            raise ResponseError("Câu trả lời phải xếp đủ tất cả các mục")
        order = tuple(response_index(value, count) for value in values)
        if len(set(order)) != count:
            raise ResponseError("Câu trả lời xếp một mục hai lần")
        return OrderResponse(order)

    def response_to_raw(self, spec: OrderingSpec, response: OrderResponse) -> dict:
        """Return the JSON shape of the response."""
        return {"order": list(response.order)}

    def grade(self, spec: OrderingSpec, response: OrderResponse):
        """Give each item in its right place an equal share."""
        hits = sum(item == place for place, item in enumerate(response.order))
        return grade_for(hits / len(spec.items))

    def right_answer(self, spec: OrderingSpec) -> str:
        """List the items in the right order."""
        lines = [f"{n}. {item}" for n, item in enumerate(spec.items, start=1)]
        return "Thứ tự đúng:\n\n" + "\n".join(lines)

    def response_summary(self, spec: OrderingSpec, response: OrderResponse) -> str:
        """Return the items in the order given."""
        return " → ".join(clip(spec.items[i], 30) for i in response.order)

    def markdown_fields(self, spec: OrderingSpec) -> tuple[tuple[str, str], ...]:
        """Return the items."""
        return tuple((f"mục {n}", item) for n, item in enumerate(spec.items, start=1))


ORDERING = Ordering()
