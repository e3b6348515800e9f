"""Every modal question the app asks, behind one object that tests replace.

Widgets and controllers never call ``QMessageBox`` or ``QFileDialog`` themselves; they
ask this service, so a test answers with a fake and nothing blocks offscreen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from auditdesk.qt.i18n import tr

if TYPE_CHECKING:
    from auditdesk.qt.signing_key_dialog import SigningKeyDetails


class Dialogs(Protocol):
    def ask_reason(self, parent: QWidget | None, title: str, question: str) -> str | None: ...

    def ask_passphrase(self, parent: QWidget | None, database: Path, retry: bool) -> str | None: ...

    def ask_new_passphrase(self, parent: QWidget | None) -> str | None: ...

    def ask_key_passphrase(self, parent: QWidget | None, signer: str, retry: bool) -> str | None:
        """The passphrase of the auditor's signing key (``signer`` names the identity)."""
        ...

    def ask_new_signing_key(
        self, parent: QWidget | None, suggested: SigningKeyDetails
    ) -> SigningKeyDetails | None:
        """Name, organisation, e-mail and passphrase for a new signing key."""
        ...

    def open_folder(self, folder: Path) -> None:
        """Show ``folder`` in the system's file manager."""
        ...

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool: ...

    def choose_file(self, parent: QWidget | None, title: str, name_filter: str) -> Path | None: ...

    def choose_save_path(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None: ...

    def show_error(self, parent: QWidget | None, title: str, message: str) -> None: ...


class QtDialogs:
    """The real dialogs."""

    def ask_reason(self, parent: QWidget | None, title: str, question: str) -> str | None:
        while True:
            text, ok = QInputDialog.getMultiLineText(parent, title, question)
            if not ok:
                return None
            if text.strip():
                return text.strip()
            QMessageBox.information(
                parent, title, tr("Please give a reason: it goes into the audit trail.")
            )

    def ask_passphrase(self, parent: QWidget | None, database: Path, retry: bool) -> str | None:
        prompt = tr("The database {name} is encrypted. Enter its passphrase:").format(
            name=database.name
        )
        if retry:
            prompt = tr("That passphrase did not open the database. Try again:") + "\n\n" + prompt
        text, ok = QInputDialog.getText(
            parent, tr("Passphrase"), prompt, QLineEdit.EchoMode.Password
        )
        return text if ok and text else None

    def ask_new_passphrase(self, parent: QWidget | None) -> str | None:
        explanation = tr(
            "Keep the passphrase safe: without it the database cannot be opened, and nobody "
            "can recover it."
        )
        first, ok = QInputDialog.getText(
            parent,
            tr("New passphrase"),
            explanation + "\n\n" + tr("New passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not first:
            return None
        second, ok = QInputDialog.getText(
            parent, tr("New passphrase"), tr("Type it again:"), QLineEdit.EchoMode.Password
        )
        if not ok:
            return None
        if first != second:
            QMessageBox.warning(parent, tr("New passphrase"), tr("The two passphrases differ."))
            return None
        return first

    def ask_key_passphrase(self, parent: QWidget | None, signer: str, retry: bool) -> str | None:
        prompt = tr("Passphrase of your signing key ({signer}):").format(signer=signer)
        if retry:
            prompt = tr("That passphrase did not open the key. Try again:") + "\n\n" + prompt
        text, ok = QInputDialog.getText(
            parent, tr("Sign the export"), prompt, QLineEdit.EchoMode.Password
        )
        return text if ok and text else None

    def ask_new_signing_key(
        self, parent: QWidget | None, suggested: SigningKeyDetails
    ) -> SigningKeyDetails | None:
        from auditdesk.qt.signing_key_dialog import SigningKeyDialog

        dialog = SigningKeyDialog(suggested, parent)
        return dialog.details() if dialog.exec() == SigningKeyDialog.DialogCode.Accepted else None

    def open_folder(self, folder: Path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    def choose_file(self, parent: QWidget | None, title: str, name_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(parent, title, "", name_filter)
        return Path(chosen) if chosen else None

    def choose_save_path(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
        return Path(chosen) if chosen else None

    def show_error(self, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.warning(parent, title, message)
