"""The audits list searches and filters, marks training audits, and archives on request."""

from __future__ import annotations

import datetime

from auditdesk.domain import AuditStatus, AuditSummary, AuditType
from auditdesk.qt.screens.audits_list import AuditsListScreen


def _summary(uuid: str, site: str, country: str, status: AuditStatus, training=False):
    return AuditSummary(
        uuid, site, "Org " + site, country, AuditType.ANNOUNCED, status,
        datetime.date(2026, 2, 1), None, training,
    )  # fmt: skip


def test_search_and_filters_narrow_the_list(qtbot) -> None:
    screen = AuditsListScreen()
    qtbot.addWidget(screen)
    screen.set_audits([
        _summary("a", "Nairobi labelling centre", "Kenya", AuditStatus.IN_PROGRESS),
        _summary("b", "Manila moderation hub", "Philippines", AuditStatus.COMPLETED),
        _summary("c", "Kisumu annotation", "Kenya", AuditStatus.ARCHIVED),
        _summary("d", "Sample vendor", "Kenya", AuditStatus.COMPLETED, training=True),
    ])  # fmt: skip
    assert [a.uuid for a in screen.visible_audits()] == ["a", "b", "d"]  # archived hidden
    screen.search.setText("manila")
    assert [a.uuid for a in screen.visible_audits()] == ["b"]
    screen.search.clear()
    screen.country_filter.setCurrentIndex(screen.country_filter.findData("Kenya"))
    assert [a.uuid for a in screen.visible_audits()] == ["a", "d"]
    screen.status_filter.setCurrentIndex(screen.status_filter.findData("archived"))
    assert [a.uuid for a in screen.visible_audits()] == ["c"]
    screen.status_filter.setCurrentIndex(0)
    screen.country_filter.setCurrentIndex(0)
    sample_row = [a.uuid for a in screen.visible_audits()].index("d")
    assert screen.proxy.index(sample_row, 6).data() == "Training"


def test_archiving_hides_an_audit_after_confirmation(open_desktop, quick_audit, dialogs) -> None:
    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    listing = desktop.audits_home.audits
    assert [a.uuid for a in listing.visible_audits()] == [audit_uuid]
    dialogs.confirmations.append(False)
    desktop.audits.archive(audit_uuid)
    assert [a.uuid for a in listing.visible_audits()] == [audit_uuid]
    dialogs.confirmations.append(True)
    desktop.audits.archive(audit_uuid)
    assert listing.visible_audits() == []
    assert desktop.workspace.repository.get_audit(audit_uuid).status is AuditStatus.ARCHIVED
