"""The calibration report as a PDF: one comparison table, then a section per trainee.

The look (fonts, colours, page decoration) is the audit report's, from
:mod:`auditdesk.export.report_style` and :mod:`auditdesk.export.report_canvas`, so course
material and audit reports read alike.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from auditdesk.export.report_canvas import PageDecoration, ReportCanvas
from auditdesk.export.report_style import (
    PRIMARY,
    PRIMARY_LIGHT,
    RESULT_COLOURS,
    RULE,
    SEVERITY_COLOURS,
    escape,
    styles,
)
from auditdesk.method.evidence import Outcome
from auditdesk.training.calibration import (
    CATEGORIES,
    CalibrationReport,
    TraineeCalibration,
)

AREAS = "ABCDEFGHIJKL"
RESULT_WORDS = {
    Outcome.COMPLIANT: "compliant",
    Outcome.PARTLY: "partly",
    Outcome.NON_COMPLIANT: "non-compliant",
    Outcome.NOT_APPLICABLE: "not applicable",
    Outcome.NOT_ASSESSED: "not assessed",
}


def kappa_words(kappa: float | None) -> str:
    """The usual verbal bands for kappa (Landis and Koch, 1977)."""
    if kappa is None:
        return "undefined"
    for limit, words in (
        (0.0, "poor"),
        (0.2, "slight"),
        (0.4, "fair"),
        (0.6, "moderate"),
        (0.8, "substantial"),
    ):
        if kappa <= limit:
            return words
    return "almost perfect"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _kappa_text(kappa: float | None) -> str:
    return "–" if kappa is None else f"{kappa:.2f}"


def build_calibration_pdf(
    report: CalibrationReport, *, today: datetime.date | None = None
) -> bytes:
    """The report's PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    style = styles()
    today = today or datetime.date.today()
    story: list[Any] = [
        Paragraph("CALIBRATION REPORT", style["small"]),
        Paragraph(escape(report.site_name or "Training case"), style["title"]),
        Paragraph(
            f"{len(report.trainees)} trainee audit(s) compared with the reference audit "
            f"{escape(report.reference_file)} · {today.strftime('%d %B %Y')}",
            style["subtitle"],
        ),
    ]
    story += _method_note(report)
    for warning in report.warnings:
        story.append(Paragraph(f"⚠ {escape(warning)}", style["alert"]))
    story.append(Paragraph("Comparison", style["h1"]))
    story.append(_summary_table(report))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph("Agreement by area", style["h2"]))
    story.append(_area_table(report))
    for trainee in report.trainees:
        story.append(PageBreak())
        story += _trainee_section(trainee)

    buffer = io.BytesIO()
    decoration = PageDecoration(
        running_title=f"Calibration report · {report.site_name}",
        footer_left="AuditDesk training",
        document_id="Fictional case: for training only",
        page_label="page {page} of {pages}",
    )
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"Calibration report: {report.site_name}",
        author="AuditDesk",
    )
    document.build(story, canvasmaker=lambda *a, **k: ReportCanvas(*a, decoration=decoration, **k))
    return buffer.getvalue()


def _method_note(report: CalibrationReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    style = styles()
    counted = (
        "Criteria either side did not assess are counted: leaving a criterion unassessed "
        "where the reference graded it is a disagreement."
        if report.include_not_assessed
        else "Criteria either side did not assess are left out: the figures measure "
        "judgement on the evidence both gathered."
    )
    return [
        Paragraph(
            "<b>Agreement</b> is the share of criteria a trainee graded as the reference did. "
            "<b>Cohen's kappa</b> corrects that share for the agreement expected by chance "
            "from how often each side used each category (compliant, partly, non-compliant, "
            f"not applicable, not assessed): κ = (p<sub>o</sub> − p<sub>e</sub>) / "
            f"(1 − p<sub>e</sub>); 1 is perfect agreement, 0 no better than chance. {counted}",
            style["body"],
        )
    ]


def _table(rows: list[list[Any]], widths: list[float], extra: list[tuple[Any, ...]]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(PRIMARY)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor(RULE)),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                *extra,
            ]
        )
    )
    return table


def _summary_table(report: CalibrationReport) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    style = styles()
    head = [
        "Trainee audit",
        "Criteria",
        "Agreement",
        "Kappa",
        "",
        "Missed findings",
        "Extra findings",
        "Severity differs",
    ]
    rows: list[list[Any]] = [[Paragraph(text, style["cell_head"]) for text in head]]
    for trainee in report.trainees:
        rows.append(
            [
                Paragraph(escape(trainee.file), style["cell_bold"]),
                Paragraph(f"{trainee.agreed} / {trainee.compared}", style["cell"]),
                Paragraph(f"<b>{_percent(trainee.overall_agreement)}</b>", style["cell"]),
                Paragraph(f"<b>{_kappa_text(trainee.kappa)}</b>", style["cell"]),
                Paragraph(kappa_words(trainee.kappa), style["cell"]),
                Paragraph(_codes(trainee.missed_findings), style["cell"]),
                Paragraph(_codes(trainee.extra_findings), style["cell"]),
                Paragraph(
                    ", ".join(
                        f"{d.criterion} {d.reference}→{d.trainee}"
                        for d in trainee.severity_differences
                    )
                    or "none",
                    style["cell"],
                ),
            ]
        )
    widths = [w * mm for w in (30, 15, 20, 13, 19, 30, 21, 26)]
    return _table(rows, widths, [])


