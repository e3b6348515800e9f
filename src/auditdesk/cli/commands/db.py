"""``auditdesk db``: create, check, back up, restore and re-key the database."""

from __future__ import annotations

import os
from pathlib import Path

import click

from auditdesk.appoptions import AppOptions
from auditdesk.cli.commands._storage_access import (
    current_passphrase,
    open_repository,
    storage_errors,
)

NEW_PASSPHRASE_ENV = "AUDITDESK_NEW_PASSPHRASE"  # noqa: S105 - a variable name


def _new_passphrase(prompt: str) -> str:
    from auditdesk.storage import passphrase_from_environment

    given = passphrase_from_environment()
    if given:
        return given
    return str(click.prompt(prompt, hide_input=True, confirmation_prompt=True))


@click.group(name="db")
def command() -> None:
    """Create, check, back up, restore and re-key the database (see the global --db)."""


@command.command(name="init")
@click.option(
    "--encrypt",
    is_flag=True,
    help="Encrypt the database with a passphrase (asked for, or AUDITDESK_PASSPHRASE).",
)
@click.pass_obj
def init(options: AppOptions, encrypt: bool) -> None:
    """Create a new, empty database."""
    from auditdesk.storage import create_database

    passphrase = _new_passphrase("New passphrase") if encrypt else None
    with storage_errors():
        create_database(options.db_path, passphrase=passphrase)
    kind = "encrypted database" if encrypt else "database"
    click.echo(f"Created {kind} {options.db_path}")


@command.command(name="check")
@click.pass_obj
def check(options: AppOptions) -> None:
    """Integrity check, foreign keys and every audit's trail; exits 1 on any problem."""
    with open_repository(options) as repository, storage_errors():
        report = repository.check()
    integrity = "ok" if report.integrity == ("ok",) else "; ".join(report.integrity)
    click.echo(f"integrity: {integrity}")
    click.echo(
        "foreign keys: "
        + ("ok" if not report.foreign_key_problems else "; ".join(report.foreign_key_problems))
    )
    if report.broken_trails:
        for broken in report.broken_trails:
            click.echo(
                f"audit trail of {broken.audit_uuid}: broken at entry "
                f"{broken.first_broken_seq} ({broken.problem})"
            )
    else:
        click.echo("audit trails: ok")
    if not report.ok:
        raise click.exceptions.Exit(1)


@command.command(name="backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup(options: AppOptions, target: Path) -> None:
    """Copy the whole database to TARGET while it stays usable (encrypted like it)."""
    if target.exists():
        raise click.ClickException(f"{target} already exists; choose a new file name.")
    with open_repository(options) as repository, storage_errors():
        repository.backup_to(target)
    click.echo(f"Backed up {options.db_path} to {target}")


@command.command(name="restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def restore(options: AppOptions, source: Path) -> None:
    """Replace the database with the backup SOURCE, after checking it.

    The current database is kept in the backups folder first.
    """
    from auditdesk.storage import restore_database

    passphrase = current_passphrase(source)
    with storage_errors():
        kept = restore_database(options.db_path, source, passphrase=passphrase)
    click.echo(f"Restored {options.db_path} from {source}")
    if kept is not None:
        click.echo(f"The previous database was kept as {kept}")


@command.command(name="rekey")
@click.pass_obj
def rekey(options: AppOptions) -> None:
    """Change the passphrase (or encrypt a plain database).

    The current passphrase comes from AUDITDESK_PASSPHRASE or a prompt, the new one
    from AUDITDESK_NEW_PASSPHRASE or a prompt with confirmation.
    """
    from auditdesk.storage import rekey_database

    passphrase = current_passphrase(options.db_path)
    new = os.environ.get(NEW_PASSPHRASE_ENV) or str(
        click.prompt("New passphrase", hide_input=True, confirmation_prompt=True)
    )
    with storage_errors():
        rekey_database(options.db_path, passphrase=passphrase, new_passphrase=new)
    click.echo(f"The passphrase of {options.db_path} is changed.")
