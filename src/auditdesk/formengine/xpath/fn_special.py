"""Functions that need their argument nodes or the engine: if, coalesce, once,
position, indexed-repeat, jr:choice-name, and the volatile uuid and random."""

from __future__ import annotations

import math
import random
import re
import uuid
from collections.abc import Sequence

from auditdesk.formengine.xpath.coercion import to_boolean, to_number, to_string
from auditdesk.formengine.xpath.context import EvaluationContext
from auditdesk.formengine.xpath.nodes import FunctionSpec, Literal, Node, Reference
from auditdesk.formengine.xpath.values import XPathValue

_QUOTED_REFERENCE = re.compile(r"\s*\$\{\s*([^}\s]+)\s*\}\s*")


def _if(context: EvaluationContext, args: tuple[Node, ...]) -> XPathValue:
    branch = args[1] if to_boolean(args[0].evaluate(context)) else args[2]
    return branch.evaluate(context)


def _coalesce(context: EvaluationContext, args: tuple[Node, ...]) -> XPathValue:
    """The first argument that is not empty, evaluated left to right."""
    value: XPathValue = ""
    for arg in args:
        value = arg.evaluate(context)
        if to_string(value) != "":
            return value
    return value


def _once(context: EvaluationContext, args: tuple[Node, ...]) -> XPathValue:
    """Keeps the question's value once it has one, so an ID is computed once."""
    current = context.current()
    if to_string(current) != "":
        return current
    return args[0].evaluate(context)


def _position(context: EvaluationContext, args: tuple[Node, ...]) -> XPathValue:
    return float(context.position())


def _indexed_repeat(context: EvaluationContext, args: tuple[Node, ...]) -> XPathValue:
    """indexed-repeat(${name}, ${repeat1}, index1[, ${repeat2}, index2 ...]).

    The parser has checked that the name and repeat arguments are references.
    """
    target = args[0]
    assert isinstance(target, Reference)
    repeats: list[tuple[str, int]] = []
    for position in range(1, len(args), 2):
        repeat = args[position]
        assert isinstance(repeat, Reference)
        index = to_number(args[position + 1].evaluate(context))
        if not math.isfinite(index) or index < 1:
            return ""
        repeats.append((repeat.name, int(index)))
    return context.indexed_repeat(target.name, repeats)


def quoted_reference(node: Node) -> str | None:
    """The question name in jr:choice-name's second argument, written '${name}'."""
    if isinstance(node, Literal) and isinstance(node.value, str):
        match = _QUOTED_REFERENCE.fullmatch(node.value)
        if match is not None:
            return match.group(1)
    return None


def _choice_name(context: EvaluationContext, args: tuple[Node, ...]) -> XPathValue:
    """jr:choice-name(value, '${question}'): the label of a choice of that question."""
    choice = to_string(args[0].evaluate(context))
    if choice == "":
        return ""
    question = quoted_reference(args[1])
    if question is None:
        text = to_string(args[1].evaluate(context))
        match = _QUOTED_REFERENCE.fullmatch(text)
        question = match.group(1) if match is not None else text.strip()
    return context.choice_label(question, choice)


def _uuid(context: EvaluationContext, args: Sequence[XPathValue]) -> XPathValue:
    return str(uuid.uuid4())


def _random(context: EvaluationContext, args: Sequence[XPathValue]) -> XPathValue:
    return random.random()  # noqa: S311 - for form logic (shuffling), not secrets


SPECIAL_FUNCTIONS = (
    FunctionSpec("if", 3, 3, lazy=_if),
    FunctionSpec("coalesce", 2, None, lazy=_coalesce),
    FunctionSpec("once", 1, 1, lazy=_once, reads_current=True),
    FunctionSpec("position", 0, 1, lazy=_position, ignores_args=True),
    FunctionSpec("indexed-repeat", 3, 7, lazy=_indexed_repeat),
    FunctionSpec("jr:choice-name", 2, 2, lazy=_choice_name),
    FunctionSpec("uuid", 0, 0, eager=_uuid, volatile=True),
    FunctionSpec("random", 0, 0, eager=_random, volatile=True),
)
