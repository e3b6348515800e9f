"""The audit workbook: which sheets, in which order (docs/workbook-format.md)."""

from __future__ import annotations

from typing import IO

from auditdesk.export.audit_data import AuditExport
from auditdesk.export.sheets_forms import answers_sheet, form_sheets, worker_summary_sheet
from auditdesk.export.sheets_summary import (
    about_sheet,
    criteria_sheet,
    findings_sheet,
    scores_sheet,
    trail_sheet,
)
from auditdesk.export.tables import SheetNames, SheetTable
from auditdesk.export.workbook_manifest import MANIFEST_SHEET, WorkbookManifest
from auditdesk.export.workbook_writer import ManifestSigner, WorkbookHeader, write_workbook
from auditdesk.jobs import Progress

FIXED_SHEETS = ("About", "Scores", "Criteria", "Findings", "Worker summary", "Answers", "Trail")


def build_tables(data: AuditExport) -> list[SheetTable]:
    """About, Scores, Criteria, Findings, the form and repeat sheets, Worker summary,
    Answers, Trail — every sheet but the manifest, for the export's audience."""
    names = SheetNames((*FIXED_SHEETS, MANIFEST_SHEET))
    return [
        about_sheet(data),
        scores_sheet(data),
        criteria_sheet(data),
        findings_sheet(data),
        *form_sheets(data, names),
        worker_summary_sheet(data, SheetNames()),
        answers_sheet(data, SheetNames()),
        trail_sheet(data),
    ]


def workbook_header(data: AuditExport) -> WorkbookHeader:
    return WorkbookHeader(
        audit_uuid=data.audit.uuid,
        document_id=data.document_id,
        audience=data.settings.audience.value,
        exported_at=data.exported_at,
        app_version=data.app_version,
        training=data.audit.training,
    )


def export_workbook(
    data: AuditExport,
    target: IO[bytes],
    *,
    signer: ManifestSigner | None = None,
    progress: Progress | None = None,
) -> WorkbookManifest:
    """Write the audit workbook to ``target``; returns the (signed) manifest's content."""
    tables = build_tables(data)
    if progress is not None:
        progress.advance("workbook tables built")
    return write_workbook(
        tables, target, workbook_header(data), signer=signer, progress=progress
    )