def _codes(findings: Any) -> str:
    items = [
        f'<font color="{SEVERITY_COLOURS.get(f.severity, "#000000")}">{escape(f.criterion)}</font>'
        for f in findings
    ]
    return ", ".join(items) or "none"


def _agreement_colour(value: float | None) -> str:
    if value is None:
        return "#ffffff"
    if value >= 0.85:
        return "#d8eedf"
    if value >= 0.65:
        return "#f8ecd0"
    return "#f6d9d6"


def _area_table(report: CalibrationReport) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    style = styles()
    rows: list[list[Any]] = [
        [Paragraph("Trainee audit", style["cell_head"])]
        + [Paragraph(area, style["cell_head"]) for area in AREAS]
    ]
    extra: list[tuple[Any, ...]] = []
    for line, trainee in enumerate(report.trainees, start=1):
        by_area = {area.area: area for area in trainee.areas}
        cells: list[Any] = [Paragraph(escape(trainee.file), style["cell_bold"])]
        for column, area in enumerate(AREAS, start=1):
            known = by_area.get(area)
            value = known.agreement if known else None
            cells.append(Paragraph(_percent(value), style["cell"]))
            extra.append(
                (
                    "BACKGROUND",
                    (column, line),
                    (column, line),
                    colors.HexColor(_agreement_colour(value)),
                )
            )
        rows.append(cells)
    widths = [40 * mm] + [11.2 * mm] * len(AREAS)
    return _table(rows, widths, extra)


def _trainee_section(trainee: TraineeCalibration) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    style = styles()
    story: list[Any] = [
        Paragraph(escape(trainee.file), style["h1"]),
        Paragraph(
            f"Agreement <b>{_percent(trainee.overall_agreement)}</b> "
            f"({trainee.agreed} of {trainee.compared} criteria) · Cohen's kappa "
            f"<b>{_kappa_text(trainee.kappa)}</b> ({kappa_words(trainee.kappa)})"
            + ("" if trainee.training else " · <b>not marked as training data</b>"),
            style["lead"],
        ),
        Paragraph("Reference (rows) against trainee (columns)", style["h2"]),
    ]
    confusion = trainee.confusion()
    head = [Paragraph("Reference ↓ / trainee →", style["cell_head"])] + [
        Paragraph(RESULT_WORDS[c], style["cell_head"]) for c in CATEGORIES
    ]
    rows: list[list[Any]] = [head]
    extra: list[tuple[Any, ...]] = []
    for line, ref in enumerate(CATEGORIES, start=1):
        rows.append(
            [
                Paragraph(
                    f'<font color="{RESULT_COLOURS[ref.value]}"><b>{RESULT_WORDS[ref]}</b></font>',
                    style["cell"],
                )
            ]
            + [Paragraph(str(confusion[ref][tr] or "·"), style["cell"]) for tr in CATEGORIES]
        )
        extra.append(("BACKGROUND", (line, line), (line, line), colors.HexColor(PRIMARY_LIGHT)))
    story.append(_table(rows, [38 * mm] + [27 * mm] * len(CATEGORIES), extra))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph("Findings", style["h2"]))
    story.append(
        Paragraph(
            f"<b>Missed</b> (in the reference, not in the trainee's audit): "
            f"{_titled(trainee.missed_findings)}<br/>"
            f"<b>Extra</b> (in the trainee's audit only): {_titled(trainee.extra_findings)}<br/>"
            "<b>Severity differs</b>: "
            + (
                "; ".join(
                    f"{escape(d.criterion)} {escape(d.title)}: reference {d.reference}, "
                    f"trainee {d.trainee}"
                    for d in trainee.severity_differences
                )
                or "none"
            ),
            style["body"],
        )
    )
    story.append(Paragraph(f"Disagreements ({len(trainee.disagreements)})", style["h2"]))
    if not trainee.disagreements:
        story.append(Paragraph("None: every criterion graded as the reference did.", style["body"]))
    for item in trainee.disagreements:
        severity = SEVERITY_COLOURS.get(item.severity, "#000000")
        block = [
            Paragraph(
                f"<b>{escape(item.criterion)}</b>  {escape(item.title)} "
                f'<font color="{severity}" size="7.5">{escape(item.severity.upper())}</font>',
                style["h3"],
            ),
            Paragraph(
                f'Reference: <font color="{RESULT_COLOURS[item.reference.value]}"><b>'
                f"{RESULT_WORDS[item.reference]}</b></font> · Trainee: "
                f'<font color="{RESULT_COLOURS[item.trainee.value]}"><b>'
                f"{RESULT_WORDS[item.trainee]}</b></font>",
                style["body"],
            ),
        ]
        if item.guidance:
            block.append(Paragraph(f"<i>What to check:</i> {escape(item.guidance)}", style["body"]))
        if item.references:
            block.append(Paragraph(f"References: {escape(item.references)}", style["small"]))
        story.append(KeepTogether(block))
    return story


def _titled(findings: Any) -> str:
    return (
        "; ".join(
            f'<font color="{SEVERITY_COLOURS.get(f.severity, "#000000")}">'
            f"{escape(f.criterion)}</font> {escape(f.title)} ({escape(f.severity)})"
            for f in findings
        )
        or "none"
    )
