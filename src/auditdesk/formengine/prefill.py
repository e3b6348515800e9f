"""Values one record takes from another: the ``prefill`` survey column.

A form cannot reference another form with ``${}``, yet the document review must compare
payslips with the wages recorded in the site profile. A question whose ``prefill``
column reads ``form:question`` (the donor form's file stem and question name) gets that
answer copied in when its record is created. Prefilled questions are read-only in the
session, so the copy happens here, before the session starts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from auditdesk.formengine.definition import (
    FormDefinition,
    FormElement,
    GroupDef,
    QuestionDef,
    RepeatDef,
)
from auditdesk.formengine.values import InvalidValue, Value, parse_value, to_json

PREFILL_COLUMN = "prefill"


@dataclass(frozen=True)
class PrefillSource:
    """Where a prefilled question takes its value from."""

    question: QuestionDef
    form: str
    name: str


def prefill_sources(definition: FormDefinition) -> list[PrefillSource]:
    """Every prefilled question of ``definition`` outside repeats, in form order."""
    sources = []
    for question in _questions(definition.children):
        target = question.extra.get(PREFILL_COLUMN, "").strip()
        if target:
            form, _, name = target.partition(":")
            sources.append(PrefillSource(question, form.strip(), name.strip()))
    return sources


def prefill_values(
    definition: FormDefinition, donors: Mapping[str, Mapping[str, Value]]
) -> tuple[dict[str, Value], list[str]]:
    """The prefilled answers by path, and one message per value that could not be used.

    ``donors`` maps a form stem to that record's answers by question name. A donor that is
    missing or unanswered leaves the question empty: the auditor sees it blank and knows
    the site profile still lacks the figure.
    """
    values: dict[str, Value] = {}
    problems: list[str] = []
    for source in prefill_sources(definition):
        value = donors.get(source.form, {}).get(source.name)
        if value is None:
            continue
        try:
            parsed = parse_value(source.question.type, to_json(value), source.question.parameters)
        except InvalidValue as error:
            problems.append(
                f"{source.question.name}: prefill from '{source.form}:{source.name}': {error}"
            )
            continue
        if parsed is not None:
            values[source.question.path] = parsed
    return values, problems


def _questions(elements: tuple[FormElement, ...]) -> Iterator[QuestionDef]:
    for element in elements:
        if isinstance(element, RepeatDef):
            continue  # a repeat instance has no single value to take from another record
        if isinstance(element, GroupDef):
            yield from _questions(element.children)
        elif isinstance(element, QuestionDef):
            yield element
