"""Replay a case record's answers through the form engine, as an auditor's tablet would.

Every sample answer goes through :class:`~auditdesk.formengine.FormSession`, in form
order, so skip logic, types, choices, constraints and required questions are checked
exactly as in a real interview. Any refusal is collected and reported with the answers
file and the question name; a case that does not fit its forms is never loaded.

What is stored afterwards is what ODK would submit: the answers of relevant questions
(calculations included), the repeat counts, and the auditor's notes by instance path.

Prefilled fields (the ``prefill`` survey column, ``form:question``) are read-only in the
session, so they are copied in before the session starts, from the records of the same
case replayed earlier, as the app does when it creates a record.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from auditdesk.formengine import (
    AnswerStatus,
    FormDefinition,
    FormElement,
    FormInstance,
    FormSession,
    GroupDef,
    QuestionDef,
    QuestionType,
    RepeatDef,
)
from auditdesk.formengine.instance import path_format
from auditdesk.formengine.prefill import prefill_sources, prefill_values
from auditdesk.formengine.values import JsonValue, Value, to_json
from auditdesk.training.case_files import CaseRecord, SampleCaseError

CONSENT_QUESTIONS = ("consent", "group_consent")
"""Questions whose "yes" records informed consent (worker and group interviews)."""

_REPEAT_STEP = re.compile(r"^(\w+)\[(\d+)\]$")


@dataclass(frozen=True)
class ReplayedRecord:
    """A case record after the form engine accepted every answer."""

    record: CaseRecord
    definition: FormDefinition
    answers: dict[str, JsonValue]
    """What ODK would submit: relevant answers by instance path."""
    repeats: dict[str, int]
    notes: dict[str, str]
    """Auditor notes by instance path."""
    consent_given: bool
    attachment_paths: tuple[str, ...]
    """Instance path of the question each of the record's pictures hangs on."""
    values_by_name: dict[str, Value] = field(repr=False)
    """Answers outside repeats by question name, for later records' prefills."""

    def instance_document(self) -> dict[str, Any]:
        """The instance JSON the repository stores (notes ride along in its metadata)."""
        document: dict[str, Any] = {
            "form_id": self.definition.form_id,
            "version": self.definition.version,
            "answers": dict(self.answers),
            "repeats": dict(self.repeats),
        }
        if self.notes:
            document["notes"] = dict(self.notes)
        return document


def replay_record(
    record: CaseRecord,
    definition: FormDefinition,
    earlier: Mapping[str, ReplayedRecord],
) -> ReplayedRecord:
    """Answer ``record`` through a session; ``earlier`` maps form stems to replayed records.

    Raises :class:`SampleCaseError` listing every refused or missing answer.
    """
    source = str(record.answers_file)
    errors: list[str] = []
    prefilled = _prefill(definition, earlier, errors)
    moment = record.started_at or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    session = FormSession(
        definition,
        FormInstance(definition.form_id, definition.version, answers=prefilled),
        clock=lambda: moment,
    )
    _answer_all(session, definition.children, record.answers, "", errors)
    for path, message in session.validate_all().items():
        errors.append(f"{path}: {message}")
    if errors:
        raise SampleCaseError(f"{source}: " + f"\n{source}: ".join(errors))
    answers = {path: to_json(value) for path, value in session.output_values().items()}
    notes = {_instance_path(definition, key, source): text for key, text in record.notes.items()}
    attachment_paths = _check_attachments(record, definition, answers, source)
    return ReplayedRecord(
        record=record,
        definition=definition,
        answers=answers,
        repeats=dict(session.instance.repeats),
        notes=notes,
        consent_given=any(answers.get(_path(definition, q)) == "yes" for q in CONSENT_QUESTIONS),
        attachment_paths=attachment_paths,
        values_by_name={
            definition.by_path(path).name: value
            for path, value in session.output_values().items()
            if "[" not in path  # outside repeats
        },
    )


