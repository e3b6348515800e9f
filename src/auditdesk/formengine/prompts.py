"""Read-only views a UI renders: one question's prompt, and a screen of prompts.

A prompt joins the definition (labels, type, choices) with the live state (value,
flags, filtered choices) for one node, in the session's current language, with
``${name}`` references in labels and hints replaced by current values.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from auditdesk.formengine.definition import FormElement, QuestionDef, QuestionType
from auditdesk.formengine.state import FormState, Indexes, NodeContext
from auditdesk.formengine.values import Value
from auditdesk.formengine.xpath import NodeSet, to_string

DEFAULT_REQUIRED_MESSAGE = "Sorry, this response is required!"
DEFAULT_CONSTRAINT_MESSAGE = "Sorry, this response is invalid!"
_OUTPUT_REFERENCE = re.compile(r"\$\{([^}\s]+)\}")


@dataclass(frozen=True, slots=True)
class ChoiceView:
    name: str
    label: str
    extra: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class QuestionPrompt:
    path: str
    """Instance path (``member[2]/age``): what :meth:`FormSession.answer` takes."""
    name: str
    type: QuestionType
    label: str
    hint: str
    guidance_hint: str
    choices: tuple[ChoiceView, ...]
    """After ``choice_filter``; empty for questions that are not selects."""
    value: Value | None
    relevant: bool
    required: bool
    read_only: bool
    constraint_message: str
    required_message: str
    appearance: str
    parameters: Mapping[str, str]
    extra: Mapping[str, str]
    """The survey's extra columns for this question (``criterion``…)."""
    or_other: bool
    question: QuestionDef = field(repr=False, compare=False)


class ScreenKind(enum.Enum):
    BEGINNING = "beginning"
    QUESTION = "question"
    FIELD_LIST = "field_list"
    """A ``field-list`` group: all its relevant questions on one screen."""
    REPEAT_PROMPT = "repeat_prompt"
    """Offer to add another instance of a repeat (``path`` is its count key)."""
    END = "end"


@dataclass(frozen=True, slots=True)
class Screen:
    kind: ScreenKind
    path: str
    label: str = ""
    prompts: tuple[QuestionPrompt, ...] = ()
    element: FormElement | None = field(default=None, repr=False, compare=False)

    @property
    def prompt(self) -> QuestionPrompt | None:
        """The single prompt of a question screen."""
        return self.prompts[0] if self.prompts else None


def build_prompt(state: FormState, question: QuestionDef, indexes: Indexes) -> QuestionPrompt:
    path = state.path_of(question, indexes)
    if question.type.is_select:
        choices = state.choices.get(path, question.choices)
        choice_views = tuple(ChoiceView(c.name, state.text(c.labels), c.extra) for c in choices)
    else:
        choice_views = ()
    read_only = question.type.is_computed or question.type is QuestionType.NOTE
    return QuestionPrompt(
        path=path,
        name=question.name,
        type=question.type,
        label=fill_references(state, question, indexes, state.text(question.labels)),
        hint=fill_references(state, question, indexes, state.text(question.hints)),
        guidance_hint=state.text(question.guidance_hints),
        choices=choice_views,
        value=state.instance.answers.get(path),
        relevant=state.relevant.get(path, True),
        required=state.required.get(path, False),
        read_only=read_only or state.read_only.get(path, False),
        constraint_message=state.text(question.constraint_messages) or DEFAULT_CONSTRAINT_MESSAGE,
        required_message=state.text(question.required_messages) or DEFAULT_REQUIRED_MESSAGE,
        appearance=question.appearance,
        parameters=question.parameters,
        extra=question.extra,
        or_other=question.or_other,
        question=question,
    )


def fill_references(state: FormState, element: FormElement, indexes: Indexes, text: str) -> str:
    """Replace ``${name}`` in a label or hint with the current value, as ODK's output does."""
    if "${" not in text:
        return text
    context = NodeContext(state, element, indexes, None, False, None)

    def value_of(match: re.Match[str]) -> str:
        resolved = context.resolve(match.group(1))
        if isinstance(resolved, NodeSet):
            return " ".join(to_string(item) for item in resolved)
        return to_string(resolved)

    return _OUTPUT_REFERENCE.sub(value_of, text)
