"""The report's opening sections: cover, executive summary, findings and the CAP table."""

from __future__ import annotations

from collections import Counter
from typing import Any

from auditdesk.domain import RecordKind, Severity
from auditdesk.export.audience import source_text
from auditdesk.export.report_chart import area_chart
from auditdesk.export.report_context import CONTENT_WIDTH, Plain, ReportContext
from auditdesk.export.report_style import ALERT, ALERT_LIGHT, PRIMARY, PRIMARY_LIGHT, escape
from auditdesk.export.sheets_summary import finding_evidence, finding_notes
from auditdesk.export.texts import enum_words
from auditdesk.method.areas import MAX_RATING
from auditdesk.method.evidence import Outcome
from auditdesk.method.findings import AssessedFinding
from auditdesk.method.scoring import ZeroToleranceAlert

SEVERITIES = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)


def _boxed(ctx: ReportContext, rows: list[Any], fill: str, border: str) -> Any:
    """A tinted box with a coloured left rule; each item is a row, so it splits on pages."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    box = Table([[row] for row in rows], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill)),
        ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(border)),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
    ]))
    return box


def alert_evidence(ctx: ReportContext, alert: ZeroToleranceAlert) -> list[str]:
    """The alert's evidence; for the site, rebuilt from counts (no worker quotes)."""
    if not ctx.site_facing:
        return list(alert.evidence)
    result = ctx.data.assessment.result_for(alert.criterion)
    settings = ctx.data.settings
    return [
        source_text(obs, audience=settings.audience, min_respondents=settings.min_respondents,
                    words=ctx.words)
        for obs in result.sources.values()
        if obs.outcome is Outcome.NON_COMPLIANT
    ]


def alerts_box(ctx: ReportContext, *, with_evidence: bool) -> list[Any]:
    """The zero-tolerance alerts, first thing on the cover (titles) and in the summary."""
    alerts = ctx.data.assessment.alerts
    if not alerts:
        return []
    w = ctx.words
    rows: list[Any] = [ctx.paragraph(w("Zero-tolerance alerts") + f" ({len(alerts)})",
                                     "alert_head")]
    for alert in alerts:
        evidence = alert_evidence(ctx, alert) if with_evidence else []
        rows.append([
            ctx.paragraph(f"<b>{escape(alert.criterion)}</b> · {escape(alert.title)}", "alert",
                          markup=True),
            *(ctx.paragraph("• " + line, "small") for line in evidence),
        ])
    if not with_evidence:
        rows.append(ctx.paragraph(w("The evidence for each alert is set out under Findings."),
                                  "small"))
    return [_boxed(ctx, rows, ALERT_LIGHT, ALERT)]


def cover(ctx: ReportContext) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

    data, w = ctx.data, ctx.words
    audit, site, rating = data.audit, data.site, data.assessment.rating
    place = ", ".join(part for part in (site.city, site.country) if part)
    audience_line = (
        w("Site report: worker results are shown only in aggregate")
        if ctx.site_facing
        else w("Confidential: for the commissioning organisation")
    )
    facts = [
        (w("Audit type"), w(enum_words(audit.audit_type.value)).capitalize()),
        (w("Audit dates"), f"{ctx.date(audit.started_on)} – {ctx.date(audit.ended_on)}"),
        (w("Lead auditor"), audit.lead_auditor or "—"),
        (w("Audit team"), ", ".join(audit.team) or "—"),
        (w("Workforce (headcount)"), str(site.headcount) if site.headcount else "—"),
        (w("Supply-chain position"), w(site.position.value.replace("_", " ")).capitalize()),
        (w("Report date"), ctx.date(data.assessment.report_date)),
        (w("Document ID"), data.document_id),
    ]
    fact_rows = [[ctx.paragraph(label, "small"), ctx.paragraph(value, "cell_bold")]
                 for label, value in facts]
    fact_table = Table(fact_rows, colWidths=[110, 210])
    fact_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    rating_note = w("Fairwork-style rating")
    if rating.capped:
        rating_note += " · " + w("capped by a zero-tolerance alert ({points} points before)",
                                 points=rating.points)
    rating_box = Table(
        [[ctx.paragraph(f"{rating.score}<font size=18>/{MAX_RATING}</font>", "rating",
                        markup=True)], [ctx.paragraph(rating_note, "rating_label")]],
        colWidths=[170],
    )
    rating_box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(PRIMARY_LIGHT)),
        ("TOPPADDING", (0, 0), (-1, 0), 16),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 14),
        ("LINEABOVE", (0, 0), (-1, 0), 3, colors.HexColor(PRIMARY)),
    ]))
    layout = Table([[fact_table, rating_box]], colWidths=[CONTENT_WIDTH - 180, 180])
    layout.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [
        Spacer(1, 40),
        ctx.paragraph(w("LABOUR CONDITIONS AUDIT REPORT"), "small"),
        Spacer(1, 6),
        ctx.paragraph(site.name, "title"),
        ctx.paragraph(f"{site.organisation} · {place}" if place else site.organisation,
                      "subtitle"),
        _boxed(ctx, [ctx.paragraph(audience_line, "cell_bold")], PRIMARY_LIGHT, PRIMARY),
        Spacer(1, 22),
        layout,
        Spacer(1, 22),
        *alerts_box(ctx, with_evidence=False),
        PageBreak(),
    ]


