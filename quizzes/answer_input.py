"""Reading what a trainee posted for the questions of an attempt (autosave and submit).

Works on any slot objects with ``position``, ``snapshot``, ``response`` and ``saved_at``:
ORM slots on the general path, Core rows on the final-submission hot path.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_babel import lazy_gettext as _l

from lms.errors import ValidationError
from quizzes import bank, formdata
from quizzes.qtypes import ResponseError, get_type


def parse_slots(slots: Sequence, posted: Mapping[str, Mapping], *,
                changed_only: bool = False):
    """Read each question's fields; return (updates, problems by position).

    ``updates`` holds (slot, raw response, spec, parsed response). With ``changed_only``,
    an answer equal to the stored one is skipped before its question is parsed: a final
    submission mostly repeats what autosave already stored.
    """
    by_position = {slot.position: slot for slot in slots}
    updates, problems = [], {}
    for key, fields in posted.items():
        slot = by_position.get(int(key)) if str(key).isdigit() else None
        if slot is None or not isinstance(fields, Mapping):
            raise ValidationError(_l("This question is not part of your attempt."))
        snap = slot.snapshot
        left_ids = range(len(snap["data"].get("pairs", ()))) if snap["type"] == "matching" else ()
        try:
            raw = formdata.response_from_fields(snap["type"], slot.position, fields, left_ids)
            if changed_only and raw == slot.response and slot.saved_at is not None:
                continue
            spec = bank.spec_of(snap)
            parsed = None if raw is None else get_type(snap["type"]).parse_response(spec, raw)
        except ResponseError as error:
            problems[slot.position] = error.message
            continue
        updates.append((slot, raw, spec, parsed))
    return updates, problems


def fields_by_position(positions, form) -> dict[str, dict[str, list[str]]]:
    """Group posted form fields by question position (``q3``, ``q3-0`` ... -> "3")."""
    grouped: dict[str, dict[str, list[str]]] = {}
    names = list(form)
    for position in positions:
        name = formdata.field_name(position)
        grouped[str(position)] = {key: form.getlist(key) for key in names
                                  if key == name or key.startswith(name + "-")}
    return grouped


def refuse_problems(problems: Mapping[int, str]) -> None:
    """Raise the error of a submission with answers that could not be read, if any."""
    if problems:
        raise ValidationError(_l("Some answers could not be read; nothing was submitted."),
                              errors=[f"{position}: {message}" for position, message
                                      in sorted(problems.items())])
