"""String, boolean and select functions."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from auditdesk.formengine.xpath.coercion import to_boolean, to_number, to_string
from auditdesk.formengine.xpath.context import EvaluationContext
from auditdesk.formengine.xpath.nodes import FunctionSpec
from auditdesk.formengine.xpath.values import NodeSet, XPathValue

Args = Sequence[XPathValue]


def _flatten(values: Args) -> list[XPathValue]:
    """Arguments with node-sets spread out, for functions that take "values or node-sets"."""
    flat: list[XPathValue] = []
    for value in values:
        if isinstance(value, NodeSet):
            flat.extend(value)
        else:
            flat.append(value)
    return flat


def _true(context: EvaluationContext, args: Args) -> XPathValue:
    return True


def _false(context: EvaluationContext, args: Args) -> XPathValue:
    return False


def _not(context: EvaluationContext, args: Args) -> XPathValue:
    return not to_boolean(args[0])


def _boolean(context: EvaluationContext, args: Args) -> XPathValue:
    return to_boolean(args[0])


def _boolean_from_string(context: EvaluationContext, args: Args) -> XPathValue:
    return to_string(args[0]).strip() in ("true", "1")


def _string(context: EvaluationContext, args: Args) -> XPathValue:
    return to_string(args[0])


def _concat(context: EvaluationContext, args: Args) -> XPathValue:
    return "".join(to_string(value) for value in _flatten(args))


def _join(context: EvaluationContext, args: Args) -> XPathValue:
    return to_string(args[0]).join(to_string(value) for value in _flatten(args[1:]))


def _string_length(context: EvaluationContext, args: Args) -> XPathValue:
    return float(len(to_string(args[0])))


def _index(value: XPathValue) -> int | None:
    number = to_number(value)
    if number != number:
        return None
    if number == float("inf"):
        return 2**62
    if number == float("-inf"):
        return -(2**62)
    return int(number)


def _substr(context: EvaluationContext, args: Args) -> XPathValue:
    """ODK's substr(s, start[, end]): 0-based start, exclusive end, like Java's substring."""
    text = to_string(args[0])
    start = _index(args[1])
    end = _index(args[2]) if len(args) > 2 else len(text)
    if start is None or end is None:
        return ""
    start = max(start, 0)
    end = min(end, len(text))
    return text[start:end] if start < end else ""


def _substring_before(context: EvaluationContext, args: Args) -> XPathValue:
    text, separator = to_string(args[0]), to_string(args[1])
    found = text.find(separator)
    return text[:found] if found >= 0 else ""


def _substring_after(context: EvaluationContext, args: Args) -> XPathValue:
    text, separator = to_string(args[0]), to_string(args[1])
    found = text.find(separator)
    return text[found + len(separator) :] if found >= 0 else ""


def _contains(context: EvaluationContext, args: Args) -> XPathValue:
    return to_string(args[1]) in to_string(args[0])


def _starts_with(context: EvaluationContext, args: Args) -> XPathValue:
    return to_string(args[0]).startswith(to_string(args[1]))


def _ends_with(context: EvaluationContext, args: Args) -> XPathValue:
    return to_string(args[0]).endswith(to_string(args[1]))


def _translate(context: EvaluationContext, args: Args) -> XPathValue:
    text, source, target = (to_string(value) for value in args)
    table: dict[int, int | None] = {}
    for position, char in enumerate(source):
        if ord(char) not in table:  # XPath: the first occurrence wins
            table[ord(char)] = ord(target[position]) if position < len(target) else None
    return text.translate(table)


def _normalize_space(context: EvaluationContext, args: Args) -> XPathValue:
    return " ".join(to_string(args[0]).split())


@functools.lru_cache(maxsize=256)
def _compiled_pattern(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None


def _regex(context: EvaluationContext, args: Args) -> XPathValue:
    """True when the pattern is found anywhere in the text (JavaRosa uses Matcher.find)."""
    pattern = _compiled_pattern(to_string(args[1]))
    return pattern is not None and pattern.search(to_string(args[0])) is not None


def _selections(value: XPathValue) -> list[str]:
    return to_string(value).split()


def _selected(context: EvaluationContext, args: Args) -> XPathValue:
    return to_string(args[1]).strip() in _selections(args[0])


def _count_selected(context: EvaluationContext, args: Args) -> XPathValue:
    return float(len(_selections(args[0])))


def _selected_at(context: EvaluationContext, args: Args) -> XPathValue:
    """The n-th selected choice, counting from 0; empty when out of range."""
    choices = _selections(args[0])
    index = _index(args[1])
    if index is None or not 0 <= index < len(choices):
        return ""
    return choices[index]


TEXT_FUNCTIONS = (
    FunctionSpec("true", 0, 0, eager=_true),
    FunctionSpec("false", 0, 0, eager=_false),
    FunctionSpec("not", 1, 1, eager=_not),
    FunctionSpec("boolean", 1, 1, eager=_boolean),
    FunctionSpec("boolean-from-string", 1, 1, eager=_boolean_from_string),
    FunctionSpec("string", 0, 1, eager=_string, implicit_current=True),
    FunctionSpec("concat", 0, None, eager=_concat),
    FunctionSpec("join", 1, None, eager=_join),
    FunctionSpec("string-length", 0, 1, eager=_string_length, implicit_current=True),
    FunctionSpec("substr", 2, 3, eager=_substr),
    FunctionSpec("substring-before", 2, 2, eager=_substring_before),
    FunctionSpec("substring-after", 2, 2, eager=_substring_after),
    FunctionSpec("contains", 2, 2, eager=_contains),
    FunctionSpec("starts-with", 2, 2, eager=_starts_with),
    FunctionSpec("ends-with", 2, 2, eager=_ends_with),
    FunctionSpec("translate", 3, 3, eager=_translate),
    FunctionSpec("normalize-space", 0, 1, eager=_normalize_space, implicit_current=True),
    FunctionSpec("regex", 2, 2, eager=_regex),
    FunctionSpec("selected", 2, 2, eager=_selected),
    FunctionSpec("count-selected", 1, 1, eager=_count_selected),
    FunctionSpec("selected-at", 2, 2, eager=_selected_at),
)
