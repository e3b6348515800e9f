"""``auditdesk consolidate``: many auditors' workbooks into one verified master."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

import click


class _Bar:
    """Feeds the core's progress reports to a click progress bar on a terminal."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._shown = 0

    def __call__(self, done: int, total: int, message: str) -> None:
        if total <= 0:
            return
        if self._bar is None:
            self._bar = click.progressbar(
                length=total, label="Consolidating", file=sys.stderr, show_pos=True,
                item_show_func=lambda item: item,
            )
            self._bar.__enter__()
        self._bar.current_item = message[:40]
        if done > self._shown:
            self._bar.update(done - self._shown)
            self._shown = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


@click.command(name="consolidate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The master workbook. If it exists, only new or newer audits are added to it.",
)
@click.option(
    "--trust", "trust_files", multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Trust this certificate or CA (PEM, may hold several). Repeatable.",
)
@click.option(
    "--into", "database_url", default=None, metavar="DATABASE_URL",
    help="Also upsert into this database: a SQLite file path or sqlite:///…, "
    "or postgresql://user@host/db (see docs/reporting-schema.md).",
)
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    help="Count corrective actions overdue as of this date (default: today).",
)
def command(
    inputs: tuple[Path, ...],
    output: Path,
    trust_files: tuple[Path, ...],
    database_url: str | None,
    today: datetime.datetime | None,
) -> None:
    """Consolidate exported audit workbooks (files or folders) into one master workbook.

    Every file is verified and listed in the master's Import log with its status;
    a bad file never stops the others. Exits 0 when the master was written, whatever
    the files' statuses.
    """
    # Imported here so that 'auditdesk --help' loads neither cryptography nor openpyxl.
    from auditdesk.consolidate import ConsolidationError, consolidate
    from auditdesk.jobs import Progress
    from auditdesk.signing.errors import SigningError
    from auditdesk.signing.keystore import KeyStore
    from auditdesk.signing.trust import trust_roots

    try:
        roots = trust_roots(trust_files, keystore=KeyStore())
    except SigningError as error:
        raise click.ClickException(str(error)) from None
    bar = _Bar() if sys.stderr.isatty() else None
    try:
        report = consolidate(
            list(inputs), output, trust_roots=roots, into=database_url,
            today=today.date() if today else None, progress=Progress(callback=bar),
        )
    except ConsolidationError as error:
        raise click.ClickException(str(error)) from None
    finally:
        if bar is not None:
            bar.close()
    _print_report(report)


def _print_report(report: Any) -> None:
    from auditdesk.consolidate import InputStatus, Outcome

    statuses: dict[InputStatus, int] = {}
    for entry in report.entries:
        statuses[entry.status] = statuses.get(entry.status, 0) + 1
    verb = "updated" if report.incremental else "written"
    click.echo(
        f"Master {verb}: {report.output} — {report.audits} audits, "
        f"{report.conflicts} conflicts ({report.new_conflicts} new)"
    )
    click.echo(f"{len(report.entries)} files read:")
    for status in InputStatus:
        if statuses.get(status):
            click.echo(f"  {statuses[status]:>5}  {status.label}")
    left_out = [
        e for e in report.entries
        if not e.status.consolidated and e.outcome is not Outcome.UNCHANGED
    ]
    if left_out:
        click.echo("Not consolidated:")
        for entry in left_out:
            reason = f" ({entry.reason})" if entry.reason else ""
            click.echo(f"  {entry.path}: {entry.status.label}{reason}")
    if report.database is not None:
        db = report.database
        click.echo(
            f"Database {db.url}: {db.audits_written} audits written, "
            f"{db.audits_unchanged} already up to date"
        )
