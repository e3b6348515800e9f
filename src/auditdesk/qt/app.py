"""Start the desktop application: the composition root of the Qt skin.

Everything is built here and handed down through constructors; no widget looks up a
global service. The window is shown before the database opens, so the first paint does
not wait for SQLAlchemy.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from auditdesk import APP_ID, APP_NAME, __version__
from auditdesk.appoptions import AppOptions
from auditdesk.qt.controllers.audits import AuditsController
from auditdesk.qt.controllers.database import DatabaseOpener
from auditdesk.qt.controllers.findings import FindingsController
from auditdesk.qt.controllers.form_library import FormLibrary
from auditdesk.qt.controllers.interview import InterviewController
from auditdesk.qt.controllers.navigation import Navigation
from auditdesk.qt.controllers.new_audit import NewAuditController, sample_advice
from auditdesk.qt.controllers.overview import OverviewController
from auditdesk.qt.controllers.position import PositionStore
from auditdesk.qt.controllers.scores import ScoresController
from auditdesk.qt.controllers.settings import SettingsController
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs, QtDialogs
from auditdesk.qt.i18n import set_interface_language, system_language, tr
from auditdesk.qt.interview.base import WidgetServices
from auditdesk.qt.main_window import MainWindow, Section
from auditdesk.qt.preferences import Preferences
from auditdesk.qt.screens.audit_overview import AuditOverviewScreen
from auditdesk.qt.screens.audits_home import AuditsHome
from auditdesk.qt.screens.audits_list import AuditsListScreen
from auditdesk.qt.screens.findings import FindingsScreen
from auditdesk.qt.screens.interview import InterviewScreen
from auditdesk.qt.screens.new_audit_wizard import NewAuditWizard
from auditdesk.qt.screens.scores import ScoresScreen
from auditdesk.qt.screens.settings import SettingsScreen
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
    app.setDesktopFileName(APP_ID)
    apply_style(app)
    return app


@dataclass
class Desktop:
    """The built application: the window and the parts a test or a screenshot drives."""

    window: MainWindow
    workspace: Workspace
    opener: DatabaseOpener
    runner: JobRunner
    library: FormLibrary
    positions: PositionStore
    audits_home: AuditsHome
    wizard: NewAuditWizard
    overview_screen: AuditOverviewScreen
    interview_screen: InterviewScreen
    findings_screen: FindingsScreen
    scores_screen: ScoresScreen
    settings_screen: SettingsScreen
    audits: AuditsController
    new_audit: NewAuditController
    overview: OverviewController
    interview: InterviewController
    findings: FindingsController
    scores: ScoresController
    settings: SettingsController
    navigation: Navigation


def build_desktop(
    options: AppOptions,
    *,
    dialogs: Dialogs | None = None,
    runner: JobRunner | None = None,
    language: str | None = None,
    preferences: Preferences | None = None,
    forms_dir: Path | None = None,
) -> Desktop:
    """Build every screen and controller and wire them; nothing is opened yet."""
    preferences = preferences or Preferences()
    set_interface_language(language or preferences.interface_language or system_language())
    dialogs = dialogs or QtDialogs()
    runner = runner or JobRunner()
    workspace = Workspace(options)
    library = FormLibrary(forms_dir)
    positions = PositionStore(workspace)

    audits_home = AuditsHome(WelcomeScreen(), AuditsListScreen())
    wizard = NewAuditWizard(sample_advice)
    overview_screen = AuditOverviewScreen()
    findings_screen = FindingsScreen()
    scores_screen = ScoresScreen()
    settings_screen = SettingsScreen()
    # The interview screen needs the controller for file choosing and previews; the
    # services call through a holder filled in below.
    holder: list[InterviewController] = []
    services = WidgetServices(
        choose_file=lambda parent, title, name_filter: dialogs.choose_file(
            parent, title, name_filter
        ),
        load_attachment=lambda path, name: (
            holder[0].load_attachment(path, name) if holder else None
        ),
    )
    interview_screen = InterviewScreen(services)

    title = APP_NAME + (" — " + tr("training") if options.training else "")
    window = MainWindow(
        title=title,
        sections=[
            Section("audits", tr("Audits"), audits_home),
            Section("overview", tr("Overview"), overview_screen, needs_audit=True),
            Section("interview", tr("Interview"), interview_screen, needs_audit=True),
            Section("findings", tr("Findings"), findings_screen, needs_audit=True),
            Section("scores", tr("Scores"), scores_screen, needs_audit=True),
            Section("settings", tr("Settings"), settings_screen),
            Section("new_audit", tr("New audit"), wizard, in_sidebar=False),
        ],
    )
    opener = DatabaseOpener(workspace, dialogs, runner, lambda: window)
    audits = AuditsController(workspace, audits_home, dialogs, parent=window)
    new_audit = NewAuditController(workspace, library, wizard, dialogs, runner, parent=window)
    overview = OverviewController(
        workspace, library, overview_screen, dialogs, runner, parent=window
    )
    interview = InterviewController(
        workspace, library, interview_screen, dialogs, runner, positions, parent=window
    )
    holder.append(interview)
    findings = FindingsController(workspace, overview, findings_screen, dialogs, parent=window)
    scores = ScoresController(overview, scores_screen, parent=window)
    settings = SettingsController(
        workspace, settings_screen, preferences, dialogs, opener, parent=window
    )
    navigation = Navigation(
        window,
        workspace,
        positions,
        audits,
        new_audit,
        overview,
        interview,
        runner,
        parent=window,
    )
    overview_screen.findings_requested.connect(lambda: window.show_section("findings"))
    overview_screen.scores_requested.connect(lambda: window.show_section("scores"))

    def section_shown(key: str) -> None:
        if not workspace.is_open:
            return
        if key == "findings":
            findings.show()
        elif key == "scores":
            scores.show()
        elif key == "settings":
            settings.show()

    window.section_shown.connect(section_shown)
    workspace.saved.connect(window.save_indicator.mark_saved)
    workspace.save_failed.connect(window.save_indicator.mark_failed)
    window.closing.connect(interview.flush)
    window.closing.connect(runner.cancel_all)
    window.closing.connect(workspace.close)
    return Desktop(
        window=window,
        workspace=workspace,
        opener=opener,
        runner=runner,
        library=library,
        positions=positions,
        audits_home=audits_home,
        wizard=wizard,
        overview_screen=overview_screen,
        interview_screen=interview_screen,
        findings_screen=findings_screen,
        scores_screen=scores_screen,
        settings_screen=settings_screen,
        audits=audits,
        new_audit=new_audit,
        overview=overview,
        interview=interview,
        findings=findings,
        scores=scores,
        settings=settings,
        navigation=navigation,
    )


def run_gui(options: AppOptions) -> int:
    app = create_application()
    desktop = build_desktop(options)
    desktop.window.show()
    desktop.opener.open_soon()
    return app.exec()
