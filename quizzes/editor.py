"""The question editor's rows (options, answers, pairs, items) to type fields and back.

Each question type is edited as rows of small inputs sent as parallel lists (one list per
column, in page order). Blank rows are left out; the result is validated by the question type
exactly as a YAML file would be, so the editor can never store what an import would refuse.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from quizzes.qtypes.numerical import parse_number_text

GetList = Callable[[str], list[str]]

# Columns of each type's rows: (form list name, YAML key, kind).
COLUMNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "single_choice": (("opt_text", "text", "text"), ("opt_feedback", "feedback", "text")),
    "multiple_choice": (("opt_text", "text", "text"), ("opt_weight", "weight", "number"),
                        ("opt_feedback", "feedback", "text")),
    "short_answer": (("ans_text", "text", "text"), ("ans_weight", "weight", "number"),
                     ("ans_feedback", "feedback", "text")),
    "numerical": (("num_value", "value", "number"), ("num_tolerance", "tolerance", "number"),
                  ("num_weight", "weight", "number"), ("num_feedback", "feedback", "text")),
    "matching": (("pair_left", "left", "text"), ("pair_right", "right", "text")),
    "ordering": (("item_text", "text", "text"),),
}
LIST_KEYS = {"single_choice": "options", "multiple_choice": "options",
             "short_answer": "answers", "numerical": "answers", "matching": "pairs",
             "ordering": "items"}
BLANK_ROWS = 3


def _cell(kind: str, text: str):
    """Convert one cell: numbers accept a decimal comma; a bad number stays text (refused)."""
    text = text.strip()
    if kind != "number" or not text:
        return text
    number = parse_number_text(text)
    return text if number is None else number


def _rows(qtype: str, getlist: GetList) -> list[tuple[int, dict]]:
    """Read the non-blank rows of a type from the parallel lists, with their form index."""
    columns = COLUMNS[qtype]
    lists = [getlist(name) for name, _, _ in columns]
    rows = []
    for index in range(max((len(values) for values in lists), default=0)):
        cells = {key: _cell(kind, values[index] if index < len(values) else "")
                 for (_, key, kind), values in zip(columns, lists)}
        if any(value != "" for value in cells.values()):
            rows.append((index, {key: value for key, value in cells.items() if value != ""}))
    return rows


def raw_from_form(qtype: str, get: Callable[[str], str], getlist: GetList) -> dict:
    """Return the type's YAML fields from the editor's inputs (to be validated)."""
    if qtype == "true_false":
        raw = {"answer": {"true": True, "false": False}.get(get("answer"), get("answer"))}
        for key in ("feedback_true", "feedback_false"):
            if get(key).strip():
                raw[key] = get(key).strip()
        return raw
    if qtype == "essay":
        raw = {}
        if get("rubric").strip():
            raw["rubric"] = get("rubric").strip()
        words = get("min_words").strip()
        if words:
            raw["min_words"] = int(words) if words.isdigit() else words
        return raw
    rows = _rows(qtype, getlist)
    if qtype == "single_choice":
        for index, row in rows:
            if str(index) == get("opt_correct"):
                row["correct"] = True
    if qtype == "ordering":
        return {"items": [row["text"] for _, row in rows if "text" in row]}
    return {LIST_KEYS[qtype]: [row for _, row in rows]}


def rows_for_form(qtype: str, data: Mapping) -> list[dict]:
    """Return the rows to show in the editor for stored fields, plus blank rows to fill."""
    if qtype in ("true_false", "essay"):
        return []
    if qtype == "ordering":
        rows = [{"text": item} for item in data.get("items", ())]
    else:
        rows = [dict(item) for item in data.get(LIST_KEYS[qtype], ())]
    return rows + [{} for _ in range(BLANK_ROWS)]
