"""``consolidate()``: files and folders in, one master workbook (and a database) out.

Files are handled one at a time, so memory holds the kept audits, not every file, and
a bad file only ever costs its own line in the Import log. The function takes a
:class:`~auditdesk.jobs.Progress`, so the CLI's progress bar and the GUI's worker
thread drive the same code; cancelling stops before the master is replaced.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditdesk.consolidate.classify import classify_bytes, read_input
from auditdesk.consolidate.discovery import discover_inputs
from auditdesk.consolidate.master_reader import MasterError, read_master
from auditdesk.consolidate.master_summary import SummaryFigures, summary_figures
from auditdesk.consolidate.merge import add_bundle
from auditdesk.consolidate.model import ImportEntry, MasterContent, Outcome
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


def consolidate(
    inputs: Sequence[Path],
    output: Path,
    *,
    trust_roots: TrustRoots,
    into: str | None = None,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    progress: Progress | None = None,
) -> ConsolidationReport:
    """Consolidate ``inputs`` (files or folders) into the master at ``output``.

    An existing master at ``output`` is read first and only new or newer audits are
    added (files it already holds, by SHA-256, are not read again). ``today`` decides
    which corrective actions are overdue; ``now`` stamps the Import log. Raises
    :class:`ConsolidationError` only when the master cannot be written.
    """
    from auditdesk.consolidate.master_writer import write_master

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
    conflicts_before = len(content.conflicts)
    known = {entry.sha256: entry for entry in content.log if entry.sha256}
    progress.start(len(paths) + 1, f"Reading {len(paths)} files")
    seen: dict[str, ImportEntry] = {}
    kept: dict[str, ImportEntry] = {}
    entries: list[ImportEntry] = []
    for path in paths:
        entries.append(_one_file(path, content, trust_roots, known, seen, kept, now))
        progress.advance(path.name)
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
    )


def _previous_master(output: Path) -> tuple[MasterContent, bool]:
    if not output.exists():
        return MasterContent(), False
    try:
        return read_master(output), True
    except MasterError as error:
        raise ConsolidationError(str(error)) from None


def _one_file(
    path: Path,
    content: MasterContent,
    trust_roots: TrustRoots,
    known: dict[str, ImportEntry],
    seen: dict[str, ImportEntry],
    kept: dict[str, ImportEntry],
    now: datetime.datetime,
) -> ImportEntry:
    entry, data = read_input(path)
    entry.imported_at = now
    if data is None:
        return entry
    twin = seen.get(entry.sha256)
    if twin is not None:
        return _copy(entry, twin, Outcome.DUPLICATE, f"same bytes as {twin.path}")
    before = known.get(entry.sha256)
    if before is not None:
        seen[entry.sha256] = entry
        return _unchanged(entry, before)
    seen[entry.sha256] = entry
    classified = classify_bytes(entry, data, path, trust_roots)
    del data
    if classified.bundle is not None:
        add_bundle(content, classified.bundle, entry, kept)
    return entry


def _copy(entry: ImportEntry, source: ImportEntry, outcome: Outcome, note: str) -> ImportEntry:
    """A line for a file whose bytes were already judged: same verdict, this file's path."""
    return dataclasses.replace(
        source,
        path=entry.path,
        size=entry.size,
        imported_at=entry.imported_at,
        outcome=outcome,
        reason=f"{note}; {source.reason}" if source.reason else note,
    )


def _unchanged(entry: ImportEntry, before: ImportEntry) -> ImportEntry:
    """A file an earlier run read: not read again, its earlier verdict repeated."""
    if before.outcome is Outcome.UNCHANGED:
        return dataclasses.replace(before, path=entry.path, imported_at=entry.imported_at)
    when = f" on {before.imported_at:%Y-%m-%d}" if before.imported_at else ""
    note = f"read in an earlier run{when} ({before.outcome.label})"
    return _copy(entry, before, Outcome.UNCHANGED, note)
