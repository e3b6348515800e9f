"""The sidebar, menus and shortcuts: audit sections stay shut until an audit is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from auditdesk.appoptions import AppOptions
from auditdesk.qt.app import launch_gui
from auditdesk.qt.preferences import Preferences


def _row(window, key: str) -> int:
    return [window.sidebar.item(r).text() for r in range(window.sidebar.count())].index(key)


def test_audit_sections_are_greyed_and_unreachable_until_an_audit_opens(
    qtbot, open_desktop, quick_audit, wait_for_jobs
) -> None:
    desktop = open_desktop()
    window = desktop.window
    window.show()
    sidebar = window.sidebar
    assert [sidebar.item(r).text() for r in range(sidebar.count())] == [
        "Audits",
        "Overview",
        "Interview",
        "Findings",
        "Scores",
        "Settings",
    ]
    assert not sidebar.item(_row(window, "Overview")).isEnabled()
    assert sidebar.item(_row(window, "Settings")).isEnabled()
    assert sidebar.item(_row(window, "Overview")).toolTip() == "Overview (Ctrl+2)"

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_section() == "audits"  # Ctrl+2 goes nowhere yet
    settings = sidebar.visualRect(sidebar.model().index(_row(window, "Settings"), 0))
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=settings.center())
    assert window.current_section() == "settings"
    assert sidebar.currentIndex().row() == _row(window, "Settings")
    assert not window.export_action.isEnabled()

    desktop.navigation.open_audit(quick_audit(desktop))
    wait_for_jobs(desktop)
    assert sidebar.item(_row(window, "Overview")).isEnabled()
    assert window.export_action.isEnabled()
    window.show_section("audits")
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_section() == "findings"
    assert sidebar.currentIndex().row() == _row(window, "Findings")


def test_menu_actions_carry_their_shortcuts(open_desktop) -> None:
    window = open_desktop().window
    audit_menu = window.menuBar().actions()[0].menu()
    shortcuts = {a.text(): a.shortcut() for a in audit_menu.actions() if not a.isSeparator()}
    assert shortcuts == {
        "Export…": QKeySequence("Ctrl+E"),
        "Quit": QKeySequence(QKeySequence.StandardKey.Quit),
    }


def test_the_launched_window_takes_its_shortcuts_once_painted(
    qtbot, tmp_path: Path, dialogs
) -> None:
    launch = launch_gui(
        AppOptions(db_path=tmp_path / "new.sqlite"),
        preferences=Preferences(tmp_path / "interface.ini"),
        dialogs=dialogs,
    )
    window = launch.shell.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: launch.desktop is not None, timeout=60000)
    desktop = launch.desktop
    qtbot.waitUntil(lambda: desktop.runner.running == 0, timeout=60000)
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    with qtbot.waitActive(window):  # offscreen, a shown window is not made active by itself
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_section() == "settings"
    desktop.workspace.close()
