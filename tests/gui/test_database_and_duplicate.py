"""Opening an encrypted database asks for its passphrase; a past audit seeds a new visit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from auditdesk.appoptions import AppOptions
from auditdesk.qt.app import build_desktop
from auditdesk.qt.preferences import Preferences
from auditdesk.storage import create_database


def test_an_encrypted_database_asks_for_its_passphrase(qtbot, tmp_path: Path, dialogs) -> None:
    database = tmp_path / "field.sqlite"
    create_database(database, passphrase="correct horse battery staple")
    desktop = build_desktop(
        AppOptions(db_path=database),
        dialogs=dialogs,
        language="en",
        preferences=Preferences(tmp_path / "interface.ini"),
    )
    qtbot.addWidget(desktop.window)
    dialogs.passphrases.extend(["wrong guess", "correct horse battery staple"])
    assert desktop.opener.open_now()
    assert dialogs.asked == [
        "passphrase for field.sqlite (retry=False)",
        "passphrase for field.sqlite (retry=True)",
    ]
    assert desktop.workspace.repository.encrypted
    desktop.workspace.close()


def test_a_refused_passphrase_says_why_and_opens_nothing(qtbot, tmp_path: Path, dialogs) -> None:
    database = tmp_path / "field.sqlite"
    create_database(database, passphrase="secret")
    desktop = build_desktop(
        AppOptions(db_path=database),
        dialogs=dialogs,
        language="en",
        preferences=Preferences(tmp_path / "interface.ini"),
    )
    qtbot.addWidget(desktop.window)
    assert not desktop.opener.open_now()  # the auditor cancels the question
    assert not desktop.workspace.is_open
    [(_title, message)] = dialogs.errors
    assert "passphrase" in message
    assert "field.sqlite" in message


def test_duplicate_starts_a_new_visit_to_the_same_site(
    qtbot, open_desktop, quick_audit, wait_for_jobs
) -> None:
    desktop = open_desktop()
    first = quick_audit(desktop, checklists=("worker_interview", "site_profile"))
    listing = desktop.audits_home.audits
    listing.select_audit(first)
    qtbot.mouseClick(listing.duplicate_button, Qt.MouseButton.LeftButton)
    wizard = desktop.wizard
    assert desktop.window.current_section() == "new_audit"
    assert wizard.site_name.text() == "Mombasa annotation floor"
    assert not wizard.site_name.isEnabled()  # the known site, not a copy of it
    checked = {form for form, box in wizard.checklist_buttons.items() if box.isChecked()}
    assert checked == {"worker_interview", "site_profile"}
    for _ in range(4):
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Create audit
    wait_for_jobs(desktop)
    repository = desktop.workspace.repository
    audits = [repository.get_audit(summary.uuid) for summary in repository.list_audits()]
    assert len(audits) == 2
    assert len({audit.site_uuid for audit in audits}) == 1
    assert len(repository.list_sites()) == 1
