"""The status bar's answer to "is my work safe?": Saved, with the time of the last save."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from auditdesk.qt.i18n import tr


class SaveIndicator(QLabel):
    """Shows "Saved hh:mm:ss" after each durable save, or the reason a save failed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveIndicator")
        self.setAccessibleName(tr("Save status"))
        self.setText("")

    def mark_saved(self, at: datetime | None = None) -> None:
        moment = (at or datetime.now()).astimezone()
        self.setText(tr("Saved") + " " + moment.strftime("%H:%M:%S"))
        self.setProperty("role", "muted")
        self.setStyleSheet("")

    def mark_failed(self, message: str) -> None:
        self.setText(tr("Not saved: {reason}").format(reason=message))
        self.setStyleSheet("color: #b3261e; font-weight: bold;")

    @property
    def saved(self) -> bool:
        return self.text().startswith(tr("Saved"))
