"""The Audits section: the welcome page on an empty database, the audits list otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget

from auditdesk.qt.screens.audits_list import AuditsListScreen
from auditdesk.qt.screens.welcome import WelcomeScreen


class AuditsHome(QStackedWidget):
    def __init__(
        self, welcome: WelcomeScreen, audits: AuditsListScreen, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screens")
        self.welcome = welcome
        self.audits = audits
        self.addWidget(welcome)
        self.addWidget(audits)

    def show_welcome(self, shown: bool) -> None:
        page = self.welcome if shown else self.audits
        self.setCurrentWidget(page)
        page.setFocus()

    @property
    def showing_welcome(self) -> bool:
        return self.currentWidget() is self.welcome
