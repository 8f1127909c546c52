"""Scores of a scenario: the best achievable score, and the result of a trainee's state.

path_sum adds choice scores and check points along the path; end_score takes the end node's
score (the path score still steers `when` conditions); none grades nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

from quizzes.scenario.graph import strongly_connected, successor_graph
from quizzes.scenario.model import Node, Scenario, ScenarioError
from quizzes.scenario.state import State, tidy

NO_PATH = float("-inf")
# Simple paths inside a loop are counted one by one; past this many the scenario is refused
# rather than letting one file stall the importer.
PATH_BUDGET = 200_000
_TOO_COMPLEX = "Kịch bản có vòng lặp quá lớn hoặc quá rối để tính điểm tối đa"


class ScenarioTooComplex(ScenarioError):
    """The loops of a scenario are too tangled to find its best score."""


@dataclass(frozen=True)
class Result:
    """How a trainee did: score, best achievable, percent of it, passed, end outcome."""

    score: float
    max_score: float
    percent: float | None
    passed: bool | None
    outcome: str | None


def max_score(scenario: Scenario) -> float:
    """Return the best achievable score, ignoring conditions (0 when scoring is none)."""
    if scenario.scoring == "end_score":
        scores = [node.score for node in scenario.nodes
                  if node.kind == "end" and node.score is not None]
        return max(scores, default=0)
    if scenario.scoring == "path_sum":
        best = _best_path_sums(scenario).get(scenario.start, NO_PATH)
        return 0 if best == NO_PATH else best
    return 0


def _moves(node: Node) -> list[tuple[str, int]]:
    """Return (target, points gained by taking it) for each way out of a node."""
    if node.kind == "decision":
        return [(choice.to, choice.score) for choice in node.choices]
    gain = node.points if node.kind == "check" else 0
    return [(edge.to, gain) for edge in node.edges]


def _best_path_sums(scenario: Scenario) -> dict[str, float]:
    """Return, per node, the best sum along a simple path from it to an end.

    Components come sinks first, so every target outside a component is already known; only
    inside a loop do simple paths have to be walked, remembering the nodes already visited.
    """
    nodes = scenario.nodes_by_id()
    best: dict[str, float] = {}
    budget = [PATH_BUDGET]
    for component in strongly_connected(successor_graph(scenario)):
        members = frozenset(component)
        memo: dict = {}
        for node_id in component:
            try:
                best[node_id] = _best_from(node_id, frozenset(), members, nodes, best, memo,
                                           budget)
            except RecursionError:
                raise ScenarioTooComplex(_TOO_COMPLEX) from None
    return best


def _best_from(node_id, visited, members, nodes, best, memo, budget) -> float:
    """Return the best sum from ``node_id`` without revisiting ``visited`` in its component."""
    key = (node_id, visited)
    if key in memo:
        return memo[key]
    budget[0] -= 1
    if budget[0] < 0:
        raise ScenarioTooComplex(_TOO_COMPLEX)
    node = nodes[node_id]
    result = 0 if node.kind == "end" else NO_PATH
    visited = visited | {node_id}
    for target, gain in _moves(node):
        if target not in nodes or target in visited:
            continue
        if target in members:
            rest = _best_from(target, visited, members, nodes, best, memo, budget)
        else:
            rest = best[target]
        result = max(result, gain + rest)
    memo[key] = result
    return result


def result(scenario: Scenario, state: State) -> Result:
    """Return the result of a state; passed is None until graded, False until finished."""
    node = scenario.node(state.node_id)
    finished = node is not None and node.kind == "end"
    outcome = node.outcome if finished else None
    if scenario.scoring == "none":
        return Result(tidy(state.score), 0, None, None, outcome)
    if scenario.scoring == "end_score":
        score = (node.score or 0) if finished else 0
    else:
        score = tidy(state.score)
    best = max_score(scenario)
    if best <= 0:
        return Result(score, best, None, None, outcome)
    percent = tidy(min(100.0, max(0.0, score * 100 / best)))
    return Result(score, best, percent, finished and percent >= scenario.pass_mark, outcome)
