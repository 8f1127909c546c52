"""The scenario as a directed graph: successors, reachability, strongly connected parts."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from quizzes.scenario.model import Scenario

Graph = Mapping[str, Sequence[str]]


def successor_graph(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """Map each node id to the existing nodes it leads to, ignoring conditions."""
    nodes = scenario.nodes_by_id()
    return {node_id: tuple(dict.fromkeys(t for t in node.targets() if t in nodes))
            for node_id, node in nodes.items()}


def reachable(graph: Graph, starts: Iterable[str]) -> set[str]:
    """Return every node reachable from ``starts`` (the starts included)."""
    seen = {start for start in starts if start in graph}
    pending = list(seen)
    while pending:
        for target in graph[pending.pop()]:
            if target not in seen:
                seen.add(target)
                pending.append(target)
    return seen


def reversed_graph(graph: Graph) -> dict[str, list[str]]:
    """Return the graph with every edge turned around."""
    result: dict[str, list[str]] = {node: [] for node in graph}
    for node, targets in graph.items():
        for target in targets:
            result[target].append(node)
    return result


def strongly_connected(graph: Graph) -> list[tuple[str, ...]]:
    """Return the strongly connected components, each after every component it leads to.

    Tarjan's algorithm, iterative so that long chains of nodes cannot exhaust the stack.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[tuple[str, ...]] = []

    def open_node(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        work.append((node, iter(graph[node])))

    for root in graph:
        if root in index:
            continue
        work: list = []
        open_node(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    open_node(target)
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    components.append(_pop_component(stack, on_stack, node))
    return components


def _pop_component(stack: list[str], on_stack: set[str], root: str) -> tuple[str, ...]:
    """Pop the members of the component rooted at ``root`` off the Tarjan stack."""
    members = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        members.append(member)
        if member == root:
            return tuple(members)


def is_loop(graph: Graph, component: Sequence[str]) -> bool:
    """Tell whether a component is a loop: several nodes, or one node leading to itself."""
    return len(component) > 1 or component[0] in graph[component[0]]


def closed_loops(graph: Graph) -> list[tuple[str, ...]]:
    """Return the loops that no edge leaves: once inside, a trainee could never get out."""
    closed = []
    for component in strongly_connected(graph):
        members = set(component)
        leaves = any(t not in members for node in component for t in graph[node])
        if is_loop(graph, component) and not leaves:
            closed.append(component)
    return closed
