"""A whole worker interview answered from the keyboard, and every answer found in the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from auditdesk.domain import RecordKind, RecordStatus
from auditdesk.formengine import QuestionType
from auditdesk.formengine.values import to_json

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def _press(key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "the keyboard focus went nowhere"
    QTest.keyClick(target, key, modifier)


def _type(text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClicks(target, text)


def _tab_into(block) -> None:
    for _ in range(80):
        focused = QApplication.focusWidget()
        if focused is not None and block.isAncestorOf(focused):
            return
        _press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {block.prompt.path}")


def _answer(block) -> None:
    """What an auditor types for each kind of question (first choice, a number, words)."""
    kind = block.prompt.type
    if kind in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE):
        _press(Qt.Key.Key_1)
    elif kind is QuestionType.ACKNOWLEDGE:
        _press(Qt.Key.Key_Space)
    elif kind is QuestionType.INTEGER:
        _type("40")
        _press(Qt.Key.Key_Tab)
    elif kind is QuestionType.TEXT:
        _type("Nothing else to add")
        _press(Qt.Key.Key_Tab)
    else:
        raise AssertionError(f"no keyboard recipe for {kind} at {block.prompt.path}")


def test_a_worker_interview_is_completed_with_the_keyboard_alone(
    qtbot, open_desktop, quick_audit, wait_for_jobs
) -> None:
    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    desktop.navigation.open_audit(audit_uuid)
    wait_for_jobs(desktop)
    desktop.overview_screen.add_worker_button.setFocus()
    _press(Qt.Key.Key_Space)
    wait_for_jobs(desktop)
    assert desktop.window.current_section() == "interview"
    controller = desktop.interview
    screen = desktop.interview_screen
    record_uuid = controller.current.record.uuid
    given: dict[str, object] = {}
    screens_seen = 0
    while controller.current is not None:
        screens_seen += 1
        assert screens_seen < 200, "the interview never ended"
        state = screen.state
        if state.at_end:
            _press(Qt.Key.Key_Return)  # Finish
            break
        before = controller.current.session.screen.path
        for block in screen.blocks:
            prompt = block.prompt
            if prompt.read_only or prompt.type is QuestionType.NOTE or prompt.value is not None:
                continue
            _tab_into(block)
            _answer(block)
        for block in screen.blocks:
            value = controller.current.session.value(block.prompt.path)
            if value is not None and not block.prompt.read_only:
                given[block.prompt.path] = to_json(value)
        _press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        after = controller.current.session.screen.path if controller.current else None
        assert after != before or controller.current.session.screen.kind.value == "end", (
            f"stuck on {before}: {screen.state.errors}"
        )

    repository = desktop.workspace.repository
    record = repository.get_form_record(record_uuid)
    assert record.kind is RecordKind.WORKER_INTERVIEW
    assert record.status is RecordStatus.COMPLETED
    assert record.consent_given is True
    stored = repository.get_answers(record_uuid)
    assert len(given) > 40, "the consented path of the interview asks dozens of questions"
    for path, value in given.items():
        assert stored.get(path) == value, path
    assert stored["respondent/respondent_code"] == record.respondent_code
    assert desktop.window.current_section() == "overview"
    assert desktop.window.save_indicator.saved
