"""Number functions; none raises, odd input gives NaN as XPath does."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from auditdesk.formengine.xpath.coercion import to_number, to_string
from auditdesk.formengine.xpath.context import EvaluationContext
from auditdesk.formengine.xpath.fn_text import _flatten
from auditdesk.formengine.xpath.nodes import FunctionSpec
from auditdesk.formengine.xpath.values import NodeSet, XPathValue

Args = Sequence[XPathValue]
NAN = math.nan


def _number(context: EvaluationContext, args: Args) -> XPathValue:
    return to_number(args[0])


def _int(context: EvaluationContext, args: Args) -> XPathValue:
    """Truncates toward zero: int(-3.7) is -3."""
    number = to_number(args[0])
    if not math.isfinite(number):
        return number
    return float(math.trunc(number))


def _round(context: EvaluationContext, args: Args) -> XPathValue:
    """Half away from zero at the given number of digits, as JavaRosa's BigDecimal rounding.

    Rounding the shortest decimal text of the number (not its binary value) is what
    makes round(2.675, 2) give 2.68, as a form author expects.
    """
    number = to_number(args[0])
    digits = to_number(args[1]) if len(args) > 1 else 0.0
    if not math.isfinite(number) or not math.isfinite(digits):
        return NAN if digits != digits else number
    places = int(digits)
    if abs(places) > 400:
        return number if places > 0 else 0.0
    try:
        rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the decimal context holds: already exact
        return number
    return float(rounded)


def _floor(context: EvaluationContext, args: Args) -> XPathValue:
    number = to_number(args[0])
    return float(math.floor(number)) if math.isfinite(number) else number


def _ceiling(context: EvaluationContext, args: Args) -> XPathValue:
    number = to_number(args[0])
    return float(math.ceil(number)) if math.isfinite(number) else number


def _abs(context: EvaluationContext, args: Args) -> XPathValue:
    return abs(to_number(args[0]))


def _pow(context: EvaluationContext, args: Args) -> XPathValue:
    base, exponent = to_number(args[0]), to_number(args[1])
    try:
        return math.pow(base, exponent)
    except OverflowError:
        return math.inf if base > 0 or exponent % 2 == 0 else -math.inf
    except ValueError:  # a negative base to a fractional power
        return NAN


def _sqrt(context: EvaluationContext, args: Args) -> XPathValue:
    number = to_number(args[0])
    return math.sqrt(number) if number >= 0 else NAN


def _sum(context: EvaluationContext, args: Args) -> XPathValue:
    """Sum of a node-set; an empty node in it makes the sum NaN, as in XPath."""
    return sum((to_number(value) for value in _flatten(args)), 0.0)


def _count(context: EvaluationContext, args: Args) -> XPathValue:
    value = args[0]
    return float(len(value)) if isinstance(value, NodeSet) else 1.0


def _count_non_empty(context: EvaluationContext, args: Args) -> XPathValue:
    return float(sum(1 for value in _flatten(args) if to_string(value) != ""))


def _numbers_or_none(args: Args) -> list[float] | None:
    """All values as numbers, or None when there are none or one is not a number."""
    numbers = [to_number(value) for value in _flatten(args)]
    if not numbers or any(number != number for number in numbers):
        return None
    return numbers


def _min(context: EvaluationContext, args: Args) -> XPathValue:
    numbers = _numbers_or_none(args)
    return NAN if numbers is None else min(numbers)


def _max(context: EvaluationContext, args: Args) -> XPathValue:
    numbers = _numbers_or_none(args)
    return NAN if numbers is None else max(numbers)


NUMERIC_FUNCTIONS = (
    FunctionSpec("number", 0, 1, eager=_number, implicit_current=True),
    FunctionSpec("int", 1, 1, eager=_int),
    FunctionSpec("round", 1, 2, eager=_round),
    FunctionSpec("floor", 1, 1, eager=_floor),
    FunctionSpec("ceiling", 1, 1, eager=_ceiling),
    FunctionSpec("abs", 1, 1, eager=_abs),
    FunctionSpec("pow", 2, 2, eager=_pow),
    FunctionSpec("sqrt", 1, 1, eager=_sqrt),
    FunctionSpec("sum", 1, 1, eager=_sum),
    FunctionSpec("count", 1, 1, eager=_count),
    FunctionSpec("count-non-empty", 1, 1, eager=_count_non_empty),
    FunctionSpec("min", 1, None, eager=_min),
    FunctionSpec("max", 1, None, eager=_max),
)
