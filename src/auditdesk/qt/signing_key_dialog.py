"""A small form for a new signing key: who signs, and the passphrase that seals the key.

The same identity ``auditdesk keys new --name --org --email`` makes; the key itself is
made by :meth:`auditdesk.signing.KeyStore.create`, called by the export controller.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from auditdesk.qt.i18n import tr
from auditdesk.qt.style import heading, muted, set_role

MIN_PASSPHRASE = 8
"""The key store refuses shorter passphrases (``auditdesk.signing.keyfiles``)."""


@dataclass(frozen=True)
class SigningKeyDetails:
    name: str
    organisation: str
    email: str
    passphrase: str = ""


class SigningKeyDialog(QDialog):
    def __init__(self, suggested: SigningKeyDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Create signing key"))
        unit = self.fontMetrics().height()
        self.setMinimumWidth(unit * 28)
        column = QVBoxLayout(self)
        column.setSpacing(round(unit * 0.6))
        column.addWidget(heading(tr("Create signing key"), level=2))
        column.addWidget(
            muted(
                tr(
                    "Your name and organisation appear on every signature. The passphrase "
                    "protects the key on this computer; nobody can recover it."
                )
            )
        )
        form = QFormLayout()
        self.name = QLineEdit(suggested.name)
        self.organisation = QLineEdit(suggested.organisation)
        self.email = QLineEdit(suggested.email)
        self.passphrase = QLineEdit()
        self.repeat = QLineEdit()
        for text, edit in (
            (tr("Name"), self.name),
            (tr("Organisation"), self.organisation),
            (tr("Email"), self.email),
            (tr("Passphrase"), self.passphrase),
            (tr("Passphrase again"), self.repeat),
        ):
            edit.setAccessibleName(text)
            form.addRow(text, edit)
        for edit in (self.passphrase, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        column.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        set_role(self.problem, "error")
        self.problem.hide()
        column.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Create key"))
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def details(self) -> SigningKeyDetails:
        return SigningKeyDetails(
            self.name.text().strip(),
            self.organisation.text().strip(),
            self.email.text().strip(),
            self.passphrase.text(),
        )

    def problem_text(self) -> str:
        details = self.details()
        if not details.name or not details.organisation:
            return tr("Enter your name and organisation.")
        if len(details.passphrase) < MIN_PASSPHRASE:
            return tr("The passphrase needs at least {count} characters.").format(
                count=MIN_PASSPHRASE
            )
        if details.passphrase != self.repeat.text():
            return tr("The two passphrases differ.")
        return ""

    def _accept_if_complete(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if not problem:
            self.accept()
