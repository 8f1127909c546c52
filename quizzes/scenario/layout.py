"""Lay a scenario out as a layered graph for a server-rendered SVG: boxes and curved edges.

Nodes are layered by their distance from the start (breadth first), so the story reads top
to bottom; an edge going back up (a loop) is drawn as a curve out to the side. Unreachable
nodes are put in a last row so that a lecturer sees them too.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Collection
from dataclasses import dataclass

from quizzes.scenario.model import Scenario

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 190, 58, 28, 74, 16


@dataclass(frozen=True)
class Box:
    """A node drawn as a box."""

    id: str
    kind: str
    x: int
    y: int
    title: str
    is_start: bool
    has_error: bool
    w: int = BOX_W
    h: int = BOX_H


@dataclass(frozen=True)
class Line:
    """An edge drawn as a path, with a short label near its middle."""

    d: str
    label: str
    lx: int
    ly: int
    is_back: bool
    is_conditional: bool


@dataclass(frozen=True)
class Layout:
    """The whole picture: its size, the boxes and the lines."""

    width: int
    height: int
    boxes: tuple[Box, ...]
    lines: tuple[Line, ...]


def clip(text: str, limit: int = 26) -> str:
    """Cut a label to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def layers(scenario: Scenario) -> list[list[str]]:
    """Return node ids per layer: breadth-first depth from start, unreachable ones last."""
    nodes = scenario.nodes_by_id()
    depth: dict[str, int] = {}
    if scenario.start in nodes:
        depth[scenario.start] = 0
        queue = deque([scenario.start])
        while queue:
            current = queue.popleft()
            for target in nodes[current].targets():
                if target in nodes and target not in depth:
                    depth[target] = depth[current] + 1
                    queue.append(target)
    rows: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for node_id in nodes:  # file order inside a layer
        if node_id in depth:
            rows[depth[node_id]].append(node_id)
    unreachable = [node_id for node_id in nodes if node_id not in depth]
    return rows + ([unreachable] if unreachable else [])


def layout(scenario: Scenario, errors_at: Collection[str] = ()) -> Layout:
    """Place every node and edge of a scenario; ``errors_at`` names nodes to mark."""
    nodes = scenario.nodes_by_id()
    rows = layers(scenario)
    widest = max((len(row) for row in rows), default=1)
    width = MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X + 60
    boxes: dict[str, Box] = {}
    for row_index, row in enumerate(rows):
        offset = (widest - len(row)) * (BOX_W + GAP_X) // 2
        for col, node_id in enumerate(row):
            node = nodes[node_id]
            boxes[node_id] = Box(node_id, node.kind, MARGIN + offset + col * (BOX_W + GAP_X),
                                 MARGIN + row_index * (BOX_H + GAP_Y),
                                 clip(node.title or node.prompt or node.text or node_id),
                                 node_id == scenario.start, node_id in errors_at)
    lines = [line for node in nodes.values() for line in _lines(node, boxes, width)]
    height = MARGIN * 2 + len(rows) * BOX_H + max(len(rows) - 1, 0) * GAP_Y
    return Layout(width, height, tuple(boxes.values()), tuple(lines))


def _lines(node, boxes: dict[str, Box], width: int) -> list[Line]:
    """Return the lines leaving one node."""
    source = boxes[node.id]
    if node.kind == "decision":
        outs = [(c.to, f"{i}" + (f" ({c.score:+d})" if c.score else ""), c.when is not None)
                for i, c in enumerate(node.choices, start=1)]
    else:
        outs = [(e.to, "" if e.when is None else "?", e.when is not None) for e in node.edges]
    lines = []
    for index, (target_id, label, conditional) in enumerate(outs):
        target = boxes.get(target_id)
        if target is None:
            continue
        spread = (index - (len(outs) - 1) / 2) * 14
        lines.append(_line(source, target, label, conditional, spread, width))
    return lines


def _line(source: Box, target: Box, label: str, conditional: bool, spread: float,
          width: int) -> Line:
    """Draw one edge: a curve down to the next layers, or out to the right and back up."""
    x1, y1 = source.x + source.w // 2 + int(spread), source.y + source.h
    x2, y2 = target.x + target.w // 2, target.y
    if target.y > source.y:
        d = f"M{x1},{y1} C{x1},{y1 + 40} {x2},{y2 - 40} {x2},{y2}"
        return Line(d, label, (x1 + x2) // 2 + 4, (y1 + y2) // 2, False, conditional)
    side = min(width - 8, max(source.x, target.x) + BOX_W + 24)
    sy, ty = source.y + source.h // 2, target.y + target.h // 2
    d = (f"M{source.x + source.w},{sy} C{side},{sy} {side},{ty} "
         f"{target.x + target.w},{ty}")
    return Line(d, label, side - 6, (sy + ty) // 2, True, conditional)
