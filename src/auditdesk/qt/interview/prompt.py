"""What the question widgets read from the form engine's prompts.

Widgets depend on this shape, not on the engine's concrete class, so that they can be
drawn and tested on their own; the engine's ``QuestionPrompt`` satisfies it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the form engine loads with the first interview, not at start-up
    from auditdesk.formengine.definition import QuestionType


class ChoiceView(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def label(self) -> str: ...


class PromptView(Protocol):
    """One question as the session presents it, texts already in the form language."""

    @property
    def path(self) -> str: ...

    @property
    def type(self) -> QuestionType: ...

    @property
    def label(self) -> str: ...

    @property
    def hint(self) -> str: ...

    @property
    def guidance_hint(self) -> str: ...

    @property
    def choices(self) -> Sequence[ChoiceView]: ...

    @property
    def value(self) -> object: ...

    @property
    def required(self) -> bool: ...

    @property
    def read_only(self) -> bool: ...

    @property
    def appearance(self) -> str: ...

    @property
    def parameters(self) -> Mapping[str, str]: ...

    @property
    def extra(self) -> Mapping[str, str]: ...


def appearances(prompt: PromptView) -> frozenset[str]:
    """The space-separated appearance words, lower-cased (``minimal``, ``likert``…)."""
    return frozenset(prompt.appearance.lower().split())
