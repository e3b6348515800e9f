"""Run many small cases over the machine's cores, timing each and surviving hangs.

Each case is ``job(index)`` in a forked worker. Whatever the job raises is caught
here and counted as an uncaught exception (the job calls the code under trial and
catches only what that code is documented to raise). A case that keeps a worker busy
longer than ``hang_after`` seconds is recorded as a hang, the worker is killed and a
fresh one carries on with the remaining cases.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any


@dataclass(frozen=True)
class CaseRun:
    index: int
    seconds: float
    result: Any = None
    """What the job returned (``None`` when it raised or hung)."""
    error: str = ""
    """The uncaught exception, formatted, or ``"hang"``."""


def _worker(job: Callable[[int], Any], indices: list[int], out: Connection) -> None:
    for index in indices:
        out.send(("start", index))
        started = time.perf_counter()
        try:
            result, error = job(index), ""
        except BaseException as caught:  # counting these is the point
            frames = traceback.format_exception(caught)
            result, error = None, "".join(frames[-3:]).strip()
        out.send(("done", CaseRun(index, time.perf_counter() - started, result, error)))
    out.close()


def run_cases(
    job: Callable[[int], Any],
    indices: list[int],
    *,
    workers: int | None = None,
    hang_after: float = 60.0,
) -> list[CaseRun]:
    context = multiprocessing.get_context("fork")
    workers = max(1, min(workers or os.cpu_count() or 1, len(indices) or 1))
    pending = [indices[i::workers] for i in range(workers)]
    runs: dict[int, CaseRun] = {}
    active: dict[Connection, tuple[Any, list[int], list[float | int | None]]] = {}

    def start(chunk: list[int]) -> None:
        if not chunk:
            return
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_worker, args=(job, chunk, writer), daemon=True)
        process.start()
        writer.close()
        active[reader] = (process, chunk, [None, None])  # [current index, started at]

    for chunk in pending:
        start(chunk)
    while active:
        ready = wait(list(active), timeout=1.0)
        for reader in ready:
            process, chunk, current = active[reader]
            try:
                kind, payload = reader.recv()  # type: ignore[misc]
            except (EOFError, OSError):
                del active[reader]
                process.join()
                _finish_dead_worker(process, chunk, current, runs, start)
                continue
            if kind == "start":
                current[0], current[1] = payload, time.perf_counter()
            else:
                runs[payload.index] = payload
                current[0] = None
        now = time.perf_counter()
        for reader, (process, chunk, current) in list(active.items()):
            if current[0] is not None and current[1] is not None and now - current[1] > hang_after:
                process.kill()
                process.join()
                del active[reader]
                index = int(current[0])
                runs[index] = CaseRun(index, now - float(current[1]), None, "hang")
                start([i for i in chunk if i not in runs])
    return [runs[i] for i in indices if i in runs]


def _finish_dead_worker(
    process: Any,
    chunk: list[int],
    current: list[float | int | None],
    runs: dict[int, CaseRun],
    start: Callable[[list[int]], None],
) -> None:
    """A worker that died in a case (a crash in C code, say) costs that case only."""
    if current[0] is not None:
        index = int(current[0])
        runs[index] = CaseRun(index, 0.0, None, f"worker died (exit code {process.exitcode})")
    start([i for i in chunk if i not in runs])
