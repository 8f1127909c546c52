"""Read and write `scenarios/<slug>.yaml` (docs/content-format.md §7).

Reading checks the shape of the file (fields, types, allowed values); the rules that need the
whole scenario (targets, reachability, loops, variables, conditions) live in validate.py.
"""
from __future__ import annotations

from lms.yamlfile import LineDict, LineList
from quizzes.filecheck import ErrorSink, FileError, Fields, is_int, open_file
from quizzes.scenario.model import (
    DEFAULT_CHECK_POINTS, OUTCOMES, SCORING_METHODS, Choice, Edge, Node, Pairs, Scenario,
)
from quizzes.yamldump import FlowMap, dump_yaml

TOP_KEYS = ("slug", "title", "module", "summary", "scoring", "pass_mark", "allow_back",
            "resume", "variables", "start", "nodes")
NODE_KEYS = {
    "situation": ("id", "type", "title", "text", "next"),
    "decision": ("id", "type", "title", "text", "prompt", "choices"),
    "check": ("id", "type", "title", "text", "question", "points", "next"),
    "end": ("id", "type", "title", "text", "outcome", "score"),
}
CHOICE_KEYS = ("text", "to", "score", "effects", "feedback", "when")
EDGE_KEYS = ("to", "when")
WHERE = "Kịch bản"


def parse_scenario_file(text: str, path: str) -> tuple[Scenario | None, tuple[FileError, ...]]:
    """Read a scenario file; return the scenario, or None and every error with its line."""
    top, sink = open_file(text, path, WHERE, TOP_KEYS)
    if top is None:
        return None, sink.errors
    scenario = Scenario(
        slug=top.slug("slug"),
        title=top.text("title", required=True),
        module=top.slug("module"),
        summary=top.text("summary"),
        scoring=top.one_of("scoring", SCORING_METHODS, "path_sum"),
        pass_mark=top.integer("pass_mark", 60, minimum=0, maximum=100),
        allow_back=top.boolean("allow_back", False),
        resume=top.boolean("resume", True),
        variables=_pairs(top, "variables"),
        start=top.text("start", required=True),
        nodes=_nodes(top),
        key_lines=tuple(top.mapping.key_lines.items()),
    )
    return sink.outcome(scenario)


def _pairs(fields: Fields, key: str) -> Pairs:
    """Read a mapping of names to integers (variables, effects), keeping its order."""
    value = fields.mapping.get(key)
    if value is None:
        return ()
    if not isinstance(value, LineDict):
        fields.error(key, f"'{key}' phải là một bảng tên: số nguyên")
        return ()
    pairs = []
    for name, number in value.items():
        if not isinstance(name, str) or not is_int(number):
            fields.sink.add(value.line_of(name),
                            f"{fields.where}: '{key}.{name}' phải là tên: số nguyên")
            continue
        pairs.append((name, number))
    return tuple(pairs)


def _items(fields: Fields, key: str, what: str) -> list[tuple[int, LineDict]]:
    """Return the mappings of a non-empty list field with their 1-based positions."""
    value = fields.mapping.get(key)
    if value is None:
        fields.error(key, f"thiếu trường '{key}'")
        return []
    if not isinstance(value, LineList) or not value:
        fields.error(key, f"'{key}' phải là một danh sách không rỗng")
        return []
    items = []
    for index, item in enumerate(value):
        if isinstance(item, LineDict):
            items.append((index + 1, item))
        else:
            fields.sink.add(value.line_of(index),
                            f"{fields.where}: mỗi {what} phải là một bảng khóa: giá trị")
    return items


def _nodes(top: Fields) -> tuple[Node, ...]:
    """Read every node of the ``nodes`` list."""
    return tuple(_node(item, top.sink, position)
                 for position, item in _items(top, "nodes", "nút"))


