"""A branching scenario as frozen data: the scenario, its nodes, choices and edges.

Lines say where each part was written in its file; they do not take part in equality, so a
scenario written out and read back compares equal to the original.
"""
from __future__ import annotations

from dataclasses import dataclass, field

NODE_KINDS = ("situation", "decision", "check", "end")
SCORING_METHODS = ("path_sum", "end_score", "none")
OUTCOMES = ("success", "partial", "failure")
DEFAULT_CHECK_POINTS = 10

Pairs = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Edge:
    """A way out of a situation or check node, taken when ``when`` holds (or always)."""

    to: str
    when: str | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Choice:
    """One answer a trainee may pick at a decision, with its consequences."""

    text: str
    to: str
    score: int = 0
    effects: Pairs = ()
    feedback: str = ""
    when: str | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Node:
    """One screen of a scenario: a situation, a decision, a check question or an end."""

    id: str
    kind: str
    title: str = ""
    text: str = ""
    prompt: str = ""
    choices: tuple[Choice, ...] = ()
    edges: tuple[Edge, ...] = ()
    question: str | None = None
    points: int = 0
    outcome: str | None = None
    score: int | None = None
    line: int = field(default=0, compare=False)

    def targets(self) -> tuple[str, ...]:
        """Return the ids this node leads to, ignoring conditions."""
        if self.kind == "decision":
            return tuple(choice.to for choice in self.choices)
        return tuple(edge.to for edge in self.edges)


@dataclass(frozen=True)
class Scenario:
    """A whole branching scenario as written in ``scenarios/<slug>.yaml``."""

    slug: str
    title: str
    module: str
    summary: str = ""
    scoring: str = "path_sum"
    pass_mark: int = 60
    allow_back: bool = False
    resume: bool = True
    variables: Pairs = ()
    start: str = ""
    nodes: tuple[Node, ...] = ()
    key_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def node(self, node_id: str) -> Node | None:
        """Return the node with ``node_id``, or None."""
        return self.nodes_by_id().get(node_id)

    def nodes_by_id(self) -> dict[str, Node]:
        """Return the nodes keyed by id (the first one wins when ids repeat)."""
        result: dict[str, Node] = {}
        for node in self.nodes:
            result.setdefault(node.id, node)
        return result

    def line_of(self, key: str) -> int:
        """Return the line of a top-level key of the file, or 1."""
        return dict(self.key_lines).get(key, 1)


class ScenarioError(Exception):
    """An action that does not fit the scenario or its current state; the message is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
