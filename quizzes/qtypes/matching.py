"""Matching questions: pair each left item with a right item.

Response (JSON): ``{"pairs": {"0": 2, "1": 0}}``: keys are left ids (the pairs' original
indexes, as JSON object keys), values are right ids or null for a left left unanswered. Right
ids index the *distinct* right texts in order of first appearance, so two pairs sharing a
right text offer it once. Each pair is worth an equal share. The rights are always shuffled
(in pair order they would give the answer away); the lefts only when shuffling is asked.
Left texts are Markdown; right texts are plain (they go into a drop-down list).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lms.textfold import fold
from quizzes.qtypes.base import (
    QuestionType, ResponseError, clip, escape_markdown, expect_keys, grade_for, response_index,
    stable_order,
)
from quizzes.qtypes.fields import (
    Problems, check_keys, read_list, read_mapping_item, read_text, report_duplicates,
)


@dataclass(frozen=True)
class MatchPair:
    """A left item and the right item it goes with."""

    left: str
    right: str


@dataclass(frozen=True)
class MatchingSpec:
    """A matching question of at least two pairs."""

    pairs: tuple[MatchPair, ...]


@dataclass(frozen=True)
class PairsResponse:
    """(left id, right id) for each left answered, ascending by left id."""

    pairs: tuple[tuple[int, int], ...]


def distinct_rights(spec: MatchingSpec) -> tuple[str, ...]:
    """Return the right texts without repeats, in order of first appearance (the right ids)."""
    return tuple(dict.fromkeys(pair.right for pair in spec.pairs))


def _left_id(key: object, count: int) -> int:
    """Return a left id written as a JSON key ("0") or an int; raise ResponseError if not."""
    if isinstance(key, str) and key.isdigit() and key.isascii():
        key = int(key)
    return response_index(key, count)


class Matching(QuestionType):
    """Match items on the left with items on the right."""

    name = "matching"
    label = "Ghép đôi"
    fields = ("pairs",)

    def read(self, raw: Mapping, problems: Problems) -> MatchingSpec:
        """Build the spec from ``pairs`` (at least two, lefts distinct)."""
        items = read_list(raw, "pairs", problems, "", minimum=2)
        pairs = []
        for index in range(len(items)):
            where = f"cặp {index + 1}"
            item = read_mapping_item(items, index, problems, where)
            if item is not None:
                check_keys(item, ("left", "right"), problems, where)
                pairs.append(MatchPair(read_text(item, "left", problems, where),
                                       read_text(item, "right", problems, where)))
        report_duplicates([p.left for p in pairs], fold, problems, "vế trái của cặp",
                          raw.get("pairs"))
        return MatchingSpec(tuple(pairs))

    def to_raw(self, spec: MatchingSpec) -> dict:
        """Return the YAML fields of the spec."""
        return {"pairs": [{"left": p.left, "right": p.right} for p in spec.pairs]}

    def public_view(self, spec: MatchingSpec, *, seed: int, shuffle: bool) -> dict:
        """Return the lefts (Markdown) and the distinct rights (plain), rights shuffled."""
        count = len(spec.pairs)
        lefts = stable_order(count, seed, "lefts") if shuffle else range(count)
        rights = distinct_rights(spec)
        return {
            "type": self.name,
            "lefts": [{"id": i, "text": spec.pairs[i].left} for i in lefts],
            "rights": [{"id": j, "text": rights[j]}
                       for j in stable_order(len(rights), seed, "rights")],
        }

    def parse_response(self, spec: MatchingSpec, raw: Mapping) -> PairsResponse:
        """Read ``{"pairs": {left id: right id or null}}``."""
        given = expect_keys(raw, "pairs")["pairs"]
        if not isinstance(given, Mapping):
            raise ResponseError("Câu trả lời không đúng dạng: 'pairs' phải là một bảng ghép")
        rights = len(distinct_rights(spec))
        pairs = {}
        for key, value in given.items():
            left = _left_id(key, len(spec.pairs))
            if left in pairs:
                raise ResponseError("Câu trả lời ghép một vế trái hai lần")
            if value is not None:
                pairs[left] = response_index(value, rights)
        return PairsResponse(tuple(sorted(pairs.items())))

    def response_to_raw(self, spec: MatchingSpec, response: PairsResponse) -> dict:
        """Return the JSON shape of the response."""
        return {"pairs": {str(left): right for left, right in response.pairs}}

    def grade(self, spec: MatchingSpec, response: PairsResponse):
        """Give each rightly matched pair an equal share."""
        rights = distinct_rights(spec)
        hits = sum(rights[right] == spec.pairs[left].right for left, right in response.pairs)
        return grade_for(hits / len(spec.pairs))

    def right_answer(self, spec: MatchingSpec) -> str:
        """List each left with its right."""
        lines = [f"- {p.left} → {escape_markdown(p.right)}" for p in spec.pairs]
        return "Các cặp đúng:\n\n" + "\n".join(lines)

    def response_summary(self, spec: MatchingSpec, response: PairsResponse) -> str:
        """Return "left → right" for each answered left."""
        if not response.pairs:
            return "(không ghép cặp nào)"
        rights = distinct_rights(spec)
        return "; ".join(f"{clip(spec.pairs[left].left, 30)} → {clip(rights[right], 30)}"
                         for left, right in response.pairs)

    def markdown_fields(self, spec: MatchingSpec) -> tuple[tuple[str, str], ...]:
        """Return the left texts (rights are plain text)."""
        return tuple((f"vế trái cặp {n}", p.left) for n, p in enumerate(spec.pairs, start=1))


MATCHING = Matching()
