"""The Calibration window (issue 8, point 3): trainees' workbooks against a reference.

The main window opens it with::

    from auditdesk.qt.calibration import open_calibration_window
    window = open_calibration_window(parent, dialogs)

It is a top-level window of its own and needs no database: it reads exported workbooks.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from auditdesk.qt.calibration.window import CalibrationWindow
from auditdesk.qt.dialogs import Dialogs


def open_calibration_window(parent: QWidget | None, dialogs: Dialogs) -> CalibrationWindow:
    """Show a new Calibration window; the caller keeps the reference."""
    window = CalibrationWindow(dialogs, parent=parent)
    window.show()
    return window


__all__ = ["CalibrationWindow", "open_calibration_window"]
