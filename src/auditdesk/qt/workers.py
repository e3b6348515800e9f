"""Run long core jobs off the UI thread, with progress and cancel.

A job is a plain function ``fn(progress) -> result`` from the core (export, signing,
consolidation, loading a large form). It runs on Qt's global thread pool; progress and
the outcome come back to the GUI thread through queued signals, so no widget is ever
touched from a worker thread. Cancelling sets the job's ``CancelToken``; the core checks
it between steps and raises ``Cancelled``, which arrives here as ``cancelled``.
"""

from __future__ import annotations

import gc
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from auditdesk.jobs import Cancelled, CancelToken, Progress

log = logging.getLogger(__name__)

JobFunction = Callable[[Progress], Any]


class JobSignals(QObject):
    """Signals a running job emits; connected slots run on the GUI thread."""

    progressed = Signal(int, int, str)  # done, total, message
    succeeded = Signal(object)
    failed = Signal(str, str)  # a plain message for the user, the technical details
    cancelled = Signal()
    finished = Signal()  # after any of the three outcomes


class Job(QRunnable):
    """One unit of background work; keep a reference to ``signals`` to follow it."""

    def __init__(self, fn: JobFunction, name: str) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the handle outlives run() so callers may still cancel
        self.name = name
        self.signals = JobSignals()
        self.token = CancelToken()
        self._fn = fn

    def cancel(self) -> None:
        self.token.cancel()

    def run(self) -> None:
        progress = Progress(callback=self.signals.progressed.emit, token=self.token)
        try:
            result = self._fn(progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # every failure must reach the user, never kill a pool thread
            message = getattr(error, "user_message", None) or f"{self.name} failed: {error}"
            log.exception("background job %r failed", self.name)
            self.signals.failed.emit(str(message), traceback.format_exc())
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


class _GuiThreadCollection(QObject):
    """While jobs run, Python's cycle collector runs on the GUI thread only.

    Automatic collection starts in whichever thread allocates past the threshold; when
    that is a worker thread and the garbage holds a Qt object of the GUI thread, Qt
    deletes it from the wrong thread and the process dies (a segfault in CI, "Garbage-
    collecting" inside a job that parsed a form). So while any job runs, automatic
    collection is off and a timer here collects by the same thresholds; it is back on
    once the pool is idle. Reference counting still frees everything else at once.
    """

    _active: _GuiThreadCollection | None = None

    def __init__(self, pool: QThreadPool) -> None:
        super().__init__(QCoreApplication.instance())
        self._pool = pool
        self._jobs = 0
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._collect)

    @classmethod
    def for_pool(cls, pool: QThreadPool) -> _GuiThreadCollection:
        try:
            if cls._active is not None and cls._active.parent() is QCoreApplication.instance():
                return cls._active
        except RuntimeError:  # its application was deleted (a new one is running)
            pass
        cls._active = cls(pool)
        return cls._active

    def job_started(self) -> None:
        self._jobs += 1
        if not self._timer.isActive():
            gc.disable()
            self._timer.start()

    def job_finished(self) -> None:
        self._jobs = max(0, self._jobs - 1)
        self._collect()

    def settle(self) -> None:
        """The pool is idle: back to automatic collection, whatever signals are pending."""
        self._jobs = 0
        self._collect()

    def _collect(self) -> None:
        young, middle, old = gc.get_count()
        first, second, third = self._thresholds
        if young > first:
            gc.collect(2 if old > third else 1 if middle > second else 0)
        if self._jobs <= 0 and self._pool.activeThreadCount() == 0:
            self._timer.stop()
            gc.enable()


class JobRunner(QObject):
    """Starts jobs on a thread pool and keeps them alive until they finish."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[Job] = set()
        self._retired: list[Job] = []
        self._collection = _GuiThreadCollection.for_pool(self._pool)

    def start(
        self,
        fn: JobFunction,
        *,
        name: str,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job:
        job = Job(fn, name)
        if on_success:
            job.signals.succeeded.connect(on_success)
        if on_failure:
            job.signals.failed.connect(on_failure)
        if on_progress:
            job.signals.progressed.connect(on_progress)
        if on_cancelled:
            job.signals.cancelled.connect(on_cancelled)
        job.signals.finished.connect(lambda: self._retire(job))
        self._running.add(job)
        self._collection.job_started()
        self._pool.start(job)
        return job

    def _retire(self, job: Job) -> None:
        """A finished job is kept until the pool is idle: its thread may still hold it for
        a moment after ``finished``, and dropping the last reference there would delete
        the job's signals object, which lives in this thread, from that one."""
        self._running.discard(job)
        self._retired.append(job)
        if self._pool.activeThreadCount() == 0:
            self._retired.clear()
        self._collection.job_finished()

    @property
    def running(self) -> int:
        return len(self._running)

    def cancel_all(self) -> None:
        for job in list(self._running):
            job.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (used at shutdown and in tests)."""
        idle = self._pool.waitForDone(msecs)
        if idle:
            self._retired.clear()
            self._collection.settle()
        return idle
