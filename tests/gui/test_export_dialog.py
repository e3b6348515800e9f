"""The Export dialog: files written off the UI thread, signed with the auditor's key,
cancel leaves nothing behind, mistakes come back as plain messages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from auditdesk.domain import TrailKind
from auditdesk.qt.signing_key_dialog import SigningKeyDetails

KEY_PASSPHRASE = "long enough passphrase"


def _open_export(qtbot, desktop, audit_uuid: str, folder: Path):
    desktop.navigation.open_audit(audit_uuid)
    qtbot.mouseClick(desktop.overview_screen.export_button, Qt.MouseButton.LeftButton)
    dialog = desktop.export.dialog
    assert dialog is not None
    assert dialog.isVisible()
    # The suggested names come from the site and the audit's date.
    assert Path(dialog.xlsx_path.text()).name == "Mombasa-annotation-floor-2026-03-02.xlsx"
    assert Path(dialog.pdf_path.text()).name == "Mombasa-annotation-floor-2026-03-02.pdf"
    dialog.set_paths(folder / "audit.xlsx", folder / "audit.pdf")
    return dialog


def _export(qtbot, desktop, dialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desktop.runner.running == 0, timeout=120000)
    qtbot.wait(10)


def test_export_writes_both_files_and_shows_where(
    qtbot, open_desktop, quick_audit, dialogs, tmp_path: Path
) -> None:
    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    folder = tmp_path / "exports"
    dialog = _open_export(qtbot, desktop, audit_uuid, folder)
    assert not dialog.sign_check.isChecked()  # no key on this computer yet
    assert not dialog.create_key_button.isHidden()
    assert "auditdesk keys new" in dialog.key_state.text()
    _export(qtbot, desktop, dialog)

    assert dialogs.errors == []
    assert dialog.showing_result()
    assert sorted(p.name for p in folder.iterdir()) == ["audit.pdf", "audit.xlsx"]
    assert (folder / "audit.pdf").read_bytes().startswith(b"%PDF")
    text = dialog.files_label.text()
    assert "audit.xlsx (not signed)" in text
    assert str(folder) in text
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened_folders == [folder]
    trail = desktop.workspace.repository.list_trail(audit_uuid)
    assert sum(entry.kind is TrailKind.EXPORT for entry in trail) == 2
    # The next export suggests the folder used last.
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    desktop.export.open_dialog(audit_uuid, desktop.window)
    assert Path(desktop.export.dialog.xlsx_path.text()).parent == folder


def test_site_copy_gets_its_own_names_and_hides_respondent_codes(
    qtbot, open_desktop, quick_audit, dialogs, tmp_path: Path
) -> None:
    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    desktop.navigation.open_audit(audit_uuid)
    dialog = desktop.export.open_dialog(audit_uuid, desktop.window)
    dialog.site_radio.setChecked(True)
    assert Path(dialog.pdf_path.text()).name == "Mombasa-annotation-floor-2026-03-02-site.pdf"
    dialog.confidential_radio.setChecked(True)
    assert Path(dialog.pdf_path.text()).name == "Mombasa-annotation-floor-2026-03-02.pdf"
    # A name the auditor typed is theirs: switching audience leaves it alone.
    dialog.pdf_path.setText(str(tmp_path / "for-the-ngo.pdf"))
    dialog.site_radio.setChecked(True)
    assert dialog.pdf_path.text() == str(tmp_path / "for-the-ngo.pdf")
    assert dialog.choices().audience == "site"


def test_a_new_key_signs_and_later_exports_ask_its_passphrase(
    qtbot, open_desktop, quick_audit, dialogs, tmp_path: Path
) -> None:
    from auditdesk.signing import CertificateSummary, KeyStore, VerificationStatus, verify_file

    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    folder = tmp_path / "signed"
    dialog = _open_export(qtbot, desktop, audit_uuid, folder)
    dialogs.new_keys.append(
        SigningKeyDetails("Amina Otieno", "Fair Data Audits", "amina@example.org", KEY_PASSPHRASE)
    )
    qtbot.mouseClick(dialog.create_key_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == []
    assert "Amina Otieno" in dialog.key_state.text()
    assert dialog.sign_check.isChecked()
    assert dialog.create_key_button.isHidden()
    dialog.pdf_check.setChecked(False)
    _export(qtbot, desktop, dialog)
    assert dialogs.errors == []
    assert not any("key passphrase" in asked for asked in dialogs.asked)  # just typed it
    certificate = KeyStore().certificate()
    result = verify_file(folder / "audit.xlsx", [certificate])
    assert result.status is VerificationStatus.VALID, result
    assert not (folder / "audit.pdf").exists()

    # Another export: the key is locked again, a wrong passphrase is asked again.
    dialog.accept()
    dialog = desktop.export.open_dialog(audit_uuid, desktop.window)
    dialog.set_paths(folder / "again.xlsx", folder / "again.pdf")
    dialog.xlsx_check.setChecked(False)
    dialogs.key_passphrases.extend(["not it at all", KEY_PASSPHRASE])
    _export(qtbot, desktop, dialog)
    subject = CertificateSummary.of(certificate).subject
    assert [a for a in dialogs.asked if "key passphrase" in a] == [
        f"key passphrase for {subject} (retry=False)",
        f"key passphrase for {subject} (retry=True)",
    ]
    assert dialogs.errors == []
    assert verify_file(folder / "again.pdf", [certificate]).status is VerificationStatus.VALID


def test_a_cancelled_export_leaves_no_file(
    qtbot, open_desktop, quick_audit, dialogs, tmp_path: Path
) -> None:
    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    folder = tmp_path / "cancelled"
    dialog = _open_export(qtbot, desktop, audit_uuid, folder)
    cancelled = []
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    job = desktop.export.job
    assert job is not None
    job.signals.cancelled.connect(lambda: cancelled.append(True))
    cancel_button = desktop.export.progress.findChild(QPushButton)
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desktop.runner.running == 0, timeout=120000)
    qtbot.wait(10)
    assert cancelled == [True]
    assert list(folder.iterdir()) == []  # no file, no half-written temporary
    assert not dialog.showing_result()
    assert dialog.choices_page.isEnabled()
    assert dialogs.errors == []
    trail = desktop.workspace.repository.list_trail(audit_uuid)
    assert not any(entry.kind is TrailKind.EXPORT for entry in trail)


def test_mistakes_are_plain_messages(
    qtbot, open_desktop, quick_audit, dialogs, tmp_path: Path
) -> None:
    desktop = open_desktop()
    audit_uuid = quick_audit(desktop)
    dialog = _open_export(qtbot, desktop, audit_uuid, tmp_path)
    dialog.xlsx_path.setText(str(tmp_path / "audit.txt"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == [
        ("Not exported", "The workbook's name must end in .xlsx and the report's in .pdf.")
    ]
    assert desktop.export.job is None  # nothing started
    # A file that cannot be written: a folder stands where the report should go.
    dialogs.errors.clear()
    blocked = tmp_path / "blocked.pdf"
    blocked.mkdir()
    dialog.xlsx_check.setChecked(False)
    dialog.pdf_path.setText(str(blocked))
    dialogs.confirmations.append(True)  # "replace the existing file?"
    _export(qtbot, desktop, dialog)
    [(title, message)] = dialogs.errors
    assert title == "The export failed"
    assert "blocked.pdf" in message
    assert "Traceback" not in message
    assert not dialog.showing_result()
