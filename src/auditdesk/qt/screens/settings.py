"""Settings: the auditor's profile, the interface language, the database and its backups."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from auditdesk.domain import AuditorProfile
from auditdesk.qt.i18n import LANGUAGE_NAMES, tr
from auditdesk.qt.screens.layout import ScreenFrame
from auditdesk.qt.style import heading, muted, set_role


@dataclass(frozen=True)
class DatabaseInfo:
    path: str
    encrypted: bool
    backups: tuple[str, ...]
    training: bool = False


def _left(button: QPushButton) -> QHBoxLayout:
    """A button at its natural width, on the left of its form row."""
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row


class SettingsScreen(ScreenFrame):
    profile_saved = Signal(object)  # AuditorProfile
    language_chosen = Signal(str)
    backup_requested = Signal()
    passphrase_change_requested = Signal()
    training_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Settings"), "", parent)
        unit = self.fontMetrics().height()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        scroll.setWidget(content)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, round(unit * 0.5), 0)
        column.setSpacing(unit)
        self.body.addWidget(scroll, 1)
        self._profile_uuid = ""

        profile_card, profile = self._card(
            column, tr("Auditor profile"), tr("Your name goes into the audit trail and reports.")
        )
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.email = QLineEdit()
        self.accreditation = QLineEdit()
        for text, widget in (
            (tr("Name"), self.name),
            (tr("Organisation"), self.organisation),
            (tr("Email"), self.email),
            (tr("Accreditation"), self.accreditation),
        ):
            widget.setAccessibleName(text)
            profile.addRow(text, widget)
        self.save_profile_button = QPushButton(tr("Save profile"))
        set_role(self.save_profile_button, "primary")
        profile.addRow("", _left(self.save_profile_button))

        _, language = self._card(
            column,
            tr("Interface language"),
            tr(
                "The language of menus and buttons; it applies the next time AuditDesk "
                "starts. Each form's own languages are chosen during the interview."
            ),
        )
        self.language = QComboBox()
        self.language.setAccessibleName(tr("Interface language"))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        language.addRow(tr("Language"), self.language)

        _, database = self._card(
            column,
            tr("Database"),
            tr(
                "Every answer is stored here the moment it is given. Use --db PATH when "
                "starting AuditDesk to work in another database file."
            ),
        )
        self.db_path = QLabel()
        self.db_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.db_path.setWordWrap(True)
        database.addRow(tr("Location"), self.db_path)
        self.encryption = QLabel()
        database.addRow(tr("Encryption"), self.encryption)
        self.passphrase_button = QPushButton(tr("Change passphrase…"))
        database.addRow("", _left(self.passphrase_button))
        self.backups = QListWidget()
        self.backups.setAccessibleName(tr("Backups"))
        self.backups.setMaximumHeight(unit * 5)
        database.addRow(tr("Backups"), self.backups)
        row = QHBoxLayout()
        self.backup_button = QPushButton(tr("Back up now"))
        row.addWidget(self.backup_button)
        row.addStretch(1)
        database.addRow("", row)
        _, training = self._card(
            column,
            tr("Training mode"),
            tr(
                "Practise in a separate training database: everything made there is marked "
                "as fictional, every export carries the training watermark, and real audits "
                "are never touched."
            ),
        )
        self.training = QCheckBox(tr("Work in the training database"))
        self.training.setAccessibleName(tr("Training mode"))
        training.addRow("", self.training)
        column.addStretch(1)
        del profile_card
        self.training.clicked.connect(self._training_clicked)

        self.save_profile_button.clicked.connect(lambda: self.profile_saved.emit(self.profile()))
        self.language.activated.connect(
            lambda _: self.language_chosen.emit(str(self.language.currentData()))
        )
        self.backup_button.clicked.connect(self.backup_requested)
        self.passphrase_button.clicked.connect(self.passphrase_change_requested)

    def _card(self, column: QVBoxLayout, title: str, text: str) -> tuple[QFrame, QFormLayout]:
        unit = self.fontMetrics().height()
        card = QFrame()
        set_role(card, "card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(unit, unit, unit, unit)
        layout.setSpacing(round(unit * 0.5))
        layout.addWidget(heading(title, level=3))
        layout.addWidget(muted(text))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(form)
        card.setMaximumWidth(unit * 40)
        column.addWidget(card)
        return card, form

    def show_settings(
        self, profile: AuditorProfile | None, language: str, database: DatabaseInfo
    ) -> None:
        self._profile_uuid = profile.uuid if profile else ""
        self.name.setText(profile.name if profile else "")
        self.organisation.setText(profile.organisation if profile else "")
        self.email.setText(profile.email if profile else "")
        self.accreditation.setText(profile.accreditation if profile else "")
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.db_path.setText(database.path)
        self.encryption.setText(
            tr("Encrypted with a passphrase")
            if database.encrypted
            else tr("Not encrypted: anyone with the file can read it")
        )
        self.passphrase_button.setText(
            tr("Change passphrase…") if database.encrypted else tr("Encrypt with a passphrase…")
        )
        self.backups.clear()
        self.backups.addItems(list(database.backups) or [tr("No backup yet")])
        self.set_training(database.training)

    def set_training(self, training: bool) -> None:
        self.training.setChecked(training)

    def _training_clicked(self, wanted: bool) -> None:
        self.training.setChecked(not wanted)  # moves once the other database is open
        self.training_toggled.emit(wanted)

    def profile(self) -> AuditorProfile:
        from auditdesk.domain import new_uuid

        return AuditorProfile(
            uuid=self._profile_uuid or new_uuid(),
            name=self.name.text().strip(),
            organisation=self.organisation.text().strip(),
            email=self.email.text().strip(),
            accreditation=self.accreditation.text().strip(),
        )
