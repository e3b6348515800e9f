"""Start the desktop application: the composition root of the Qt skin.

Everything is built here and handed down through constructors; no widget looks up a
global service. The window is shown before the database opens, so the first paint does
not wait for SQLAlchemy.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication

from auditdesk import APP_NAME, __version__
from auditdesk.appoptions import AppOptions
from auditdesk.qt.controllers.audits import AuditsController
from auditdesk.qt.controllers.database import DatabaseOpener
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs, QtDialogs
from auditdesk.qt.i18n import set_interface_language, system_language, tr
from auditdesk.qt.main_window import MainWindow, Section
from auditdesk.qt.screens.audits_home import AuditsHome
from auditdesk.qt.screens.audits_list import AuditsListScreen
from auditdesk.qt.screens.welcome import WelcomeScreen
from auditdesk.qt.style import apply_style
from auditdesk.qt.workers import JobRunner


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("org.auditdesk.AuditDesk")
    apply_style(app)
    return app


@dataclass
class Desktop:
    """The built application: the window and the objects a test may want to drive."""

    window: MainWindow
    workspace: Workspace
    opener: DatabaseOpener
    runner: JobRunner
    audits_home: AuditsHome
    audits: AuditsController


def build_desktop(
    options: AppOptions,
    *,
    dialogs: Dialogs | None = None,
    runner: JobRunner | None = None,
    language: str | None = None,
) -> Desktop:
    """Build every screen and controller and wire them; nothing is opened yet."""
    set_interface_language(language or system_language())
    dialogs = dialogs or QtDialogs()
    runner = runner or JobRunner()
    workspace = Workspace(options)

    audits_home = AuditsHome(WelcomeScreen(), AuditsListScreen())
    title = APP_NAME + (" — " + tr("training") if options.training else "")
    window = MainWindow(
        title=title,
        sections=[Section("audits", tr("Audits"), audits_home)],
    )
    opener = DatabaseOpener(workspace, dialogs, runner, lambda: window)
    audits = AuditsController(workspace, audits_home, dialogs, parent=window)
    workspace.saved.connect(window.save_indicator.mark_saved)
    workspace.save_failed.connect(window.save_indicator.mark_failed)
    window.closing.connect(runner.cancel_all)
    window.closing.connect(workspace.close)
    return Desktop(window, workspace, opener, runner, audits_home, audits)


def run_gui(options: AppOptions) -> int:
    app = create_application()
    desktop = build_desktop(options)
    desktop.window.show()
    desktop.opener.open_soon()
    return app.exec()
