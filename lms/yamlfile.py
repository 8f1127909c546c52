"""Load YAML while remembering the line of every mapping, list and key.

Importers report each error with its file and line; plain ``yaml.safe_load`` forgets where a
value came from, so this loader returns ``dict``/``list`` subclasses that carry line numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml


class LineDict(dict):
    """A mapping that knows its own line and the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        """Return the line where ``key`` is written, or the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        """Return the line where item ``index`` starts, or the list's own line."""
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


@dataclass(frozen=True)
class YamlError(Exception):
    """A YAML file that could not be parsed, with the line of the problem."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that builds LineDict/LineList instead of dict/list."""

    def construct_mapping(self, node, deep=False):
        """Build a LineDict, refusing duplicate keys."""
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "unhashable key", key_node.start_mark) from None
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node, deep=False):
        """Build a LineList."""
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def load_yaml(text: str, *, first_line: int = 1):
    """Parse YAML text into LineDict/LineList values; raise YamlError with the line on failure.

    ``first_line`` shifts reported lines, for YAML embedded in a larger file (front matter).
    """
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        # At the end of the stream the problem mark is the last line; the context mark
        # points at what was left open (a quote, a bracket), which is what a person must fix.
        at_end = "end of stream" in (exc.problem or "") or "<stream end>" in (exc.problem or "")
        mark = (exc.context_mark if at_end and exc.context_mark else None) or \
            exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise YamlError(line, exc.problem or str(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(first_line, str(exc)) from None
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def _shift_lines(value, offset: int) -> None:
    """Move every recorded line of a parsed tree down by ``offset``."""
    if isinstance(value, LineDict):
        value.line += offset
        value.key_lines = {k: v + offset for k, v in value.key_lines.items()}
        for item in value.values():
            _shift_lines(item, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.item_lines = [line + offset for line in value.item_lines]
        for item in value:
            _shift_lines(item, offset)
