"""The record-level sheets: one per form, one per repeat, the long Answers table and
the aggregated worker summary.

Form sheets follow KoboToolbox's layout: one row per record, headers are question paths
(``group/question``), a select-one has its code column and a ``path:label`` column, a
select-multiple its combined code column, a ``path:label`` column and one 0/1 column
per choice (``path/choice``). Repeats get their own sheet, joined to the parent row by
``_parent_uuid``; a repeat instance's ``_uuid`` is ``<record uuid>/<instance path>``
(``…/payslip[2]``), stable from one export to the next, unlike Kobo's ``_index``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from auditdesk.domain import JsonValue
from auditdesk.export.audience import Audience, is_worker_kind
from auditdesk.export.audit_data import AuditExport, RecordExport
from auditdesk.export.tables import Column, SheetKind, SheetNames, SheetTable
from auditdesk.export.texts import Words
from auditdesk.formengine.definition import FormDefinition, QuestionDef, QuestionType, RepeatDef
from auditdesk.formengine.instance import path_format
from auditdesk.method.answers import split_instance_path
from auditdesk.method.criteria import Catalogue, pick_language

SYSTEM_COLUMNS = (
    "_uuid",
    "_kind",
    "_respondent_code",
    "_started",
    "_ended",
    "_form_version",
    "_status",
)
REPEAT_SYSTEM_COLUMNS = ("_uuid", "_parent_uuid", "_index", "_record_uuid")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,14})(?:\.\d+)?")
_DATETIME_TYPES = frozenset({QuestionType.DATETIME, QuestionType.START, QuestionType.END})
_DATE_TYPES = frozenset({QuestionType.DATE, QuestionType.TODAY})
_NOT_EXPORTED = frozenset({QuestionType.NOTE})


def typed_value(question: QuestionDef | None, value: JsonValue) -> object:
    """A stored answer as a spreadsheet value: real numbers and dates, codes as text."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    if isinstance(value, dict):
        return str(value)
    if question is None or isinstance(value, int | float):
        return value
    text = str(value)
    try:
        if question.type in _DATE_TYPES:
            return datetime.date.fromisoformat(text[:10])
        if question.type in _DATETIME_TYPES:
            moment = datetime.datetime.fromisoformat(text)
            return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)
    except ValueError:
        return text
    if question.type is QuestionType.CALCULATE and _NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    return text


def label_of(question: QuestionDef, language: str) -> str:
    return pick_language(question.labels, language) or question.name


class Labels:
    """Question and choice labels in one language, each looked up once per export."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._questions: dict[str, str] = {}
        self._choices: dict[str, dict[str, str]] = {}

    def question(self, question: QuestionDef) -> str:
        found = self._questions.get(question.path)
        if found is None:
            found = self._questions[question.path] = label_of(question, self.language)
        return found

    def value(self, question: QuestionDef, value: JsonValue) -> str | None:
        """A select answer's choice labels, ``; ``-separated (``None`` when unanswered)."""
        if value is None or value == "" or value == []:
            return None
        table = self._choices.get(question.path)
        if table is None:
            table = self._choices[question.path] = {
                choice.name: pick_language(choice.labels, self.language) or choice.name
                for choice in question.choices
            }
        names = value if isinstance(value, list) else str(value).split()
        return "; ".join(table.get(str(name), str(name)) for name in names)


@dataclass(frozen=True)
class _QuestionColumns:
    """How one question spreads over columns of its sheet."""

    question: QuestionDef
    labelled: bool
    choices: tuple[str, ...]

    def headers(self) -> Iterator[str]:
        path = self.question.path
        yield path
        if self.labelled:
            yield f"{path}:label"
        for name in self.choices:
            yield f"{path}/{name}"

    def values(self, value: JsonValue, labels: Labels) -> Iterator[object]:
        question = self.question
        yield typed_value(question, value)
        if self.labelled:
            yield labels.value(question, value)
        if self.choices:
            chosen = set(value) if isinstance(value, list) else set(str(value or "").split())
            for name in self.choices:
                yield None if value in (None, "", []) else int(name in chosen)


def _spread(question: QuestionDef) -> _QuestionColumns:
    kind = question.type
    multiple = kind in (QuestionType.SELECT_MULTIPLE, QuestionType.RANK)
    return _QuestionColumns(
        question,
        labelled=kind.is_select,
        choices=tuple(choice.name for choice in question.choices) if multiple else (),
    )


