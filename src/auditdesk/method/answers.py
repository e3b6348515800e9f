"""A filled form's stored answers, readable by XPath scoring expressions.

Scoring runs long after the interview, over the answers as stored (``path → value``,
with repeat instances written ``payroll/payslip[2]/gross_pay``), so it cannot use the
live form session. This module indexes those answers by their definition path and
provides the :class:`~auditdesk.formengine.xpath.EvaluationContext` in which
``compliant_if`` is evaluated: ``.`` is the answer being scored, ``${name}`` resolves
within the same record (the same repeat instance first, as ODK does).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from auditdesk.domain import JsonValue
from auditdesk.formengine.definition import FormDefinition, QuestionDef
from auditdesk.formengine.xpath import NodeSet, XPathValue
from auditdesk.method.criteria import pick_language

_INDEX = re.compile(r"\[(\d+)\]")

Indexes = tuple[int, ...]


def split_instance_path(path: str) -> tuple[str, Indexes]:
    """``a/rep[2]/b`` → (``a/rep/b``, (2,)); paths outside repeats have no indexes."""
    indexes = tuple(int(number) for number in _INDEX.findall(path))
    return _INDEX.sub("", path), indexes


def to_xpath(value: JsonValue) -> XPathValue:
    """A stored answer as XPath sees it: select_multiple lists become space-separated."""
    if value is None:
        return ""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list):
        return " ".join(str(item) for item in value if item is not None)
    return ""  # a nested object is not an answer


def is_empty(value: JsonValue) -> bool:
    return value is None or value == "" or value == []


def answer_text(question: QuestionDef, value: JsonValue, language: str) -> str:
    """An answer as a reader sees it: choice labels instead of choice names."""
    if is_empty(value):
        return ""
    if question.type.is_select:
        names = value if isinstance(value, list) else str(value).split()
        labels = []
        for name in names:
            choice = question.choice(str(name))
            labels.append(pick_language(choice.labels, language) if choice else str(name))
        return ", ".join(label for label in labels if label)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class StoredAnswer:
    """One answer found for a question, with the repeat instance it belongs to."""

    path: str
    """The instance path as stored, with indexes."""
    indexes: Indexes
    value: JsonValue


class AnswerIndex:
    """A record's answers looked up by definition path and repeat instance."""

    def __init__(self, answers: Mapping[str, JsonValue]) -> None:
        self._by_path: dict[str, dict[Indexes, tuple[str, JsonValue]]] = {}
        for path, value in answers.items():
            template, indexes = split_instance_path(path)
            self._by_path.setdefault(template, {})[indexes] = (path, value)

    def answers_for(self, path: str) -> Iterator[StoredAnswer]:
        """Every stored answer of the question at definition ``path``, in instance order."""
        for indexes, (stored, value) in sorted(self._by_path.get(path, {}).items()):
            yield StoredAnswer(stored, indexes, value)

    def values_near(self, path: str, depth: int, indexes: Indexes) -> list[JsonValue]:
        """Values at ``path`` that share the first ``depth`` repeat indexes with ``indexes``."""
        found = self._by_path.get(path, {})
        wanted = indexes[:depth]
        return [value for key, (_, value) in sorted(found.items()) if key[:depth] == wanted]


@dataclass(frozen=True)
class AnswerContext:
    """Evaluation context for one answer of one record (the XPath engine's protocol)."""

    definition: FormDefinition
    index: AnswerIndex
    question: QuestionDef
    answer: StoredAnswer
    language: str = "en"
    clock: datetime.datetime | None = None

    def resolve(self, name: str) -> XPathValue:
        element = self.definition.find(name)
        if element is None:
            return ""
        depth = _shared_depth(element.repeats, self.question.repeats)
        near = self.index.values_near(element.path, depth, self.answer.indexes)
        values = [to_xpath(value) for value in near]
        if not values:
            return ""
        if len(values) == 1 and len(element.repeats) <= depth:
            return values[0]
        return NodeSet(values)

    def current(self) -> XPathValue:
        return to_xpath(self.answer.value)

    def relative(self, name: str) -> XPathValue:
        # Scoring expressions have no choice-filter rows; a bare path names a sibling.
        steps = [step for step in name.split("/") if step not in ("", ".", "..")]
        return self.resolve(steps[-1]) if steps else self.current()

    def choice_label(self, question: str, choice: str) -> str:
        element = self.definition.find(question)
        if isinstance(element, QuestionDef):
            found = element.choice(choice)
            if found is not None:
                return pick_language(found.labels, self.language)
        return choice

    def position(self) -> int:
        return self.answer.indexes[-1] if self.answer.indexes else 1

    def indexed_repeat(self, name: str, repeats: Sequence[tuple[str, int]]) -> XPathValue:
        element = self.definition.find(name)
        if element is None:
            return ""
        wanted = {repeat_name: index for repeat_name, index in repeats}
        indexes: list[int] = []
        for repeat_path in element.repeats:
            repeat_name = repeat_path.rsplit("/", 1)[-1]
            position = wanted.get(repeat_name, wanted.get(repeat_path))
            if position is None:
                return ""
            indexes.append(position)
        values = self.index.values_near(element.path, len(indexes), tuple(indexes))
        return to_xpath(values[0]) if values else ""

    def now(self) -> datetime.datetime:
        return self.clock or datetime.datetime.now(datetime.UTC)


def _shared_depth(target: Sequence[str], current: Sequence[str]) -> int:
    depth = 0
    for outer_target, outer_current in zip(target, current, strict=False):
        if outer_target != outer_current:
            break
        depth += 1
    return depth
