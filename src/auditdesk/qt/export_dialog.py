"""The Export dialog: which files, for whom, in which language, signed or not; then where
the files went.

Widgets only. The dialog says what the auditor chose (:class:`ExportChoices`) and the
export controller (:mod:`auditdesk.qt.controllers.export`) runs the job and calls back
:meth:`ExportDialog.show_done` with the files written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditdesk.qt.i18n import LANGUAGE_NAMES, tr
from auditdesk.qt.style import heading, muted, set_role

CONFIDENTIAL, SITE = "confidential", "site"


@dataclass(frozen=True)
class ExportChoices:
    xlsx: Path | None
    pdf: Path | None
    audience: str
    language: str
    sign: bool


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    signed: bool


class ExportDialog(QDialog):
    """Choose, then see the result, in one window."""

    export_requested = Signal(object)  # ExportChoices
    create_key_requested = Signal()
    choose_path_requested = Signal(str)  # "xlsx" or "pdf"
    audience_changed = Signal(str)
    open_folder_requested = Signal(object)  # Path

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export the audit"))
        self.setObjectName("exportDialog")
        unit = self.fontMetrics().height()
        self.setMinimumWidth(unit * 46)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(round(unit * 1.2), unit, round(unit * 1.2), unit)
        outer.setSpacing(round(unit * 0.6))
        outer.addWidget(heading(tr("Export the audit"), level=2))
        self.subtitle = muted(title)
        outer.addWidget(self.subtitle)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.choices_page = self._choices_page(unit)
        self.pages.addWidget(self.choices_page)
        self.pages.addWidget(self._done_page(unit))

    # -- choosing --------------------------------------------------------------------

    def _choices_page(self, unit: int) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(round(unit * 0.6))

        files = QGridLayout()
        files.setHorizontalSpacing(round(unit * 0.5))
        files.setColumnStretch(1, 1)
        self.xlsx_check = QCheckBox(tr("Workbook (.xlsx)"))
        self.pdf_check = QCheckBox(tr("PDF report"))
        self.xlsx_path = QLineEdit()
        self.pdf_path = QLineEdit()
        self.xlsx_choose = QPushButton(tr("Choose…"))
        self.pdf_choose = QPushButton(tr("Choose…"))
        for row, (check, edit, choose, kind, name) in enumerate(
            (
                (self.xlsx_check, self.xlsx_path, self.xlsx_choose, "xlsx", tr("Workbook file")),
                (self.pdf_check, self.pdf_path, self.pdf_choose, "pdf", tr("PDF report file")),
            )
        ):
            check.setChecked(True)
            edit.setAccessibleName(name)
            files.addWidget(check, row, 0)
            files.addWidget(edit, row, 1)
            files.addWidget(choose, row, 2)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(choose.setEnabled)
            check.toggled.connect(lambda _on: self._update_export_button())
            choose.clicked.connect(lambda _=False, kind=kind: self.choose_path_requested.emit(kind))
        column.addLayout(files)

        column.addWidget(heading(tr("Who is it for?"), level=3))
        self.audience_group = QButtonGroup(self)
        self.confidential_radio = QRadioButton(tr("Confidential, for the commissioning NGO"))
        self.site_radio = QRadioButton(tr("For the site (the audited company)"))
        for radio, key, explanation in (
            (
                self.confidential_radio,
                CONFIDENTIAL,
                tr("Everything: respondent codes, workers' own words, photos."),
            ),
            (
                self.site_radio,
                SITE,
                tr(
                    "Worker interviews only as counts and shares over at least 3 workers; "
                    "no codes, quotes or photos of people."
                ),
            ),
        ):
            self.audience_group.addButton(radio)
            radio.setProperty("audience", key)
            column.addWidget(radio)
            note = muted(explanation)
            note.setContentsMargins(round(unit * 1.6), 0, 0, 0)
            column.addWidget(note)
        self.confidential_radio.setChecked(True)
        self.audience_group.buttonToggled.connect(self._audience_toggled)

        language_row = QHBoxLayout()
        language_row.addWidget(QLabel(tr("Report language")))
        self.language = QComboBox()
        self.language.setAccessibleName(tr("Report language"))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        language_row.addWidget(self.language)
        language_row.addStretch(1)
        column.addLayout(language_row)

        self.sign_check = QCheckBox(tr("Sign with my key"))
        column.addWidget(self.sign_check)
        key_row = QHBoxLayout()
        key_row.setContentsMargins(round(unit * 1.6), 0, 0, 0)
        self.key_state = muted("")
        self.key_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key_row.addWidget(self.key_state, 1)
        self.create_key_button = QPushButton(tr("Create signing key…"))
        key_row.addWidget(self.create_key_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(key_row)
        column.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.export_button = QPushButton(tr("Export"))
        set_role(self.export_button, "primary")
        self.export_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        column.addLayout(buttons)

        self.cancel_button.clicked.connect(self.reject)
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.choices()))
        self.create_key_button.clicked.connect(self.create_key_requested)
        return page

    def set_paths(self, xlsx: Path, pdf: Path) -> None:
        self.xlsx_path.setText(str(xlsx))
        self.pdf_path.setText(str(pdf))

    def set_path(self, kind: str, path: Path) -> None:
        (self.xlsx_path if kind == "xlsx" else self.pdf_path).setText(str(path))

    def set_language(self, language: str) -> None:
        self.language.setCurrentIndex(max(self.language.findData(language), 0))

    def set_key_state(self, text: str, *, has_key: bool) -> None:
        """What signing will use; without a key, how to make one."""
        self.key_state.setText(text)
        self.create_key_button.setVisible(not has_key)
        self.sign_check.setChecked(has_key)

    def audience(self) -> str:
        return SITE if self.site_radio.isChecked() else CONFIDENTIAL

    def choices(self) -> ExportChoices:
        def path(check: QCheckBox, edit: QLineEdit) -> Path | None:
            text = edit.text().strip()
            return Path(text).expanduser() if check.isChecked() and text else None

        return ExportChoices(
            xlsx=path(self.xlsx_check, self.xlsx_path),
            pdf=path(self.pdf_check, self.pdf_path),
            audience=self.audience(),
            language=str(self.language.currentData()),
            sign=self.sign_check.isChecked(),
        )

    def set_busy(self, busy: bool) -> None:
        self.choices_page.setEnabled(not busy)

    def _audience_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.audience_changed.emit(self.audience())

    def _update_export_button(self) -> None:
        self.export_button.setEnabled(self.xlsx_check.isChecked() or self.pdf_check.isChecked())

    # -- done ------------------------------------------------------------------------

    def _done_page(self, unit: int) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(round(unit * 0.6))
        card = QFrame()
        set_role(card, "card")
        self.done_layout = QVBoxLayout(card)
        self.done_layout.setContentsMargins(unit, unit, unit, unit)
        self.done_layout.setSpacing(round(unit * 0.4))
        self.done_heading = heading(tr("Exported"), level=3)
        self.done_layout.addWidget(self.done_heading)
        self.files_label = QLabel()
        self.files_label.setObjectName("exportedFiles")
        self.files_label.setWordWrap(True)
        self.files_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_layout.addWidget(self.files_label)
        column.addWidget(card)
        column.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_folder_button = QPushButton(tr("Open folder"))
        self.close_button = QPushButton(tr("Close"))
        set_role(self.close_button, "primary")
        buttons.addWidget(self.open_folder_button)
        buttons.addWidget(self.close_button)
        column.addLayout(buttons)
        self._folder: Path | None = None
        self.open_folder_button.clicked.connect(
            lambda: self.open_folder_requested.emit(self._folder)
        )
        self.close_button.clicked.connect(self.accept)
        return page

    def show_done(self, files: Sequence[WrittenFile]) -> None:
        lines = []
        for file in files:
            state = tr("signed") if file.signed else tr("not signed")
            lines.append(f"{file.path.name} ({state})")
        self._folder = files[0].path.parent if files else None
        folder = str(self._folder) if self._folder else ""
        self.files_label.setText(
            "\n".join(lines) + "\n\n" + tr("In the folder {folder}").format(folder=folder)
        )
        self.pages.setCurrentIndex(1)
        self.close_button.setFocus()

    def showing_result(self) -> bool:
        return self.pages.currentIndex() == 1
