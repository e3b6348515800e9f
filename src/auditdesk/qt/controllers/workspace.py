"""What every controller works on: the open database, the auditor and the form library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from auditdesk.appoptions import AppOptions

if TYPE_CHECKING:  # SQLAlchemy is imported only once the window is on screen
    from auditdesk.storage import Repository


class Workspace(QObject):
    """Holds the repository once it is open; ``changed`` says the data moved on."""

    opened = Signal()
    audits_changed = Signal()
    saved = Signal(object)  # a datetime: the moment a change reached the disk
    save_failed = Signal(str)

    def __init__(self, options: AppOptions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self._repository: Repository | None = None

    @property
    def is_open(self) -> bool:
        return self._repository is not None

    @property
    def repository(self) -> Repository:
        if self._repository is None:
            raise RuntimeError("the database is not open yet")
        return self._repository

    def attach(self, repository: Repository) -> None:
        self._repository = repository
        self.opened.emit()

    def close(self) -> None:
        if self._repository is not None:
            self._repository.close()
            self._repository = None
