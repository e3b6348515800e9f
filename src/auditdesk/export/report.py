"""The PDF audit report (reportlab platypus) and its PAdES signature (pyHanko).

Sections, in order: cover (site, dates, team, rating, zero-tolerance alerts first),
executive summary with the area-score chart, findings by severity with their evidence
and corrective actions, the corrective action plan table, results by area,
methodology, a photo appendix when there are photos, and the sign-off page with the
auditor's drawn signature and a box kept free for the visible digital signature.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from auditdesk.export.audit_data import AuditExport
from auditdesk.export.report_annex import (
    area_results,
    methodology,
    photo_appendix,
    report_photos,
    sign_off,
)
from auditdesk.export.report_canvas import PageDecoration, ReportCanvas, StampSpot
from auditdesk.export.report_context import MARGIN, ReportContext
from auditdesk.export.report_sections import cap_table, cover, executive_summary, findings
from auditdesk.export.sheets_summary import TRAINING_MARK
from auditdesk.export.texts import Words

if TYPE_CHECKING:
    from auditdesk.signing.keystore import SigningIdentity


@dataclass(frozen=True)
class ReportPdf:
    pdf: bytes
    pages: int
    stamp_page: int
    """0-based page holding the signature box."""
    stamp_box: tuple[float, float, float, float]
    """The box, in PDF points from the page's bottom-left corner."""


def _decoration(data: AuditExport, words: Words) -> PageDecoration:
    return PageDecoration(
        running_title=f"{data.site.name} · {words('Labour conditions audit report')}",
        footer_left=words("Confidential"),
        document_id=data.document_id,
        page_label=words("Page {page} of {pages}"),
        watermark=words(TRAINING_MARK) if data.audit.training else "",
    )


def build_report(
    data: AuditExport,
    images: Mapping[str, bytes] | None = None,
    *,
    signer: tuple[str, str] | None = None,
) -> ReportPdf:
    """Lay the report out; ``images`` are attachment contents by attachment UUID (the
    export's own by default); ``signer`` (name, organisation) heads the sign-off page
    when the report is to be signed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    ctx = ReportContext(data)
    words = ctx.words
    found_images = dict(images if images is not None else data.images)
    spot = StampSpot()
    story: list[Any] = [
        *cover(ctx),
        *executive_summary(ctx),
        *findings(ctx),
        *cap_table(ctx),
        *area_results(ctx),
        *methodology(ctx),
        *photo_appendix(ctx, found_images),
        *sign_off(ctx, found_images, spot, signer),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=52,
        bottomMargin=58,
        title=f"{words('Labour conditions audit report')}: {data.site.name}",
        author=data.audit.lead_auditor,
        subject=data.document_id,
        creator="AuditDesk",
        lang=words.language,
    )
    document.build(story, canvasmaker=partial(ReportCanvas, decoration=_decoration(data, words)))
    return ReportPdf(
        pdf=buffer.getvalue(),
        pages=int(document.page),
        stamp_page=spot.page_index,
        stamp_box=spot.box,
    )


def sign_report(report: ReportPdf, identity: SigningIdentity, data: AuditExport) -> bytes:
    """The report with the auditor's PAdES signature stamped in the sign-off box."""
    from auditdesk.signing.pdf_signing import StampLabels, StampPlacement, sign_pdf

    words = Words(data.settings.language)
    place = ", ".join(part for part in (data.site.city, data.site.country) if part)
    return sign_pdf(
        report.pdf,
        identity,
        stamp=StampPlacement(report.stamp_page, report.stamp_box),
        labels=StampLabels(heading=words("Digitally signed by"), time_label=words("Date:")),
        reason=words("Audit report sign-off"),
        location=place or None,
    )


__all__ = ["ReportPdf", "build_report", "report_photos", "sign_report"]
