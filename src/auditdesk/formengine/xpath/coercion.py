"""XPath 1.0 coercions and comparisons, with JavaRosa's treatment of dates.

JavaRosa's rules that differ from plain Python and that forms rely on:

* an empty value is the empty string; as a number it is NaN, so every relational
  comparison with it is false;
* a date is a number of days since 1970-01-01, a dateTime a fractional number of days;
* ``=`` between a node-set and a value is true when *any* node matches;
* a string compared with a date is read as a date.

Nothing here raises on odd input: the answer is NaN or ``""`` as XPath would give.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from decimal import Decimal

from auditdesk.formengine.xpath.values import NodeSet, XPathValue

NAN = math.nan
EPOCH_DATE = datetime.date(1970, 1, 1)
EPOCH_NAIVE = datetime.datetime(1970, 1, 1)  # naive: wall-clock values
EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
SECONDS_PER_DAY = 86400.0

# XPath's Number production: no exponent, no "inf"/"nan", no digit separators
# (float() alone would accept all of those).
_NUMBER = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def to_boolean(value: XPathValue) -> bool:
    """XPath ``boolean()``: non-zero numbers, non-empty strings and node-sets are true."""
    if type(value) is bool:
        return value
    if isinstance(value, float | int):
        return value == value and value != 0  # NaN is false
    if isinstance(value, str | NodeSet):
        return len(value) > 0
    return True  # a date or dateTime is a value, never empty


def to_number(value: XPathValue) -> float:
    """XPath ``number()``; dates count days since 1970-01-01 as JavaRosa does."""
    if type(value) is float:
        return value
    if isinstance(value, str):
        return _string_to_number(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int):
        return float(value)
    if isinstance(value, datetime.datetime):
        return datetime_to_days(value)
    if isinstance(value, datetime.date):
        return float((value - EPOCH_DATE).days)
    if isinstance(value, NodeSet):
        return to_number(value[0]) if value else NAN
    return float(value)


def _string_to_number(text: str) -> float:
    if _NUMBER.fullmatch(text) is None:
        return NAN
    return float(text)


def datetime_to_days(value: datetime.datetime) -> float:
    if value.tzinfo is None:
        return (value - EPOCH_NAIVE).total_seconds() / SECONDS_PER_DAY
    return (value - EPOCH_UTC).total_seconds() / SECONDS_PER_DAY


def to_string(value: XPathValue) -> str:
    """XPath ``string()``: integers print without ``.0``, booleans as true/false."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return number_to_string(float(value))
    if isinstance(value, NodeSet):
        return to_string(value[0]) if value else ""
    return value.isoformat()


def number_to_string(number: float) -> str:
    if number != number:
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number.is_integer():
        return str(int(number))
    text = repr(number)
    if "e" in text:  # XPath never prints an exponent
        text = format(Decimal(text), "f")
    return text


def parse_date(text: str) -> datetime.date | datetime.datetime | None:
    """An ISO date or dateTime as ODK stores them, or None if the text is not one."""
    text = text.strip()
    if len(text) < 10 or _DATE.match(text) is None:
        return None
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text)
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return None


def to_date(value: XPathValue) -> datetime.date | datetime.datetime | None:
    """A date, dateTime, ISO string or day count read as a date; None when it is none."""
    if isinstance(value, datetime.date):  # includes datetime
        return value
    if isinstance(value, NodeSet):
        return to_date(value[0]) if value else None
    if isinstance(value, str):
        return parse_date(value)
    number = to_number(value)
    if not math.isfinite(number):
        return None
    try:
        if number.is_integer():
            return EPOCH_DATE + datetime.timedelta(days=number)
        return EPOCH_NAIVE + datetime.timedelta(days=number)
    except OverflowError:
        return None


def _date_operand(value: XPathValue, other: XPathValue) -> XPathValue:
    """Read a string as a date when it is compared with a date (JavaRosa does so)."""
    if isinstance(value, str) and isinstance(other, datetime.date):
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
    return value


def values_equal(left: XPathValue, right: XPathValue) -> bool:
    """XPath ``=``: existential over node-sets, then boolean > number > string."""
    left_type, right_type = type(left), type(right)
    if left_type is right_type and (left_type is str or left_type is float):
        return left == right
    if isinstance(left, NodeSet):
        if isinstance(right, bool):
            return to_boolean(left) == right
        return any(values_equal(item, right) for item in left)
    if isinstance(right, NodeSet):
        if isinstance(left, bool):
            return to_boolean(right) == left
        return any(values_equal(left, item) for item in right)
    if isinstance(left, bool) or isinstance(right, bool):
        return to_boolean(left) == to_boolean(right)
    if isinstance(left, datetime.date) or isinstance(right, datetime.date):
        left, right = _date_operand(left, right), _date_operand(right, left)
        if isinstance(left, str) or isinstance(right, str):
            return to_string(left) == to_string(right)
        return to_number(left) == to_number(right)
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    return to_number(left) == to_number(right)


def values_not_equal(left: XPathValue, right: XPathValue) -> bool:
    """XPath ``!=``: also existential, so it is not simply ``not (a = b)`` for node-sets."""
    left_type, right_type = type(left), type(right)
    if left_type is right_type and (left_type is str or left_type is float):
        return left != right
    if isinstance(left, NodeSet):
        if isinstance(right, bool):
            return to_boolean(left) != right
        return any(values_not_equal(item, right) for item in left)
    if isinstance(right, NodeSet):
        if isinstance(left, bool):
            return to_boolean(right) != left
        return any(values_not_equal(left, item) for item in right)
    return not values_equal(left, right)


def compare(test: Callable[[float, float], bool], left: XPathValue, right: XPathValue) -> bool:
    """``<``, ``<=``, ``>``, ``>=`` as numbers; existential over node-sets.

    NaN (an empty or non-numeric value) makes every test false, which is how
    ``${age} > 17`` stays false until age is answered.
    """
    if type(left) is float and type(right) is float:
        return test(left, right)
    if isinstance(left, NodeSet):
        return any(compare(test, item, right) for item in left)
    if isinstance(right, NodeSet):
        return any(compare(test, left, item) for item in right)
    if isinstance(left, datetime.date) or isinstance(right, datetime.date):
        left, right = _date_operand(left, right), _date_operand(right, left)
    return test(to_number(left), to_number(right))
