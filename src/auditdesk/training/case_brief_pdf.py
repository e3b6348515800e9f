"""The case brief as course material (PDF): the trainee pack, then one role-play script per
page for the trainer's helpers. The look is the audit report's (fonts and colours from
:mod:`auditdesk.export.report_style`), so a trainee learns to read the same documents.
"""

from __future__ import annotations

import enum
import io
from typing import Any

from auditdesk.export.report_canvas import PageDecoration, ReportCanvas
from auditdesk.export.report_style import (
    ALERT,
    ALERT_LIGHT,
    MUTED,
    PRIMARY,
    PRIMARY_LIGHT,
    RULE,
    escape,
    multiline,
    styles,
)
from auditdesk.training.case_brief import KIND_NAMES, BriefDocument, CaseBrief, RoleplayScript

PAPER = "#fbf8f0"
PAPER_EDGE = "#d9cfb8"


class BriefPart(enum.StrEnum):
    ALL = "all"
    TRAINEE = "trainee"
    SCRIPTS = "scripts"


def build_brief_pdf(brief: CaseBrief, part: BriefPart = BriefPart.ALL) -> bytes:
    """The brief's PDF bytes: the trainee pack, the role-play scripts, or both."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    story: list[Any] = []
    if part is not BriefPart.SCRIPTS:
        story += _trainee_pack(brief)
    if part is not BriefPart.TRAINEE:
        if story:
            story.append(PageBreak())
        story += _scripts(brief)
    code = f"Case {brief.code} · " if brief.code else ""
    decoration = PageDecoration(
        running_title=f"{code}{brief.case.site.name}",
        footer_left="AuditDesk training · fictional case",
        document_id="All names invented",
        page_label="page {page} of {pages}",
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"Case brief: {brief.case.title}",
        author="AuditDesk",
        subject="Training case brief (fictional)",
    )
    document.build(story, canvasmaker=lambda *a, **k: ReportCanvas(*a, decoration=decoration, **k))
    return buffer.getvalue()


def _box(content: list[Any], fill: str, edge: str, width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table([[content]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill)),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor(edge)),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(edge)),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return table


def _trainee_pack(brief: CaseBrief) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    style = styles()
    width = 170 * mm
    code = f"CASE {escape(brief.code)} · " if brief.code else ""
    story: list[Any] = [
        Paragraph(f"{code}AUDITDESK TRAINING · CASE BRIEF FOR TRAINEES", style["small"]),
        Paragraph(escape(brief.case.site.name), style["title"]),
        Paragraph(escape(brief.case.title), style["subtitle"]),
        _box(
            [
                Paragraph(
                    "<b>Fictional case for training.</b> Every company, place, product and "
                    "person is invented; figures are training figures. Work in AuditDesk's "
                    "training mode (<font face='Courier'>auditdesk --training</font>): "
                    "everything you record there is marked as training data.",
                    style["body"],
                )
            ],
            PRIMARY_LIGHT,
            PRIMARY,
            width,
        ),
        Spacer(1, 4 * mm),
        Paragraph("Your assignment", style["h1"]),
        *(Paragraph(escape(text), style["lead"]) for text in brief.assignment),
        Paragraph("The site", style["h1"]),
        *(Paragraph(escape(text), style["body"]) for text in brief.site),
        Spacer(1, 2 * mm),
        _facts_table(brief, width),
    ]
    if brief.sample is not None:
        sample = brief.sample
        groups = " and ".join(str(size) for size in sample.group_sizes) or "none"
        story += [
            Paragraph("Interview sample", style["h2"]),
            Paragraph(
                f"With {sample.headcount} workers, plan about {sample.interviews} worker "
                f"interviews (√N, rounded up): {sample.individual} individual and "
                f"{sample.in_groups} in groups ({groups}). Cover every contract type, shift "
                "and work type, agency and home-based workers included; choose the "
                "interviewees yourselves, interview in private and in the worker's language, "
                "record a code (W-07), never a name, and never ask a group about anyone's pay.",
                style["body"],
            ),
        ]
    story += _documents(brief, width)
    return story


def _facts_table(brief: CaseBrief, width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    style = styles()
    rows = [
        [Paragraph(escape(label), style["cell_bold"]), Paragraph(escape(text), style["cell"])]
        for label, text in brief.facts
    ]
    table = Table(rows, colWidths=[38 * mm, width - 38 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(RULE)),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _documents(brief: CaseBrief, width: float) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph

    style = styles()
    story: list[Any] = [
        Paragraph("Documents", style["h1"]),
        Paragraph(
            "Excerpts of documents you will be shown or given during the visit. Read them "
            "before the visit and note what you need to check in interviews and records.",
            style["body"],
        ),
    ]
    for number, document in enumerate(brief.documents, start=1):
        story.append(KeepTogether(_document(number, document, width)))
    return story


def _document(number: int, document: BriefDocument, width: float) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, Spacer

    style = styles()
    heading = Paragraph(f"Document {number}. {escape(document.title)}", style["h2"])
    parts: list[Any] = []
    if document.source:
        parts.append(Paragraph(f"<i>{escape(document.source)}</i>", style["small"]))
    if document.kind == "payslip":
        parts.append(Paragraph(multiline(document.text), style["cell"]))
        parts.append(Spacer(1, 2 * mm))
        parts.append(_payslip_table(document, width - 20 * mm))
    elif document.kind == "photo" and document.photo is not None:
        from reportlab.lib.utils import ImageReader

        picture_width = width - 20 * mm
        image_width, image_height = ImageReader(str(document.photo)).getSize()
        height = picture_width * image_height / image_width
        parts.append(Image(str(document.photo), width=picture_width, height=height))
        if document.caption:
            parts.append(Paragraph(escape(document.caption), style["small"]))
    else:
        parts.append(Spacer(1, 1 * mm))
        parts.append(Paragraph(multiline(document.text), style["body"]))
    return [heading, _box(parts, PAPER, PAPER_EDGE, width), Spacer(1, 3 * mm)]


def _payslip_table(document: BriefDocument, width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    style = styles()
    rows = []
    for line in document.payslip_lines:
        if line.amount is None:
            amount = ""
        elif line.label.lower().startswith(("hours", "task time")):
            amount = f"{line.amount:,.1f}"
        else:
            amount = f"{document.currency} {line.amount:,.2f}"
        label = Paragraph(escape(line.label), style["cell"])
        rows.append([label, Paragraph(amount, style["cell"])])
    table = Table(rows, colWidths=[width - 40 * mm, 40 * mm])
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor(PAPER_EDGE)),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.HexColor(MUTED)),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _scripts(brief: CaseBrief) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph

    style = styles()
    width = 170 * mm
    story: list[Any] = [
        Paragraph("ROLE-PLAY SCRIPTS · FOR THE TRAINER'S HELPERS", style["small"]),
        Paragraph("Interview role-play scripts", style["title"]),
        _box(
            [
                Paragraph(
                    "<b>Do not hand these pages to trainees.</b> Give each helper their own "
                    "page. Play the person as written: answer what you are asked, in your "
                    "own words; volunteer nothing from 'What you hide' unless the trainee "
                    "asks in the way described. A trainee who builds trust, interviews in "
                    "private and asks open, specific questions should learn more than one "
                    "who reads the checklist aloud.",
                    style["body"],
                )
            ],
            ALERT_LIGHT,
            ALERT,
            width,
        ),
        Paragraph("Interviewees", style["h2"]),
        *(
            Paragraph(
                f"<b>{escape(script.respondent)}</b> · {KIND_NAMES[script.kind]} · "
                f"{escape(script.profile)}",
                style["bullet"],
                bulletText="•",
            )
            for script in brief.scripts
        ),
    ]
    for script in brief.scripts:
        story.append(PageBreak())
        story += _script(script, width)
    return story


def _script(script: RoleplayScript, width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    style = styles()
    band = Table(
        [
            [
                Paragraph(
                    f"<font size='16'><b>{escape(script.respondent)}</b></font>",
                    style["cell_head"],
                ),
                Paragraph(
                    f"{KIND_NAMES[script.kind]}<br/>role-play script · not for trainees",
                    style["cell_head"],
                ),
            ]
        ],
        colWidths=[30 * mm, width - 30 * mm],
    )
    band.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(PRIMARY)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story: list[Any] = [band, Spacer(1, 4 * mm)]
    if script.profile:
        story.append(
            Paragraph(f"<b>Profile</b> (as recorded): {escape(script.profile)}", style["small"])
        )
    story += [Paragraph("Who you are", style["h2"]), Paragraph(escape(script.who), style["body"])]
    if script.setting:
        story += [
            Paragraph("Where and when", style["h2"]),
            Paragraph(escape(script.setting), style["body"]),
        ]
    if script.opening:
        story += [
            Paragraph("How you start", style["h2"]),
            Paragraph(escape(script.opening), style["body"]),
        ]
    story.append(Paragraph("What you say if asked well", style["h2"]))
    story += [Paragraph(escape(text), style["bullet"], bulletText="•") for text in script.says]
    story.append(Paragraph("What you hide", style["h2"]))
    if not script.hides:
        story.append(Paragraph("Nothing: you answer openly.", style["body"]))
        return story
    rows = [[Paragraph("You hide", style["cell_head"]), Paragraph("Unless", style["cell_head"])]]
    rows += [
        [Paragraph(escape(h.fact), style["cell"]), Paragraph(escape(h.reveals_if), style["cell"])]
        for h in script.hides
    ]
    table = Table(rows, colWidths=[width / 2, width / 2], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(ALERT)),
                ("BACKGROUND", (0, 1), (-1, -1), colors.HexColor(ALERT_LIGHT)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor(RULE)),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(table)
    return story
