"""The Consolidation window: drop files, consolidate off the UI thread, look, save."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from python_calamine import CalamineWorkbook

from auditdesk.consolidate import InputStatus
from auditdesk.qt.consolidation import ConsolidationWindow
from auditdesk.qt.workers import JobRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "consolidate"))
from export_builder import FakeAudit, FakeFinding, FakeRecord, write_export

pytestmark = pytest.mark.gui


def _inbox(folder: Path) -> Path:
    form = ("auditdesk_wages", "1")
    for n, country in enumerate(("KE", "BD")):
        write_export(
            folder / "inbox" / f"audit-{n}.xlsx",
            FakeAudit(
                f"{n}aaaaaaa-0000",
                country=country,
                records=(FakeRecord(f"r{n}", form[0], {"paid_on_time": "no"}),),
                findings=(
                    FakeFinding(
                        f"f{n}", "B2", severity="critical", plan_due=datetime.date(2026, 1, 1)
                    ),
                ),
                questions={form: ("paid_on_time",)},
            ),
        )
    (folder / "inbox" / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    return folder / "inbox"


def _drop(window: ConsolidationWindow, path: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_a_dropped_folder_is_consolidated_shown_and_saved(qtbot, dialogs, tmp_path: Path) -> None:
    runner = JobRunner()
    window = ConsolidationWindow(runner, dialogs, today=lambda: datetime.date(2026, 4, 1))
    qtbot.addWidget(window)
    _drop(window, _inbox(tmp_path))
    assert window.model.rowCount() == 1
    assert window.run_button.isEnabled()
    assert not window.save_button.isEnabled()

    with qtbot.waitSignal(window.consolidated, timeout=60_000):
        qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)

    statuses = sorted(
        window.model.index(row, 1).data(Qt.ItemDataRole.UserRole)
        for row in range(window.model.rowCount())
    )
    assert statuses == sorted([InputStatus.UNSIGNED.value] * 2 + [InputStatus.UNREADABLE.value])
    broken = next(e for e in window.model.entries if e.path.endswith("broken.xlsx"))
    assert "damaged" in broken.reason
    assert window.model.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "2 audits from 3 files" in window.summary.text()
    assert "2 overdue" in window.summary.text()
    charts = [window.charts.itemAt(i).widget() for i in range(window.charts.count())]
    names = " | ".join(chart.accessibleName() for chart in charts)
    assert "BD: 1 critical" in names
    assert "KE: 1 critical" in names

    target = tmp_path / "saved" / "master.xlsx"
    target.parent.mkdir()
    dialogs.save_paths.append(target)
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    saved = CalamineWorkbook.from_path(str(target))
    assert "Import log" in saved.sheet_names
    assert len(saved.get_sheet_by_name("Audits").to_python()) == 3
    runner.wait_for_done(10_000)


def test_cancelling_leaves_nothing_to_save(qtbot, dialogs, tmp_path: Path) -> None:
    runner = JobRunner()
    window = ConsolidationWindow(runner, dialogs)
    qtbot.addWidget(window)
    window.add_paths([_inbox(tmp_path)])
    window.start()
    assert window.job is not None
    window.job.cancel()  # long before the job has read three files and written a master
    qtbot.waitUntil(lambda: runner.running == 0, timeout=60_000)
    assert window.report is None
    assert not window.save_button.isEnabled()
    assert not window.master_path.exists()
    assert "Cancelled" in window.summary.text()
    assert dialogs.errors == []
