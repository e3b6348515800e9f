"""The Calibration window: choose a reference, add trainees, compare, read each trainee's
disagreements with guidance, save the PDF report; a bad workbook is shown, not raised."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest
from training_scene import Scene

pytest.importorskip("pytestqt")

from auditdesk.qt.calibration import CalibrationWindow


class FakeDialogs:
    """The dialogs the window uses, answered from queues; errors are recorded."""

    def __init__(self) -> None:
        self.files: deque[Path] = deque()
        self.save_paths: deque[Path] = deque()
        self.errors: list[tuple[str, str]] = []

    def choose_file(self, parent: object, title: str, name_filter: str) -> Path | None:
        return self.files.popleft() if self.files else None

    def choose_save_path(
        self, parent: object, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        return self.save_paths.popleft() if self.save_paths else None

    def show_error(self, parent: object, title: str, message: str) -> None:
        self.errors.append((title, message))


def test_comparing_shows_the_table_and_the_selected_trainees_disagreements(
    qtbot: object, calibration_scene: Scene, tmp_path: Path
) -> None:
    dialogs = FakeDialogs()
    dialogs.files.extend([calibration_scene.reference.workbook, calibration_scene.trainee.workbook])
    window = CalibrationWindow(dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    assert not window.compare_button.isEnabled()

    window.reference_button.click()
    window.add_button.click()
    assert window.compare_button.isEnabled()
    window.compare_button.click()

    assert window.summary.rowCount() == 1
    assert window.summary.item(0, 0).text() == "trainee-07.xlsx"
    assert window.summary.item(0, 1).text().startswith("96%")
    assert window.summary.item(0, 4).text() == "D4, J3, K2"
    assert window.details.rowCount() == 3
    codes = [window.details.item(row, 0).text() for row in range(3)]
    assert codes == ["D4", "J3", "K2"]
    assert window.details.item(1, 2).text() == "non-compliant"
    assert window.details.item(1, 4).text()  # the criterion's guidance

    dialogs.save_paths.append(tmp_path / "calibration.pdf")
    saved = window.save_report()
    assert saved == tmp_path / "calibration.pdf"
    assert saved.read_bytes().startswith(b"%PDF")


def test_a_workbook_that_is_not_an_audit_is_reported_in_a_dialog(
    qtbot: object, calibration_scene: Scene, tmp_path: Path
) -> None:
    bogus = tmp_path / "shopping.xlsx"
    bogus.write_bytes(b"not a workbook")
    dialogs = FakeDialogs()
    window = CalibrationWindow(dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.set_reference(calibration_scene.reference.workbook)
    window.add_trainees([bogus])

    assert not window.compare()

    assert dialogs.errors
    assert "shopping.xlsx" in dialogs.errors[0][1]
    assert window.summary.rowCount() == 0
    assert not window.save_button.isEnabled()
