"""The findings editor: a derived finding's corrective action changes status, in the store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from auditdesk.domain import CapStatus, FindingStatus, RecordKind


def test_the_findings_editor_changes_a_corrective_action_status(
    qtbot, open_desktop, quick_audit, wait_for_jobs, dialogs
) -> None:
    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    desktop.navigation.open_audit(audit_uuid)
    desktop.overview.add_interview(RecordKind.WORKER_INTERVIEW)
    wait_for_jobs(desktop)
    interview = desktop.interview
    interview.answer("consent", "yes")
    interview.answer("hours/weekly_hours", 72)  # over the 60-hour limit of criterion B1
    interview.close()
    wait_for_jobs(desktop)

    desktop.window.show_section("findings")
    wait_for_jobs(desktop)
    screen = desktop.findings_screen
    keys = [screen.table.item(row, 1).text() for row in range(screen.table.rowCount())]
    assert "B1" in keys
    screen.select("derived:B1")
    assert screen.current_key() == "derived:B1"
    assert "72" in screen.quoted.text()
    screen.cap_status.setCurrentIndex(screen.cap_status.findData(CapStatus.IN_PROGRESS.value))
    screen.responsible.setText("Site HR manager")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(desktop)

    repository = desktop.workspace.repository
    [finding] = [f for f in repository.list_findings(audit_uuid) if f.criterion_code == "B1"]
    assert finding.derived
    action = repository.get_corrective_action(finding.uuid)
    assert action is not None
    assert action.status is CapStatus.IN_PROGRESS
    assert action.responsible_party == "Site HR manager"
    # The list shows the new status, and the trail keeps the change.
    row = next(r for r in range(screen.table.rowCount()) if screen.table.item(r, 1).text() == "B1")
    assert screen.table.item(row, 3).text() == "In progress"
    kinds = [entry.kind.value for entry in repository.list_trail(audit_uuid)]
    assert "cap_changed" in kinds

    dialogs.reasons.append("Duplicate of a finding raised at the group interview")
    qtbot.mouseClick(screen.withdraw_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(desktop)
    assert repository.get_finding(finding.uuid).status is FindingStatus.WITHDRAWN
    assert not dialogs.errors
