"""Check a scenario as a whole before it is imported (the rules at the end of §7).

Each error names the node and the line it was written on, so a lecturer can fix the file.
"""
from __future__ import annotations

import re
from collections.abc import Collection

from quizzes.filecheck import ErrorSink, FileError
from quizzes.scenario.conditions import KEYWORDS, SCORE, ConditionError, parse_condition
from quizzes.scenario.graph import closed_loops, reachable, reversed_graph, successor_graph
from quizzes.scenario.model import Node, Scenario
from quizzes.scenario.scoring import ScenarioTooComplex, max_score

VARIABLE_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")


def validate_scenario(scenario: Scenario, *, known_questions: Collection[str],
                      path: str = "") -> tuple[FileError, ...]:
    """Return every rule the scenario breaks, each with its line; empty when it is sound."""
    sink = ErrorSink(path)
    _check_variables(scenario, sink)
    ids_ok = _check_ids(scenario, sink)
    declared = {name for name, _ in scenario.variables}
    ids = scenario.nodes_by_id()
    for node in scenario.nodes:
        _check_node(scenario, node, sink, ids, declared, known_questions)
    targets_ok = all(t in ids for node in scenario.nodes for t in node.targets())
    if ids_ok and targets_ok and scenario.start in ids:
        _check_graph(scenario, sink)
    if not sink.errors:
        _check_best_score(scenario, sink)
    return sink.errors


def _check_variables(scenario: Scenario, sink: ErrorSink) -> None:
    """Variable names must be plain lowercase names other than score, and, or, not."""
    for name, _ in scenario.variables:
        if not VARIABLE_NAME.fullmatch(name) or name in KEYWORDS or name == SCORE:
            sink.add(scenario.line_of("variables"),
                     f"Kịch bản: tên biến '{name}' không hợp lệ (chữ thường không dấu, số, '_'; "
                     f"không dùng {SCORE}, and, or, not)")


def _check_ids(scenario: Scenario, sink: ErrorSink) -> bool:
    """Node ids must be unique and the start node must exist; tell whether they are fine."""
    first_line: dict[str, int] = {}
    for node in scenario.nodes:
        if node.id in first_line:
            sink.add(node.line, f"Nút '{node.id}': mã nút bị trùng (đã có ở dòng "
                                f"{first_line[node.id]})")
        first_line.setdefault(node.id, node.line)
    if scenario.start not in first_line:
        sink.add(scenario.line_of("start"),
                 f"Kịch bản: nút bắt đầu '{scenario.start}' không tồn tại")
    if not any(node.kind == "end" for node in scenario.nodes):
        sink.add(scenario.line_of("nodes"), "Kịch bản: cần ít nhất một nút kết thúc (type: end)")
    return len(first_line) == len(scenario.nodes)


def _check_node(scenario: Scenario, node: Node, sink: ErrorSink, ids, declared: set[str],
                known_questions: Collection[str]) -> None:
    """Check one node's choices, edges, question and end score."""
    where = f"Nút '{node.id}'"
    if node.kind == "decision":
        _check_choices(node, sink, ids, declared)
    if node.kind in ("situation", "check"):
        _check_edges(node, sink, ids, declared)
    if node.kind == "check" and node.question not in known_questions:
        sink.add(node.line, f"{where}: câu hỏi '{node.question}' không có trong ngân hàng "
                            "câu hỏi của khóa học")
    if node.kind == "end" and scenario.scoring == "end_score" and node.score is None:
        sink.add(node.line, f"{where}: cần 'score' vì kịch bản chấm điểm theo end_score")


def _check_choices(node: Node, sink: ErrorSink, ids, declared: set[str]) -> None:
    """A decision needs two choices, one of them always offered, each leading somewhere."""
    where = f"Nút '{node.id}'"
    if len(node.choices) < 2:
        sink.add(node.line, f"{where}: một quyết định cần ít nhất hai lựa chọn")
    elif all(choice.when is not None for choice in node.choices):
        sink.add(node.line, f"{where}: cần ít nhất một lựa chọn không có điều kiện 'when'")
    for position, choice in enumerate(node.choices, start=1):
        label = f"{where}, lựa chọn {position}"
        _check_target(choice.to, label, choice.line, sink, ids)
        _check_condition(choice.when, label, choice.line, sink, declared)
        for name, _ in choice.effects:
            if name not in declared:
                sink.add(choice.line, f"{label}: biến '{name}' trong 'effects' chưa khai báo "
                                      "trong 'variables'")


