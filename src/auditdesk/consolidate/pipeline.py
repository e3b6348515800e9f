"""``consolidate()``: files and folders in, one master workbook (and a database) out.

Two passes: :mod:`~auditdesk.consolidate.reading` classifies every file and keeps the
newest export of each audit (its rows spilled to a temporary file), then the master
is written from the spill one audit at a time, so memory holds the kept audits'
facts, not their answers, and a bad file only ever costs its own line in the Import
log. The function takes a :class:`~auditdesk.jobs.Progress`, so the CLI's progress bar
and the GUI's worker thread drive the same code; cancelling stops before the master
is replaced.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditdesk.consolidate.discovery import discover_inputs
from auditdesk.consolidate.master_reader import MasterError, read_master
from auditdesk.consolidate.master_summary import SummaryFigures, summary_figures
from auditdesk.consolidate.model import ImportEntry, MasterContent
from auditdesk.consolidate.reading import default_workers, read_inputs
from auditdesk.jobs import Progress, silent
from auditdesk.signing.trust import TrustRoots

if TYPE_CHECKING:
    from auditdesk.consolidate.database import DatabaseReport


class ConsolidationError(Exception):
    """The master could not be written; the message says why, for the user."""

    @property
    def user_message(self) -> str:
        return str(self)


@dataclass(frozen=True)
class ConsolidationReport:
    """What one run did: this run's Import log lines and the master's totals."""

    output: Path
    entries: list[ImportEntry]
    audits: int
    conflicts: int
    new_conflicts: int
    figures: SummaryFigures
    database: DatabaseReport | None = None
    incremental: bool = False
    read_by_workers: int = 0
    """Files classified in worker processes rather than in this one."""


def consolidate(
    inputs: Sequence[Path],
    output: Path,
    *,
    trust_roots: TrustRoots,
    into: str | None = None,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ConsolidationReport:
    """Consolidate ``inputs`` (files or folders) into the master at ``output``.

    An existing master at ``output`` is read first and only new or newer audits are
    added (files it already holds, by SHA-256, are not read again). ``today`` decides
    which corrective actions are overdue; ``now`` stamps the Import log. ``workers``
    is the number of processes that classify files (``None``: decided by the number
    of files and CPUs; 0: all in this process). Raises
    :class:`ConsolidationError` only when the master cannot be written.
    """
    progress = progress or silent()
    now = now or datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    today = today or now.date()
    if not output.parent.is_dir():
        raise ConsolidationError(
            f"cannot write the master {output}: the folder {output.parent} does not exist"
        )
    progress.start(0, "Looking for workbooks…")
    paths = discover_inputs(inputs)
    content, incremental = _previous_master(output)
    try:
        return _consolidate(content, incremental, paths, output, trust_roots=trust_roots,
                            into=into, today=today, now=now, progress=progress,
                            workers=default_workers(len(paths)) if workers is None else workers)
    finally:
        content.close()


def _consolidate(
    content: MasterContent,
    incremental: bool,
    paths: Sequence[Path],
    output: Path,
    *,
    trust_roots: TrustRoots,
    into: str | None,
    today: datetime.date,
    now: datetime.datetime,
    progress: Progress,
    workers: int,
) -> ConsolidationReport:
    from auditdesk.consolidate.master_writer import write_master

    content.spill_all()
    conflicts_before = len(content.conflicts)
    progress.start(len(paths) + 1, f"Reading {len(paths)} files")
    read = read_inputs(paths, content, trust_roots, now=now, progress=progress,
                       workers=workers)
    entries = read.entries
    this_run = {entry.sha256 for entry in entries if entry.sha256}
    content.log = entries + [e for e in content.log if not e.sha256 or e.sha256 not in this_run]
    progress.advance("Writing the master workbook")
    try:
        write_master(content, output, today=today, now=now, progress=progress)
    except OSError as error:
        raise ConsolidationError(
            f"cannot write the master {output}: {error.strerror or error}"
        ) from None
    database = None
    if into is not None:
        from auditdesk.consolidate.database import DatabaseError, write_database

        try:
            database = write_database(into, content, progress=progress)
        except DatabaseError as error:
            raise ConsolidationError(str(error)) from None
    bundles = content.sorted_bundles()
    return ConsolidationReport(
        output=output,
        entries=entries,
        audits=len(bundles),
        conflicts=len(content.conflicts),
        new_conflicts=len(content.conflicts) - conflicts_before,
        figures=summary_figures(content, bundles, today),
        database=database,
        incremental=incremental,
        read_by_workers=read.read_by_workers,
    )


def _previous_master(output: Path) -> tuple[MasterContent, bool]:
    if not output.exists():
        return MasterContent(), False
    try:
        return read_master(output), True
    except MasterError as error:
        raise ConsolidationError(str(error)) from None
