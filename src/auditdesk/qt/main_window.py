"""The main window: a shell of menus and a central stack; screens live in their own modules."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from auditdesk import APP_NAME
from auditdesk.appoptions import AppOptions


class MainWindow(QMainWindow):
    def __init__(self, options: AppOptions) -> None:
        super().__init__()
        self.options = options
        title = APP_NAME + (" — training" if options.training else "")
        self.setWindowTitle(title)
        self.resize(1280, 800)
        placeholder = QLabel(f"Database: {options.db_path}")
        placeholder.setObjectName("databaseLabel")
        self.setCentralWidget(placeholder)
        self.statusBar().showMessage("Ready")