def _path(definition: FormDefinition, name: str) -> str:
    element = definition.find(name)
    return element.path if element is not None else name


def _prefill(
    definition: FormDefinition, earlier: Mapping[str, ReplayedRecord], errors: list[str]
) -> dict[str, Value]:
    for source in prefill_sources(definition):
        if source.form not in earlier:
            errors.append(
                f"{source.question.name}: is prefilled from '{source.form}:{source.name}'; "
                f"put a {source.form} record before this one in case.json"
            )
    donors = {form: record.values_by_name for form, record in earlier.items()}
    values, problems = prefill_values(definition, donors)
    errors.extend(problems)
    return values


def _answer_all(
    session: FormSession,
    elements: tuple[FormElement, ...],
    given: Mapping[str, Any],
    prefix: str,
    errors: list[str],
) -> None:
    """Answer ``given`` (names → values) in form order; ``prefix`` is a repeat instance."""
    known: set[str] = set()
    for element in _flattened(elements):
        known.add(element.name)
        if element.name not in given:
            continue
        path = element.path if not prefix else f"{prefix}/{_below(element, prefix)}"
        value = given[element.name]
        if isinstance(element, RepeatDef):
            if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
                errors.append(f"{element.name}: a repeat takes a list of objects, one per instance")
                continue
            for item in value:
                instance_path, _ = session.add_repeat(path)
                _answer_all(session, element.children, item, instance_path, errors)
            continue
        result = session.answer(path, value)
        if result.status is not AnswerStatus.OK:
            errors.append(f"{path}: {value!r} refused: {result.message or result.status.value}")
    for name in given:
        if name not in known:
            errors.append(f"{prefix + '/' if prefix else ''}{name}: no such question here")


def _flattened(elements: tuple[FormElement, ...]) -> list[FormElement]:
    """Questions and repeats at one level, with plain groups opened up."""
    found: list[FormElement] = []
    for element in elements:
        if isinstance(element, GroupDef) and not isinstance(element, RepeatDef):
            found.extend(_flattened(element.children))
        else:
            found.append(element)
    return found


def _below(element: FormElement, prefix: str) -> str:
    """``element``'s path below the repeat instance ``prefix`` (groups included)."""
    repeat_path = re.sub(r"\[\d+\]", "", prefix)
    return element.path[len(repeat_path) + 1 :]


def _instance_path(definition: FormDefinition, key: str, source: str) -> str:
    """``name`` or ``repeat[n]/name`` (as case files write them) → the instance path."""
    *steps, name = key.split("/")
    indexes: list[int] = []
    for step in steps:
        match = _REPEAT_STEP.match(step)
        if match is None or not isinstance(definition.find(match.group(1)), RepeatDef):
            raise SampleCaseError(f"{source}: {key}: write a repeat step as name[number]")
        indexes.append(int(match.group(2)))
    element = definition.find(name)
    if element is None or len(element.repeats) != len(indexes):
        raise SampleCaseError(f"{source}: {key}: no such question in {definition.form_id}")
    return path_format(definition, element.path).format(*indexes)


def _check_attachments(
    record: CaseRecord, definition: FormDefinition, answers: Mapping[str, JsonValue], source: str
) -> tuple[str, ...]:
    """A picture hangs on an answered question; on a photo question, it is the answer."""
    paths = []
    for attachment in record.attachments:
        path = _instance_path(definition, attachment.question, source)
        element = definition.by_path(re.sub(r"\[\d+\]", "", path))
        answer = answers.get(path)
        if answer is None:
            raise SampleCaseError(
                f"{source}: {attachment.question}: a picture is attached but the question "
                "is not answered"
            )
        is_media = isinstance(element, QuestionDef) and element.type is QuestionType.IMAGE
        if is_media and answer != attachment.path.name:
            raise SampleCaseError(
                f"{source}: {attachment.question}: the answer {answer!r} should name the "
                f"attached file {attachment.path.name!r}"
            )
        paths.append(path)
    return tuple(paths)
