"""Splitting a room into breakout groups and dealing role cards (pure, seeded randomness)."""
from __future__ import annotations

import random
from collections.abc import Hashable, Sequence

MAX_GROUPS = 50
MAX_ROLES = 8


def split_random(people: Sequence[Hashable], count: int,
                 rng: random.Random) -> list[list[Hashable]]:
    """Shuffle and deal people into ``count`` groups whose sizes differ by at most one."""
    count = _group_count(len(people), count)
    shuffled = list(people)
    rng.shuffle(shuffled)
    return [shuffled[index::count] for index in range(count)]


def split_by_unit(people: Sequence[tuple[Hashable, Hashable]], count: int,
                  rng: random.Random) -> list[list[Hashable]]:
    """Keep people of one union unit together while balancing group sizes.

    ``people`` are (person, unit) pairs. A unit larger than a fair group share is cut into
    pieces of that share; pieces then go, largest first, to the currently smallest group.
    Groups left empty (fewer pieces than groups) are dropped.
    """
    count = _group_count(len(people), count)
    if count == 0:
        return []
    share = -(-len(people) // count)  # ceiling division
    pieces = []
    for unit_people in _by_unit(people, rng):
        pieces.extend(unit_people[i:i + share] for i in range(0, len(unit_people), share))
    pieces.sort(key=len, reverse=True)
    groups: list[list[Hashable]] = [[] for _ in range(count)]
    for piece in pieces:
        smallest = min(range(count), key=lambda index: (len(groups[index]), index))
        groups[smallest].extend(piece)
    return [group for group in groups if group]


def _by_unit(people, rng: random.Random) -> list[list[Hashable]]:
    """Return the people of each unit, shuffled within the unit, units in a shuffled order."""
    units: dict[Hashable, list[Hashable]] = {}
    for person, unit in people:
        units.setdefault(unit, []).append(person)
    lists = list(units.values())
    rng.shuffle(lists)
    for members in lists:
        rng.shuffle(members)
    return lists


def _group_count(people: int, wanted: int) -> int:
    """Return how many groups to make: never more than people, at least one if anyone."""
    return max(0, min(wanted, people, MAX_GROUPS)) if people else 0


def deal_roles(members: Sequence[Hashable], roles: Sequence[str],
               rng: random.Random) -> dict[Hashable, str]:
    """Give each member a role card, every role used before any repeats; no roles: none."""
    if not roles:
        return {member: "" for member in members}
    order = list(members)
    rng.shuffle(order)
    return {member: roles[index % len(roles)] for index, member in enumerate(order)}


def smallest_group(sizes: Sequence[int]) -> int:
    """Return the index of the first smallest group (where a latecomer goes)."""
    return min(range(len(sizes)), key=lambda index: (sizes[index], index))
