"""The values an expression produces, and the one error compiling can raise."""

from __future__ import annotations

import datetime
from typing import TypeAlias


class NodeSet(tuple["XPathValue", ...]):
    """The values of a reference that matches several nodes (a question inside a repeat).

    Kept as a plain tuple subclass so the engine can build one cheaply and tests can
    compare it with a tuple; the subclass is what tells the evaluator to apply XPath's
    existential node-set rules instead of treating it as a single value.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"NodeSet({tuple.__repr__(self)})"


XPathValue: TypeAlias = str | float | bool | datetime.date | datetime.datetime | NodeSet
"""What an expression evaluates to; the empty string is ODK's empty value."""


class ExpressionError(Exception):
    """An expression that cannot be compiled: a syntax error, unknown function or bad arity.

    ``offset`` is the 0-based index into the source where the problem is (``None`` when
    it concerns the whole expression); ``str()`` counts characters from 1, as people do.
    """

    def __init__(self, message: str, offset: int | None = None) -> None:
        self.message = message
        self.offset = offset
        where = f" at character {offset + 1}" if offset is not None else ""
        super().__init__(f"{message}{where}")
