"""``auditdesk audits``: list audits, show one, print and verify its trail."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from auditdesk.appoptions import AppOptions
from auditdesk.cli.commands._storage_access import open_repository, storage_errors

if TYPE_CHECKING:
    from auditdesk.domain import JsonValue


def _day(value: object) -> str:
    return "" if value is None else str(value)


@click.group(name="audits")
def command() -> None:
    """List audits, show one, and check its audit trail."""


@command.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.pass_obj
def list_audits(options: AppOptions, as_json: bool) -> None:
    """Every audit in the database, newest first."""
    with open_repository(options) as repository, storage_errors():
        summaries = repository.list_audits()
    if as_json:
        payload = [
            {
                "uuid": s.uuid,
                "site": s.site,
                "organisation": s.organisation,
                "country": s.country,
                "type": s.audit_type.value,
                "status": s.status.value,
                "started_on": _day(s.started_on) or None,
                "ended_on": _day(s.ended_on) or None,
                "training": s.training,
            }
            for s in summaries
        ]
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not summaries:
        click.echo("No audits yet.")
        return
    for s in summaries:
        mark = "  [training]" if s.training else ""
        click.echo(
            f"{s.uuid}  {s.site} ({s.country})  {s.audit_type.value}  {s.status.value}  "
            f"{_day(s.started_on)}{mark}"
        )


@command.command(name="show")
@click.argument("audit_uuid")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
def show(options: AppOptions, audit_uuid: str, as_json: bool) -> None:
    """An audit's site, type, dates, status and form records with answer counts."""
    with open_repository(options) as repository, storage_errors():
        audit = repository.get_audit(repository.resolve_audit_uuid(audit_uuid))
        site = repository.get_site(audit.site_uuid)
        records = repository.list_form_records(audit.uuid)
        counts = repository.answer_counts(audit.uuid)
    payload: dict[str, JsonValue] = {
        "uuid": audit.uuid,
        "site": site.name,
        "organisation": site.organisation,
        "country": site.country,
        "city": site.city,
        "type": audit.audit_type.value,
        "status": audit.status.value,
        "planned_start": _day(audit.planned_start) or None,
        "started_on": _day(audit.started_on) or None,
        "ended_on": _day(audit.ended_on) or None,
        "lead_auditor": audit.lead_auditor,
        "team": list(audit.team),
        "training": audit.training,
        "records": [
            {
                "uuid": r.uuid,
                "form_id": r.form_id,
                "form_version": r.form_version,
                "kind": r.kind.value,
                "respondent": r.respondent_code,
                "consent_given": r.consent_given,
                "status": r.status.value,
                "answers": counts.get(r.uuid, 0),
            }
            for r in records
        ],
    }
    if as_json:
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(f"Audit {audit.uuid}{'  [training]' if audit.training else ''}")
    click.echo(f"  site: {site.name}, {site.organisation} ({site.city or '-'}, {site.country})")
    click.echo(f"  type: {audit.audit_type.value}   status: {audit.status.value}")
    click.echo(
        f"  dates: planned {_day(audit.planned_start) or '-'}, "
        f"{_day(audit.started_on) or '-'} to {_day(audit.ended_on) or '-'}"
    )
    click.echo(f"  form records: {len(records)}")
    for r in records:
        click.echo(
            f"    {r.respondent_code:<6} {r.kind.value:<24} {r.form_id} v{r.form_version}  "
            f"{r.status.value:<12} {counts.get(r.uuid, 0)} answers"
        )


@command.command(name="trail")
@click.argument("audit_uuid")
@click.option("--verify", is_flag=True, help="Check the hash chain; exit 1 when it is broken.")
@click.pass_obj
def trail(options: AppOptions, audit_uuid: str, verify: bool) -> None:
    """An audit's trail: every answer change, status change and export."""
    with open_repository(options) as repository, storage_errors():
        uuid = repository.resolve_audit_uuid(audit_uuid)
        if verify:
            result = repository.verify_trail(uuid)
        else:
            entries = repository.list_trail(uuid)
    if verify:
        if result.ok:
            click.echo(f"Audit trail of {uuid} is intact ({result.entries} entries).")
            return
        click.echo(
            f"Audit trail of {uuid} is BROKEN at entry {result.first_broken_seq}: {result.problem}."
        )
        raise click.exceptions.Exit(1)
    for entry in entries:
        where = " ".join(part for part in (entry.record_uuid or "", entry.path or "") if part)
        change = ""
        if entry.old_value is not None or entry.new_value is not None:
            change = (
                f" {json.dumps(entry.old_value, ensure_ascii=False)} → "
                f"{json.dumps(entry.new_value, ensure_ascii=False)}"
            )
        reason = f" (reason: {entry.reason})" if entry.reason else ""
        click.echo(
            f"{entry.seq:>5} {entry.at.isoformat(timespec='seconds')} {entry.auditor}: "
            f"{entry.kind.value} {where}{change}{reason}".rstrip()
        )
