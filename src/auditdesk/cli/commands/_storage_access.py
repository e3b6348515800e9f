"""Opening the database from a command: passphrase, plain error messages.

Shared by every command that reads or writes the store (``db``, ``audits`` and any
other command that needs a ``Repository``): a ``StorageError`` becomes a one-line
message and exit code 1, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from auditdesk.appoptions import AppOptions

if TYPE_CHECKING:
    from auditdesk.storage import Repository


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn storage failures into click errors with the store's own plain message."""
    from auditdesk.storage import StorageError

    try:
        yield
    except StorageError as error:
        raise click.ClickException(error.user_message) from None


def current_passphrase(path: Path) -> str | None:
    """``AUDITDESK_PASSPHRASE``, or a hidden prompt when the file is encrypted and a
    person is at the terminal; None for a plain database."""
    from auditdesk.storage import passphrase_from_environment
    from auditdesk.storage.engine import is_encrypted_file

    from_environment = passphrase_from_environment()
    if from_environment is not None or not is_encrypted_file(path):
        return from_environment
    if sys.stdin.isatty():
        return str(click.prompt(f"Passphrase for {path}", hide_input=True))
    return None


@contextmanager
def open_repository(options: AppOptions, *, create: bool = False) -> Iterator[Repository]:
    """The repository of ``--db`` (or the default database), closed on exit."""
    from auditdesk.storage import open_database

    with storage_errors():
        repository = open_database(
            options.db_path,
            passphrase=current_passphrase(options.db_path),
            create=create,
            training=options.training,
        )
        try:
            yield repository
        finally:
            repository.close()
