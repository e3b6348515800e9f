from __future__ import annotations

from pathlib import Path

from auditdesk.appoptions import AppOptions
from auditdesk.qt.main_window import MainWindow


def test_main_window_opens_on_the_chosen_database(qtbot, tmp_path: Path) -> None:
    window = MainWindow(AppOptions(db_path=tmp_path / "a.sqlite"))
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith("AuditDesk")