def _innermost_repeat(question: QuestionDef) -> str:
    return question.repeats[-1] if question.repeats else ""


def _layout(definition: FormDefinition, repeat: str) -> list[_QuestionColumns]:
    return [
        _spread(question)
        for question in definition.questions()
        if _innermost_repeat(question) == repeat and question.type not in _NOT_EXPORTED
    ]


def included_records(data: AuditExport) -> list[RecordExport]:
    """The records whose rows an audience may see: for the site, no worker interviews."""
    if data.settings.audience is Audience.CONFIDENTIAL:
        return list(data.records)
    return [item for item in data.records if not is_worker_kind(item.record.kind)]


def _record_system_values(item: RecordExport, audience: Audience) -> list[object]:
    record = item.record
    return [
        record.uuid,
        record.kind.value,
        record.respondent_code if audience is Audience.CONFIDENTIAL else None,
        record.started_at,
        record.ended_at,
        record.form_version,
        record.status.value,
    ]


def form_sheets(data: AuditExport, names: SheetNames) -> list[SheetTable]:
    """A sheet per form (in form-id order), each followed by its repeats' sheets."""
    by_form: dict[str, list[RecordExport]] = {}
    for item in included_records(data):
        by_form.setdefault(item.record.form_id, []).append(item)
    tables: list[SheetTable] = []
    for form_id in sorted(by_form):
        definition = data.definitions[form_id]
        tables.append(_form_sheet(data, definition, by_form[form_id], names))
        for element in definition.elements:
            if isinstance(element, RepeatDef):
                tables.append(_repeat_sheet(data, definition, element, by_form[form_id], names))
    return tables


def _form_sheet(
    data: AuditExport, definition: FormDefinition, records: Sequence[RecordExport],
    names: SheetNames,
) -> SheetTable:
    labels = Labels(data.settings.language)
    layout = _layout(definition, "")
    known = {spread.question.path for spread in layout}
    extra = sorted(
        {
            path
            for item in records
            for path in item.answers
            if "[" not in path and path not in known and definition.find(path) is None
        }
    )
    table = SheetTable(
        names.claim(definition.form_id.removeprefix("auditdesk_")),
        SheetKind.FORM,
        [
            *(Column(header) for header in SYSTEM_COLUMNS),
            *(Column(header) for spread in layout for header in spread.headers()),
            *(Column(path) for path in extra),
        ],
        form_id=definition.form_id,
        form_version=definition.version,
    )
    for item in records:
        answers = item.answers
        row = _record_system_values(item, data.settings.audience)
        for spread in layout:
            row.extend(spread.values(answers.get(spread.question.path), labels))
        row.extend(typed_value(None, answers.get(path)) for path in extra)
        table.add(row)
    return table


def _repeat_instances(
    definition: FormDefinition, repeat: RepeatDef, answers: Mapping[str, JsonValue]
) -> list[tuple[int, ...]]:
    depth = len(repeat.repeats)
    found: set[tuple[int, ...]] = set()
    for path in answers:
        template, indexes = split_instance_path(path)
        if len(indexes) >= depth and (template + "/").startswith(repeat.path + "/"):
            found.add(indexes[:depth])
    return sorted(found)


def _repeat_sheet(
    data: AuditExport, definition: FormDefinition, repeat: RepeatDef,
    records: Sequence[RecordExport], names: SheetNames,
) -> SheetTable:
    labels = Labels(data.settings.language)
    layout = _layout(definition, repeat.path)
    table = SheetTable(
        names.claim(repeat.name),
        SheetKind.REPEAT,
        [
            *(Column(header) for header in REPEAT_SYSTEM_COLUMNS),
            *(Column(header) for spread in layout for header in spread.headers()),
        ],
        form_id=definition.form_id,
        form_version=definition.version,
        repeat=repeat.path,
    )
    own = path_format(definition, repeat.path)
    parent = path_format(definition, repeat.repeats[-2]) if len(repeat.repeats) > 1 else ""
    for item in records:
        uuid = item.record.uuid
        for indexes in _repeat_instances(definition, repeat, item.answers):
            instance = own.format(*indexes)
            row: list[object] = [
                f"{uuid}/{instance}",
                f"{uuid}/{parent.format(*indexes[:-1])}" if parent else uuid,
                indexes[-1],
                uuid,
            ]
            for spread in layout:
                value = item.answers.get(path_format(definition, spread.question.path).format(
                    *indexes
                ))
                row.extend(spread.values(value, labels))
            table.add(row)
    return table


