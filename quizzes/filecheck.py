"""File errors with line numbers, and typed readers of YAML fields that collect them.

Content files are written by people; every mistake they can make becomes a FileError with
the file and line, in Vietnamese, instead of an exception, so an import reports them all.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from lms.yamlfile import LineDict, YamlError, load_yaml

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, order=True)
class FileError:
    """One problem in a content file: the file, the line (1-based, 0 if unknown), the message.

    The one error type of every quizzes file reader (bank, quiz, scenario); messages are
    Vietnamese and name the question, quiz or node they are about.
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class ErrorSink:
    """Collect FileErrors for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._errors: list[FileError] = []

    def add(self, line: int, message: str) -> None:
        """Record one error at ``line``."""
        self._errors.append(FileError(self.path, line, message))

    @property
    def errors(self) -> tuple[FileError, ...]:
        """Return the errors recorded so far, in order."""
        return tuple(self._errors)

    def outcome(self, value):
        """Return ``(value, ())`` when nothing went wrong, else ``(None, errors)``."""
        return (None, self.errors) if self._errors else (value, ())


def open_file(text: str, path: str, where: str,
              keys: Collection[str]) -> tuple[Fields | None, ErrorSink]:
    """Parse a YAML file that must be a mapping of ``keys``; None when it cannot be read."""
    sink = ErrorSink(path)
    try:
        data = load_yaml(text)
    except YamlError as exc:
        sink.add(exc.line, f"{where}: YAML không đọc được ({_yaml_message(exc.message)})")
        return None, sink
    if not isinstance(data, LineDict):
        sink.add(getattr(data, "line", 1), f"{where}: tệp phải là một bảng khóa: giá trị")
        return None, sink
    top = Fields(data, sink, where)
    top.only(keys)
    return top, sink


def _yaml_message(message: str) -> str:
    """Say the most common YAML complaints in Vietnamese."""
    if message.startswith("duplicate key"):
        return "khóa bị lặp " + message.removeprefix("duplicate key").strip()
    return message


def is_int(value: object) -> bool:
    """Tell whether ``value`` is an integer and not a boolean (YAML true is an int in Python)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    """Tell whether ``value`` is an int or float, not a boolean, not NaN or infinite."""
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    return is_int(value)


class Fields:
    """Read typed fields of one YAML mapping, recording errors that name ``where``."""

    def __init__(self, mapping: LineDict, sink: ErrorSink, where: str) -> None:
        self.mapping = mapping
        self.sink = sink
        self.where = where

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping when the key is absent."""
        return self.mapping.line_of(key)

    def error(self, key: str, message: str) -> None:
        """Record an error about ``key`` at its line."""
        self.sink.add(self.line_of(key), f"{self.where}: {message}")

    def only(self, allowed: Collection[str]) -> None:
        """Record an error for every key that is not ``allowed`` (catches typos)."""
        for key in self.mapping:
            if key not in allowed:
                self.sink.add(self.mapping.line_of(key), f"{self.where}: không có trường "
                                                         f"'{key}' (dùng: {', '.join(allowed)})")

    def present(self, key: str) -> bool:
        """Tell whether ``key`` is written (and not null)."""
        return self.mapping.get(key) is not None

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        """Return a text field; record an error when it is missing or not text."""
        value = self.mapping.get(key)
        if value is None:
            if required:
                self.error(key, f"thiếu trường '{key}'")
            return default
        if not isinstance(value, str):
            self.error(key, f"'{key}' phải là văn bản (đặt trong dấu nháy nếu cần)")
            return default
        if required and not value.strip():
            self.error(key, f"'{key}' không được để trống")
        return value

    def slug(self, key: str, *, required: bool = True) -> str:
        """Return a slug field (lowercase ASCII letters, digits, hyphens)."""
        value = self.text(key, required=required)
        if value and not SLUG.fullmatch(value):
            self.error(key, f"'{key}' chỉ gồm chữ thường không dấu, số và dấu gạch ngang")
        return value

    def integer(self, key: str, default: int | None, *, minimum: int | None = None,
                maximum: int | None = None, required: bool = False) -> int | None:
        """Return an integer field within [minimum, maximum]; record an error otherwise."""
        value = self.mapping.get(key)
        if value is None:
            if required:
                self.error(key, f"thiếu trường '{key}'")
            return default
        if not is_int(value):
            self.error(key, f"'{key}' phải là số nguyên")
            return default
        return self._in_range(key, value, minimum, maximum, default)

    def number(self, key: str, default: float | None, *, minimum: float | None = None,
               maximum: float | None = None) -> float | None:
        """Return a number field (int or float) within [minimum, maximum]."""
        value = self.mapping.get(key)
        if value is None:
            return default
        if not is_number(value):
            self.error(key, f"'{key}' phải là một số")
            return default
        return self._in_range(key, value, minimum, maximum, default)

    def _in_range(self, key, value, minimum, maximum, default):
        """Return ``value`` when inside the bounds, else record an error and return default."""
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.error(key, f"'{key}' phải {_bounds(minimum, maximum)}")
            return default
        return value

    def boolean(self, key: str, default: bool) -> bool:
        """Return a true/false field."""
        value = self.mapping.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(key, f"'{key}' phải là true hoặc false")
            return default
        return value

    def one_of(self, key: str, options: Iterable[str], default: str | None) -> str | None:
        """Return a field that must be one of ``options``."""
        options = tuple(options)
        value = self.mapping.get(key)
        if value is None:
            if default is None:
                self.error(key, f"thiếu trường '{key}' ({' | '.join(options)})")
            return default
        if value not in options:
            self.error(key, f"'{key}' phải là một trong: {', '.join(options)}")
            return default
        return value


def _bounds(minimum, maximum) -> str:
    """Say the allowed range of a number in Vietnamese."""
    if minimum is not None and maximum is not None:
        return f"từ {minimum} đến {maximum}"
    if minimum is not None:
        return f"lớn hơn hoặc bằng {minimum}"
    return f"nhỏ hơn hoặc bằng {maximum}"
