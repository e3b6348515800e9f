"""The PDF report (being written: layout with reportlab, PAdES signature with pyHanko)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditdesk.export.audit_data import AuditExport

if TYPE_CHECKING:
    from auditdesk.signing.keystore import SigningIdentity


@dataclass(frozen=True)
class ReportPdf:
    pdf: bytes


def build_report(data: AuditExport) -> ReportPdf:
    raise NotImplementedError("the PDF report is not written yet")


def sign_report(report: ReportPdf, identity: SigningIdentity, data: AuditExport) -> bytes:
    raise NotImplementedError("the PDF report is not written yet")
