"""Step a trainee through a scenario: what to show now, and what each action does.

Every function takes the scenario and a frozen State and returns a new State; nothing is
stored here. A view never carries targets, score deltas or feedback of the choices: those
reach the trainee only in the Outcome of the choice made.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from quizzes.filecheck import is_int, is_number
from quizzes.scenario.conditions import ConditionError, parse_condition
from quizzes.scenario.model import Node, Pairs, Scenario, ScenarioError
from quizzes.scenario.scoring import Result, max_score, result
from quizzes.scenario.state import (
    State, Step, state_fits, state_from_dict, state_to_dict, tidy,
)

__all__ = [
    "ChoiceView", "NodeView", "Outcome", "Result", "ScenarioError", "State", "Step",
    "answer_check", "back", "can_go_back", "choose", "continue_", "is_finished", "max_score",
    "result", "start", "state_fits", "state_from_dict", "state_to_dict", "view",
]


@dataclass(frozen=True)
class ChoiceView:
    """A choice as the trainee sees it before choosing: its stable id and its text."""

    id: int
    text: str


@dataclass(frozen=True)
class NodeView:
    """What to show for the current node, without anything that gives the answers away."""

    node_id: str
    kind: str
    title: str
    text: str
    prompt: str
    choices: tuple[ChoiceView, ...]
    question: str | None
    points: int
    outcome: str | None
    can_go_back: bool
    is_finished: bool


@dataclass(frozen=True)
class Outcome:
    """What an action led to: the node now current, points gained, feedback to show."""

    node_id: str
    score_delta: float
    feedback: str
    is_finished: bool


def start(scenario: Scenario) -> State:
    """Return the state at the start node with the starting variables and no score."""
    _node(scenario, scenario.start)
    return State(scenario=scenario.slug, node_id=scenario.start, variables=scenario.variables)


def view(scenario: Scenario, state: State) -> NodeView:
    """Return what to show at the current node, with the choices offered right now."""
    node = _current(scenario, state)
    offered = _offered(node, state)
    return NodeView(
        node_id=node.id, kind=node.kind, title=node.title, text=node.text, prompt=node.prompt,
        choices=tuple(ChoiceView(index, node.choices[index].text) for index in offered),
        question=node.question, points=node.points if node.kind == "check" else 0,
        outcome=node.outcome, can_go_back=can_go_back(scenario, state),
        is_finished=node.kind == "end")


def choose(scenario: Scenario, state: State, choice_id: int) -> tuple[State, Outcome]:
    """Take an offered choice: add its score and effects, record it, move to its target."""
    node = _expect(scenario, state, "decision")
    if not is_int(choice_id) or choice_id not in _offered(node, state):
        raise ScenarioError("Lựa chọn này không có ở bước hiện tại")
    choice = node.choices[choice_id]
    target = _node(scenario, choice.to)
    variables = _apply(state.variables, choice.effects)
    step = Step(node.id, choice_id, choice.score, variables, choice.feedback)
    moved = replace(state, node_id=target.id, score=tidy(state.score + choice.score),
                    variables=variables, history=state.history + (step,))
    return moved, Outcome(target.id, choice.score, choice.feedback, target.kind == "end")


def answer_check(scenario: Scenario, state: State, fraction: float) -> tuple[State, Outcome]:
    """Add fraction x points for the check question, record it, follow the first open edge."""
    node = _expect(scenario, state, "check")
    if not is_number(fraction) or not 0 <= fraction <= 1:
        raise ScenarioError("Tỷ lệ trả lời đúng phải từ 0 đến 1")
    delta = tidy(fraction * node.points)
    step = Step(node.id, None, delta, state.variables)
    scored = replace(state, score=tidy(state.score + delta), history=state.history + (step,))
    target = _follow(scenario, node, scored)
    moved = replace(scored, node_id=target.id)
    return moved, Outcome(target.id, delta, "", target.kind == "end")


def continue_(scenario: Scenario, state: State) -> State:
    """Leave a situation by its first edge whose condition holds."""
    node = _expect(scenario, state, "situation")
    return replace(state, node_id=_follow(scenario, node, state).id)


def back(scenario: Scenario, state: State) -> State:
    """Return to the previous decision, undoing its score and effects and all after it."""
    if not scenario.allow_back:
        raise ScenarioError("Kịch bản này không cho phép quay lại")
    _current(scenario, state)
    last = _last_decision(state)
    if last is None:
        raise ScenarioError("Chưa có quyết định nào để quay lại")
    kept, dropped = state.history[:last], state.history[last:]
    variables = kept[-1].variables_after if kept else scenario.variables
    return replace(state, node_id=dropped[0].node_id, variables=variables,
                   score=tidy(sum(step.score_delta for step in kept)), history=kept,
                   undone=state.undone + dropped)


def can_go_back(scenario: Scenario, state: State) -> bool:
    """Tell whether back() would work now."""
    return scenario.allow_back and _last_decision(state) is not None


def is_finished(scenario: Scenario, state: State) -> bool:
    """Tell whether the trainee has reached an end node."""
    return _current(scenario, state).kind == "end"


def _last_decision(state: State) -> int | None:
    """Return the history index of the latest choice, or None."""
    for index in range(len(state.history) - 1, -1, -1):
        if state.history[index].choice_id is not None:
            return index
    return None


def _node(scenario: Scenario, node_id: str) -> Node:
    """Return a node by id; a missing one means the state or scenario is broken."""
    node = scenario.node(node_id)
    if node is None:
        raise ScenarioError(f"Kịch bản không có nút '{node_id}'")
    return node


def _current(scenario: Scenario, state: State) -> Node:
    """Return the current node after checking the state belongs to this scenario."""
    if state.scenario != scenario.slug:
        raise ScenarioError("Trạng thái không thuộc kịch bản này")
    return _node(scenario, state.node_id)


def _expect(scenario: Scenario, state: State, kind: str) -> Node:
    """Return the current node, which must be of ``kind`` for the action asked."""
    node = _current(scenario, state)
    if node.kind != kind:
        raise ScenarioError(f"Thao tác này không dùng được ở nút '{node.id}'")
    return node


def _holds(when: str | None, state: State) -> bool:
    """Evaluate a condition against the variables and score (no condition: always)."""
    if when is None:
        return True
    try:
        return parse_condition(when).evaluate(state.values())
    except ConditionError as exc:
        raise ScenarioError(f"Điều kiện '{when}' không dùng được: {exc}") from None


def _offered(node: Node, state: State) -> list[int]:
    """Return the indexes of the choices whose condition holds now."""
    return [index for index, choice in enumerate(node.choices) if _holds(choice.when, state)]


def _follow(scenario: Scenario, node: Node, state: State) -> Node:
    """Return the target of the first edge whose condition holds."""
    for edge in node.edges:
        if _holds(edge.when, state):
            return _node(scenario, edge.to)
    raise ScenarioError(f"Nút '{node.id}': không có nhánh nào phù hợp để đi tiếp")


def _apply(variables: Pairs, effects: Pairs) -> Pairs:
    """Add effects to the variables, keeping their declared order."""
    values = dict(variables)
    for name, delta in effects:
        values[name] = values.get(name, 0) + delta
    return tuple(values.items())
