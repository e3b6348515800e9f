"""The welcome page's sample audit, and the auditor's evidence note and files on a question."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from auditdesk.domain import RecordKind


def test_explore_the_sample_audit_from_the_welcome_page(qtbot, open_desktop, wait_for_jobs) -> None:
    desktop = open_desktop()
    assert desktop.audits_home.showing_welcome
    qtbot.mouseClick(desktop.audits_home.welcome.sample_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(desktop)
    audits = desktop.workspace.repository.list_audits()
    assert audits
    assert all(summary.training for summary in audits)
    assert desktop.window.current_section() == "overview"
    assert desktop.navigation.audit_uuid in {summary.uuid for summary in audits}
    assert desktop.overview_screen.records.rowCount() > 8
    assert desktop.overview_screen.rating_label.text().startswith("Rating")


def test_an_evidence_note_and_file_are_kept_with_the_question(
    qtbot, open_desktop, quick_audit, wait_for_jobs, dialogs, tmp_path: Path
) -> None:
    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    desktop.navigation.open_audit(audit_uuid)
    desktop.overview.add_interview(RecordKind.WORKER_INTERVIEW)
    wait_for_jobs(desktop)
    interview = desktop.interview
    record_uuid = interview.current.record.uuid
    interview.answer("consent", "yes")
    interview.jump("hours/weekly_hours")
    evidence = desktop.interview_screen.evidence
    qtbot.mouseClick(evidence.toggle, Qt.MouseButton.LeftButton)
    assert not evidence.panel.isHidden()
    QTest.keyClicks(evidence.note, "Timesheet shows 58 h in week 12")
    evidence.flush()
    scan = tmp_path / "timesheet.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned timesheet")
    dialogs.files.append(scan)
    qtbot.mouseClick(evidence.attach_button, Qt.MouseButton.LeftButton)

    repository = desktop.workspace.repository
    notes = repository.load_instance(record_uuid)["notes"]  # type: ignore[typeddict-item]
    assert notes == {"hours/weekly_hours": "Timesheet shows 58 h in week 12"}
    [attached] = repository.list_attachments(record_uuid)
    assert attached.question_path == "hours/weekly_hours"
    assert repository.get_attachment_content(attached.uuid) == scan.read_bytes()
    assert "timesheet.pdf" in evidence.files_label.text()
    # Back on the question later, the note and the file are shown again.
    interview.jump("consent")
    interview.jump("hours/weekly_hours")
    assert evidence.note.toPlainText() == "Timesheet shows 58 h in week 12"
    assert "note" in evidence.toggle.text()
