"""Audit workbooks in the documented export format, written by the export package's writer.

Tests describe an audit in a few lines (records with answers, findings, area scores)
and get a real, optionally signed workbook: the same writer and manifest as
``auditdesk export``, without needing a stored audit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path

from auditdesk.export.sheets_forms import ANSWER_COLUMNS, SYSTEM_COLUMNS
from auditdesk.export.tables import Column, SheetKind, SheetTable
from auditdesk.export.workbook_writer import WorkbookHeader, write_workbook
from auditdesk.signing import SigningIdentity, sign_manifest

Answers = dict[str, object]

TRICKY_ANSWERS: Answers = {
    "formula": "=HYPERLINK(\"http://x\")",
    "spaces": "  two leading spaces and one trailing ",
    "markup": "pay < minimum & \"overtime\" > 48h",
    "paid_on": datetime.date(2026, 2, 27),
    "hours": 61.5,
    "night": "line one\nline two",
    "days": 6,
}
"""Answers a spreadsheet could show otherwise than typed: formula-like text, edge
spaces, markup characters, a date, a fraction, a line break, a whole number."""


@dataclass(frozen=True)
class FakeRecord:
    uuid: str
    form_id: str
    answers: Answers
    kind: str = "worker_interview"
    respondent: str = "W-01"
    form_version: str = "1"


@dataclass(frozen=True)
class FakeFinding:
    uuid: str
    criterion: str
    severity: str = "major"
    title: str = "Wages paid late"
    status: str = "open"
    cap_status: str = "open"
    plan_due: datetime.date | None = None
    verify_due: datetime.date | None = None
    action: str = "Pay wages on time"


@dataclass(frozen=True)
class FakeAudit:
    uuid: str
    site_name: str = "Nairobi Annotation Ltd"
    country: str = "KE"
    exported_at: datetime.datetime = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
    lead_auditor: str = "Amélie Dupont"
    training: bool = False
    rating: int = 6
    records: tuple[FakeRecord, ...] = ()
    findings: tuple[FakeFinding, ...] = ()
    areas: tuple[tuple[str, str, float], ...] = (("A", "Forced labour", 80.0),
                                                 ("B", "Wages", 55.0))
    questions: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    """(form id, version) → the form's question paths in form order."""
    started_on: datetime.date = datetime.date(2026, 2, 20)

    def with_(self, **changes: object) -> FakeAudit:
        return replace(self, **changes)  # type: ignore[arg-type]


def _about(audit: FakeAudit) -> SheetTable:
    table = SheetTable("About", SheetKind.ABOUT, [Column("field"), Column("value"),
                                                   Column("label")])
    rows: list[tuple[str, object, str]] = [
        ("format", "auditdesk-workbook", ""),
        ("format_version", 1, ""),
        ("exported_at", audit.exported_at, "UTC"),
        ("training", "yes" if audit.training else "no", ""),
        ("audit_uuid", audit.uuid, ""),
        ("audit_type", "announced", ""),
        ("audit_status", "completed", ""),
        ("started_on", audit.started_on, ""),
        ("ended_on", audit.started_on + datetime.timedelta(days=2), ""),
        ("lead_auditor", audit.lead_auditor, ""),
        ("site_uuid", "site-" + audit.uuid[:8], ""),
        ("site_name", audit.site_name, ""),
        ("organisation", "Acme Data", ""),
        ("country", audit.country, ""),
        ("rating", audit.rating, f"{audit.rating}/10"),
        ("rating_maximum", 10, ""),
        ("alert", "A1", "Passports retained"),
    ]
    for (form_id, version) in sorted(audit.questions):
        rows.append((f"form:{form_id}", version, form_id))
    for row in rows:
        table.add(row)
    return table


def _scores(audit: FakeAudit) -> SheetTable:
    table = SheetTable("Scores", SheetKind.SCORES,
                       [Column(h) for h in ("area", "area_name", "score")])
    for row in audit.areas:
        table.add(row)
    return table


def _findings(audit: FakeAudit) -> SheetTable:
    headers = ("finding_uuid", "criterion", "area", "area_name", "severity", "title", "status",
               "origin", "evidence", "cap_action", "cap_responsible", "cap_plan_due",
               "cap_verify_due", "cap_status", "cap_verification_note")
    table = SheetTable("Findings", SheetKind.FINDINGS, [Column(h) for h in headers])
    for f in audit.findings:
        table.add((f.uuid, f.criterion, f.criterion[:1], "Area", f.severity, f.title, f.status,
                   "derived", "=HYPERLINK(\"http://evil\")", f.action, "Site management",
                   f.plan_due, f.verify_due, f.cap_status, None))
    return table


def _form_sheets(audit: FakeAudit) -> list[SheetTable]:
    tables = []
    for (form_id, version), questions in sorted(audit.questions.items()):
        table = SheetTable(f"{form_id[:20]} v{version}"[:31], SheetKind.FORM,
                           [Column(h) for h in (*SYSTEM_COLUMNS, *questions)],
                           form_id=form_id, form_version=version)
        for record in audit.records:
            if record.form_id == form_id and record.form_version == version:
                table.add((record.uuid, record.kind, record.respondent, None, None, version,
                           "completed", *(record.answers.get(q) for q in questions)))
        tables.append(table)
    return tables


def _answers(audit: FakeAudit) -> SheetTable:
    table = SheetTable("Answers", SheetKind.ANSWERS, [Column(h) for h in ANSWER_COLUMNS])
    for record in audit.records:
        for path, value in record.answers.items():
            table.add((audit.uuid, record.uuid, record.form_id, record.form_version,
                       record.kind, record.respondent, path, path.split("[")[0], "text",
                       f"Label of {path}", value, None, "B2", "B"))
    return table


def write_export(path: Path, audit: FakeAudit, identity: SigningIdentity | None = None) -> Path:
    """Write ``audit`` as an export workbook at ``path`` (signed when given an identity)."""
    tables = [_about(audit), _scores(audit), _findings(audit), *_form_sheets(audit),
              _answers(audit)]
    header = WorkbookHeader(
        audit_uuid=audit.uuid,
        document_id=f"AD-{audit.uuid[:8].upper()}",
        audience="confidential",
        exported_at=audit.exported_at,
        app_version="test",
        training=audit.training,
    )

    def signer(manifest: bytes) -> dict[str, str]:
        assert identity is not None
        return sign_manifest(manifest, identity).to_dict()

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_workbook(tables, target, header, signer=signer if identity else None)
    return path
