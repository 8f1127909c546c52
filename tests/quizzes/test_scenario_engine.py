"""Tests for stepping through a scenario: views, choices, checks, back, resume, results."""
import json
from dataclasses import fields, replace
from pathlib import Path

import pytest

from quizzes.scenario import engine
from quizzes.scenario.engine import (
    ChoiceView, Outcome, Result, ScenarioError, State, Step, answer_check, back, can_go_back,
    choose, continue_, is_finished, max_score, result, start, state_fits, state_from_dict,
    state_to_dict, view,
)
from quizzes.scenario.fileformat import parse_scenario_file

SAMPLE, _ = parse_scenario_file(
    (Path(__file__).parent / "sample_scenario.yaml").read_text(encoding="utf-8"), "sample")


def walk(actions, scenario=SAMPLE):
    """Play actions: 'c' continue, an int a choice, a float a check answer, 'b' back."""
    state = start(scenario)
    for action in actions:
        if action == "c":
            state = continue_(scenario, state)
        elif action == "b":
            state = back(scenario, state)
        elif isinstance(action, float):
            state, _ = answer_check(scenario, state, action)
        else:
            state, _ = choose(scenario, state, action)
    return state


def variables(state):
    return dict(state.variables)


def test_start_shows_the_situation():
    state = start(SAMPLE)
    assert state == State("cham-tra-luong-20-ngay", "mo-dau", 0, (("trust", 0), ("legal_risk", 0)))
    shown = view(SAMPLE, state)
    assert (shown.kind, shown.title, shown.choices) == ("situation", "Sáng thứ Hai ở xưởng may", ())
    assert not shown.can_go_back and not shown.is_finished


def test_a_view_never_carries_targets_scores_or_feedback():
    assert {f.name for f in fields(ChoiceView)} == {"id", "text"}
    shown = view(SAMPLE, walk(["c"]))
    assert shown.prompt == "Chủ tịch CĐCS nên làm gì trước tiên?"
    assert [c.id for c in shown.choices] == [0, 1, 2]
    assert "cong-ty-tra-loi" not in repr(shown) and "Đúng hướng" not in repr(shown)


@pytest.mark.parametrize("actions, offered", [
    (["c"], [0, 1, 2]),
    (["c", 2, "c"], [0, 1]),              # waiting cost trust: waiting is no longer offered
    (["c", 0], [0, 1, 2]),                # trust 1 and no legal risk: escalation offered
    (["c", 2, "c", 0], [0, 1]),           # trust back to 0: no escalation
])
def test_choices_offered_now_follow_their_conditions(actions, offered):
    assert [c.id for c in view(SAMPLE, walk(actions)).choices] == offered


def test_choose_applies_score_effects_records_and_moves():
    state = walk(["c"])
    moved, outcome = choose(SAMPLE, state, 0)
    assert outcome == Outcome("cong-ty-tra-loi", 10, "Đúng hướng [[BLLĐ-2019:97.4]].", False)
    assert (moved.node_id, moved.score, variables(moved)) == (
        "cong-ty-tra-loi", 10, {"trust": 1, "legal_risk": 0})
    assert moved.history == (Step("chon-cach-xu-ly", 0, 10, (("trust", 1), ("legal_risk", 0)),
                                  "Đúng hướng [[BLLĐ-2019:97.4]]."),)
    assert state.history == ()  # the old state is untouched


@pytest.mark.parametrize("actions, choice_id", [
    (["c", 2, "c"], 2),   # no longer offered
    (["c"], 3),           # no such choice
    (["c"], -1),
    (["c"], "0"),
    (["c"], True),
    (["c"], None),
])
def test_unavailable_or_forged_choices_are_refused(actions, choice_id):
    with pytest.raises(ScenarioError) as err:
        choose(SAMPLE, walk(actions), choice_id)
    assert "Lựa chọn này không có" in err.value.message


@pytest.mark.parametrize("actions, action", [
    ([], lambda s: choose(SAMPLE, s, 0)),
    ([], lambda s: answer_check(SAMPLE, s, 1.0)),
    (["c"], lambda s: continue_(SAMPLE, s)),
    (["c", 0, 1], lambda s: continue_(SAMPLE, s)),
    (["c", 0, 1, 1.0], lambda s: choose(SAMPLE, s, 0)),
])
def test_actions_that_do_not_fit_the_node_are_refused(actions, action):
    with pytest.raises(ScenarioError) as err:
        action(walk(actions))
    assert "không dùng được ở nút" in err.value.message


