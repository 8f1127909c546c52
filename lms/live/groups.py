"""Breakout groups: split the room (random or by unit), role cards, call the lecturer, recall."""
from __future__ import annotations

import random
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from lms.errors import ConflictError, NotFoundError
from lms.extensions import db
from lms.live import grouping
from lms.live.activity_models import Breakout, BreakoutGroup, GroupMember
from lms.live.models import LiveSession
from lms.live.room import online_trainees
from lms.live.state import active_breakout, group_of, require_lead, require_live
from lms.models import User
from lms.timeutil import utcnow


@dataclass(frozen=True)
class Split:
    """A breakout just made: each trainee's group view and the lecturers' overview."""

    by_user: dict
    overview: dict


def group_view(group: BreakoutGroup, role_card: str = "") -> dict:
    """Return a group as its members see it (members with their role cards)."""
    return {"id": group.id, "number": group.number, "name": group.name,
            "role_card": role_card, "help": group.help_requested_at is not None,
            "members": [{"id": m.user_id, "name": m.user.full_name, "role_card": m.role_card}
                        for m in group.members]}


def overview(session_id: int) -> dict | None:
    """Return the current breakout with every group, for lecturers; None when not split."""
    breakout = active_breakout(session_id)
    if breakout is None:
        return None
    return {"breakout": breakout.id, "mode": breakout.mode, "roles": list(breakout.roles),
            "groups": [group_view(group) for group in breakout.groups]}


def start(*, live_session: LiveSession, actor: User, role: str, count: int, mode: str,
          roles: list[str]) -> Split:
    """Split the trainees online now into ``count`` groups and deal role cards."""
    require_lead(role)
    require_live(live_session)
    if active_breakout(live_session.id) is not None:
        raise ConflictError(_l("The room is already split; recall the groups first."))
    people = online_trainees(live_session.id)
    if not people:
        raise ConflictError(_l("No trainee is in the room to split into groups."))
    rng = random.SystemRandom()
    if mode == "unit":
        buckets = grouping.split_by_unit(people, count, rng)
    else:
        buckets = grouping.split_random([user_id for user_id, _unit in people], count, rng)
    breakout = Breakout(session_id=live_session.id, mode=mode, roles=roles,
                        started_by_id=actor.id, started_at=utcnow())
    db.session.add(breakout)
    db.session.flush()
    for number, members in enumerate(buckets, start=1):
        group = BreakoutGroup(breakout=breakout, number=number,
                              name=_("Group %(n)d", n=number))
        db.session.add(group)
        for user_id, card in grouping.deal_roles(members, roles, rng).items():
            db.session.add(GroupMember(breakout_id=breakout.id, group=group, user_id=user_id,
                                       role_card=card))
    db.session.flush()
    split = Split(_views_by_user(breakout), overview(live_session.id))
    db.session.commit()
    return split


def _views_by_user(breakout: Breakout) -> dict:
    """Return each member's view of their group, keyed by user id."""
    views = {}
    for group in breakout.groups:
        for member in group.members:
            views[member.user_id] = group_view(group, member.role_card)
    return views


def join_latecomer(*, session_id: int, user_id: int) -> dict | None:
    """Place a trainee who arrives during a breakout into the smallest group."""
    breakout = active_breakout(session_id)
    if breakout is None or not breakout.groups:
        return None
    found = group_of(session_id, user_id)
    if found is not None:
        return group_view(*_with_card(found))
    groups = list(breakout.groups)
    group = groups[grouping.smallest_group([len(g.members) for g in groups])]
    roles = list(breakout.roles)
    card = roles[len(group.members) % len(roles)] if roles else ""
    db.session.add(GroupMember(breakout_id=breakout.id, group=group, user_id=user_id,
                               role_card=card))
    db.session.flush()
    view = group_view(group, card)
    db.session.commit()
    return view


def _with_card(found) -> tuple[BreakoutGroup, str]:
    """Return (group, role card) from a (group, membership) pair."""
    group, member = found
    return group, member.role_card


def my_group(session_id: int, user_id: int) -> dict | None:
    """Return the group this person is in now, with their role card, or None."""
    found = group_of(session_id, user_id)
    return group_view(*_with_card(found)) if found else None


def recall(*, live_session: LiveSession, role: str) -> tuple[list[int], list[int]]:
    """End the breakout: everyone back in the main room; return member and group ids."""
    require_lead(role)
    breakout = active_breakout(live_session.id)
    if breakout is None:
        raise ConflictError(_l("The room is not split into groups."))
    members = [m.user_id for g in breakout.groups for m in g.members]
    group_ids = [g.id for g in breakout.groups]
    breakout.ended_at = utcnow()
    for group in breakout.groups:
        group.help_requested_at = None
    db.session.commit()
    return members, group_ids


def call_lecturer(*, live_session: LiveSession, user: User, on: bool) -> dict:
    """Ask for (or cancel a call for) a lecturer to come to this person's group."""
    require_live(live_session)
    found = group_of(live_session.id, user.id)
    if found is None:
        raise ConflictError(_l("You are not in a group."))
    group = found[0]
    group.help_requested_at = (group.help_requested_at or utcnow()) if on else None
    view = group_view(group)
    db.session.commit()
    return view


def answer_call(*, live_session: LiveSession, role: str, group_id: int) -> dict:
    """Clear a group's call once a lecturer is on it."""
    require_lead(role)
    group = db.session.get(BreakoutGroup, group_id)
    breakout = active_breakout(live_session.id)
    if group is None or breakout is None or group.breakout_id != breakout.id:
        raise NotFoundError(_l("This group is no longer meeting."))
    group.help_requested_at = None
    view = group_view(group)
    db.session.commit()
    return view
