"""Typed reading of one YAML mapping, collecting Vietnamese errors with lines."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType

from courses.citations import normalize
from courses.contentfiles.errors import ContentError
from lms.yamlfile import LineDict, LineList, YamlError, load_yaml

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MISSING = object()


def is_slug(value: object) -> bool:
    """Tell whether ``value`` is a slug: lowercase ASCII letters, digits and single hyphens."""
    return isinstance(value, str) and bool(SLUG.fullmatch(value))


def slug_message(value: object) -> str:
    """Word the error for an invalid slug."""
    return (f"slug '{value}' không hợp lệ: chỉ dùng chữ thường không dấu, chữ số "
            "và dấu gạch ngang")


class Fields:
    """Read typed fields of one mapping; every problem becomes a ContentError."""

    def __init__(self, data: LineDict, path: str, errors: list[ContentError], where: str = ""):
        self.data = data
        self.path = path
        self.errors = errors
        self.where = where  # prefix naming the object, e.g. "Chương 'x': "

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping when the key is absent."""
        return self.data.line_of(key)

    def error(self, key: str, message: str) -> None:
        """Record an error at the line of ``key``."""
        self.errors.append(ContentError(self.path, self.line_of(key), self.where + message))

    def check_keys(self, allowed: Iterable[str]) -> None:
        """Report every key that the format does not know (usually a typo)."""
        allowed = set(allowed)
        for key in self.data:
            if key not in allowed:
                self.error(key, f"trường '{key}' không có trong định dạng")

    def _get(self, key: str, required: bool):
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.error(key, f"thiếu trường '{key}'")
            return _MISSING
        return value

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        """Read a string (stripped, NFC); numbers are accepted and written as text."""
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(key, f"'{key}' phải là một chuỗi văn bản")
            return default
        value = normalize(str(value)).strip()
        if required and not value:
            self.error(key, f"'{key}' không được để trống")
        return value

    def optional_text(self, key: str) -> str | None:
        """Read a string that may be absent or null (None then); an empty string is None."""
        return self.text(key, required=False) or None

    def slug(self, key: str) -> str:
        """Read a required slug."""
        value = self.text(key)
        if value and not is_slug(value):
            self.error(key, slug_message(value))
        return value

    def choice(self, key: str, choices: Iterable[str], *, default: str | None = None) -> str:
        """Read a string that must be one of ``choices``; absent means ``default``."""
        value = self.text(key, required=default is None, default=default or "")
        if value and value not in choices:
            self.error(key, f"'{key}' phải là một trong: {', '.join(choices)} "
                            f"(đang là '{value}')")
        return value

    def boolean(self, key: str, *, default: bool) -> bool:
        """Read true/false; absent means ``default``."""
        value = self._get(key, required=False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.error(key, f"'{key}' phải là true hoặc false")
            return default
        return value

    def integer(self, key: str, *, required: bool, minimum: int = 0) -> int | None:
        """Read a whole number not below ``minimum``."""
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"'{key}' phải là một số nguyên")
            return None
        if value < minimum:
            self.error(key, f"'{key}' phải từ {minimum} trở lên")
            return None
        return value

    def day(self, key: str, *, required: bool) -> date | None:
        """Read a date written YYYY-MM-DD."""
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                pass
        if isinstance(value, datetime) or not isinstance(value, date):
            self.error(key, f"'{key}' phải là ngày dạng YYYY-MM-DD")
            return None
        return value

    def mapping(self, key: str) -> LineDict | None:
        """Read an optional nested mapping."""
        value = self._get(key, required=False)
        if value is _MISSING:
            return None
        if not isinstance(value, LineDict):
            self.error(key, f"'{key}' phải là một bảng khóa: giá trị")
            return None
        return value

    def items(self, key: str, *, required: bool) -> LineList:
        """Read a list (an empty one when absent)."""
        value = self._get(key, required)
        if value is _MISSING:
            return _empty_list(self.line_of(key))
        if not isinstance(value, LineList):
            self.error(key, f"'{key}' phải là một danh sách")
            return _empty_list(self.line_of(key))
        return value

    def slugs(self, key: str) -> tuple[tuple[str, int], ...]:
        """Read an optional list of slugs as ``(slug, line)`` pairs, skipping bad items."""
        values = self.items(key, required=False)
        found = []
        for index, value in enumerate(values):
            line = values.line_of(index)
            if not is_slug(value):
                self.errors.append(ContentError(self.path, line, self.where + slug_message(value)))
                continue
            found.append((value, line))
        return tuple(found)


def _empty_list(line: int) -> LineList:
    empty = LineList()
    empty.line = line
    empty.item_lines = []
    return empty


def mapping_items(values: LineList, path: str, errors: list[ContentError], what: str):
    """Yield the LineDict items of a list, reporting items that are not mappings."""
    for index, item in enumerate(values):
        if isinstance(item, LineDict):
            yield item
        else:
            errors.append(ContentError(path, values.line_of(index),
                                       f"mỗi {what} phải là một bảng khóa: giá trị"))


def load_mapping(text: str, path: str, errors: list[ContentError], *,
                 first_line: int = 1, what: str = "tệp") -> LineDict | None:
    """Parse YAML that must be one mapping; report unreadable YAML with its line."""
    try:
        data = load_yaml(text, first_line=first_line)
    except YamlError as exc:
        errors.append(ContentError(path, exc.line, f"YAML không đọc được: {exc.message}"))
        return None
    if not isinstance(data, LineDict):
        errors.append(ContentError(path, first_line, f"{what} phải là một bảng khóa: giá trị"))
        return None
    return data


def value_first_line(text: str, key_line: int, first_line: int = 1) -> int:
    """Return the line where a key's text value starts: the next line for ``|`` and ``>``."""
    lines = text.split("\n")
    index = key_line - first_line
    if not 0 <= index < len(lines):
        return key_line
    _, _, rest = lines[index].partition(":")
    return key_line + 1 if rest.strip()[:1] in ("|", ">") else key_line


def no_lines() -> Mapping[str, int]:
    """Return an empty, read-only key-to-line mapping (the default for specs built in code)."""
    return MappingProxyType({})