@pytest.mark.parametrize("fraction, delta, end", [
    (1.0, 10, "ket-thuc-tot"),
    (0.5, 5, "ket-thuc-tot"),
    (1 / 3, 3.33, "ket-thuc-tot"),
    (0, 0, "ket-thuc-tot"),
])
def test_check_adds_fraction_of_points_and_follows_first_matching_edge(fraction, delta, end):
    state = walk(["c", 0, 1])
    assert view(SAMPLE, state).question == "tra-luong-cham-lai"
    assert view(SAMPLE, state).points == 10
    moved, outcome = answer_check(SAMPLE, state, fraction)
    assert outcome == Outcome(end, delta, "", True)
    assert moved.score == 20 + delta
    assert moved.history[-1] == Step("kiem-tra-nhanh", None, delta, moved.variables, "")


@pytest.mark.parametrize("fraction", [-0.1, 1.5, True, float("nan"), "1", None])
def test_check_fraction_must_be_between_0_and_1(fraction):
    with pytest.raises(ScenarioError):
        answer_check(SAMPLE, walk(["c", 0, 1]), fraction)


@pytest.mark.parametrize("actions, node, score, outcome, percent, passed", [
    (["c", 0, 1, 1.0], "ket-thuc-tot", 30, "success", 100, True),
    (["c", 0, 1, 0.0], "ket-thuc-tot", 20, "success", 66.67, True),
    (["c", 0, 0, 0.0], "ket-thuc-vua", 10, "partial", 33.33, False),
    (["c", 2, "c", 0, 0, 1.0], "ket-thuc-tot", 20, "success", 66.67, True),
    (["c", 1, "c"], "ket-thuc-xau", -10, "failure", 0, False),
])
def test_paths_end_where_the_conditions_send_them(actions, node, score, outcome, percent,
                                                  passed):
    state = walk(actions)
    assert state.node_id == node and is_finished(SAMPLE, state)
    assert view(SAMPLE, state).outcome == outcome
    assert result(SAMPLE, state) == Result(score, 30, percent, passed, outcome)


def test_every_decision_is_recorded_in_order():
    state = walk(["c", 2, "c", 0, 1, 0.5])
    assert [(s.node_id, s.choice_id, s.score_delta) for s in state.history] == [
        ("chon-cach-xu-ly", 2, 0), ("chon-cach-xu-ly", 0, 10), ("cong-ty-tra-loi", 1, 10),
        ("kiem-tra-nhanh", None, 5)]
    assert [dict(s.variables_after)["trust"] for s in state.history] == [-1, 0, 1, 1]


def test_back_undoes_the_last_decision_and_everything_after_it():
    before = walk(["c", 2, "c"])
    after = walk(["c", 2, "c", 0, 1, 1.0])
    state = back(SAMPLE, after)
    assert (state.node_id, state.score, state.variables) == ("cong-ty-tra-loi", 10,
                                                             (("trust", 0), ("legal_risk", 0)))
    assert [s.node_id for s in state.undone] == ["cong-ty-tra-loi", "kiem-tra-nhanh"]
    state = back(SAMPLE, state)
    assert (state.node_id, state.score, state.variables, state.history) == (
        "chon-cach-xu-ly", 0, before.variables, before.history)
    assert len(state.undone) == 3
    state = back(SAMPLE, state)
    assert (state.node_id, variables(state), state.history) == (
        "chon-cach-xu-ly", {"trust": 0, "legal_risk": 0}, ())
    assert not can_go_back(SAMPLE, state)
    with pytest.raises(ScenarioError) as err:
        back(SAMPLE, state)
    assert "Chưa có quyết định" in err.value.message


def test_back_from_a_situation_returns_to_the_decision_before_it():
    state = back(SAMPLE, walk(["c", 1]))
    assert state.node_id == "chon-cach-xu-ly" and variables(state)["legal_risk"] == 0
    assert view(SAMPLE, walk(["c", 1])).can_go_back


def test_back_is_refused_when_the_scenario_does_not_allow_it():
    strict = replace(SAMPLE, allow_back=False)
    state = walk(["c", 0], strict)
    assert not view(strict, state).can_go_back
    with pytest.raises(ScenarioError) as err:
        back(strict, state)
    assert "không cho phép quay lại" in err.value.message


@pytest.mark.parametrize("actions", [[], ["c", 2, "c", 0], ["c", 0, 1, 1 / 3], ["c", 0, "b"],
                                     ["c", 1, "c"]])
