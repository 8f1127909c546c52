"""Tests for the scenario graph helpers and the best achievable score."""
import pytest

from quizzes.scenario.graph import closed_loops, reachable, strongly_connected
from quizzes.scenario.model import Choice, Edge, Node, Scenario
from quizzes.scenario.scoring import max_score
from quizzes.scenario.validate import validate_scenario


@pytest.mark.parametrize("graph, components", [
    ({"a": ["b"], "b": ["c"], "c": []}, [{"c"}, {"b"}, {"a"}]),
    ({"a": ["b"], "b": ["a", "c"], "c": []}, [{"c"}, {"a", "b"}]),
    ({"a": ["a"]}, [{"a"}]),
    ({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["c"]}, [{"a", "b", "c"}, {"d"}]),
])
def test_strongly_connected_come_sinks_first(graph, components):
    assert [set(c) for c in strongly_connected(graph)] == components


def test_strongly_connected_handles_long_chains_without_recursion():
    size = 20_000
    graph = {f"n{i}": [f"n{i + 1}"] for i in range(size)}
    graph[f"n{size}"] = ["n0"]
    assert len(strongly_connected(graph)) == 1


@pytest.mark.parametrize("graph, loops", [
    ({"a": ["b"], "b": ["a", "z"], "z": []}, []),
    ({"a": ["b"], "b": ["a"], "z": []}, [{"a", "b"}]),
    ({"a": ["a"], "z": []}, [{"a"}]),
    ({"s": ["a", "z"], "a": ["b"], "b": ["a"], "z": []}, [{"a", "b"}]),
])
def test_closed_loops(graph, loops):
    assert [set(loop) for loop in closed_loops(graph)] == loops


def test_reachable():
    graph = {"a": ["b"], "b": [], "c": ["a"]}
    assert reachable(graph, ["a"]) == {"a", "b"}
    assert reachable(graph, ["c", "missing"]) == {"a", "b", "c"}


def decision(node_id, *moves):
    return Node(id=node_id, kind="decision", prompt="p",
                choices=tuple(Choice(text=to, to=to, score=score) for to, score in moves))


def situation(node_id, to):
    return Node(id=node_id, kind="situation", text="t", edges=(Edge(to),))


def check(node_id, points, *targets):
    edges = tuple(Edge(t, "score > 0") for t in targets[:-1]) + (Edge(targets[-1]),)
    return Node(id=node_id, kind="check", question="q", points=points, edges=edges)


def end(node_id, score=None):
    return Node(id=node_id, kind="end", outcome="success", score=score)


def scenario(*nodes, scoring="path_sum"):
    return Scenario(slug="s", title="t", module="m", start=nodes[0].id, nodes=nodes,
                    scoring=scoring)


@pytest.mark.parametrize("nodes, best", [
    ((decision("a", ("z", 5), ("z", 8)), end("z")), 8),
    ((decision("a", ("b", 5), ("c", 1)), decision("b", ("z", -10), ("y", -2)),
      decision("c", ("z", 4), ("y", 0)), end("z"), end("y")), 5),
    ((situation("a", "k"), check("k", 7, "z"), end("z")), 7),
    ((decision("a", ("k", 3), ("z", 0)), check("k", 10, "z", "y"), end("z"), end("y")), 13),
    # a loop: paths are simple, so a -> b -> a -> z does not count, a -> b -> z does
    ((decision("a", ("b", 5), ("z", 1)), decision("b", ("a", 5), ("z", 2)), end("z")), 7),
    ((decision("a", ("a", 100), ("z", 1)), end("z")), 1),
    ((decision("a", ("z", -3), ("y", -1)), end("z"), end("y")), -1),
])
def test_best_path_sum_over_simple_paths(nodes, best):
    assert max_score(scenario(*nodes)) == best


def test_best_end_score():
    nodes = (decision("a", ("z", 5), ("y", 8)), end("z", 40), end("y", 90))
    assert max_score(scenario(*nodes, scoring="end_score")) == 90


def test_a_huge_loop_is_refused_not_crashed():
    size = 3000
    nodes = tuple(decision(f"n{i}", (f"n{(i + 1) % size}", 1), ("z", 0)) for i in range(size))
    errors = validate_scenario(scenario(*nodes, end("z")), known_questions=())
    assert [e.message for e in errors] == [
        "Kịch bản: Kịch bản có vòng lặp quá lớn hoặc quá rối để tính điểm tối đa"]


def test_a_long_chain_is_fine():
    size = 3000
    nodes = tuple(decision(f"n{i}", (f"n{i + 1}", 1), ("z", 0)) for i in range(size))
    whole = scenario(*nodes, decision(f"n{size}", ("z", 1), ("z", 0)), end("z"))
    assert validate_scenario(whole, known_questions=()) == ()
    assert max_score(whole) == size + 1
