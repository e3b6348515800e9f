"""Where AuditDesk keeps and finds its files, frozen or not.

User data follows the platform's conventions through platformdirs (on Linux,
``XDG_DATA_HOME`` and ``XDG_CONFIG_HOME``). Bundled files (checklists, resources)
are found next to the package in a source checkout and inside the bundle when
frozen by PyInstaller.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from auditdesk import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent


def user_data_dir() -> Path:
    """The folder holding the databases, backups and logs."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def user_config_dir() -> Path:
    """The folder holding settings and signing keys."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def user_log_dir() -> Path:
    return user_data_dir() / "logs"


def default_database(*, training: bool = False) -> Path:
    """The embedded default database; training work lives in a separate file."""
    return user_data_dir() / ("training.sqlite" if training else "auditdesk.sqlite")


def bundle_root() -> Path:
    """The folder holding ``forms/`` and ``resources/``.

    In a source checkout that is the repository root; in a PyInstaller bundle it is
    ``sys._MEIPASS``; in an installed wheel the data sits inside the package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    for candidate in (_PACKAGE_DIR.parent.parent, _PACKAGE_DIR / "_data"):
        if (candidate / "forms").is_dir():
            return candidate
    return _PACKAGE_DIR.parent.parent


def forms_dir() -> Path:
    """The bundled checklists (XLSForms)."""
    return bundle_root() / "forms"


def resources_dir() -> Path:
    """Icons, translations, sample and training cases."""
    return bundle_root() / "resources"
