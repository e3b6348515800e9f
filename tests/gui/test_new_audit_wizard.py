"""The new-audit wizard creates a site, an audit, its checklist copies and records."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from auditdesk.domain import AuditStatus, RecordKind


def test_an_audit_is_created_through_the_wizard(
    qtbot, open_desktop, dialogs, wait_for_jobs
) -> None:
    desktop = open_desktop()
    assert desktop.audits_home.showing_welcome
    qtbot.mouseClick(desktop.audits_home.welcome.start_button, Qt.MouseButton.LeftButton)
    assert desktop.window.current_section() == "new_audit"
    wizard = desktop.wizard
    QTest.keyClicks(wizard.organisation, "Kazi Data Services")
    QTest.keyClicks(wizard.site_name, "Mombasa annotation floor")
    QTest.keyClicks(wizard.country, "Kenya")
    wizard.headcount.setValue(120)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    # Step 2 shows the method's recommendation for 120 workers: ⌈√120⌉ = 11 interviews.
    assert "interview 11" in wizard.sample_advice.text()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    QTest.keyClicks(wizard.lead_auditor, "Amina Otieno")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert "Mombasa annotation floor" in wizard.review.text()
    assert wizard.next_button.text() == "Create audit"
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(desktop)

    repository = desktop.workspace.repository
    [summary] = repository.list_audits()
    assert summary.site == "Mombasa annotation floor"
    assert summary.status is AuditStatus.IN_PROGRESS
    audit = repository.get_audit(summary.uuid)
    assert audit.lead_auditor == "Amina Otieno"
    assert repository.get_site(audit.site_uuid).headcount == 120
    kinds = {record.kind for record in repository.list_form_records(summary.uuid)}
    assert kinds == {
        RecordKind.SITE_PROFILE,
        RecordKind.MANAGEMENT_INTERVIEW,
        RecordKind.DOCUMENT_REVIEW,
        RecordKind.SITE_OBSERVATION,
    }
    assert len(repository.list_form_snapshots(summary.uuid)) == 6
    assert desktop.window.current_section() == "overview"
    assert desktop.overview_screen.records.rowCount() == 4
    assert not dialogs.errors


def test_the_wizard_will_not_go_on_without_a_site(qtbot, open_desktop) -> None:
    desktop = open_desktop()
    desktop.navigation.new_audit()
    wizard = desktop.wizard
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.step == 0
    assert not wizard.error.isHidden()
    assert "organisation" in wizard.error.text()
    assert desktop.workspace.repository.list_audits() == []
