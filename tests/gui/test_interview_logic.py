"""Skip logic, constraint messages, repeats and form languages, seen on the interview screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from auditdesk.domain import RecordKind


def _press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


@pytest.fixture
def interview(open_desktop, quick_audit, wait_for_jobs):
    """The app open on a new record of the given kind, first screen shown."""

    def start(kind: RecordKind = RecordKind.WORKER_INTERVIEW, checklists=("worker_interview",)):
        desktop = open_desktop()
        audit_uuid = quick_audit(desktop, checklists=checklists)
        desktop.navigation.open_audit(audit_uuid)
        wait_for_jobs(desktop)
        desktop.overview.add_interview(kind) if kind in (
            RecordKind.WORKER_INTERVIEW,
            RecordKind.WORKER_GROUP_INTERVIEW,
        ) else desktop.navigation.open_record(_record_of(desktop, audit_uuid, kind))
        wait_for_jobs(desktop)
        assert desktop.window.current_section() == "interview"
        return desktop

    return start


def _record_of(desktop, audit_uuid: str, kind: RecordKind) -> str:
    records = desktop.workspace.repository.list_form_records(audit_uuid)
    return next(r.uuid for r in records if r.kind is kind)


def _labels(desktop) -> list[str]:
    return [label for _path, label in desktop.interview_screen.navigator.shown()]


def test_skip_logic_hides_and_shows_questions(interview) -> None:
    desktop = interview()
    screen = desktop.interview_screen
    _press(Qt.Key.Key_Return)  # past the consent note
    assert screen.blocks[0].prompt.path == "consent"
    assert "About your work" not in _labels(desktop)
    _press(Qt.Key.Key_2)  # No
    _press(Qt.Key.Key_Return)
    assert [b.prompt.path for b in screen.blocks] == ["no_consent_end"]
    assert "About your work" not in _labels(desktop)
    _press(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert screen.blocks[0].prompt.path == "consent"
    _press(Qt.Key.Key_1)  # Yes
    assert "About your work" in _labels(desktop)
    _press(Qt.Key.Key_Return)
    assert "respondent/respondent_code" in [b.prompt.path for b in screen.blocks]
    assert "no_consent_end" not in [path for path, _ in screen.navigator.shown()]


def test_a_constraint_message_appears_and_blocks(interview) -> None:
    desktop = interview()
    screen = desktop.interview_screen
    record = desktop.interview.current.record
    _press(Qt.Key.Key_Return)
    _press(Qt.Key.Key_1)
    _press(Qt.Key.Key_Return)
    block = screen.block("respondent/respondent_code")
    editor = block.input.editor
    editor.setFocus()
    editor.selectAll()
    QTest.keyClicks(editor, "Bob")
    _press(Qt.Key.Key_Tab)
    assert "W- followed by two or three digits" in block.error_text
    repository = desktop.workspace.repository
    assert (
        repository.get_answers(record.uuid)["respondent/respondent_code"] == record.respondent_code
    )
    _press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert desktop.interview.current.session.screen.path == "respondent"  # did not move on
    editor.setFocus()
    editor.selectAll()
    QTest.keyClicks(editor, "W-07")
    _press(Qt.Key.Key_Tab)
    assert screen.block("respondent/respondent_code").error_text == ""
    assert repository.get_answers(record.uuid)["respondent/respondent_code"] == "W-07"


def test_repeats_are_added_and_removed_in_plain_words(interview, qtbot, dialogs) -> None:
    desktop = interview(RecordKind.DOCUMENT_REVIEW, checklists=("document_review",))
    screen = desktop.interview_screen
    controller = desktop.interview
    record_uuid = controller.current.record.uuid
    controller.jump("payroll/payslip")
    bar = screen.repeat_bar
    assert not bar.isHidden()
    assert bar.add_button.text() == "Add another sampled payslip"
    qtbot.mouseClick(bar.add_button, Qt.MouseButton.LeftButton)
    assert controller.current.session.screen.path.startswith("payroll/payslip[1]/")
    assert bar.place_label.text() == "Sampled payslip 1 of 1"
    assert bar.remove_button.text() == "Remove this sampled payslip"
    first = screen.blocks[0]
    first.input.editor.setFocus()
    QTest.keyClicks(first.input.editor, "P-01")
    _press(Qt.Key.Key_Tab)
    qtbot.mouseClick(bar.add_button, Qt.MouseButton.LeftButton)
    assert bar.place_label.text() == "Sampled payslip 2 of 2"
    repository = desktop.workspace.repository
    assert repository.load_instance(record_uuid)["repeats"]["payroll/payslip"] == 2
    qtbot.mouseClick(bar.remove_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked
    assert "Remove this sampled payslip" in dialogs.asked[-1]
    stored = repository.load_instance(record_uuid)
    assert stored["repeats"]["payroll/payslip"] == 1
    assert stored["answers"]["payroll/payslip[1]/payslip_code"] == "P-01"
    assert not any(path.startswith("payroll/payslip[2]") for path in stored["answers"])


def test_the_form_language_switches_at_any_time(interview) -> None:
    desktop = interview()
    screen = desktop.interview_screen
    _press(Qt.Key.Key_Return)
    assert screen.blocks[0].label.text().startswith("Do you agree")
    combo = screen.language
    index = combo.findText("Français")
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert screen.blocks[0].label.text().startswith("Acceptez-vous")
    assert "Oui" in [b.text() for b in screen.blocks[0].input.buttons]
    assert desktop.interview.current.session.screen.path == "consent"  # still the same question
    position = desktop.positions.load()
    assert position is not None
    assert position.language == "Français (fr)"