def test_state_survives_json_and_resumes(actions):
    state = walk(actions)
    stored = json.loads(json.dumps(state_to_dict(state)))
    resumed = state_from_dict(stored)
    assert resumed == state
    assert state_fits(SAMPLE, resumed)
    assert view(SAMPLE, resumed) == view(SAMPLE, state)


def test_resumed_state_keeps_playing_the_same_way():
    state = state_from_dict(json.loads(json.dumps(state_to_dict(walk(["c", 0])))))
    state, _ = choose(SAMPLE, state, 1)
    state, _ = answer_check(SAMPLE, state, 1.0)
    assert state == walk(["c", 0, 1, 1.0])


GOOD = state_to_dict(walk(["c", 0, "b", 0]))


@pytest.mark.parametrize("change", [
    lambda d: d.update(version=2),
    lambda d: d.pop("node"),
    lambda d: d.update(score="10"),
    lambda d: d.update(score=True),
    lambda d: d.update(variables=[["trust", 1]]),
    lambda d: d.update(variables={"trust": 1.5}),
    lambda d: d.update(history={}),
    lambda d: d["history"][0].update(choice=-1),
    lambda d: d["history"][0].update(choice="0"),
    lambda d: d["undone"][0].update(delta=None),
    lambda d: d["undone"][0].pop("feedback"),
    lambda d: d.clear(),
])
def test_malformed_stored_state_is_refused(change):
    data = json.loads(json.dumps(GOOD))
    change(data)
    with pytest.raises(ScenarioError):
        state_from_dict(data)


def test_state_from_other_or_changed_scenario_does_not_fit():
    state = walk(["c", 0])
    assert not state_fits(replace(SAMPLE, slug="khac"), state)
    assert not state_fits(replace(SAMPLE, variables=(("trust", 0),)), state)
    assert not state_fits(replace(SAMPLE, nodes=SAMPLE.nodes[:3]), state)
    fewer_choices = tuple(replace(n, choices=()) if n.kind == "decision" else n
                          for n in SAMPLE.nodes)
    assert not state_fits(replace(SAMPLE, nodes=fewer_choices), state)
    checks_now_decisions = tuple(replace(n, kind="decision") if n.kind == "check" else n
                                 for n in SAMPLE.nodes)
    assert state_fits(replace(SAMPLE, nodes=checks_now_decisions), walk(["c", 0, 1]))
    assert not state_fits(replace(SAMPLE, nodes=checks_now_decisions), walk(["c", 0, 1, 1.0]))
    with pytest.raises(ScenarioError):
        view(replace(SAMPLE, slug="khac"), state)
    with pytest.raises(ScenarioError):
        view(replace(SAMPLE, nodes=SAMPLE.nodes[:3]), state)


def test_result_by_scoring_method():
    finished, halfway = walk(["c", 0, 0, 0.0]), walk(["c", 0])
    by_end = replace(SAMPLE, scoring="end_score")
    assert result(by_end, finished) == Result(60, 100, 60, True, "partial")
    assert result(by_end, halfway) == Result(0, 100, 0, False, None)
    ungraded = replace(SAMPLE, scoring="none")
    assert result(ungraded, finished) == Result(10, 0, None, None, "partial")
    assert result(SAMPLE, halfway) == Result(10, 30, 33.33, False, None)


@pytest.mark.parametrize("scoring, best", [("path_sum", 30), ("end_score", 100), ("none", 0)])
def test_max_score(scoring, best):
    assert max_score(replace(SAMPLE, scoring=scoring)) == best


def test_start_needs_an_existing_start_node():
    with pytest.raises(ScenarioError):
        start(replace(SAMPLE, start="khong-co"))


def test_engine_exports_its_public_names():
    assert all(hasattr(engine, name) for name in engine.__all__)


def test_percent_is_capped_when_a_loop_earns_more_than_the_best_simple_path():
    looping, _ = parse_scenario_file("""\
slug: vong
title: Vòng
module: m
allow_back: true
start: a
nodes:
  - {id: a, type: decision, prompt: p, choices: [{text: t, to: b, score: 5}, {text: u, to: z}]}
  - {id: b, type: decision, prompt: p, choices: [{text: t, to: a, score: 5}, {text: u, to: z}]}
  - {id: z, type: end, outcome: success}
""", "vong")
    state = start(looping)
    for choice in (0, 0, 0, 0, 1):
        state, _ = choose(looping, state, choice)
    assert result(looping, state) == Result(20, 5, 100, True, "success")
