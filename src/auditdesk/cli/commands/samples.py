"""``auditdesk samples``: list the bundled sample audits and install them for practice."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import click

from auditdesk.appoptions import AppOptions


@click.group(name="samples")
def command() -> None:
    """Fictional sample audits, for training and for trying AuditDesk out."""


@command.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of text.")
def list_samples(as_json: bool) -> None:
    """The sample cases bundled with AuditDesk."""
    from auditdesk.training.case_files import SampleCaseError
    from auditdesk.training.samples import list_cases

    try:
        cases = list_cases()
    except SampleCaseError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        payload = [
            {
                "id": case.id,
                "title": case.title,
                "summary": case.summary,
                "audit_uuid": case.audit_uuid,
                "records": case.records,
            }
            for case in cases
        ]
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not cases:
        click.echo("No sample cases are bundled with this build.")
    for case in cases:
        click.echo(f"{case.id}  {case.title}")
        click.echo(f"    audit {case.audit_uuid}, {case.records} form records")


@command.command(name="load")
@click.argument("case_ids", metavar="[CASE]...", nargs=-1)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database to load into (overrides the global --db).",
)
@click.pass_obj
def load(options: AppOptions, case_ids: tuple[str, ...], db: Path | None) -> None:
    """Install sample audits (all bundled ones when no CASE is given).

    \b
    Each sample becomes a completed audit marked as training data, with its
    interviews, document review, observation and photos. Loading again finds
    the same audit (fixed UUIDs) and only restores what was changed since.
    `auditdesk --training samples load` puts them in the training database.
    Then: auditdesk score AUDIT_UUID
    """
    from auditdesk.cli.commands._storage_access import open_repository
    from auditdesk.jobs import Progress
    from auditdesk.training.case_files import SampleCaseError
    from auditdesk.training.samples import list_cases, load_case

    if db is not None:
        options = replace(options, db_path=db.expanduser())
    try:
        wanted = list(case_ids) or [case.id for case in list_cases()]
    except SampleCaseError as error:
        raise click.ClickException(str(error)) from None
    if not wanted:
        raise click.ClickException("no sample cases are bundled with this build")
    progress = Progress(callback=_report if sys.stderr.isatty() else None)
    with open_repository(options, create=True) as repository:
        for case_id in wanted:
            try:
                audit_uuid = load_case(repository, case_id, progress=progress)
            except SampleCaseError as error:
                raise click.ClickException(str(error)) from None
            click.echo(f"{case_id}: training audit {audit_uuid} in {options.db_path}")


def _report(done: int, total: int, message: str) -> None:
    click.echo(f"  [{done}/{total}] {message}", err=True)