def _record_counts(ctx: ReportContext) -> Counter[RecordKind]:
    return Counter(item.record.kind for item in ctx.data.records)


def executive_summary(ctx: ReportContext) -> list[Any]:
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    data, w = ctx.data, ctx.words
    audit, site, assessment = data.audit, data.site, data.assessment
    counts = _record_counts(ctx)
    standing = [f for f in assessment.findings if not f.withdrawn]
    by_severity = Counter(f.severity for f in standing)
    rating = assessment.rating
    met = [t.code for t in rating.thresholds if t.met]
    scored = [a for a in assessment.areas if a.score is not None]
    text = [
        w("This report presents the results of a {type} audit of {site} ({organisation}), "
          "carried out from {start} to {end}.",
          type=w(enum_words(audit.audit_type.value)), site=site.name,
          organisation=site.organisation, start=ctx.date(audit.started_on),
          end=ctx.date(audit.ended_on)),
        w("The auditors compared four sources of evidence: {documents} document review(s), "
          "{management} management interview(s), {workers} individual worker interview(s) "
          "and {groups} group interview(s), and {observations} site observation(s).",
          documents=counts[RecordKind.DOCUMENT_REVIEW] + counts[RecordKind.SITE_PROFILE],
          management=counts[RecordKind.MANAGEMENT_INTERVIEW],
          workers=counts[RecordKind.WORKER_INTERVIEW],
          groups=counts[RecordKind.WORKER_GROUP_INTERVIEW],
          observations=counts[RecordKind.SITE_OBSERVATION]),
        w("The site scores {score} out of {maximum} on the Fairwork-style rating "
          "({met} of {maximum} thresholds met).", score=rating.score, maximum=MAX_RATING,
          met=len(met)),
    ]
    if rating.capped:
        text.append(w("The rating is capped because a zero-tolerance alert stands; "
                      "without it the site would score {points}.", points=rating.points))
    text.append(w("The audit raised {total} finding(s): {critical} critical, {major} major "
                  "and {minor} minor, each with a corrective action and a deadline.",
                  total=len(standing), critical=by_severity[Severity.CRITICAL],
                  major=by_severity[Severity.MAJOR], minor=by_severity[Severity.MINOR]))
    if scored:
        best = max(scored, key=lambda a: a.score or 0.0)
        worst = min(scored, key=lambda a: a.score or 0.0)
        text.append(w("The strongest area is {best} ({best_score:.0f}/100); the weakest is "
                      "{worst} ({worst_score:.0f}/100).", best=ctx.area(best.code),
                      best_score=best.score, worst=ctx.area(worst.code),
                      worst_score=worst.score))
    flow: list[Any] = [ctx.paragraph(w("Executive summary"), "h1")]
    flow.extend(ctx.paragraph(paragraph, "lead") for paragraph in text)
    chart = area_chart(assessment.areas, {a.code: ctx.area(a.code) for a in assessment.areas},
                       CONTENT_WIDTH, w("not assessed"))
    flow.append(KeepTogether([
        ctx.paragraph(w("Area scores"), "h2"),
        ctx.paragraph(w("Share of the area's assessed criteria met (partly met counts half), "
                        "0–100."), "small"),
        Spacer(1, 6),
        chart,
    ]))
    flow.append(PageBreak())
    return flow


