"""Write content YAML people can read: block scalars, indented lists, flow lists of words."""
from __future__ import annotations

import re

import yaml

_WORD_LIST_KEYS = frozenset({"tags", "citations"})
_QUESTION_START = re.compile(r"^  - slug: ", re.MULTILINE)


class _FlowList(list):
    """A list written on one line, like ``[tiền lương, thưởng]``."""


class _ContentDumper(yaml.SafeDumper):
    """SafeDumper that indents list items under their key, as the format document does."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        """Never write a list flush with its parent key."""
        return super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, text: str):
    """Write multi-line text as a literal block (``|``), everything else as usual."""
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_flow_list(dumper: yaml.SafeDumper, items: _FlowList):
    """Write a list of words on one line."""
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


_ContentDumper.add_representer(str, _represent_text)
_ContentDumper.add_representer(_FlowList, _represent_flow_list)


def _mark_word_lists(value):
    """Return ``value`` with the lists under tags/citations turned into flow lists."""
    if isinstance(value, dict):
        return {key: (_FlowList(item) if key in _WORD_LIST_KEYS and isinstance(item, list)
                      else _mark_word_lists(item))
                for key, item in value.items()}
    if isinstance(value, list):
        return [_mark_word_lists(item) for item in value]
    return value


def dump_yaml(data: dict) -> str:
    """Return ``data`` as YAML: keys in their given order, Unicode kept, a blank line between
    questions."""
    text = yaml.dump(_mark_word_lists(data), Dumper=_ContentDumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False, width=100, indent=2)
    first = _QUESTION_START.search(text)
    if first is None:
        return text
    head, tail = text[:first.end()], text[first.end():]
    return head + _QUESTION_START.sub(lambda m: "\n" + m.group(0), tail)