def _node(item: LineDict, sink: ErrorSink, position: int) -> Node:
    """Read one node; its kind decides which fields it may and must have."""
    raw_id = item.get("id")
    where = f"Nút '{raw_id}'" if isinstance(raw_id, str) else f"Nút thứ {position}"
    fields = Fields(item, sink, where)
    node_id = fields.slug("id")
    kind = fields.one_of("type", NODE_KEYS, None)
    if kind is None:
        return Node(id=node_id, kind="", line=item.line)
    fields.only(NODE_KEYS[kind])
    common = {"id": node_id, "kind": kind, "title": fields.text("title"), "line": item.line,
              "text": fields.text("text", required=kind == "situation")}
    if kind == "decision":
        return Node(**common, prompt=fields.text("prompt", required=True),
                    choices=_choices(fields))
    if kind == "end":
        return Node(**common, outcome=fields.one_of("outcome", OUTCOMES, None),
                    score=fields.integer("score", None))
    if kind == "check":
        common.update(question=fields.slug("question"),
                      points=fields.integer("points", DEFAULT_CHECK_POINTS, minimum=0))
    return Node(**common, edges=_edges(fields))


def _choices(fields: Fields) -> tuple[Choice, ...]:
    """Read the choices of a decision."""
    choices = []
    for position, item in _items(fields, "choices", "lựa chọn"):
        choice = Fields(item, fields.sink, f"{fields.where}, lựa chọn {position}")
        choice.only(CHOICE_KEYS)
        choices.append(Choice(
            text=choice.text("text", required=True), to=choice.text("to", required=True),
            score=choice.integer("score", 0), effects=_pairs(choice, "effects"),
            feedback=choice.text("feedback"), when=_condition(choice), line=item.line))
    return tuple(choices)


def _edges(fields: Fields) -> tuple[Edge, ...]:
    """Read ``next``: one target id, or a list of ``{to, when?}`` tried in order."""
    value = fields.mapping.get("next")
    if isinstance(value, str):
        return (Edge(to=value, line=fields.line_of("next")),)
    if value is not None and not isinstance(value, LineList):
        fields.error("next", "'next' phải là mã một nút hoặc danh sách {to, when}")
        return ()
    edges = []
    for position, item in _items(fields, "next", "nhánh"):
        edge = Fields(item, fields.sink, f"{fields.where}, nhánh {position}")
        edge.only(EDGE_KEYS)
        edges.append(Edge(to=edge.text("to", required=True), when=_condition(edge),
                          line=item.line))
    return tuple(edges)


def _condition(fields: Fields) -> str | None:
    """Read an optional ``when`` condition as text (its syntax is checked by validate)."""
    if not fields.present("when"):
        return None
    return fields.text("when", required=True) or None


def dump_scenario(scenario: Scenario) -> str:
    """Write a scenario as readable YAML that parse_scenario_file reads back equal."""
    data = {"slug": scenario.slug, "title": scenario.title, "module": scenario.module}
    if scenario.summary:
        data["summary"] = scenario.summary
    data.update(scoring=scenario.scoring, pass_mark=scenario.pass_mark,
                allow_back=scenario.allow_back)
    if not scenario.resume:
        data["resume"] = False
    if scenario.variables:
        data["variables"] = dict(scenario.variables)
    data["start"] = scenario.start
    data["nodes"] = [_node_data(node) for node in scenario.nodes]
    return dump_yaml(data)


def _node_data(node: Node) -> dict:
    """Return one node as plain data, leaving out empty optional fields."""
    data = {"id": node.id, "type": node.kind}
    for key in ("title", "text", "prompt"):
        if getattr(node, key):
            data[key] = getattr(node, key)
    if node.kind == "decision":
        data["choices"] = [_choice_data(choice) for choice in node.choices]
    if node.kind == "check":
        data.update(question=node.question, points=node.points)
    if node.kind in ("situation", "check"):
        data["next"] = _edges_data(node.edges)
    if node.kind == "end":
        data["outcome"] = node.outcome
        if node.score is not None:
            data["score"] = node.score
    return data


def _choice_data(choice: Choice) -> dict:
    """Return one choice as plain data."""
    data = {"text": choice.text, "to": choice.to}
    if choice.score:
        data["score"] = choice.score
    if choice.effects:
        data["effects"] = FlowMap(choice.effects)
    if choice.feedback:
        data["feedback"] = choice.feedback
    if choice.when is not None:
        data["when"] = choice.when
    return data


def _edges_data(edges: tuple[Edge, ...]):
    """Return ``next`` as one id when there is a single unconditional edge, else a list."""
    if len(edges) == 1 and edges[0].when is None:
        return edges[0].to
    return [{"to": edge.to, **({"when": edge.when} if edge.when is not None else {})}
            for edge in edges]
