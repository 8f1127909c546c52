"""Write plain data as YAML a lecturer can read and edit: block text, Vietnamese as is."""
from __future__ import annotations

import yaml


class _ReadableDumper(yaml.SafeDumper):
    """SafeDumper that writes multi-line text as literal blocks and indents lists."""

    def increase_indent(self, flow=False, indentless=False):
        # Lists under a key are indented two spaces, as the content files are written by hand.
        return super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str):
    """Write text with line breaks as a ``|`` block, everything else the usual way."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class FlowMap(dict):
    """A short mapping written on one line, such as ``effects: {trust: 1}``."""


def _represent_flow_map(dumper: yaml.SafeDumper, value: FlowMap):
    """Write a FlowMap in flow style."""
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


class FlowList(list):
    """A short list written on one line, such as ``later: [correctness, marks]``."""


def _represent_flow_list(dumper: yaml.SafeDumper, value: FlowList):
    """Write a FlowList in flow style."""
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_ReadableDumper.add_representer(str, _represent_text)
_ReadableDumper.add_representer(FlowMap, _represent_flow_map)
_ReadableDumper.add_representer(FlowList, _represent_flow_list)


def dump_yaml(data) -> str:
    """Return ``data`` (dicts, lists, text, numbers, booleans) as readable YAML."""
    return yaml.dump(data, Dumper=_ReadableDumper, allow_unicode=True, sort_keys=False,
                     width=100, default_flow_style=False)