def _finding_block(ctx: ReportContext, finding: AssessedFinding) -> list[Any]:
    from reportlab.platypus import Spacer

    w = ctx.words
    cap = finding.cap
    head = f"{ctx.severity(finding.severity.value)}&nbsp;&nbsp;<b>{escape(finding.criterion)}" \
        f" · {escape(finding.title)}</b>"
    meta = [f"{w('Area')} {finding.area} — {escape(ctx.area(finding.area))}"]
    if finding.result is not None:
        meta.append(f"{w('Result')}: {ctx.outcome(finding.result.value)}")
    if not finding.supported:
        meta.append(escape(w("no longer supported by the answers: under review")))
    parts: list[Any] = [ctx.paragraph(head, "h3", markup=True),
                        ctx.paragraph(" · ".join(meta), "small", markup=True)]
    evidence = finding_evidence(finding, ctx.data)
    if evidence:
        parts.append(ctx.paragraph(w("Evidence"), "label"))
        parts.extend(ctx.paragraph("• " + line, "bullet") for line in evidence)
    notes = finding_notes(finding, ctx.data)
    if notes:
        parts.append(ctx.paragraph(w("Sources disagree"), "label"))
        parts.extend(ctx.paragraph("• " + line, "bullet") for line in notes)
    due = (w("at the next audit") if cap.at_next_audit else
           f"{w('plan by')} {ctx.date(cap.plan_due)} · {w('verified by')} "
           f"{ctx.date(cap.verify_due)}")
    parts.append(ctx.paragraph(
        f"<b>{escape(w('Corrective action'))}:</b> {escape(cap.action or '—')}<br/>"
        f"<b>{escape(w('Responsible'))}:</b> {escape(cap.responsible_party or '—')} · "
        f"<b>{escape(w('Due'))}:</b> {escape(due)}", "body", markup=True))
    parts.append(Spacer(1, 6))
    return parts


def findings(ctx: ReportContext) -> list[Any]:
    from reportlab.platypus import PageBreak

    w = ctx.words
    all_findings = ctx.data.assessment.findings
    flow: list[Any] = [ctx.paragraph(w("Findings"), "h1")]
    if not all_findings:
        flow.append(ctx.paragraph(w("The audit raised no findings."), "lead"))
    for severity in SEVERITIES:
        group = [f for f in all_findings if f.severity is severity and not f.withdrawn]
        if not group:
            continue
        flow.append(ctx.paragraph(
            w({"critical": "Critical findings", "major": "Major findings",
               "minor": "Minor findings"}[severity.value]) + f" ({len(group)})", "h2"))
        for finding in group:
            flow.extend(_finding_block(ctx, finding))
    withdrawn = [f for f in all_findings if f.withdrawn]
    if withdrawn:
        flow.append(ctx.paragraph(w("Withdrawn findings"), "h2"))
        flow.extend(
            ctx.paragraph(f"{f.criterion} · {f.title}: {f.withdrawn_reason or '—'}", "small")
            for f in withdrawn
        )
    flow.append(PageBreak())
    return flow


def cap_table(ctx: ReportContext) -> list[Any]:
    from reportlab.platypus import PageBreak

    w = ctx.words
    standing = [f for f in ctx.data.assessment.findings if not f.withdrawn]
    flow: list[Any] = [
        ctx.paragraph(w("Corrective action plan"), "h1"),
        ctx.paragraph(w("Critical findings need a plan within 7 days and verification within "
                        "30; major findings within 14 and 90 days; minor findings are checked "
                        "at the next audit."), "body"),
    ]
    if not standing:
        flow.append(ctx.paragraph(w("No corrective action is required."), "lead"))
        return [*flow, PageBreak()]
    rows = []
    for finding in standing:
        cap = finding.cap
        rows.append([
            Plain(finding.criterion),
            ctx.severity(finding.severity.value),
            escape(cap.action or finding.title),
            escape(cap.responsible_party),
            escape(w("next audit")) if cap.at_next_audit else Plain(ctx.short_date(cap.plan_due)),
            escape(w("next audit")) if cap.at_next_audit
            else Plain(ctx.short_date(cap.verify_due)),
            escape(w(enum_words(cap.status.value))),
        ])
    widths = [34.0, 54.0, 170.0, 80.0, 60.0, 60.0, 40.0]
    widths[2] = CONTENT_WIDTH - sum(widths) + widths[2]
    flow.append(ctx.table(
        [w("Code"), w("Severity"), w("Corrective action"), w("Responsible"),
         w("Plan by"), w("Verified by"), w("Status")], rows, widths))
    flow.append(PageBreak())
    return flow
