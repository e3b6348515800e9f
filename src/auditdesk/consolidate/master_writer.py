"""The master workbook, written with openpyxl's streaming (write-only) mode.

The short sheets' rows go through :mod:`auditdesk.consolidate.master_cells` and the
long sheets' (Answers, one per form) through
:mod:`auditdesk.consolidate.streamed_sheets`; both keep free text from auditors as
text (no formula injection), by the exports' one rule.
"""

from __future__ import annotations

import datetime
import functools
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from auditdesk.consolidate import master_layout as layout
from auditdesk.consolidate.master_cells import add_filter, new_sheet
from auditdesk.consolidate.master_summary import write_summary
from auditdesk.consolidate.model import AuditBundle, ImportEntry, MasterContent
from auditdesk.consolidate.streamed_sheets import (
    MASTER_STYLES,
    CellStyles,
    RowChunk,
    RowChunks,
    StreamedSheet,
    encoded_chunks,
    splice_rows,
)
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


def _streamed(workbook: Any, name: str, headers: Sequence[str], widths: dict[str, float],
              rows: Callable[[], Iterable[Sequence[object]]]) -> StreamedSheet:
    """A sheet openpyxl starts (header, widths, filter) and whose rows are streamed."""
    sheet, _ = new_sheet(workbook, name, headers, widths)
    add_filter(sheet, len(headers), 0)
    return StreamedSheet(name, lambda: encoded_chunks(rows()))


def _audits(workbook: Any, content: MasterContent, bundles: Sequence[AuditBundle],
            today: datetime.date) -> StreamedSheet:
    areas = sorted(content.area_names)
    headers = [
        *layout.AUDIT_COLUMNS, *layout.AUDIT_DERIVED_COLUMNS,
        *(layout.AREA_SCORE_PREFIX + code for code in areas), *layout.AUDIT_TAIL_COLUMNS,
    ]
    return _streamed(workbook, layout.AUDITS, headers, {"audit_uuid": 38, "alerts": 40},
                     lambda: (_audit_row(bundle, areas, today) for bundle in bundles))


def _findings(workbook: Any, bundles: Sequence[AuditBundle],
              today: datetime.date) -> StreamedSheet:
    def rows() -> Iterator[Sequence[object]]:
        for bundle in bundles:
            place = (bundle.facts.site_name, bundle.facts.country)
            for finding in bundle.findings:
                late = layout.days_overdue(finding, today)
                yield (finding[0], *place, *finding[1:], "yes" if late else "no", late)

    headers = [*layout.FINDING_COLUMNS, *layout.FINDING_DERIVED_COLUMNS]
    return _streamed(workbook, layout.FINDINGS, headers, {"title": 40, "evidence": 50}, rows)


