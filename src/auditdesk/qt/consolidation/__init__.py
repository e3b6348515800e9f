"""The Consolidation window (issue 7, point 8).

The main window opens it with::

    from auditdesk.qt.consolidation import open_consolidation_window
    window = open_consolidation_window(parent, runner, dialogs)

It is a top-level window of its own (it does not need an open audit or database).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from auditdesk.qt.consolidation.window import ConsolidationWindow
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.workers import JobRunner


def open_consolidation_window(
    parent: QWidget | None, runner: JobRunner, dialogs: Dialogs
) -> ConsolidationWindow:
    """Show a new Consolidation window; the caller keeps the reference."""
    # A QMainWindow stays a separate top-level window even with a parent.
    window = ConsolidationWindow(runner, dialogs, parent=parent)
    window.show()
    return window


__all__ = ["ConsolidationWindow", "open_consolidation_window"]
