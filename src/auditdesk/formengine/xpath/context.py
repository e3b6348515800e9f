"""What the form engine provides so an expression can read the form's values."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Protocol

from auditdesk.formengine.xpath.values import XPathValue


class EvaluationContext(Protocol):
    """The engine's side of evaluation; every method answers for the node being computed."""

    def resolve(self, name: str) -> XPathValue:
        """``${name}``: a typed value, ``""`` when empty, a NodeSet when it matches many."""
        ...

    def current(self) -> XPathValue:
        """``.``: the value of the question the expression belongs to."""
        ...

    def relative(self, name: str) -> XPathValue:
        """A bare path such as ``state`` (a choice column in a choice_filter) or ``../x``.

        ``name`` is the path exactly as written, steps joined by ``/``.
        """
        ...

    def choice_label(self, question: str, choice: str) -> str:
        """``jr:choice-name(choice, '${question}')``: the label in the current language."""
        ...

    def position(self) -> int:
        """``position(..)``: the 1-based index of the current repeat instance."""
        ...

    def indexed_repeat(self, name: str, repeats: Sequence[tuple[str, int]]) -> XPathValue:
        """``indexed-repeat(${name}, ${rep1}, i1, ...)``: indexes are 1-based."""
        ...

    def now(self) -> datetime.datetime:
        """The clock, injected so tests are deterministic."""
        ...
