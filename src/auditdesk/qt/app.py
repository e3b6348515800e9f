"""Start the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from auditdesk import APP_NAME, __version__
from auditdesk.appoptions import AppOptions
from auditdesk.qt.main_window import MainWindow


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    return app


def run_gui(options: AppOptions) -> int:
    app = create_application()
    window = MainWindow(options)
    window.show()
    return app.exec()