def _check_edges(node: Node, sink: ErrorSink, ids, declared: set[str]) -> None:
    """Edges are tried in order: the last must be unconditional, and only the last."""
    where = f"Nút '{node.id}'"
    if not node.edges:
        sink.add(node.line, f"{where}: thiếu 'next'")
        return
    for position, edge in enumerate(node.edges, start=1):
        label = f"{where}, nhánh {position}" if len(node.edges) > 1 else where
        _check_target(edge.to, label, edge.line, sink, ids)
        _check_condition(edge.when, label, edge.line, sink, declared)
        if edge.when is None and position < len(node.edges):
            sink.add(edge.line, f"{label}: nhánh không có điều kiện phải đứng cuối; "
                                "các nhánh sau nó không bao giờ được đi")
    if node.edges[-1].when is not None:
        sink.add(node.edges[-1].line, f"{where}: nhánh cuối cùng của 'next' phải không có "
                                      "điều kiện 'when'")


def _check_target(target: str, label: str, line: int, sink: ErrorSink, ids) -> None:
    """The target of a choice or edge must be a node of the scenario."""
    if target not in ids:
        sink.add(line, f"{label}: không có nút '{target}'")


def _check_condition(when: str | None, label: str, line: int, sink: ErrorSink,
                     declared: set[str]) -> None:
    """A condition must parse and read only declared variables and score."""
    if when is None:
        return
    try:
        names = parse_condition(when).names
    except ConditionError as exc:
        sink.add(line, f"{label}: điều kiện 'when' sai ở cột {exc.column}: {exc.message}")
        return
    for name in sorted(names - declared - {SCORE}):
        sink.add(line, f"{label}: biến '{name}' trong 'when' chưa khai báo trong 'variables'")


def _check_graph(scenario: Scenario, sink: ErrorSink) -> None:
    """Every node is reachable from start, no loop is closed, an end is reachable from all."""
    graph = successor_graph(scenario)
    nodes = scenario.nodes_by_id()
    for node_id in sorted(set(graph) - reachable(graph, [scenario.start]), key=_order(nodes)):
        sink.add(nodes[node_id].line, f"Nút '{node_id}': không đi tới được từ nút bắt đầu "
                                      f"'{scenario.start}'")
    trapped: set[str] = set()
    for loop in closed_loops(graph):
        members = sorted(loop, key=_order(nodes))
        trapped.update(members)
        sink.add(nodes[members[0]].line, "Vòng lặp không có lối ra qua các nút: "
                                         + ", ".join(f"'{m}'" for m in members))
    ends = [node_id for node_id, node in nodes.items() if node.kind == "end"]
    can_finish = reachable(reversed_graph(graph), ends)
    if not ends:
        return
    for node_id in sorted(set(graph) - can_finish - trapped, key=_order(nodes)):
        sink.add(nodes[node_id].line, f"Nút '{node_id}': không có đường tới nút kết thúc nào")


def _order(nodes: dict[str, Node]):
    """Sort node ids by where they are written."""
    return lambda node_id: nodes[node_id].line


def _check_best_score(scenario: Scenario, sink: ErrorSink) -> None:
    """A graded scenario needs a best achievable score above zero to compute percents."""
    if scenario.scoring == "none":
        return
    try:
        best = max_score(scenario)
    except ScenarioTooComplex as exc:
        sink.add(scenario.line_of("nodes"), f"Kịch bản: {exc.message}")
        return
    if best <= 0:
        sink.add(scenario.line_of("scoring"), f"Kịch bản: điểm cao nhất đạt được là {best}; "
                                              f"cần lớn hơn 0 để chấm theo {scenario.scoring}")
