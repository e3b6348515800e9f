"""Pass 1 of a consolidation: read, verify and classify every input, keep the newest exports.

Each file is read once; its SHA-256 decides first whether it repeats another input or
a file an earlier run already read (neither is classified again). The others are
verified and turned into bundles, in worker processes when there are many (the work
is CPU-bound: unzip, hash, signature check), and merged strictly in input order so
the Import log and the choice of kept exports do not depend on timing. Each kept
audit's answers and form rows are packed where they were read and go straight to the
content's spill file: memory holds one workbook per worker, not every answer.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from auditdesk.consolidate.classify import classify_bytes, read_input
from auditdesk.consolidate.merge import add_bundle
from auditdesk.consolidate.model import AuditBundle, ImportEntry, MasterContent, Outcome
from auditdesk.consolidate.spill import PackedRows, pack
from auditdesk.jobs import Progress
from auditdesk.signing.trust import TrustRoots

if TYPE_CHECKING:
    from cryptography import x509

POOL_THRESHOLD = 32
"""Fewer files than this are read in this process: starting workers costs about a second."""

_Result = tuple[ImportEntry, AuditBundle | None, PackedRows | None]

_worker_roots: list[x509.Certificate] = []


def classify_packed(
    entry: ImportEntry, data: bytes, path: Path, trust_roots: TrustRoots
) -> _Result:
    """Classify one file's bytes; a kept bundle comes back light, its rows packed."""
    classified = classify_bytes(entry, data, path, trust_roots)
    if classified.bundle is None:
        return classified.entry, None, None
    return classified.entry, classified.bundle, pack(classified.bundle, classified.answer_sheet)


def _start_worker(roots_der: list[bytes]) -> None:
    from cryptography import x509

    _worker_roots[:] = [x509.load_der_x509_certificate(der) for der in roots_der]


def _classify_in_worker(entry: ImportEntry, data: bytes, path: Path) -> _Result:
    return classify_packed(entry, data, path, _worker_roots)


def default_workers(files: int) -> int:
    """Worker processes for ``files`` inputs: none for a few, else one per CPU (at most 4).

    A frozen (PyInstaller) build starts its own executable as a worker; its entry point
    (packaging/entry_point.py) calls ``multiprocessing.freeze_support()`` for that, and
    the frozen self-test consolidates through workers to prove it.
    """
    cpus = os.cpu_count() or 1
    if files < POOL_THRESHOLD or cpus < 2:
        return 0
    return min(cpus, 4)


@dataclasses.dataclass
class ReadResult:
    entries: list[ImportEntry]
    """One Import log entry per path, in order."""
    read_by_workers: int = 0
    """Files classified in worker processes (the others in this one)."""


def read_inputs(
    paths: Sequence[Path],
    content: MasterContent,
    trust_roots: TrustRoots,
    *,
    now: datetime.datetime,
    progress: Progress,
    workers: int = 0,
) -> ReadResult:
    """Read and classify every path; kept bundles are merged into ``content``."""
    known = {entry.sha256: entry for entry in content.log if entry.sha256}
    judged: dict[str, ImportEntry] = {}
    kept: dict[str, ImportEntry] = {}
    result = ReadResult([])
    entries = result.entries
    pool = _pool(trust_roots, workers)
    # Results are merged in input order; a window bounds the files held in flight.
    window = 2 * workers + 2
    queue: deque[tuple[Path, Callable[[], ImportEntry]]] = deque()

    def settle_first() -> None:
        path, settle = queue.popleft()
        entries.append(settle())
        progress.advance(path.name)

    def merged(classified: _Result, in_worker: bool = False) -> ImportEntry:
        entry, bundle, packed = classified
        result.read_by_workers += in_worker
        judged[entry.sha256] = entry
        if bundle is not None:
            add_bundle(content, bundle, entry, kept, packed)
        return entry

    try:
        for path in paths:
            entry, data = read_input(path)
            entry.imported_at = now
            queue.append((path, _plan(entry, data, path, pool, trust_roots, judged, known,
                                      merged)))
            while len(queue) > window:
                settle_first()
        while queue:
            settle_first()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return result


def _plan(
    entry: ImportEntry,
    data: bytes | None,
    path: Path,
    pool: ProcessPoolExecutor | None,
    trust_roots: TrustRoots,
    judged: dict[str, ImportEntry],
    known: dict[str, ImportEntry],
    merged: Callable[[_Result, bool], ImportEntry],
) -> Callable[[], ImportEntry]:
    """What settling this file will do, once every earlier file has settled."""
    if data is None:
        return lambda: entry
    sha = entry.sha256
    if sha in judged:
        # Settles after the earlier file, whose final verdict is in ``judged`` by then.
        return lambda: _copy(entry, judged[sha], Outcome.DUPLICATE,
                             f"same bytes as {judged[sha].path}")
    judged[sha] = entry
    before = known.get(sha)
    if before is not None:

        def unchanged() -> ImportEntry:
            judged[sha] = _unchanged(entry, before)
            return judged[sha]

        return unchanged

    def here() -> ImportEntry:
        return merged(classify_packed(entry, data, path, trust_roots), False)

    if pool is None:
        return here
    try:
        future: Future[_Result] = pool.submit(_classify_in_worker, entry, data, path)
    except BrokenProcessPool:
        return here

    def from_worker() -> ImportEntry:
        try:
            return merged(future.result(), True)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): this file is read here instead,
            # so one lost process never costs a file its verdict.
            return here()

    return from_worker


def _pool(trust_roots: TrustRoots, workers: int) -> ProcessPoolExecutor | None:
    if workers <= 0:
        return None
    import multiprocessing

    from cryptography.hazmat.primitives.serialization import Encoding

    # "spawn": the GUI runs consolidation on a worker thread, and forking a process
    # with threads (Qt's among them) is unsafe.
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=([root.public_bytes(Encoding.DER) for root in trust_roots],),
    )


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
