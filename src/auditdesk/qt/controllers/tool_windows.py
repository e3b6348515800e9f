"""The windows of their own that the Tools menu opens: consolidation and calibration.

Each is built on first use (their modules and the core parts they need load then) and
kept here, so a second click brings the same window forward instead of a copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QWidget

from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.workers import JobRunner

if TYPE_CHECKING:
    from auditdesk.qt.calibration import CalibrationWindow
    from auditdesk.qt.consolidation import ConsolidationWindow


class ToolWindows(QObject):
    def __init__(
        self, parent_window: QWidget, runner: JobRunner, dialogs: Dialogs, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._parent_window = parent_window
        self._runner = runner
        self._dialogs = dialogs
        self.consolidation: ConsolidationWindow | None = None
        self.calibration: CalibrationWindow | None = None

    def open_consolidation(self) -> ConsolidationWindow:
        from auditdesk.qt.consolidation import open_consolidation_window

        if self.consolidation is not None and self.consolidation.isVisible():
            return _forward(self.consolidation)
        self.consolidation = open_consolidation_window(
            self._parent_window, self._runner, self._dialogs
        )
        return self.consolidation

    def open_calibration(self) -> CalibrationWindow:
        from auditdesk.qt.calibration import open_calibration_window

        if self.calibration is not None and self.calibration.isVisible():
            return _forward(self.calibration)
        self.calibration = open_calibration_window(self._parent_window, self._dialogs)
        return self.calibration


_Window = TypeVar("_Window", bound=QMainWindow)


def _forward(window: _Window) -> _Window:
    window.raise_()
    window.activateWindow()
    return window
