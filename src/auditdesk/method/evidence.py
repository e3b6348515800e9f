"""What an audit collected, and what each answer says about each criterion.

The input to scoring is deliberately plain (:class:`AuditEvidence`): the records of an
audit with their stored answers, auditor notes and attachment references, plus the
form definitions they were filled with. Nothing here reads a database.

Each question bound to a criterion is judged answer by answer (every instance of a
repeat on its own, so one underpaid payslip in the payroll sample counts):

1. ``na_if`` true → not applicable (even when the question was skipped, so an
   irrelevant question can still say *why* it does not apply);
2. no answer → not assessed;
3. ``compliant_if`` true → compliant; else ``partly_if`` true → partly;
4. an answer that is no evidence either way ("don't know", "prefer not to say": the
   policy's ``unknown_answers``) → not assessed; anything else → non-compliant.

A record's evidence source is the one its form declares (``evidence_source`` on the
settings sheet) or else the one its kind implies (:data:`SOURCE_BY_KIND`).

Within one record, or one non-worker source, the worst judgement stands
(non-compliant > partly > compliant); not-applicable only when nothing else was
judged. How sources are then weighed against each other is
:mod:`auditdesk.method.triangulation`'s business.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from auditdesk.domain import JsonValue, RecordKind
from auditdesk.formengine.definition import FormDefinition, QuestionDef
from auditdesk.formengine.xpath import Expression, to_boolean
from auditdesk.method.answers import (
    AnswerContext,
    AnswerIndex,
    StoredAnswer,
    answer_text,
    is_empty,
    split_instance_path,
)
from auditdesk.method.criteria import (
    Binding,
    Catalogue,
    EvidenceSource,
    pick_language,
    read_catalogue,
)
from auditdesk.method.policy import UNKNOWN_ANSWERS


class Outcome(StrEnum):
    """A judgement on one criterion, from one answer, source or the whole audit."""

    COMPLIANT = "compliant"
    PARTLY = "partly"
    NON_COMPLIANT = "non_compliant"
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSED = "not_assessed"

    @property
    def assessed(self) -> bool:
        """Compliant, partly or non-compliant: the outcomes that carry a score."""
        return self in _GRADED


_GRADED = (Outcome.COMPLIANT, Outcome.PARTLY, Outcome.NON_COMPLIANT)
_SEVERITY_ORDER = {Outcome.COMPLIANT: 0, Outcome.PARTLY: 1, Outcome.NON_COMPLIANT: 2}


def worst(outcomes: Iterable[Outcome]) -> Outcome:
    """The worst graded outcome; not applicable if only that; else not assessed."""
    seen = set(outcomes)
    graded = [outcome for outcome in seen if outcome.assessed]
    if graded:
        return max(graded, key=_SEVERITY_ORDER.__getitem__)
    if Outcome.NOT_APPLICABLE in seen:
        return Outcome.NOT_APPLICABLE
    return Outcome.NOT_ASSESSED


SOURCE_BY_KIND: Mapping[RecordKind, EvidenceSource] = MappingProxyType(
    {
        RecordKind.MANAGEMENT_INTERVIEW: EvidenceSource.MANAGEMENT,
        RecordKind.WORKER_INTERVIEW: EvidenceSource.WORKERS,
        RecordKind.WORKER_GROUP_INTERVIEW: EvidenceSource.WORKERS,
        RecordKind.DOCUMENT_REVIEW: EvidenceSource.DOCUMENTS,
        # The site profile carries the figures (minimum and living wage, headcount)
        # taken from the site's own records and public sources.
        RecordKind.SITE_PROFILE: EvidenceSource.DOCUMENTS,
        RecordKind.SITE_OBSERVATION: EvidenceSource.OBSERVATION,
    }
)


class EvidenceError(ValueError):
    """Evidence that cannot be scored, e.g. a record whose form is missing."""


@dataclass(frozen=True)
class AttachmentRef:
    """A photo or document kept with a record; exports fetch the bytes by ``uuid``."""

    uuid: str
    filename: str
    caption: str = ""


def declared_source(definition: FormDefinition) -> EvidenceSource | None:
    """The ``evidence_source`` a form's settings sheet declares, if it is a known one."""
    text = definition.settings.extra.get("evidence_source", "").strip().lower()
    try:
        return EvidenceSource(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class EvidenceRecord:
    """One filled form as scoring needs it. Worker records carry a code, never a name."""

    record_id: str
    form_id: str
    kind: RecordKind
    answers: Mapping[str, JsonValue]
    respondent_code: str = ""
    notes: Mapping[str, str] = field(default_factory=dict)
    """Auditor notes by question path (instance path, or definition path for all instances)."""
    attachments: Mapping[str, tuple[AttachmentRef, ...]] = field(default_factory=dict)
    """Attachments by question path, as for ``notes``."""
    participants: int = 1
    """Workers present (group interviews)."""
    declared_source: EvidenceSource | None = None
    """The source the record's form declares; wins over the one ``kind`` implies."""

    @property
    def source(self) -> EvidenceSource:
        return self.declared_source or SOURCE_BY_KIND[self.kind]

    @property
    def is_group(self) -> bool:
        return self.kind is RecordKind.WORKER_GROUP_INTERVIEW

    def note_for(self, path: str) -> str:
        return self.notes.get(path) or self.notes.get(split_instance_path(path)[0], "")

    def attachments_for(self, path: str) -> tuple[AttachmentRef, ...]:
        exact = self.attachments.get(path, ())
        template = split_instance_path(path)[0]
        shared = self.attachments.get(template, ()) if template != path else ()
        return exact + tuple(ref for ref in shared if ref not in exact)


@dataclass(frozen=True)
class AuditEvidence:
    """Everything scoring reads: the records and the definitions they were filled with."""

    records: tuple[EvidenceRecord, ...]
    definitions: Mapping[str, FormDefinition]
    """Form id → the definition (the audit's snapshot of that form)."""

    def catalogue(self) -> Catalogue:
        return read_catalogue(self.definitions.values())

    def definition_for(self, record: EvidenceRecord) -> FormDefinition:
        try:
            return self.definitions[record.form_id]
        except KeyError:
            raise EvidenceError(
                f"record {record.record_id} was filled with form {record.form_id!r}, "
                "but the audit holds no definition of that form"
            ) from None


@dataclass(frozen=True)
class AnswerEvidence:
    """One answer judged (or quoted) for one criterion."""

    criterion: str
    source: EvidenceSource
    record_id: str
    form_id: str
    respondent_code: str
    group: bool
    question: str
    path: str
    label: str
    answer: str
    note: str
    outcome: Outcome
    scored: bool
    attachments: tuple[AttachmentRef, ...] = ()


@dataclass(frozen=True)
class RecordObservation:
    """What one record says about one criterion."""

    record: EvidenceRecord
    criterion: str
    outcome: Outcome
    answers: tuple[AnswerEvidence, ...]


def observe(
    evidence: AuditEvidence,
    catalogue: Catalogue,
    *,
    language: str = "en",
    clock: datetime.datetime | None = None,
    unknown_answers: Collection[str] = UNKNOWN_ANSWERS,
) -> dict[str, list[RecordObservation]]:
    """Criterion code → the observation of every record that has a bound question."""
    found: dict[str, list[RecordObservation]] = {}
    for record in evidence.records:
        definition = evidence.definition_for(record)
        if record.declared_source is None:
            record = dataclasses.replace(record, declared_source=declared_source(definition))
        bindings = catalogue.bindings_for(record.form_id)
        observed = observe_record(
            record, definition, bindings, language, clock, unknown_answers=unknown_answers
        )
        for observation in observed:
            found.setdefault(observation.criterion, []).append(observation)
    return found


def observe_record(
    record: EvidenceRecord,
    definition: FormDefinition,
    bindings: Iterable[Binding],
    language: str = "en",
    clock: datetime.datetime | None = None,
    *,
    unknown_answers: Collection[str] = UNKNOWN_ANSWERS,
) -> Iterator[RecordObservation]:
    """One observation per criterion the record's form binds a question to."""
    index = AnswerIndex(record.answers)
    by_criterion: dict[str, list[AnswerEvidence]] = {}
    for binding in bindings:
        answers = by_criterion.setdefault(binding.criterion, [])
        for stored in _answers_to_judge(index, binding.question):
            judged = _judge(record, definition, index, binding, stored, language, clock)
            if judged is not None:
                if judged.outcome is Outcome.NON_COMPLIANT and _unknown(
                    stored.value, unknown_answers
                ):
                    judged = dataclasses.replace(judged, outcome=Outcome.NOT_ASSESSED)
                answers.append(judged)
    for criterion, answers in by_criterion.items():
        outcome = worst(answer.outcome for answer in answers if answer.scored)
        yield RecordObservation(record, criterion, outcome, tuple(answers))


def _unknown(value: JsonValue, unknown_answers: Collection[str]) -> bool:
    if isinstance(value, list):
        return len(value) == 1 and str(value[0]) in unknown_answers
    return isinstance(value, str) and value.strip() in unknown_answers


def _answers_to_judge(index: AnswerIndex, question: QuestionDef) -> Iterator[StoredAnswer]:
    found = False
    for stored in index.answers_for(question.path):
        found = True
        yield stored
    if not found and not question.repeats:
        # Unanswered: still judged, so that na_if can speak and "not assessed" shows.
        yield StoredAnswer(question.path, (), None)


def _judge(
    record: EvidenceRecord,
    definition: FormDefinition,
    index: AnswerIndex,
    binding: Binding,
    stored: StoredAnswer,
    language: str,
    clock: datetime.datetime | None,
) -> AnswerEvidence | None:
    question = binding.question
    context = AnswerContext(definition, index, question, stored, language, clock)

    def holds(expression: Expression | None) -> bool:
        return expression is not None and to_boolean(expression.evaluate(context))

    attachments = record.attachments_for(stored.path)
    note = record.note_for(stored.path)
    if not binding.scored:
        if is_empty(stored.value) and not attachments and not note:
            return None
        outcome = Outcome.NOT_ASSESSED
    elif holds(binding.na_if):
        outcome = Outcome.NOT_APPLICABLE
    elif is_empty(stored.value):
        outcome = Outcome.NOT_ASSESSED
    elif holds(binding.compliant_if):
        outcome = Outcome.COMPLIANT
    elif holds(binding.partly_if):
        outcome = Outcome.PARTLY
    else:
        outcome = Outcome.NON_COMPLIANT
    return AnswerEvidence(
        criterion=binding.criterion,
        source=record.source,
        record_id=record.record_id,
        form_id=record.form_id,
        respondent_code=record.respondent_code,
        group=record.is_group,
        question=question.name,
        path=stored.path,
        label=pick_language(question.labels, language) or question.name,
        answer=answer_text(question, stored.value, language),
        note=note,
        outcome=outcome,
        scored=binding.scored,
        attachments=attachments,
    )
