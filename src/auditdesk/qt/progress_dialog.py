"""A modal-free progress dialog for a background job, with a Cancel button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from auditdesk.qt.workers import Job, JobFunction, JobRunner


def run_with_progress(
    parent: QWidget,
    runner: JobRunner,
    fn: JobFunction,
    *,
    title: str,
    on_success: Callable[[Any], None],
    on_failure: Callable[[str, str], None],
    on_cancelled: Callable[[], None] | None = None,
) -> tuple[Job, QProgressDialog]:
    """Start ``fn`` in the background and follow it in a progress dialog.

    The dialog is window-modal only while the job runs, so the rest of the app stays
    responsive; Cancel asks the job to stop at its next step.
    """
    dialog = QProgressDialog(title, parent.tr("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick jobs finish without a flash of a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progressed(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if message:
            dialog.setLabelText(message)

    job = runner.start(
        fn,
        name=title,
        on_success=on_success,
        on_failure=on_failure,
        on_progress=progressed,
        on_cancelled=on_cancelled,
    )
    dialog.canceled.connect(job.cancel)
    job.signals.finished.connect(dialog.close)
    return job, dialog
