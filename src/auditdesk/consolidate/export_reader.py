"""An audit workbook's sheets (as python-calamine read them) → one :class:`AuditBundle`.

The layout is the one in docs/workbook-format.md, written by :mod:`auditdesk.export`.
Sheets are found by the kind the signed manifest gives them, never guessed from their
names, and columns by their headers, never by position, so that a later export that
adds a column still reads.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from sys import intern

from auditdesk.consolidate.model import (
    AnswerRow,
    AreaScore,
    AuditBundle,
    AuditFacts,
    CellValue,
    FindingRow,
    FormTable,
    Row,
)
from auditdesk.domain.values import as_date

SheetRows = Sequence[Sequence[object]]


class LayoutError(ValueError):
    """A sheet lacks what the documented format promises; the message names where."""


def cell(value: object) -> CellValue:
    """A calamine value as the master keeps it: empty text is no value."""
    if value == "":
        return None
    if isinstance(value, str | int | float | bool | datetime.date | datetime.time):
        return value
    return str(value)


def text(value: object) -> str:
    """A cell as text: numbers that calamine returns as floats lose their ``.0``."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and value.strip():
        try:
            return float(value)
        except ValueError:
            return None
    return None


def parse_utc(value: str) -> datetime.datetime | None:
    """``2026-11-02T10:00:00Z`` → a naive UTC datetime (Excel has no time zones)."""
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment


class Table:
    """A sheet's rows addressed by header name."""

    def __init__(self, sheet: str, rows: SheetRows) -> None:
        self.sheet = sheet
        self.headers = tuple(text(value) for value in rows[0]) if rows else ()
        self.rows = rows[1:]
        self._index = {name: i for i, name in reversed(list(enumerate(self.headers))) if name}

    def column(self, name: str) -> int:
        try:
            return self._index[name]
        except KeyError:
            raise LayoutError(f"sheet '{self.sheet}' has no column '{name}'") from None

    def columns(self, names: Sequence[str]) -> list[int]:
        return [self.column(name) for name in names]

    def optional(self, name: str) -> int | None:
        return self._index.get(name)


