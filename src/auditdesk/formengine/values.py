"""Typed answer values: parsing what a person (or JSON) gives, and converting for XPath and JSON.

In memory an answer is a plain Python value whose type follows the question type:

=====================================  ==========================  ======================
question type                          Python value                JSON value
=====================================  ==========================  ======================
text, barcode, geo*, note, media,      ``str``                     string
calculate, hidden, metadata properties
integer (and whole-number ranges)      ``int``                     number
decimal (and decimal ranges)           ``float``                   number
select_one                             ``str`` (choice name)       string
select_multiple, rank                  ``tuple[str, ...]``         list of strings
date, today                            ``datetime.date``           ``"YYYY-MM-DD"``
time                                   ``datetime.time``           ``"HH:MM:SS"``
dateTime, start, end                   ``datetime.datetime``       ISO 8601 string
acknowledge                            ``"OK"``                    ``"OK"``
=====================================  ==========================  ======================

An empty answer is ``None`` (absent from JSON). Calculations hold the string ODK would
store (``"6"``, ``"2024-05-01"``).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping

from auditdesk.formengine.definition import QuestionType
from auditdesk.formengine.typemap import range_is_decimal
from auditdesk.formengine.xpath import NodeSet, XPathValue, to_string

Value = str | int | float | datetime.date | datetime.time | datetime.datetime | tuple[str, ...]
JsonValue = str | int | float | list[str]

ACKNOWLEDGED = "OK"

_TEXT_LIKE = frozenset(
    {
        QuestionType.TEXT,
        QuestionType.BARCODE,
        QuestionType.GEOPOINT,
        QuestionType.GEOTRACE,
        QuestionType.GEOSHAPE,
        QuestionType.NOTE,
        QuestionType.IMAGE,
        QuestionType.FILE,
        QuestionType.AUDIO,
        QuestionType.VIDEO,
        QuestionType.CALCULATE,
        QuestionType.HIDDEN,
        QuestionType.DEVICEID,
        QuestionType.USERNAME,
        QuestionType.AUDIT,
        QuestionType.PROPERTY,
        QuestionType.SELECT_ONE,
    }
)


class InvalidValue(ValueError):
    """A value that does not fit the question's type; the message says why, plainly."""


def parse_value(
    qtype: QuestionType, raw: object, parameters: Mapping[str, str] | None = None
) -> Value | None:
    """Accept a typed Python value or its text/JSON form; ``None``/``""``/``[]`` mean empty."""
    if raw is None or raw == "" or raw == [] or raw == ():
        return None
    if qtype in _TEXT_LIKE:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            raise InvalidValue(f"expected text, got {_describe(raw)}")
        return raw if isinstance(raw, str) else _number_text(raw)
    if qtype is QuestionType.INTEGER:
        return _integer(raw)
    if qtype is QuestionType.DECIMAL:
        return _decimal(raw)
    if qtype is QuestionType.RANGE:
        return _decimal(raw) if range_is_decimal(parameters or {}) else _integer(raw)
    if qtype in (QuestionType.SELECT_MULTIPLE, QuestionType.RANK):
        return _choice_list(raw)
    if qtype in (QuestionType.DATE, QuestionType.TODAY):
        return _date(raw)
    if qtype is QuestionType.TIME:
        return _time(raw)
    if qtype in (QuestionType.DATETIME, QuestionType.START, QuestionType.END):
        return _datetime(raw)
    if qtype is QuestionType.ACKNOWLEDGE:
        if raw in (True, ACKNOWLEDGED, "ok", "yes", "true", "1", 1):
            return ACKNOWLEDGED
        if raw is False:
            return None
        raise InvalidValue(f"expected OK (acknowledged), got {_describe(raw)}")
    raise InvalidValue(f"unsupported question type {qtype.value}")  # pragma: no cover


