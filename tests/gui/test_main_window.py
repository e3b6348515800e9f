"""The main window opens on the chosen database and shows the right first page."""

from __future__ import annotations

from pathlib import Path

from auditdesk.appoptions import AppOptions
from auditdesk.qt.app import build_desktop


def test_an_empty_database_opens_on_the_welcome_page(qtbot, tmp_path: Path, dialogs) -> None:
    desktop = build_desktop(AppOptions(db_path=tmp_path / "a.sqlite"), dialogs=dialogs)
    qtbot.addWidget(desktop.window)
    desktop.window.show()
    assert desktop.window.windowTitle().startswith("AuditDesk")
    assert desktop.opener.open_now()
    assert desktop.audits_home.showing_welcome
    assert (tmp_path / "a.sqlite").exists()


def test_the_training_database_says_so_in_the_title(qtbot, tmp_path: Path, dialogs) -> None:
    desktop = build_desktop(
        AppOptions(db_path=tmp_path / "t.sqlite", training=True), dialogs=dialogs
    )
    qtbot.addWidget(desktop.window)
    assert "Training — fictional data" in desktop.window.windowTitle()
    assert not desktop.window.training_banner.isHidden()
    assert desktop.window.training_button.isChecked()
