"""Build every screen and controller and wire them: the composition root's second half.

Imported only after the window's first paint (see :mod:`auditdesk.qt.app`). Everything
is handed down through constructors; no widget looks up a global service.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditdesk.qt.controllers.audits import AuditsController
from auditdesk.qt.controllers.database import DatabaseOpener
from auditdesk.qt.controllers.export import ExportController
from auditdesk.qt.controllers.findings import FindingsController
from auditdesk.qt.controllers.form_library import FormLibrary
from auditdesk.qt.controllers.interview import InterviewController
from auditdesk.qt.controllers.navigation import Navigation
from auditdesk.qt.controllers.new_audit import NewAuditController, sample_advice
from auditdesk.qt.controllers.overview import OverviewController
from auditdesk.qt.controllers.position import PositionStore
from auditdesk.qt.controllers.scores import ScoresController
from auditdesk.qt.controllers.settings import SettingsController
from auditdesk.qt.controllers.tool_windows import ToolWindows
from auditdesk.qt.controllers.training_mode import TrainingMode
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.interview.base import WidgetServices
from auditdesk.qt.main_window import MainWindow
from auditdesk.qt.screens.audit_overview import AuditOverviewScreen
from auditdesk.qt.screens.audits_home import AuditsHome
from auditdesk.qt.screens.findings import FindingsScreen
from auditdesk.qt.screens.interview import InterviewScreen
from auditdesk.qt.screens.new_audit_wizard import NewAuditWizard
from auditdesk.qt.screens.scores import ScoresScreen
from auditdesk.qt.screens.settings import SettingsScreen
from auditdesk.qt.startup import Beginning
from auditdesk.qt.workers import JobRunner


@dataclass
class Desktop:
    """The built application: the window and the parts a test or a screenshot drives."""

    window: MainWindow
    dialogs: Dialogs
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
    export: ExportController
    training: TrainingMode
    tools: ToolWindows


def complete(beginning: Beginning) -> Desktop:
    """Build the other screens and controllers into the window and wire them all."""
    shell = beginning.shell
    dialogs = beginning.dialogs
    window = shell.window
    runner = beginning.runner
    workspace = beginning.workspace
    opener = beginning.opener
    audits_home = beginning.audits_home
    audits = beginning.audits
    library = FormLibrary(beginning.forms_dir)
    positions = PositionStore(workspace)

    wizard = NewAuditWizard(sample_advice)
    overview_screen = AuditOverviewScreen()
    findings_screen = FindingsScreen()
    scores_screen = ScoresScreen()
    settings_screen = SettingsScreen()
    # The interview screen's widgets preview stored attachments through the controller,
    # which needs the screen: the services call through this holder, filled below.
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
    for key, screen in (
        ("overview", overview_screen),
        ("interview", interview_screen),
        ("findings", findings_screen),
        ("scores", scores_screen),
        ("settings", settings_screen),
        ("new_audit", wizard),
    ):
        shell.pages[key].put(screen)

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
        workspace, settings_screen, beginning.preferences, dialogs, opener, parent=window
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
    export = ExportController(workspace, dialogs, runner, beginning.preferences, parent=window)

    def export_audit() -> None:
        if workspace.is_open and navigation.audit_uuid:
            export.open_dialog(navigation.audit_uuid, window)

    overview_screen.export_requested.connect(export_audit)
    findings_screen.export_requested.connect(export_audit)
    window.export_requested.connect(export_audit)  # the Audit menu's Export… (Ctrl+E)
    training = TrainingMode(window, workspace, opener, navigation, runner, parent=window)
    settings_screen.training_toggled.connect(training.switch)
    training.switched.connect(settings_screen.set_training)
    tools = ToolWindows(window, runner, dialogs, parent=window)
    window.consolidation_requested.connect(tools.open_consolidation)
    window.calibration_requested.connect(tools.open_calibration)
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
    # Store what is being typed before the runner and the database close (connected
    # earlier, in startup, so this one must run first).
    window.closing.disconnect(runner.cancel_all)
    window.closing.disconnect(workspace.close)
    window.closing.connect(interview.flush)
    window.closing.connect(runner.cancel_all)
    window.closing.connect(workspace.close)
    if workspace.is_open:  # the database opened before these screens existed
        navigation.restore()
    return Desktop(
        window=window,
        dialogs=dialogs,
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
        export=export,
        training=training,
        tools=tools,
    )
