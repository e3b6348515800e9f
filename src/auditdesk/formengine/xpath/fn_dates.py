"""Date functions. The clock comes from the context so tests and replays are repeatable."""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence

from auditdesk.formengine.xpath.coercion import datetime_to_days, to_date, to_number, to_string
from auditdesk.formengine.xpath.context import EvaluationContext
from auditdesk.formengine.xpath.nodes import FunctionSpec
from auditdesk.formengine.xpath.values import XPathValue

Args = Sequence[XPathValue]

# English abbreviations, as JavaRosa's format-date prints them whatever the form language.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _today(context: EvaluationContext, args: Args) -> XPathValue:
    return context.now().date()


def _now(context: EvaluationContext, args: Args) -> XPathValue:
    return context.now()


def _date(context: EvaluationContext, args: Args) -> XPathValue:
    """date('2024-01-31'), date(19753) (days since 1970) or a date passed through; else ""."""
    value = args[0]
    if isinstance(value, str) and value.strip() == "":
        return ""
    parsed = to_date(value)
    return "" if parsed is None else parsed


def _decimal_date_time(context: EvaluationContext, args: Args) -> XPathValue:
    """A dateTime as fractional days since 1970-01-01 (UTC for values with an offset)."""
    value = args[0]
    if isinstance(value, str):
        parsed = to_date(value)
        if parsed is None:
            return math.nan
        value = parsed
    if isinstance(value, datetime.datetime):
        return datetime_to_days(value)
    return to_number(value)


def _decimal_time(context: EvaluationContext, args: Args) -> XPathValue:
    """A time of day 'HH:MM[:SS]' as a fraction of a day."""
    text = to_string(args[0]).strip()
    try:
        moment = datetime.time.fromisoformat(text[:8])
    except ValueError:
        return math.nan
    return (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400.0


def _format(moment: datetime.date, pattern: str) -> str:
    hour = minute = second = micro = 0
    if isinstance(moment, datetime.datetime):
        hour, minute, second, micro = moment.hour, moment.minute, moment.second, moment.microsecond
    codes = {
        "Y": f"{moment.year:04d}",
        "y": f"{moment.year % 100:02d}",
        "m": f"{moment.month:02d}",
        "n": str(moment.month),
        "b": _MONTHS[moment.month - 1],
        "d": f"{moment.day:02d}",
        "e": str(moment.day),
        "a": _WEEKDAYS[moment.weekday()],
        "H": f"{hour:02d}",
        "h": str(hour),
        "M": f"{minute:02d}",
        "S": f"{second:02d}",
        "3": f"{micro // 1000:03d}",
        "%": "%",
    }
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "%" and index + 1 < len(pattern) and pattern[index + 1] in codes:
            parts.append(codes[pattern[index + 1]])
            index += 2
        else:
            parts.append(char)
            index += 1
    return "".join(parts)


def _format_date(context: EvaluationContext, args: Args) -> XPathValue:
    moment = to_date(args[0])
    if moment is None:
        return ""
    return _format(moment, to_string(args[1]))


DATE_FUNCTIONS = (
    FunctionSpec("today", 0, 0, eager=_today, volatile=True),
    FunctionSpec("now", 0, 0, eager=_now, volatile=True),
    FunctionSpec("date", 1, 1, eager=_date),
    FunctionSpec("date-time", 1, 1, eager=_date),
    FunctionSpec("decimal-date-time", 1, 1, eager=_decimal_date_time),
    FunctionSpec("decimal-time", 1, 1, eager=_decimal_time),
    FunctionSpec("format-date", 2, 2, eager=_format_date),
    FunctionSpec("format-date-time", 2, 2, eager=_format_date),
)