def _answer_sheets(workbook: Any, content: MasterContent, bundles: Sequence[AuditBundle],
                   progress: Progress) -> list[StreamedSheet]:
    """The long table, continued on ``Answers 2``, ``Answers 3``… past Excel's row limit."""
    total = sum(content.answer_count(bundle) for bundle in bundles)
    limit = layout.MAX_DATA_ROWS
    sheets = max(1, -(-total // limit))

    def every_answer() -> Iterator[RowChunk]:
        for bundle in bundles:
            yield content.answer_count(bundle), content.encoded_answers_of(bundle)
            progress.token.raise_if_cancelled()

    # One stream, cut into sheets: they are written in this order, each taking its share.
    answers = RowChunks(every_answer())
    names = [layout.ANSWERS] + [f"{layout.ANSWERS} {number}" for number in range(2, sheets + 1)]
    for name in names:
        sheet, _ = new_sheet(workbook, name, layout.ANSWER_COLUMNS, {"label": 40})
        add_filter(sheet, len(layout.ANSWER_COLUMNS), 0)
    return [StreamedSheet(name, functools.partial(answers.take, limit)) for name in names]


def _form_sheets(
    workbook: Any, content: MasterContent, bundles: Sequence[AuditBundle],
    taken: Sequence[str], progress: Progress,
) -> tuple[dict[str, str], list[StreamedSheet]]:
    """One wide sheet per form; returns sheet name → form id, and the sheets' rows."""
    from auditdesk.export.tables import SheetNames

    layouts: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for bundle in bundles:
        for table in bundle.forms:
            layouts.setdefault(table.form_id, []).append(
                (table.form_version, (*layout.FORM_PREFIX_COLUMNS, *table.headers))
            )
    names = SheetNames(reserved=(*layout.FIXED_SHEETS, *taken))
    sheets: dict[str, str] = {}
    streamed: list[StreamedSheet] = []
    for form_id, versions in sorted(layouts.items()):
        name = names.claim(form_id.removeprefix("auditdesk_"))
        columns = union_columns(versions)
        sheet, _ = new_sheet(workbook, name, columns, {"audit_uuid": 38, "_uuid": 38})
        add_filter(sheet, len(columns), 0)
        sheets[name] = form_id
        streamed.append(StreamedSheet(name, functools.partial(
            _form_chunks, content, bundles, form_id, columns, progress
        )))
    return sheets, streamed


def _form_chunks(content: MasterContent, bundles: Sequence[AuditBundle], form_id: str,
                 columns: Sequence[str], progress: Progress) -> Iterator[RowChunk]:
    return encoded_chunks(_form_rows(content, bundles, form_id, columns, progress))


def _form_rows(content: MasterContent, bundles: Sequence[AuditBundle], form_id: str,
               columns: Sequence[str], progress: Progress) -> Iterator[Sequence[object]]:
    """One form's rows from every audit, re-laid onto the merged columns."""
    position = {name: i for i, name in enumerate(columns)}
    width = len(columns)
    for bundle in bundles:
        if not any(table.form_id == form_id for table in bundle.forms):
            continue
        place = (bundle.audit_uuid, bundle.facts.site_name, bundle.facts.country)
        for table in content.form_tables_of(bundle):
            if table.form_id != form_id:
                continue
            targets = [position[name] for name in (*layout.FORM_PREFIX_COLUMNS, *table.headers)]
            if targets == list(range(width)):
                for row in table.rows:
                    yield (*place, *row)
                continue
            for row in table.rows:
                # A version without some of the merged columns: blanks there, never 0.
                laid: list[object] = [None] * width
                for target, value in zip(targets, (*place, *row), strict=False):
                    laid[target] = value
                yield laid
        progress.token.raise_if_cancelled()


def _conflicts(workbook: Any, content: MasterContent) -> StreamedSheet:
    return _streamed(
        workbook, layout.CONFLICTS, layout.CONFLICT_COLUMNS,
        {"audit_uuid": 38, "key": 38, "field": 30, "kept_value": 30, "other_value": 30},
        lambda: content.conflicts,
    )


def log_row(entry: ImportEntry) -> list[object]:
    return [
        entry.path, entry.status.value, entry.status.label, entry.reason, entry.outcome.value,
        entry.audit_uuid, entry.site_name, entry.exported_at, entry.signer,
        entry.format_version, entry.sha256, entry.size, entry.imported_at,
    ]


def _import_log(workbook: Any, log: Sequence[ImportEntry]) -> StreamedSheet:
    return _streamed(
        workbook, layout.IMPORT_LOG, layout.IMPORT_LOG_COLUMNS,
        {"file": 50, "reason": 60, "status_label": 30, "sha256": 20},
        lambda: map(log_row, log),
    )


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
    # First, so that they get the numbers the encoded rows use.
    scratch = workbook.create_sheet()
    if CellStyles.register(scratch) != MASTER_STYLES:
        raise AssertionError("the master's cell styles are not numbered as the encoded rows say")
    workbook.remove(scratch)
    workbook.properties.creator = "AuditDesk"
    workbook.properties.title = "AuditDesk consolidated master"
    write_summary(workbook, content, bundles, today=today, now=now)
    streamed = [_audits(workbook, content, bundles, today), _findings(workbook, bundles, today)]
    answers = _answer_sheets(workbook, content, bundles, progress)
    form_sheets, forms = _form_sheets(
        workbook, content, bundles, [sheet.name for sheet in answers], progress
    )
    streamed += [*answers, *forms, _conflicts(workbook, content),
                 _import_log(workbook, content.log)]
    _write_hidden(workbook, content, form_sheets, [sheet.name for sheet in answers], now)
    progress.token.raise_if_cancelled()
    frame = io.BytesIO()
    workbook.save(frame)
    partial = target.with_name(f".{target.name}.partial")
    try:
        splice_rows(frame.getvalue(), partial, streamed,
                    on_chunk=progress.token.raise_if_cancelled)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
