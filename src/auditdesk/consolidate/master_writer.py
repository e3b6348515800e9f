"""The master workbook, written with openpyxl's streaming (write-only) mode.

Every row goes through :mod:`auditdesk.consolidate.master_cells`, so free text from
auditors stays text (no formula injection).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditdesk.consolidate import master_layout as layout
from auditdesk.consolidate.master_cells import add_filter, new_sheet
from auditdesk.consolidate.master_summary import write_summary
from auditdesk.consolidate.model import AuditBundle, ImportEntry, MasterContent, Row
from auditdesk.consolidate.versions import union_columns
from auditdesk.jobs import Progress


def _audit_row(bundle: AuditBundle, areas: Sequence[str], today: datetime.date) -> list[object]:
    facts = bundle.facts
    scores = {area.code: area.score for area in bundle.areas}
    severities = [f.severity for f in bundle.findings if f.status == "open"]
    overdue = sum(1 for f in bundle.findings if layout.days_overdue(f, today) is not None)
    return [
        facts.audit_uuid, facts.site_name, facts.organisation, facts.country, facts.city,
        facts.sector, facts.audit_type, facts.audit_status, facts.started_on, facts.ended_on,
        facts.lead_auditor, facts.team, facts.verification.value, facts.signer, facts.rating,
        facts.rating_maximum, "\n".join(facts.alerts),
        len(facts.alerts), severities.count("critical"), severities.count("major"),
        severities.count("minor"), overdue,
        *(scores.get(code) for code in areas),
        "\n".join(facts.forms), facts.exported_at, facts.document_id, facts.format_version,
        facts.source_file, facts.source_sha256,
    ]


def _write_audits(workbook: Any, content: MasterContent, bundles: Sequence[AuditBundle],
                  today: datetime.date) -> None:
    areas = sorted(content.area_names)
    headers = [
        *layout.AUDIT_COLUMNS, *layout.AUDIT_DERIVED_COLUMNS,
        *(layout.AREA_SCORE_PREFIX + code for code in areas), *layout.AUDIT_TAIL_COLUMNS,
    ]
    sheet, cells = new_sheet(workbook, layout.AUDITS, headers, {"audit_uuid": 38, "alerts": 40})
    for bundle in bundles:
        sheet.append(cells.row(_audit_row(bundle, areas, today)))
    add_filter(sheet, len(headers), len(bundles))


def _write_findings(workbook: Any, bundles: Sequence[AuditBundle], today: datetime.date) -> None:
    headers = [*layout.FINDING_COLUMNS, *layout.FINDING_DERIVED_COLUMNS]
    sheet, cells = new_sheet(workbook, layout.FINDINGS, headers, {"title": 40, "evidence": 50})
    count = 0
    for bundle in bundles:
        place = (bundle.facts.site_name, bundle.facts.country)
        for finding in bundle.findings:
            late = layout.days_overdue(finding, today)
            sheet.append(cells.row(
                (finding[0], *place, *finding[1:], "yes" if late else "no", late)
            ))
            count += 1
    add_filter(sheet, len(headers), count)


def _write_answers(workbook: Any, content: MasterContent, bundles: Sequence[AuditBundle],
                   progress: Progress) -> list[str]:
    """The long table, continued on ``Answers 2``, ``Answers 3``… past Excel's row limit."""
    names: list[str] = []
    sheet: Any = None
    cells: Any = None
    count = 0
    limit = layout.MAX_DATA_ROWS

    def next_sheet() -> None:
        nonlocal sheet, cells, count
        if sheet is not None:
            add_filter(sheet, len(layout.ANSWER_COLUMNS), count)
        name = layout.ANSWERS if not names else f"{layout.ANSWERS} {len(names) + 1}"
        names.append(name)
        sheet, cells = new_sheet(workbook, name, layout.ANSWER_COLUMNS, {"label": 40})
        count = 0

    next_sheet()
    for bundle in bundles:
        for answer in content.answers_of(bundle):
            if count >= limit:
                next_sheet()
            sheet.append(cells.row(answer))
            count += 1
        progress.token.raise_if_cancelled()
    add_filter(sheet, len(layout.ANSWER_COLUMNS), count)
    return names


def _write_forms(
    workbook: Any, content: MasterContent, bundles: Sequence[AuditBundle],
    taken: Sequence[str], progress: Progress,
) -> dict[str, str]:
    """One wide sheet per form; returns sheet name → form id.

    The merged columns come from the headers alone, so every form sheet is opened
    first and each audit's rows are then read back once and appended to their
    sheets in turn (openpyxl's write-only sheets each stream to their own file).
    """
    from auditdesk.export.tables import SheetNames

    layouts: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for bundle in bundles:
        for table in bundle.forms:
            layouts.setdefault(table.form_id, []).append(
                (table.form_version, (*layout.FORM_PREFIX_COLUMNS, *table.headers))
            )
    names = SheetNames(reserved=(*layout.FIXED_SHEETS, *taken))
    sheets: dict[str, str] = {}
    open_sheets: dict[str, _FormSheet] = {}
    for form_id, versions in sorted(layouts.items()):
        name = names.claim(form_id.removeprefix("auditdesk_"))
        columns = union_columns(versions)
        sheet, cells = new_sheet(workbook, name, columns, {"audit_uuid": 38, "_uuid": 38})
        open_sheets[form_id] = _FormSheet(sheet, cells, columns)
        sheets[name] = form_id
    for bundle in bundles:
        place = (bundle.audit_uuid, bundle.facts.site_name, bundle.facts.country)
        for table in content.form_tables_of(bundle):
            open_sheets[table.form_id].append(place, table.headers, table.rows)
        progress.token.raise_if_cancelled()
    for form in open_sheets.values():
        add_filter(form.sheet, len(form.columns), form.count)
    return sheets