ANSWER_COLUMNS = (
    "audit_uuid",
    "record_uuid",
    "form_id",
    "form_version",
    "record_kind",
    "respondent_code",
    "question_path",
    "question",
    "question_type",
    "label",
    "value",
    "value_label",
    "criterion",
    "area",
)


def answers_sheet(data: AuditExport, names: SheetNames) -> SheetTable:
    """The long table: one row per stored answer, in every form version's own paths."""
    confidential = data.settings.audience is Audience.CONFIDENTIAL
    catalogue = data.assessment.catalogue
    labels = Labels(data.settings.language)
    table = SheetTable(
        names.claim("Answers"),
        SheetKind.ANSWERS,
        [Column(header, width=40 if header == "label" else None) for header in ANSWER_COLUMNS],
    )
    for item in included_records(data):
        record = item.record
        definition = data.definitions.get(record.form_id)
        # Per question path: (question, type, label, criteria, areas), looked up once.
        known: dict[str, tuple[QuestionDef | None, str | None, str | None, str | None,
                               str | None]] = {}
        head = (data.audit.uuid, record.uuid, record.form_id, record.form_version,
                record.kind.value, record.respondent_code if confidential else None)
        for path, value in item.answers.items():
            template = split_instance_path(path)[0] if "[" in path else path
            facts = known.get(template)
            if facts is None:
                element = definition.find(template) if definition else None
                question = element if isinstance(element, QuestionDef) else None
                criteria = question.extra.get("criterion", "").strip() if question else ""
                areas = " ".join(dict.fromkeys(_area_of(catalogue, c) for c in criteria.split()))
                facts = known[template] = (
                    question,
                    question.type.value if question else None,
                    labels.question(question) if question else None,
                    criteria or None,
                    areas or None,
                )
            question, kind, label, criteria_text, area_text = facts
            table.add((
                *head,
                path,
                template,
                kind,
                label,
                typed_value(question, value),
                labels.value(question, value) if question and question.type.is_select
                else None,
                criteria_text,
                area_text,
            ))
    return table


def _area_of(catalogue: Catalogue, code: str) -> str:
    criterion = catalogue.criteria.get(code)
    return criterion.area if criterion is not None else code[:1]


def worker_summary_sheet(data: AuditExport, names: SheetNames) -> SheetTable:
    """Worker answers to closed questions as counts and shares, hidden below the threshold."""
    words = Words(data.settings.language)
    language = data.settings.language
    threshold = data.settings.min_respondents
    table = SheetTable(
        names.claim("Worker summary"),
        SheetKind.WORKER_SUMMARY,
        [
            *(Column(h) for h in ("form_id", "question")),
            Column("label", width=50),
            *(Column(h) for h in ("choice", "choice_label", "count", "respondents")),
            Column("share", number_format="0%"),
            Column("note", width=36),
        ],
    )
    by_form: dict[str, list[RecordExport]] = {}
    for item in data.records:
        if is_worker_kind(item.record.kind):
            by_form.setdefault(item.record.form_id, []).append(item)
    for form_id in sorted(by_form):
        definition = data.definitions[form_id]
        for question in definition.questions():
            if question.repeats or not question.type.is_select:
                continue
            given = [
                item.answers[question.path]
                for item in by_form[form_id]
                if item.answers.get(question.path) not in (None, "", [])
            ]
            _summarise(table, form_id, question, given, threshold, words, language)
    return table


def _summarise(
    table: SheetTable, form_id: str, question: QuestionDef, given: Sequence[JsonValue],
    threshold: int, words: Words, language: str,
) -> None:
    label = label_of(question, language)
    if not given:
        return
    if len(given) < threshold:
        note = words("fewer than {threshold} respondents — not shown", threshold=threshold)
        table.add((form_id, question.path, label, None, None, None, None, None, note))
        return
    counts = _choice_counts(given)
    for choice in question.choices:
        count = counts.get(choice.name, 0)
        table.add(
            (
                form_id,
                question.path,
                label,
                choice.name,
                pick_language(choice.labels, language) or choice.name,
                count,
                len(given),
                count / len(given),
                None,
            )
        )


def _choice_counts(given: Iterable[JsonValue]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in given:
        chosen = value if isinstance(value, list) else str(value).split()
        for name in dict.fromkeys(str(item) for item in chosen):
            counts[name] = counts.get(name, 0) + 1
    return counts
