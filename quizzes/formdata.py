"""Form fields of an attempt page to response JSON and back, for every question type.

The attempt page is a plain HTML form (it works without JavaScript); autosave sends the same
fields as JSON. Both go through ``response_from_fields``, so there is one reading of what a
trainee entered. Field names: ``q<pos>`` for one value or a list of values, and
``q<pos>-<left id>`` for each left of a matching question. Empty input means "no answer".
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from quizzes.qtypes import ResponseError

Fields = Mapping[str, Sequence[str]]
MAX_FIELDS = 200
MAX_VALUE = 10_000


def field_name(position: int, left: int | None = None) -> str:
    """Return the form field name of a question, or of one left of a matching question."""
    return f"q{position}" if left is None else f"q{position}-{left}"


def _values(fields: Fields, name: str) -> list[str]:
    """Return the non-empty values of a field, each checked to be short text."""
    raw = fields.get(name, ())
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, (list, tuple)) or len(raw) > MAX_FIELDS:
        raise ResponseError("Câu trả lời không đúng dạng")
    values = []
    for value in raw:
        if not isinstance(value, str) or len(value) > MAX_VALUE:
            raise ResponseError("Câu trả lời không đúng dạng")
        if value.strip():
            values.append(value)
    return values


def _integer(text: str) -> int:
    """Read an option id."""
    if not text.strip().isdigit():
        raise ResponseError("Câu trả lời chọn một phương án không tồn tại")
    return int(text)


def _one(fields: Fields, name: str) -> str | None:
    """Return the single value of a field, or None when it is empty."""
    values = _values(fields, name)
    if len(values) > 1:
        raise ResponseError("Câu trả lời không đúng dạng")
    return values[0] if values else None


def response_from_fields(qtype: str, position: int, fields: Fields,
                         left_ids: Sequence[int] = ()) -> dict | None:
    """Return the response JSON of one question from its fields; None when unanswered.

    ``left_ids`` are the lefts of a matching question. Raise ResponseError for input no
    form can produce (the type's ``parse_response`` then checks ids and sizes).
    """
    name = field_name(position)
    if qtype == "matching":
        pairs = {str(left): _one(fields, field_name(position, left)) for left in left_ids}
        if all(value is None for value in pairs.values()):
            return None
        return {"pairs": {k: (None if v is None else _integer(v)) for k, v in pairs.items()}}
    if qtype == "multiple_choice":
        values = _values(fields, name)
        return {"choices": [_integer(v) for v in values]} if values else None
    value = _one(fields, name)
    if value is None:
        return None
    if qtype == "single_choice":
        return {"choice": _integer(value)}
    if qtype == "true_false":
        if value not in ("true", "false"):
            raise ResponseError("Câu trả lời phải là Đúng hoặc Sai")
        return {"value": value == "true"}
    if qtype == "ordering":
        return {"order": [_integer(v) for v in value.split(",")]}
    if qtype == "numerical":
        return {"value": value}
    return {"text": value}  # short_answer, essay


def fields_from_response(qtype: str, position: int, response: Mapping | None) -> dict:
    """Return the form values that show a stored response (to fill the form on reload)."""
    name = field_name(position)
    if not response:
        return {}
    if qtype == "matching":
        return {field_name(position, int(left)): [str(right)]
                for left, right in response.get("pairs", {}).items() if right is not None}
    if qtype == "multiple_choice":
        return {name: [str(choice) for choice in response.get("choices", ())]}
    if qtype == "single_choice":
        return {name: [str(response["choice"])]}
    if qtype == "true_false":
        return {name: ["true" if response["value"] else "false"]}
    if qtype == "ordering":
        return {name: [",".join(str(i) for i in response["order"])]}
    if qtype == "numerical":
        return {name: [str(response["value"])]}
    return {name: [response.get("text", "")]}
