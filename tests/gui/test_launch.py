"""The real start: window first, then the audits list and database, then the other screens."""

from __future__ import annotations

from pathlib import Path

from auditdesk.appoptions import AppOptions
from auditdesk.qt.app import launch_gui
from auditdesk.qt.preferences import Preferences


def test_the_app_starts_in_steps_and_returns_to_the_last_audit(
    qtbot, tmp_path: Path, open_desktop, quick_audit, dialogs
) -> None:
    first = open_desktop("field.sqlite")
    audit_uuid = quick_audit(first)
    first.navigation.open_audit(audit_uuid)
    first.runner.wait_for_done(30000)
    first.workspace.close()  # as if the app had been closed on the audit overview

    launch = launch_gui(
        AppOptions(db_path=tmp_path / "field.sqlite"),
        preferences=Preferences(tmp_path / "interface.ini"),
        dialogs=dialogs,
    )
    qtbot.addWidget(launch.shell.window)
    pages = launch.shell.pages
    assert pages["overview"].content is None  # only the window exists before the first paint
    qtbot.waitUntil(lambda: launch.desktop is not None, timeout=60000)
    desktop = launch.desktop
    assert desktop is not None
    qtbot.waitUntil(lambda: desktop.runner.running == 0, timeout=60000)
    assert pages["overview"].content is desktop.overview_screen
    assert [a.uuid for a in desktop.audits_home.audits.visible_audits()] == [audit_uuid]
    assert desktop.window.current_section() == "overview"
    assert desktop.navigation.audit_uuid == audit_uuid
    desktop.workspace.close()


def test_the_list_shows_before_the_database_opens(
    qtbot, tmp_path: Path, open_desktop, quick_audit, dialogs
) -> None:
    first = open_desktop("field.sqlite")
    audit_uuid = quick_audit(first)
    first.runner.wait_for_done(30000)
    first.workspace.close()

    launch = launch_gui(
        AppOptions(db_path=tmp_path / "field.sqlite"),
        preferences=Preferences(tmp_path / "interface.ini"),
        dialogs=dialogs,
    )
    qtbot.addWidget(launch.shell.window)
    first_list: list[tuple[list[str], bool]] = []

    def began(beginning) -> None:
        listing = beginning.audits_home.audits

        def reset() -> None:
            if not first_list:
                shown = [a.uuid for a in listing.visible_audits()]
                first_list.append((shown, beginning.workspace.is_open))

        listing.model.modelReset.connect(reset)

    launch.began.connect(began)
    qtbot.waitUntil(lambda: launch.desktop is not None, timeout=60000)
    desktop = launch.desktop
    assert first_list == [([audit_uuid], False)]  # read straight from the file
    assert desktop.workspace.is_open  # then the repository took over, with the same list
    assert [a.uuid for a in desktop.audits_home.audits.visible_audits()] == [audit_uuid]
    qtbot.waitUntil(lambda: desktop.runner.running == 0, timeout=60000)
    desktop.workspace.close()
