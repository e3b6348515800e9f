"""The first half of the composition: what it takes to show the audits list.

After the window's first paint the app builds just the audits list and opens the
database, so the auditor sees their audits as soon as SQLAlchemy has loaded; the other
screens are built next (:mod:`auditdesk.qt.composition`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditdesk.qt.controllers.audits import AuditsController
from auditdesk.qt.controllers.database import DatabaseOpener
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.preferences import Preferences
from auditdesk.qt.screens.audits_home import AuditsHome
from auditdesk.qt.screens.audits_list import AuditsListScreen
from auditdesk.qt.screens.welcome import WelcomeScreen
from auditdesk.qt.shell import Shell
from auditdesk.qt.workers import JobRunner


@dataclass
class Beginning:
    """The audits list, its controller, and the database about to open."""

    shell: Shell
    dialogs: Dialogs
    preferences: Preferences
    runner: JobRunner
    workspace: Workspace
    opener: DatabaseOpener
    audits_home: AuditsHome
    audits: AuditsController
    forms_dir: Path | None = None


def begin(
    shell: Shell,
    *,
    dialogs: Dialogs,
    preferences: Preferences,
    runner: JobRunner | None = None,
    forms_dir: Path | None = None,
) -> Beginning:
    window = shell.window
    window.bind_keys()
    runner = runner or JobRunner()
    workspace = Workspace(shell.options)
    audits_home = AuditsHome(WelcomeScreen(), AuditsListScreen())
    shell.pages["audits"].put(audits_home)
    opener = DatabaseOpener(workspace, dialogs, runner, lambda: window)
    audits = AuditsController(workspace, audits_home, dialogs, parent=window)
    workspace.saved.connect(window.save_indicator.mark_saved)
    workspace.save_failed.connect(window.save_indicator.mark_failed)
    window.closing.connect(runner.cancel_all)
    window.closing.connect(workspace.close)
    return Beginning(
        shell, dialogs, preferences, runner, workspace, opener, audits_home, audits, forms_dir
    )
