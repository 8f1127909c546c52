"""Where a trainee is in a scenario, and every step taken: frozen, and storable as JSON."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from quizzes.filecheck import is_int, is_number
from quizzes.scenario.model import Pairs, Scenario, ScenarioError

STATE_VERSION = 1
_BROKEN = "Trạng thái đã lưu của kịch bản không hợp lệ"


@dataclass(frozen=True)
class Step:
    """One recorded action: a choice at a decision (choice_id) or an answered check (None)."""

    node_id: str
    choice_id: int | None
    score_delta: float
    variables_after: Pairs
    feedback: str = ""


@dataclass(frozen=True)
class State:
    """A trainee's position: node, running score, variables, the path taken, what was undone."""

    scenario: str
    node_id: str
    score: float = 0
    variables: Pairs = ()
    history: tuple[Step, ...] = ()
    undone: tuple[Step, ...] = ()

    def values(self) -> dict[str, float]:
        """Return the variables and ``score``, as conditions read them."""
        return {**dict(self.variables), "score": self.score}


def tidy(number: float) -> float:
    """Round a score to hundredths and give whole numbers back as ints (stable JSON)."""
    rounded = round(number, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def state_fits(scenario: Scenario, state: State) -> bool:
    """Tell whether a stored state still fits the scenario (after a re-import, it may not)."""
    nodes = scenario.nodes_by_id()
    declared = [name for name, _ in scenario.variables]
    return (state.scenario == scenario.slug and state.node_id in nodes
            and [name for name, _ in state.variables] == declared
            and all(_step_fits(nodes.get(step.node_id), step)
                    for step in state.history + state.undone))


def _step_fits(node, step: Step) -> bool:
    """Tell whether a recorded step names an existing node and, for a choice, its choice."""
    if node is None:
        return False
    if step.choice_id is None:
        return node.kind == "check"
    return node.kind == "decision" and step.choice_id < len(node.choices)


def state_to_dict(state: State) -> dict:
    """Return the state as JSON-safe data."""
    return {
        "version": STATE_VERSION,
        "scenario": state.scenario,
        "node": state.node_id,
        "score": state.score,
        "variables": dict(state.variables),
        "history": [_step_to_dict(step) for step in state.history],
        "undone": [_step_to_dict(step) for step in state.undone],
    }


def _step_to_dict(step: Step) -> dict:
    """Return one step as JSON-safe data."""
    return {"node": step.node_id, "choice": step.choice_id, "delta": step.score_delta,
            "variables": dict(step.variables_after), "feedback": step.feedback}


def state_from_dict(data: Mapping) -> State:
    """Rebuild a state from state_to_dict output; raise ScenarioError when it is malformed."""
    _require(isinstance(data, Mapping) and data.get("version") == STATE_VERSION)
    _require(isinstance(data.get("scenario"), str) and isinstance(data.get("node"), str))
    _require(is_number(data.get("score")))
    return State(scenario=data["scenario"], node_id=data["node"], score=data["score"],
                 variables=_pairs(data.get("variables")),
                 history=_steps(data.get("history")), undone=_steps(data.get("undone")))


def _steps(items) -> tuple[Step, ...]:
    """Rebuild a list of steps."""
    _require(isinstance(items, list))
    return tuple(_step(item) for item in items)


def _step(item) -> Step:
    """Rebuild one step."""
    _require(isinstance(item, Mapping) and isinstance(item.get("node"), str))
    choice = item.get("choice")
    _require(choice is None or (is_int(choice) and choice >= 0))
    _require(is_number(item.get("delta")) and isinstance(item.get("feedback"), str))
    return Step(node_id=item["node"], choice_id=choice, score_delta=item["delta"],
                variables_after=_pairs(item.get("variables")), feedback=item["feedback"])


def _pairs(value) -> Pairs:
    """Rebuild name -> integer pairs."""
    _require(isinstance(value, Mapping))
    _require(all(isinstance(k, str) and is_int(v) for k, v in value.items()))
    return tuple(value.items())


def _require(condition: bool) -> None:
    """Raise ScenarioError for malformed stored data."""
    if not condition:
        raise ScenarioError(_BROKEN)
