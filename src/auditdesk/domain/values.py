"""Typed answer values as the form engine's instance JSON carries them."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import NotRequired, TypedDict

# A JSON value: answers are str, int, float, list[str] (select_multiple), "YYYY-MM-DD"
# dates, ISO datetimes and attachment reference strings; trail details may nest.
JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]

# One answer as the form engine gives it (lists are invariant, so list[str] needs its own
# spelling to be accepted where a JsonValue is expected).
AnswerValue = None | bool | int | float | str | list[str]


class InstanceDocument(TypedDict):
    """The form engine's instance JSON for one form record."""

    form_id: str
    version: str
    answers: dict[str, JsonValue]
    repeats: NotRequired[dict[str, int]]
    notes: NotRequired[dict[str, str]]
    """The auditor's evidence notes by instance path."""


def canonical_json(value: AnswerValue | JsonValue) -> str:
    """One spelling per value, so equal answers compare equal and hashes are stable."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def new_uuid() -> str:
    return str(uuid.uuid4())


def as_date(value: object) -> datetime.date | None:
    """A calendar date from a cell or answer value: a date, a datetime, or ISO text.

    Anything else (empty, malformed) is None, so callers show a blank, never crash.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
