"""Edit a scenario node by node: form inputs to a Node, and the scenario with it replaced.

The result is checked as a whole by ``validate.validate_scenario`` (targets, reachability,
loops, conditions), so the browser editor follows the same rules as a scenario file.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from quizzes.scenario.model import NODE_KINDS, OUTCOMES, Choice, Edge, Node, Pairs, Scenario

Get = Callable[[str], str]
GetList = Callable[[str], list[str]]
_EFFECT = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*[=:]\s*([+-]?\d+)\s*$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHOICE_COLUMNS = ("choice_text", "choice_to", "choice_score", "choice_effects",
                  "choice_feedback", "choice_when")
EDGE_COLUMNS = ("edge_to", "edge_when")


def parse_effects(text: str, problems: list[str], where: str) -> Pairs:
    """Read ``trust=1, legal_risk=-2`` (or ``trust: 1``) into name/integer pairs."""
    pairs = []
    for part in filter(None, (p.strip() for p in re.split(r"[,;\n]", text or ""))):
        match = _EFFECT.match(part)
        if match is None:
            problems.append(f"{where}: '{part}' phải có dạng tên=số, ví dụ trust=1")
            continue
        pairs.append((match.group(1), int(match.group(2))))
    return tuple(pairs)


def effects_text(pairs: Pairs) -> str:
    """Write effects as ``trust=1, legal_risk=-2``."""
    return ", ".join(f"{name}={value}" for name, value in pairs)


def _integer(text: str, problems: list[str], where: str, default: int | None = 0):
    """Read a whole number (blank gives ``default``)."""
    text = (text or "").strip()
    if not text:
        return default
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    problems.append(f"{where}: '{text}' phải là một số nguyên")
    return default


def _columns(getlist: GetList, names: tuple[str, ...]) -> list[list[str]]:
    """Return the rows of parallel lists, leaving out blank rows."""
    lists = [getlist(name) for name in names]
    count = max((len(values) for values in lists), default=0)
    rows = [[values[i] if i < len(values) else "" for values in lists] for i in range(count)]
    return [row for row in rows if any(cell.strip() for cell in row)]


def _choices(getlist: GetList, problems: list[str]) -> tuple[Choice, ...]:
    """Read the choice rows of a decision."""
    choices = []
    for number, (text, to, score, effects, feedback, when) in enumerate(
            _columns(getlist, CHOICE_COLUMNS), start=1):
        where = f"Lựa chọn {number}"
        if not text.strip() or not to.strip():
            problems.append(f"{where}: cần nội dung và nút đích")
        choices.append(Choice(text=text.strip(), to=to.strip(),
                              score=_integer(score, problems, where),
                              effects=parse_effects(effects, problems, where),
                              feedback=feedback.strip(), when=when.strip() or None))
    return tuple(choices)


def _edges(getlist: GetList, problems: list[str]) -> tuple[Edge, ...]:
    """Read the ``next`` rows of a situation or check."""
    edges = []
    for number, (to, when) in enumerate(_columns(getlist, EDGE_COLUMNS), start=1):
        if not to.strip():
            problems.append(f"Nhánh {number}: cần nút đích")
        edges.append(Edge(to=to.strip(), when=when.strip() or None))
    return tuple(edges)


def node_from_form(get: Get, getlist: GetList) -> tuple[Node | None, list[str]]:
    """Build a node from the node editor's inputs; return it or the problems found."""
    problems: list[str] = []
    node_id, kind = get("id").strip(), get("kind").strip()
    if not _ID.fullmatch(node_id):
        problems.append("Mã nút chỉ gồm chữ thường không dấu, số và dấu gạch ngang")
    if kind not in NODE_KINDS:
        problems.append(f"Loại nút phải là một trong: {', '.join(NODE_KINDS)}")
        return None, problems
    fields = {"id": node_id, "kind": kind, "title": get("title").strip(),
              "text": get("text").strip()}
    if kind == "decision":
        fields.update(prompt=get("prompt").strip(), choices=_choices(getlist, problems))
    elif kind == "end":
        outcome = get("outcome").strip()
        if outcome not in OUTCOMES:
            problems.append(f"Kết cục phải là một trong: {', '.join(OUTCOMES)}")
        fields.update(outcome=outcome or None,
                      score=_integer(get("score"), problems, "Điểm kết thúc", None))
    else:
        fields["edges"] = _edges(getlist, problems)
        if kind == "check":
            fields.update(question=get("question").strip() or None,
                          points=_integer(get("points"), problems, "Điểm câu hỏi", 10))
    return (None, problems) if problems else (Node(**fields), [])


def replace_node(scenario: Scenario, original_id: str | None, node: Node) -> Scenario:
    """Return the scenario with node ``original_id`` replaced (or ``node`` added at the end).

    Renaming a node also renames the targets and the start that pointed at it.
    """
    if original_id is None:
        return replace(scenario, nodes=scenario.nodes + (node,))
    nodes = tuple(node if n.id == original_id else n for n in scenario.nodes)
    if node.id != original_id:
        nodes = tuple(_retarget(n, original_id, node.id) for n in nodes)
    start = node.id if scenario.start == original_id else scenario.start
    return replace(scenario, nodes=nodes, start=start)


def _retarget(node: Node, old: str, new: str) -> Node:
    """Point a node's choices and edges at ``new`` where they pointed at ``old``."""
    choices = tuple(replace(c, to=new) if c.to == old else c for c in node.choices)
    edges = tuple(replace(e, to=new) if e.to == old else e for e in node.edges)
    return replace(node, choices=choices, edges=edges)


def delete_node(scenario: Scenario, node_id: str) -> Scenario:
    """Return the scenario without node ``node_id`` (what led there is reported by validate)."""
    return replace(scenario, nodes=tuple(n for n in scenario.nodes if n.id != node_id))


def starter(slug: str, title: str, module: str) -> Scenario:
    """Return a small valid scenario to start authoring from."""
    return Scenario(
        slug=slug, title=title, module=module, start="tinh-huong", allow_back=True,
        nodes=(
            Node("tinh-huong", "situation", title="Tình huống",
                 text="Mô tả tình huống ở nơi làm việc.", edges=(Edge("quyet-dinh"),)),
            Node("quyet-dinh", "decision", prompt="Anh/chị sẽ làm gì?",
                 choices=(Choice("Cách làm đúng luật", "ket-thuc-tot", score=10,
                                 feedback="Giải thích vì sao đúng và dẫn điều luật."),
                          Choice("Cách làm sai", "ket-thuc-xau", score=-5,
                                 feedback="Giải thích vì sao sai."))),
            Node("ket-thuc-tot", "end", title="Kết quả tốt", outcome="success",
                 text="Tóm tắt bài học."),
            Node("ket-thuc-xau", "end", title="Kết quả chưa tốt", outcome="failure",
                 text="Tóm tắt bài học."),
        ))
