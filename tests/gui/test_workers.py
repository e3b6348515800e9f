"""Background jobs report progress, results, failures and cancellation on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from auditdesk.jobs import Progress
from auditdesk.qt.workers import JobRunner


def test_a_job_runs_off_the_gui_thread_and_reports_progress_and_result(qtbot) -> None:
    runner = JobRunner()
    gui_thread = QThread.currentThread()
    seen_threads: list[object] = []
    progress_seen: list[tuple[int, int, str]] = []

    def work(progress: Progress) -> int:
        seen_threads.append(QThread.currentThread())
        progress.start(3, "starting")
        for step in range(3):
            progress.advance(f"step {step + 1}")
        return 42

    results: list[int] = []
    job = runner.start(
        work,
        name="count",
        on_success=results.append,
        on_progress=lambda *args: progress_seen.append(args),
    )
    # Wait on the outcome, not on `finished`: a quick job may finish before a waitSignal
    # started listening, and the signal would be missed.
    qtbot.waitUntil(lambda: runner.running == 0, timeout=5000)
    assert job is not None
    assert results == [42]
    assert seen_threads
    assert seen_threads[0] is not gui_thread
    assert progress_seen[-1] == (3, 3, "step 3")
    assert runner.running == 0


def test_cancel_stops_a_job_at_its_next_step(qtbot) -> None:
    runner = JobRunner()
    started = threading.Event()
    release = threading.Event()
    steps_done: list[int] = []

    def long_work(progress: Progress) -> str:
        progress.start(1000)
        for step in range(1000):
            started.set()
            release.wait(timeout=5)
            steps_done.append(step)
            progress.advance()
        return "finished"

    outcomes: list[str] = []
    job = runner.start(
        long_work,
        name="long",
        on_success=lambda _: outcomes.append("success"),
        on_cancelled=lambda: outcomes.append("cancelled"),
    )
    assert started.wait(timeout=5)
    job.cancel()
    release.set()
    qtbot.waitUntil(lambda: runner.running == 0, timeout=5000)
    assert outcomes == ["cancelled"]
    assert len(steps_done) < 1000


def test_a_failing_job_reports_a_plain_message_not_a_crash(qtbot) -> None:
    runner = JobRunner()

    class DiskFull(Exception):
        user_message = "The disk is full: free some space and try again."

    def broken(progress: Progress) -> None:
        raise DiskFull("errno 28")

    failures: list[tuple[str, str]] = []
    runner.start(broken, name="export", on_failure=lambda m, d: failures.append((m, d)))
    qtbot.waitUntil(lambda: runner.running == 0, timeout=5000)
    assert failures[0][0] == "The disk is full: free some space and try again."
    assert "errno 28" in failures[0][1]


def test_cyclic_garbage_made_during_a_job_is_collected_on_the_gui_thread(qtbot) -> None:
    """Qt objects freed by Python's cycle collector in a worker thread crash the app
    (CI saw it); while jobs run, the collector runs on the GUI thread only."""
    import gc

    runner = JobRunner()
    release = threading.Event()
    collected_in: list[object] = []

    class Cycle:  # kept alive only by a reference cycle: only the cycle collector frees it
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            collected_in.append(QThread.currentThread())

    def work(progress: Progress) -> None:
        Cycle()
        for _ in range(50_000):  # enough allocation to start collections in this thread
            [].append([])
        release.wait(5)

    runner.start(work, name="allocate")
    qtbot.waitUntil(lambda: not gc.isenabled(), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: runner.running == 0 and gc.isenabled(), timeout=5000)
    gc.collect()
    assert collected_in == [QThread.currentThread()]