class _FormSheet:
    """One form's wide sheet being written: rows re-laid onto the merged columns."""

    def __init__(self, sheet: Any, cells: Any, columns: Sequence[str]) -> None:
        self.sheet, self.cells, self.columns = sheet, cells, columns
        self.position = {name: i for i, name in enumerate(columns)}
        self.count = 0

    def append(self, place: Row, headers: Sequence[str], rows: Sequence[Row]) -> None:
        width = len(self.columns)
        targets = [self.position[name] for name in (*layout.FORM_PREFIX_COLUMNS, *headers)]
        in_order = targets == list(range(width))
        sheet, cells = self.sheet, self.cells
        for row in rows:
            if in_order:
                sheet.append(cells.row((*place, *row)))
            else:
                # A version without some of the merged columns: blanks there, never 0.
                laid: list[object] = [None] * width
                for target, value in zip(targets, (*place, *row), strict=False):
                    laid[target] = value
                sheet.append(cells.row(laid))
        self.count += len(rows)


def _write_conflicts(workbook: Any, content: MasterContent) -> None:
    sheet, cells = new_sheet(
        workbook, layout.CONFLICTS, layout.CONFLICT_COLUMNS,
        {"audit_uuid": 38, "key": 38, "field": 30, "kept_value": 30, "other_value": 30},
    )
    for conflict in content.conflicts:
        sheet.append(cells.row(conflict))
    add_filter(sheet, len(layout.CONFLICT_COLUMNS), len(content.conflicts))


def log_row(entry: ImportEntry) -> list[object]:
    return [
        entry.path, entry.status.value, entry.status.label, entry.reason, entry.outcome.value,
        entry.audit_uuid, entry.site_name, entry.exported_at, entry.signer,
        entry.format_version, entry.sha256, entry.size, entry.imported_at,
    ]


def _write_log(workbook: Any, log: Sequence[ImportEntry]) -> None:
    sheet, cells = new_sheet(
        workbook, layout.IMPORT_LOG, layout.IMPORT_LOG_COLUMNS,
        {"file": 50, "reason": 60, "status_label": 30, "sha256": 20},
    )
    for entry in log:
        sheet.append(cells.row(log_row(entry)))
    add_filter(sheet, len(layout.IMPORT_LOG_COLUMNS), len(log))


def _write_hidden(workbook: Any, content: MasterContent, form_sheets: dict[str, str],
                  answer_sheets: Sequence[str], now: datetime.datetime) -> None:
    sheet, cells = new_sheet(workbook, layout.MASTER_INFO, ("key", "value"))
    sheet.sheet_state = "hidden"
    rows: list[tuple[str, object]] = [
        ("format", layout.MASTER_FORMAT),
        ("format_version", layout.MASTER_FORMAT_VERSION),
        ("written_at", now),
    ]
    rows += [(f"area:{code}", name) for code, name in sorted(content.area_names.items())]
    rows += [(f"form_sheet:{name}", form_id) for name, form_id in form_sheets.items()]
    rows += [(f"answers_sheet:{name}", "answers") for name in answer_sheets]
    for key, value in rows:
        sheet.append(cells.row((key, value)))
    sources, cells = new_sheet(
        workbook, layout.SOURCES, ("sha256", "audit_uuid", "exported_at", "status", "outcome")
    )
    sources.sheet_state = "hidden"
    for entry in content.log:
        if entry.sha256:
            sources.append(cells.row((entry.sha256, entry.audit_uuid, entry.exported_at,
                                      entry.status.value, entry.outcome.value)))


def write_master(
    content: MasterContent,
    target: Path,
    *,
    today: datetime.date,
    now: datetime.datetime,
    progress: Progress,
) -> None:
    """Write the whole master to ``target`` (through a temporary file beside it)."""
    from openpyxl import Workbook

    bundles = content.sorted_bundles()
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "AuditDesk"
    workbook.properties.title = "AuditDesk consolidated master"
    write_summary(workbook, content, bundles, today=today, now=now)
    _write_audits(workbook, content, bundles, today)
    _write_findings(workbook, bundles, today)
    answer_sheets = _write_answers(workbook, content, bundles, progress)
    form_sheets = _write_forms(workbook, content, bundles, answer_sheets, progress)
    _write_conflicts(workbook, content)
    _write_log(workbook, content.log)
    _write_hidden(workbook, content, form_sheets, answer_sheets, now)
    progress.token.raise_if_cancelled()
    partial = target.with_name(f".{target.name}.partial")
    try:
        workbook.save(partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