def to_json(value: Value) -> JsonValue:
    """The plain JSON form of a stored value (see the module table)."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    return value


def to_xpath(value: Value | None) -> XPathValue:
    """What an expression sees: numbers as floats, selections space-separated."""
    if value is None:
        return ""
    if isinstance(value, bool):  # pragma: no cover - never stored, but never a number either
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, tuple):
        return " ".join(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    return value


def from_xpath(
    qtype: QuestionType, result: XPathValue, parameters: Mapping[str, str] | None = None
) -> Value | None:
    """Store an expression's result (a calculation, a dynamic default) as the question's type."""
    if isinstance(result, NodeSet):
        result = result[0] if result else ""
    if qtype in (QuestionType.CALCULATE, QuestionType.HIDDEN):
        text = to_string(result)
        return text or None
    if isinstance(result, float):
        if math.isnan(result):
            return None
        if qtype in (QuestionType.INTEGER, QuestionType.RANGE) and result.is_integer():
            return parse_value(qtype, int(result), parameters)
        return parse_value(qtype, result, parameters)
    if isinstance(result, datetime.datetime | datetime.date) and qtype not in _TEXT_LIKE:
        return parse_value(qtype, result, parameters)
    return parse_value(qtype, to_string(result), parameters)


def _describe(raw: object) -> str:
    if isinstance(raw, str):
        return repr(raw)
    return f"{type(raw).__name__} {raw!r}"


def _number_text(number: int | float) -> str:
    return str(int(number)) if isinstance(number, float) and number.is_integer() else str(number)


def _integer(raw: object) -> int:
    if isinstance(raw, bool):
        raise InvalidValue(f"expected a whole number, got {_describe(raw)}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str):
        text = raw.strip()
        try:
            return int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                number = math.nan
            if number.is_integer():
                return int(number)
    raise InvalidValue(f"expected a whole number, got {_describe(raw)}")


def _decimal(raw: object) -> float:
    if isinstance(raw, bool):
        raise InvalidValue(f"expected a number, got {_describe(raw)}")
    if isinstance(raw, int | float):
        number = float(raw)
    elif isinstance(raw, str):
        try:
            number = float(raw.strip())
        except ValueError:
            raise InvalidValue(f"expected a number, got {_describe(raw)}") from None
    else:
        raise InvalidValue(f"expected a number, got {_describe(raw)}")
    if not math.isfinite(number):
        raise InvalidValue(f"expected a finite number, got {_describe(raw)}")
    return number


def _choice_list(raw: object) -> tuple[str, ...] | None:
    if isinstance(raw, str):
        names = tuple(raw.split())
    elif isinstance(raw, list | tuple) and all(isinstance(item, str) for item in raw):
        names = tuple(str(item) for item in raw)
    else:
        raise InvalidValue(f"expected a list of choice names, got {_describe(raw)}")
    if len(set(names)) != len(names):
        raise InvalidValue("a choice is selected more than once")
    return names or None


def _date(raw: object) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str):
        try:
            return datetime.date.fromisoformat(raw.strip()[:10])
        except ValueError:
            pass
    raise InvalidValue(f"expected a date as YYYY-MM-DD, got {_describe(raw)}")


def _time(raw: object) -> datetime.time:
    if isinstance(raw, datetime.time):
        return raw.replace(microsecond=0)
    if isinstance(raw, str):
        try:
            return datetime.time.fromisoformat(raw.strip()).replace(microsecond=0)
        except ValueError:
            pass
    raise InvalidValue(f"expected a time as HH:MM:SS, got {_describe(raw)}")


def _datetime(raw: object) -> datetime.datetime:
    if isinstance(raw, datetime.datetime):
        return raw
    if isinstance(raw, datetime.date):
        return datetime.datetime.combine(raw, datetime.time())
    if isinstance(raw, str):
        try:
            return datetime.datetime.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise InvalidValue(f"expected a date and time in ISO 8601, got {_describe(raw)}")
