"""Progress reporting and cancellation for long core operations.

Every long operation (export, signing, consolidation, loading large forms) takes a
``Progress`` and checks a ``CancelToken``. Both are plain Python so that the CLI, the
tests and the Qt worker pool drive the same code; the Qt layer adapts them to signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field


class Cancelled(Exception):
    """Raised inside a job when its token was cancelled; nothing half-done is kept."""


class CancelToken:
    """A flag another thread may set; the job checks it between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled


ProgressCallback = Callable[[int, int, str], None]


@dataclass
class Progress:
    """Reports ``done`` of ``total`` steps with a short message to a callback."""

    callback: ProgressCallback | None = None
    token: CancelToken = field(default_factory=CancelToken)
    total: int = 0
    done: int = 0

    def start(self, total: int, message: str = "") -> None:
        self.total = total
        self.done = 0
        self._emit(message)

    def advance(self, message: str = "", steps: int = 1) -> None:
        """Count finished steps and give the canceller a chance to stop us."""
        self.done += steps
        self._emit(message)
        self.token.raise_if_cancelled()

    def _emit(self, message: str) -> None:
        if self.callback is not None:
            self.callback(self.done, self.total, message)


def silent() -> Progress:
    """A progress that reports nowhere, for callers that do not care."""
    return Progress()
