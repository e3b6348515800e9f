"""Training mode from the GUI (issue 8, point 2): close this database, open the other.

Training work lives in its own database (``paths.default_database(training=True)``),
opened with ``training=True`` so that the store marks everything added there as training
data and refuses a database holding real audits. Switching back reopens the database
the app started on (or the default one when it started in training mode).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from auditdesk import paths
from auditdesk.appoptions import AppOptions
from auditdesk.qt.controllers.database import DatabaseOpener
from auditdesk.qt.controllers.navigation import Navigation
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.main_window import MainWindow
from auditdesk.qt.workers import JobRunner


class TrainingMode(QObject):
    switched = Signal(bool)  # the database now open is the training one (True) or not

    def __init__(
        self,
        window: MainWindow,
        workspace: Workspace,
        opener: DatabaseOpener,
        navigation: Navigation,
        runner: JobRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._workspace = workspace
        self._opener = opener
        self._navigation = navigation
        self._runner = runner
        started = workspace.options
        self.real = started if not started.training else AppOptions(paths.default_database())
        self.practice = (
            started
            if started.training
            else AppOptions(paths.default_database(training=True), training=True)
        )
        window.training_toggled.connect(self.switch)

    @property
    def active(self) -> bool:
        return self._workspace.options.training

    def switch(self, training: bool) -> bool:
        """Open the training database (or the real one); True when it is open."""
        if training == self.active and self._workspace.is_open:
            return True
        previous = self._workspace.options
        self._navigation.leave_database()
        self._runner.cancel_all()  # a job still reading this database stops first
        self._runner.wait_for_done()
        self._workspace.close()
        self._workspace.options = self.practice if training else self.real
        opened = self._opener.open_now()
        if not opened:  # the reason was shown; go back to where the auditor was
            self._workspace.options = previous
            self._opener.open_now()
        self._window.set_training(self.active)
        self.switched.emit(self.active)
        return opened
