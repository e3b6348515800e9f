"""Open the database after the window is on screen, asking for a passphrase if needed.

SQLAlchemy takes longer to import than Qt takes to draw the window, so the import runs
on a worker thread while the window paints; the connection itself is then made on the
GUI thread, which is the one that will use it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from auditdesk.jobs import Progress
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import tr
from auditdesk.qt.workers import JobRunner

MAX_PASSPHRASE_ATTEMPTS = 5


def _warm_imports(progress: Progress) -> None:
    importlib.import_module("auditdesk.storage.database")  # SQLAlchemy, the repository


class DatabaseOpener:
    def __init__(
        self,
        workspace: Workspace,
        dialogs: Dialogs,
        runner: JobRunner,
        parent: Callable[[], QWidget | None],
    ) -> None:
        self._workspace = workspace
        self._dialogs = dialogs
        self._runner = runner
        self._parent = parent
        self.error = ""

    def open_soon(self, then: Callable[[], None] | None = None) -> None:
        """Import the storage layer in the background, then open (on the GUI thread).

        ``then`` runs after the attempt, whether the database opened or not.
        """

        def attempt() -> None:
            self.open_now()
            if then is not None:
                then()

        self._runner.start(
            _warm_imports,
            name=tr("Opening the database"),
            on_success=lambda _: attempt(),
            on_failure=lambda _message, _details: attempt(),
        )

    def open_now(self, passphrase: str | None = None) -> bool:
        """Open the database; True when it is open. Failures are shown, never raised."""
        from auditdesk import storage

        options = self._workspace.options
        path = options.db_path
        passphrase = passphrase or storage.passphrase_from_environment()
        retry = False
        for _attempt in range(MAX_PASSPHRASE_ATTEMPTS):
            try:
                repository = storage.open_database(
                    path, passphrase=passphrase, training=options.training
                )
            except (storage.PassphraseRequiredError, storage.WrongPassphraseError):
                passphrase = self._dialogs.ask_passphrase(self._parent(), path, retry)
                retry = True
                if passphrase is None:
                    self._fail(
                        tr("AuditDesk needs the passphrase to open {path}.").format(path=path)
                    )
                    return False
                continue
            except storage.StorageError as error:
                self._fail(error.user_message)
                return False
            self._workspace.attach(repository)
            return True
        self._fail(tr("Too many wrong passphrases for {path}.").format(path=path))
        return False

    def _fail(self, message: str) -> None:
        self.error = message
        self._dialogs.show_error(self._parent(), tr("The database could not be opened"), message)
