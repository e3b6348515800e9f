"""A completed record can be reopened and changed, with the reason kept in the audit trail."""

from __future__ import annotations

from PySide6.QtCore import Qt

from auditdesk.domain import RecordKind, RecordStatus, TrailKind


def test_a_completed_record_is_reopened_and_changed_with_a_reason(
    qtbot, open_desktop, quick_audit, wait_for_jobs, dialogs
) -> None:
    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    desktop.navigation.open_audit(audit_uuid)
    desktop.overview.add_interview(RecordKind.WORKER_INTERVIEW)
    wait_for_jobs(desktop)
    interview = desktop.interview
    record_uuid = interview.current.record.uuid
    interview.answer("consent", "no")  # the shortest complete interview: consent refused
    interview.finish()
    repository = desktop.workspace.repository
    assert repository.get_form_record(record_uuid).status is RecordStatus.COMPLETED

    desktop.navigation.open_record(record_uuid, "consent")
    wait_for_jobs(desktop)
    screen = desktop.interview_screen
    assert not screen.locked_banner.isHidden()
    assert not screen.blocks[0].input.isEnabled()  # read-only until reopened
    interview.answer("consent", "yes")
    assert repository.get_answers(record_uuid)["consent"] == "no"

    dialogs.reasons.append("The worker changed her mind after the break")
    qtbot.mouseClick(screen.reopen_button, Qt.MouseButton.LeftButton)
    assert screen.locked_banner.isHidden()
    assert screen.blocks[0].input.isEnabled()
    screen.blocks[0].input.pick_by_digit(1)  # Yes
    assert repository.get_answers(record_uuid)["consent"] == "yes"
    trail = repository.list_trail(audit_uuid)
    reopened = [e for e in trail if e.kind is TrailKind.RECORD_STATUS and e.reason]
    assert reopened[-1].reason == "The worker changed her mind after the break"
    [change] = [e for e in trail if e.kind is TrailKind.ANSWER and e.path == "consent"
                and e.new_value == "yes"]  # fmt: skip
    assert change.old_value == "no"
    assert change.reason == "The worker changed her mind after the break"
    assert repository.verify_trail(audit_uuid).ok
