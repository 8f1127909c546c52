"""Read the type-specific fields of a question as YAML gives them, collecting problems.

Every reader takes the raw mapping, a key and a ``Problems`` collector, returns a clean value
(or a harmless default) and records a Vietnamese message, with the line when the mapping came
from ``lms.yamlfile`` (a ``LineDict``), for anything wrong. Nothing here raises for bad input.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One validation message and the line it points at (0 when unknown)."""

    line: int
    message: str


class Problems:
    """Collect validation problems in the order they are found."""

    def __init__(self, default_line: int = 0) -> None:
        self.default_line = default_line
        self.items: list[Problem] = []

    def add(self, message: str, node: object = None, key: object = None) -> None:
        """Record ``message``, located at ``node[key]`` (or ``node``) when it knows its line."""
        self.items.append(Problem(_line_of(node, key, self.default_line), message))

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def messages(self) -> tuple[str, ...]:
        """Return the messages without their lines."""
        return tuple(p.message for p in self.items)

    @property
    def located(self) -> tuple[Problem, ...]:
        """Return the messages with their lines."""
        return tuple(self.items)


def _line_of(node: object, key: object, default: int) -> int:
    """Return the recorded line of ``node[key]`` or of ``node``, else ``default``."""
    if node is None:
        return default
    if key is not None and hasattr(node, "line_of"):
        return node.line_of(key) or default
    return getattr(node, "line", 0) or default


def _at(where: str) -> str:
    """Return the message prefix naming the part of the question (none for the whole)."""
    return f"{where}: " if where else ""


def check_keys(node: Mapping, allowed: tuple[str, ...], problems: Problems, where: str) -> None:
    """Report every key of ``node`` that is not in ``allowed`` (typos would be lost silently)."""
    for key in node:
        if key not in allowed:
            problems.add(_at(where) + f"khóa không hợp lệ '{key}' (chỉ dùng: {', '.join(allowed)})",
                         node, key)


def read_text(node: Mapping, key: str, problems: Problems, where: str, *,
              required: bool = True) -> str:
    """Return ``node[key]`` as stripped text; integers are accepted as their digits."""
    value = node.get(key)
    if value is None:
        if required:
            problems.add(_at(where) + f"thiếu '{key}'", node)
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        problems.add(_at(where) + f"'{key}' phải là một đoạn văn bản", node, key)
        return ""
    text = value.strip()
    if required and not text:
        problems.add(_at(where) + f"'{key}' không được để trống", node, key)
    return text


def read_bool(node: Mapping, key: str, problems: Problems, where: str, *,
              default: bool | None = None) -> bool:
    """Return ``node[key]`` as a boolean written ``true`` or ``false``."""
    value = node.get(key, default)
    if isinstance(value, bool):
        return value
    if value is None:
        problems.add(_at(where) + f"thiếu '{key}' (true hoặc false)", node)
    else:
        problems.add(_at(where) + f"'{key}' phải là true hoặc false", node, key)
    return False


def read_number(node: Mapping, key: str, problems: Problems, where: str, *,
                default: float | None = None, low: float | None = None,
                high: float | None = None) -> float:
    """Return ``node[key]`` as a finite number within ``low..high`` (ints stay ints)."""
    value = node.get(key, default)
    if value is None:
        problems.add(_at(where) + f"thiếu '{key}'", node)
        return 0
    number = to_number(value)
    if number is None:
        problems.add(_at(where) + f"'{key}' phải là một số", node, key)
        return 0
    if (low is not None and number < low) or (high is not None and number > high):
        problems.add(_at(where) + f"'{key}' phải nằm trong khoảng {_span(low, high)}", node, key)
    return number


def _span(low: float | None, high: float | None) -> str:
    """Describe an allowed range in words."""
    if high is None:
        return f"từ {low} trở lên"
    if low is None:
        return f"không quá {high}"
    return f"{low}..{high}"


def to_number(value: object) -> int | float | None:
    """Return ``value`` as a tidy finite number (integral floats become ints), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 1e15:
            return int(value)
    return value


def read_list(node: Mapping, key: str, problems: Problems, where: str, *,
              minimum: int) -> list:
    """Return ``node[key]`` as a list of at least ``minimum`` items (empty list on error)."""
    value = node.get(key)
    if value is None:
        problems.add(_at(where) + f"thiếu danh sách '{key}'", node)
        return []
    if not isinstance(value, list):
        problems.add(_at(where) + f"'{key}' phải là một danh sách", node, key)
        return []
    if len(value) < minimum:
        problems.add(_at(where) + f"'{key}' cần ít nhất {minimum} mục (đang có {len(value)})",
                     node, key)
    return value


def read_mapping_item(items: list, index: int, problems: Problems, where: str) -> Mapping | None:
    """Return ``items[index]`` when it is a mapping, else record a problem and return None."""
    item = items[index]
    if isinstance(item, Mapping):
        return item
    problems.add(_at(where) + "phải là một mục dạng 'khóa: giá trị'", items, index)
    return None


def report_duplicates(texts: list[str], fold_text, problems: Problems, where: str,
                      node: object = None) -> None:
    """Report texts that are equal once folded (two identical options confuse everyone)."""
    seen: dict[str, int] = {}
    for index, text in enumerate(texts):
        folded = fold_text(text)
        if folded and folded in seen:
            problems.add(f"{where} {index + 1} trùng với {where} {seen[folded] + 1}: '{text}'",
                         node, index)
        seen.setdefault(folded, index)


def read_weighted_items(raw: Mapping, problems: Problems, read_item) -> list:
    """Read ``answers`` with ``read_item(item, where)`` and require one worth 100%."""
    items = read_list(raw, "answers", problems, "", minimum=1)
    answers = []
    for index in range(len(items)):
        where = f"đáp án {index + 1}"
        item = read_mapping_item(items, index, problems, where)
        if item is not None:
            answers.append(read_item(item, where))
    if answers and not any(answer.weight == 100 for answer in answers):
        problems.add("cần ít nhất một đáp án có trọng số 100", raw, "answers")
    return answers


def weighted_item_raw(item: dict, weight: float, feedback: str) -> dict:
    """Add ``weight`` and ``feedback`` to ``item`` unless they are the defaults."""
    if weight != 100:
        item["weight"] = weight
    if feedback:
        item["feedback"] = feedback
    return item
