"""Per-user interface preferences (the interface language), read before any window exists.

They live in an ini file in the user's configuration folder, not in the database: the
language must be known before the database opens, and it belongs to the person, not to
the audits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from auditdesk import paths


class Preferences:
    def __init__(self, file: Path | None = None) -> None:
        self._file = file or paths.user_config_dir() / "interface.ini"
        self._settings = QSettings(str(self._file), QSettings.Format.IniFormat)

    @property
    def interface_language(self) -> str:
        value = self._settings.value("interface/language", "")
        return str(value) if value else ""

    @interface_language.setter
    def interface_language(self, language: str) -> None:
        self._settings.setValue("interface/language", language)
        self._settings.sync()

    @property
    def export_folder(self) -> Path | None:
        """The folder of the last export, where the next one is suggested."""
        value = self._settings.value("export/folder", "")
        return Path(str(value)) if value else None

    @export_folder.setter
    def export_folder(self, folder: Path) -> None:
        self._settings.setValue("export/folder", str(folder))
        self._settings.sync()