def _pick(row: Sequence[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    return row[index]


def _about(rows: SheetRows, sheet: str) -> tuple[dict[str, object], list[str], list[str]]:
    table = Table(sheet, rows)
    field_at, value_at = table.column("field"), table.column("value")
    label_at = table.optional("label")
    values: dict[str, object] = {}
    alerts: list[str] = []
    forms: list[str] = []
    for row in table.rows:
        name = text(_pick(row, field_at))
        value = _pick(row, value_at)
        if name == "alert":
            title = text(_pick(row, label_at))
            alerts.append(f"{text(value)} — {title}" if title else text(value))
        elif name.startswith("form:"):
            forms.append(f"{name.removeprefix('form:')} {text(value)}".strip())
        elif name:
            values.setdefault(name, value)
    return values, alerts, forms


def _facts(about: Mapping[str, object], alerts: list[str], forms: list[str]) -> AuditFacts:
    def get(name: str) -> str:
        return text(about.get(name))

    return AuditFacts(
        audit_uuid=get("audit_uuid"),
        site_uuid=get("site_uuid"),
        site_name=get("site_name"),
        organisation=get("organisation"),
        country=get("country"),
        city=get("city"),
        sector=get("sector"),
        audit_type=get("audit_type"),
        audit_status=get("audit_status"),
        started_on=as_date(about.get("started_on")),
        ended_on=as_date(about.get("ended_on")),
        lead_auditor=get("lead_auditor"),
        team=get("team"),
        rating=as_number(about.get("rating")),
        rating_maximum=as_number(about.get("rating_maximum")),
        alerts=tuple(alerts),
        forms=tuple(forms),
        document_id=get("document_id"),
    )


def _scores(rows: SheetRows, sheet: str) -> list[AreaScore]:
    table = Table(sheet, rows)
    code_at, name_at, score_at = table.columns(("area", "area_name", "score"))
    return [
        AreaScore(
            text(_pick(row, code_at)), text(_pick(row, name_at)), as_number(_pick(row, score_at))
        )
        for row in table.rows
        if text(_pick(row, code_at))
    ]


FINDING_SOURCE_COLUMNS = (
    "finding_uuid", "criterion", "area", "area_name", "severity", "title", "status",
    "origin", "evidence", "cap_action", "cap_responsible", "cap_plan_due",
    "cap_verify_due", "cap_status", "cap_verification_note",
)


def _findings(rows: SheetRows, sheet: str, audit_uuid: str) -> list[FindingRow]:
    table = Table(sheet, rows)
    at = table.columns(FINDING_SOURCE_COLUMNS)
    found = []
    for row in table.rows:
        values = [cell(_pick(row, i)) for i in at]
        if not any(values):
            continue
        uuid, criterion, area, area_name, severity, title, status, origin = values[:8]
        evidence, action, responsible, plan_due, verify_due, cap_status, note = values[8:]
        found.append(
            FindingRow(
                audit_uuid, text(uuid), text(criterion), text(area), area_name, text(severity),
                title, text(status), origin, evidence, action, responsible,
                as_date(plan_due), as_date(verify_due), text(cap_status), note,
            )
        )
    return found


ANSWER_SOURCE_COLUMNS = AnswerRow._fields
_ANSWER_KEYS = (0, 1, 2, 3, 6)  # audit, record, form, version, question path: always text


def answer_values(rows: SheetRows, sheet: str) -> Iterator[Sequence[object]]:
    """Each answer's values in :class:`AnswerRow` order, keys as text; rows without a
    record are skipped. An empty cell may come as ``""`` or ``None`` (both mean empty).

    This loop runs once per answer of every audit consolidated, so the common case,
    the export's own column order with text keys (what python-calamine reads from a
    genuine export), hands on the row as read, without a per-cell step.
    """
    table = Table(sheet, rows)
    at = table.columns(ANSWER_SOURCE_COLUMNS)
    width = len(at)
    in_order = at == list(range(width))
    for row in table.rows:
        if (in_order and len(row) >= width and row[1]
                and str is type(row[0]) is type(row[1]) is type(row[2]) is type(row[3])
                is type(row[6])):
            yield row if len(row) == width else row[:width]
            continue
        values = [cell(_pick(row, i)) for i in at]
        if values[1] is None:
            continue
        for key in _ANSWER_KEYS:
            if type(values[key]) is not str:
                values[key] = text(values[key])
        yield values


def answer_rows(rows: SheetRows, sheet: str) -> list[AnswerRow]:
    """The answers sheet's rows as :class:`AnswerRow` tuples."""
    # Interned: UUIDs, paths, labels and codes repeat on every row, and a thousand
    # audits hold a million rows (memory goal: 500 MB).
    return [
        AnswerRow(*[None if v == "" else intern(v) if type(v) is str else v  # type: ignore[arg-type]
                    for v in values])  # calamine's values: keys made text by answer_values
        for values in answer_values(rows, sheet)
    ]


def _shared(value: object) -> CellValue:
    """A cell, its text interned: choice codes and labels repeat down a form sheet."""
    found = cell(value)
    return intern(found) if type(found) is str else found


def _form_table(rows: SheetRows, sheet: str, form_id: str, version: str) -> FormTable:
    table = Table(sheet, rows)
    table.column("_uuid")
    width = len(table.headers)
    body: list[Row] = []
    for row in table.rows:
        values = tuple(_shared(row[i]) if i < len(row) else None for i in range(width))
        if any(value is not None for value in values):
            body.append(values)
    return FormTable(form_id, version, table.headers, body)


def bundle_from_sheets(
    sheets: Mapping[str, SheetRows],
    kinds: Sequence[tuple[str, str, str, str]],
) -> tuple[AuditBundle, tuple[str, SheetRows]]:
    """Build the bundle from the sheets named in the manifest, all but its answers.

    ``kinds`` lists the manifest's sheets as ``(name, kind, form_id, form_version)``.
    The answers sheet comes back as read, its name and rows, its columns checked:
    :func:`answer_rows` and :func:`answer_values` read it when its rows are needed.
    Raises :class:`LayoutError` naming the sheet and column that is missing.
    """
    by_kind: dict[str, list[tuple[str, str, str]]] = {}
    for name, kind, form_id, version in kinds:
        by_kind.setdefault(kind, []).append((name, form_id, version))

    def only(kind: str) -> tuple[str, SheetRows]:
        names = by_kind.get(kind)
        if not names:
            raise LayoutError(f"the workbook has no '{kind}' sheet")
        name = names[0][0]
        return name, sheets.get(name, [])

    name, rows = only("about")
    about, alerts, forms = _about(rows, name)
    facts = _facts(about, alerts, forms)
    if not facts.audit_uuid:
        raise LayoutError(f"sheet '{name}' has no audit_uuid")
    bundle = AuditBundle(facts)
    if "scores" in by_kind:
        name, rows = only("scores")
        bundle.areas = _scores(rows, name)
    if "findings" in by_kind:
        name, rows = only("findings")
        bundle.findings = _findings(rows, name, facts.audit_uuid)
    answers = only("answers")
    Table(*answers).columns(ANSWER_SOURCE_COLUMNS)
    for name, form_id, version in by_kind.get("form", []):
        bundle.forms.append(_form_table(sheets.get(name, []), name, form_id, version))
    return bundle, answers
