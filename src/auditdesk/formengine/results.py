"""What the session reports back: the outcome of an answer and exactly what changed."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class AnswerStatus(enum.Enum):
    OK = "ok"
    REQUIRED_BUT_EMPTY = "required_but_empty"
    """The answer was cleared although the question is required (the clear is kept)."""
    CONSTRAINT_VIOLATED = "constraint_violated"
    """Refused: the previous answer stays."""
    INVALID_VALUE = "invalid_value"
    """Refused: not a value of the question's type (or not one of its choices)."""
    READ_ONLY = "read_only"
    """Refused: read-only, a note, or computed by the form."""
    NOT_RELEVANT = "not_relevant"
    """Refused: the question is not shown under the current answers."""


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Instance paths whose state changed, so a UI redraws just those.

    ``values`` counts a value appearing or disappearing through relevance too, as the
    UI and any dependant see it. ``repeats`` holds repeat count keys (``member``,
    ``visit[1]/room``) whose instances were added, removed or renumbered.
    """

    values: frozenset[str] = frozenset()
    relevance: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    read_only: frozenset[str] = frozenset()
    choices: frozenset[str] = frozenset()
    labels: frozenset[str] = frozenset()
    repeats: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return any(
            (
                self.values,
                self.relevance,
                self.required,
                self.read_only,
                self.choices,
                self.labels,
                self.repeats,
            )
        )

    @property
    def paths(self) -> frozenset[str]:
        """Every path mentioned, whatever changed about it."""
        return (
            self.values
            | self.relevance
            | self.required
            | self.read_only
            | self.choices
            | self.labels
            | self.repeats
        )


@dataclass(slots=True)
class ChangeCollector:
    """Mutable twin of :class:`ChangeSet`, filled while the session recomputes."""

    values: set[str] = field(default_factory=set)
    relevance: set[str] = field(default_factory=set)
    required: set[str] = field(default_factory=set)
    read_only: set[str] = field(default_factory=set)
    choices: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    repeats: set[str] = field(default_factory=set)
    recomputed: int = 0
    """How many (property, node) pairs were evaluated: the cost of the change."""

    def freeze(self) -> ChangeSet:
        return ChangeSet(
            values=frozenset(self.values),
            relevance=frozenset(self.relevance),
            required=frozenset(self.required),
            read_only=frozenset(self.read_only),
            choices=frozenset(self.choices),
            labels=frozenset(self.labels),
            repeats=frozenset(self.repeats),
        )


@dataclass(frozen=True, slots=True)
class AnswerResult:
    status: AnswerStatus
    message: str = ""
    """In the form's own words and current language (its constraint/required message)."""
    changes: ChangeSet = field(default_factory=ChangeSet)
    recomputed: int = 0
    """How many computed properties were re-evaluated (only dependants of the answer)."""

    @property
    def ok(self) -> bool:
        return self.status is AnswerStatus.OK
