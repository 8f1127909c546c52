"""Write specs back as YAML in the house style: two-space indents, Vietnamese unescaped.

Only for spec fields that the parsers strip: a trailing newline may be added to text.
"""
from __future__ import annotations

import yaml


class Flow(list):
    """A list written on one line, ``[a, b, c]``, as the content format shows slugs."""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that indents lists under their key and writes long text as blocks."""

    def increase_indent(self, flow=False, indentless=False):
        """Indent block lists under their key, as the content format's examples do."""
        return super().increase_indent(flow, False)


_FOLD_AFTER = 72  # characters; longer one-line text is written as a folded ">" block


def _represent_str(dumper: yaml.SafeDumper, value: str):
    # Every text field is read back stripped, so a trailing newline may be added to get the
    # plain "|" and ">" blocks authors write, instead of "|-" and ">-".
    style = None
    if "\n" in value.strip():
        style = "|"
    elif len(value) > _FOLD_AFTER:
        style = ">"
    if style and not value.endswith("\n"):
        value += "\n"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_flow(dumper: yaml.SafeDumper, value: Flow):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _represent_tuple(dumper: yaml.SafeDumper, value: tuple):
    return dumper.represent_list(list(value))


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Flow, _represent_flow)
_Dumper.add_representer(tuple, _represent_tuple)


def dump_yaml(data: dict) -> str:
    """Return ``data`` as YAML text, keys in the given order."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=96, indent=2)
