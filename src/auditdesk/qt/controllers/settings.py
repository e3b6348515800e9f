"""Settings: profile and backups through the repository, the language in the preferences."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QObject

from auditdesk.domain import AuditorProfile
from auditdesk.qt.controllers.database import DatabaseOpener
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import interface_language, tr
from auditdesk.qt.preferences import Preferences
from auditdesk.qt.screens.settings import DatabaseInfo, SettingsScreen


class SettingsController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        screen: SettingsScreen,
        preferences: Preferences,
        dialogs: Dialogs,
        opener: DatabaseOpener,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._screen = screen
        self._preferences = preferences
        self._dialogs = dialogs
        self._opener = opener
        screen.profile_saved.connect(self.save_profile)
        screen.language_chosen.connect(self.choose_language)
        screen.backup_requested.connect(self.back_up)
        screen.passphrase_change_requested.connect(self.change_passphrase)

    def show(self) -> None:
        from auditdesk.storage import list_backups

        repository = self._workspace.repository
        backups = tuple(
            f"{b.taken_at.astimezone():%Y-%m-%d %H:%M} · {b.reason}"
            for b in list_backups(repository.path)
        )
        self._screen.show_settings(
            repository.get_auditor_profile(),
            self._preferences.interface_language or interface_language(),
            DatabaseInfo(
                str(repository.path),
                repository.encrypted,
                backups,
                training=self._workspace.options.training,
            ),
        )

    def save_profile(self, profile: AuditorProfile) -> None:
        from auditdesk.storage import StorageError

        if not profile.name:
            self._dialogs.show_error(self._screen, tr("Not saved"), tr("Enter your name."))
            return
        try:
            self._workspace.repository.save_auditor_profile(profile)
        except StorageError as error:
            self._workspace.save_failed.emit(error.user_message)
            return
        self._workspace.saved.emit(datetime.datetime.now().astimezone())

    def choose_language(self, language: str) -> None:
        self._preferences.interface_language = language
        self._workspace.saved.emit(datetime.datetime.now().astimezone())

    def back_up(self) -> None:
        from auditdesk.storage import StorageError

        try:
            self._workspace.repository.take_rotating_backup("manual")
        except StorageError as error:
            self._dialogs.show_error(self._screen, tr("No backup"), error.user_message)
            return
        self.show()

    def change_passphrase(self) -> None:
        from auditdesk import storage

        repository = self._workspace.repository
        path = repository.path
        current = None
        if repository.encrypted:
            current = self._dialogs.ask_passphrase(self._screen, path, False)
            if current is None:
                return
        new = self._dialogs.ask_new_passphrase(self._screen)
        if not new:
            return
        self._workspace.close()
        reopen_with: str | None = new
        try:
            storage.rekey_database(path, passphrase=current, new_passphrase=new)
        except storage.StorageError as error:
            reopen_with = current
            self._dialogs.show_error(self._screen, tr("Passphrase not changed"), error.user_message)
        if self._opener.open_now(passphrase=reopen_with):
            self.show()
