"""``auditdesk score UUID``: area scores, the 0–10 rating, alerts and findings of one audit."""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING

import click

from auditdesk.appoptions import AppOptions

if TYPE_CHECKING:
    from auditdesk.method.result import AuditAssessment


@click.command(name="score")
@click.argument("audit_uuid")
@click.option("--json", "as_json", is_flag=True, help="Print the assessment as JSON.")
@click.option(
    "--language",
    type=click.Choice(["en", "fr", "es"]),
    default="en",
    show_default=True,
    help="Language of area names, criterion titles and corrective actions.",
)
@click.option(
    "--site-facing",
    is_flag=True,
    help="Leave out respondent codes and record ids (for sharing with the site).",
)
@click.pass_obj
def command(
    options: AppOptions, audit_uuid: str, as_json: bool, language: str, site_facing: bool
) -> None:
    """Score an audit: zero-tolerance alerts first, then the rating, areas and findings."""
    # Heavy imports here, so `auditdesk --help` never pays for SQLAlchemy or pyxform.
    from auditdesk.cli.commands._storage_access import open_repository
    from auditdesk.formengine.problems import FormLoadError
    from auditdesk.method.criteria import CriteriaError
    from auditdesk.method.evidence import EvidenceError
    from auditdesk.method.stored_audit import assess_stored_audit

    try:
        with open_repository(options) as repository:
            assessment = assess_stored_audit(
                repository,
                repository.resolve_audit_uuid(audit_uuid),
                today=datetime.date.today(),
                language=language,
            )
    except (FormLoadError, CriteriaError, EvidenceError) as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        payload = assessment.to_json(confidential=not site_facing)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(assessment, site_facing=site_facing))


def render_text(assessment: AuditAssessment, *, site_facing: bool = False) -> str:
    """The plain-text report: alerts, rating, areas, findings with their deadlines."""
    from auditdesk.method.areas import area_name

    language = assessment.language
    lines: list[str] = []
    if assessment.alerts:
        lines.append("ZERO-TOLERANCE ALERTS")
        for alert in assessment.alerts:
            lines.append(f"  ! {alert.criterion}  {alert.title}")
            lines.extend(f"      {text}" for text in alert.evidence)
        lines.append("")
    rating = assessment.rating
    rating_line = f"Rating: {rating.score}/{rating.maximum}"
    if rating.capped:
        rating_line += f" (capped by the zero-tolerance alert; {rating.points} before the cap)"
    lines.append(rating_line)
    met = [t.code for t in rating.thresholds if t.met]
    lines.append(f"  Fairwork thresholds met: {', '.join(met) if met else 'none'}")
    lines.append("")
    lines.append("Areas")
    for area in assessment.areas:
        score = "not assessed" if area.score is None else f"{area.score:5.1f}"
        detail = (
            f"  ({area.assessed} assessed, {area.not_applicable} n/a, "
            f"{area.not_assessed} not assessed)"
            if area.score is not None
            else ""
        )
        lines.append(f"  {area.code}  {area_name(area.code, language):<50} {score}{detail}")
    lines.append("")
    findings = assessment.findings
    withdrawn = sum(f.withdrawn for f in findings)
    lines.append(f"Findings ({len(findings) - withdrawn} standing, {withdrawn} withdrawn)")
    if not findings:
        lines.append("  none")
    for finding in findings:
        if site_facing:
            finding = finding.site_facing()
        cap = finding.cap
        if finding.withdrawn:
            due = f"withdrawn: {finding.withdrawn_reason}"
        elif cap.at_next_audit:
            due = "check at the next audit"
        else:
            parts = []
            if cap.plan_due:
                parts.append(f"plan by {cap.plan_due.isoformat()}")
            if cap.verify_due:
                parts.append(f"verify by {cap.verify_due.isoformat()}")
            due = ", ".join(parts)
        lines.append(
            f"  {finding.severity.value:<8} {finding.criterion:<4} {finding.title}"
            f"  [{cap.status.value}] {due}"
        )
        lines.extend(f"      contradiction: {text}" for text in finding.contradictions)
        if not finding.supported:
            lines.append("      note: the answers no longer support this finding; review it")
    return "\n".join(lines)
