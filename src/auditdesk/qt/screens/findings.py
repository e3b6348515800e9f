"""Findings and their corrective actions: a list by severity, and an editor beside it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.domain import CapStatus, Severity
from auditdesk.qt import style
from auditdesk.qt.i18n import tr
from auditdesk.qt.labels import label
from auditdesk.qt.screens.layout import ScreenFrame
from auditdesk.qt.style import heading, muted, set_role

_NO_DATE = QDate(1900, 1, 1)


@dataclass(frozen=True)
class FindingView:
    """One finding as the screen shows it; ``key`` identifies it for edits."""

    key: str
    criterion: str
    area: str
    severity: Severity
    title: str
    origin: str
    withdrawn: bool
    withdrawn_reason: str
    evidence_text: str
    quoted: tuple[str, ...]
    action: str
    responsible: str
    plan_due: datetime.date | None
    verify_due: datetime.date | None
    cap_status: CapStatus
    verification_note: str
    due_text: str


@dataclass(frozen=True)
class FindingEdit:
    key: str
    criterion: str
    severity: Severity
    title: str
    evidence_text: str
    action: str
    responsible: str
    plan_due: datetime.date | None
    verify_due: datetime.date | None
    cap_status: CapStatus
    verification_note: str


NEW_KEY = ""
"""The key of a finding being added by hand."""


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText(tr("At the next audit"))
    edit.setAccessibleName(name)
    return edit


def _to_qdate(day: datetime.date | None) -> QDate:
    return _NO_DATE if day is None else QDate(day.year, day.month, day.day)


def _from_qdate(day: QDate) -> datetime.date | None:
    return None if day <= _NO_DATE else datetime.date(day.year(), day.month(), day.day())


class FindingsScreen(ScreenFrame):
    saved = Signal(object)  # FindingEdit
    withdraw_requested = Signal(str)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Findings"),
            tr(
                "Derived from non-compliant criteria, or added by you. Each has a corrective "
                "action plan."
            ),
            parent,
        )
        self._views: dict[str, FindingView] = {}
        self._criteria: list[tuple[str, str]] = []
        self.add_button = QPushButton(tr("Add a finding"))
        self.action_row.addWidget(self.add_button)
        self.export_button = QPushButton(tr("Export…"))
        self.export_button.setToolTip(tr("Workbook and PDF report (Ctrl+E)"))
        self.export_button.clicked.connect(self.export_requested)
        self.action_row.addWidget(self.export_button)
        unit = self.fontMetrics().height()
        columns = QHBoxLayout()
        columns.setSpacing(unit)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("findingsTable")
        self.table.setAccessibleName(tr("Findings"))
        self.table.setHorizontalHeaderLabels(
            [tr("Severity"), tr("Criterion"), tr("Finding"), tr("Action"), tr("Due")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        columns.addWidget(self.table, 3)

        editor_card = QFrame()
        set_role(editor_card, "card")
        editor_outer = QVBoxLayout(editor_card)
        editor_outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor_outer.addWidget(scroll)
        editor = QWidget()
        scroll.setWidget(editor)
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(unit, unit, unit, unit)
        layout.setSpacing(round(unit * 0.5))
        self.editor_title = heading(tr("Finding"), level=3)
        layout.addWidget(self.editor_title)
        self.withdrawn_label = QLabel()
        set_role(self.withdrawn_label, "error")
        self.withdrawn_label.setWordWrap(True)
        self.withdrawn_label.hide()
        layout.addWidget(self.withdrawn_label)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.criterion = QComboBox()
        self.criterion.setAccessibleName(tr("Criterion"))
        self.severity = QComboBox()
        self.severity.setAccessibleName(tr("Severity"))
        for severity in Severity:
            self.severity.addItem(label(severity), severity)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(tr("Finding"))
        self.evidence = QPlainTextEdit()
        self.evidence.setAccessibleName(tr("Evidence"))
        self.evidence.setTabChangesFocus(True)
        self.evidence.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.quoted = muted("")
        self.quoted.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(tr("Criterion"), self.criterion)
        form.addRow(tr("Severity"), self.severity)
        form.addRow(tr("Finding"), self.title_edit)
        form.addRow(tr("Your evidence"), self.evidence)
        form.addRow(tr("From the answers"), self.quoted)
        layout.addLayout(form)
        layout.addWidget(heading(tr("Corrective action"), level=3))
        cap = QFormLayout()
        cap.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        cap.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.action = QPlainTextEdit()
        self.action.setAccessibleName(tr("Action"))
        self.action.setTabChangesFocus(True)
        self.action.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.responsible = QLineEdit()
        self.responsible.setAccessibleName(tr("Responsible"))
        self.plan_due = _date_edit(tr("Plan due"))
        self.verify_due = _date_edit(tr("Verify by"))
        self.cap_status = QComboBox()
        self.cap_status.setObjectName("capStatus")
        self.cap_status.setAccessibleName(tr("Action status"))
        for status in CapStatus:
            self.cap_status.addItem(label(status), status)
        self.verification_note = QPlainTextEdit()
        self.verification_note.setAccessibleName(tr("Verification note"))
        self.verification_note.setTabChangesFocus(True)
        self.verification_note.setFixedHeight(self.fontMetrics().lineSpacing() * 3)
        cap.addRow(tr("Action"), self.action)
        cap.addRow(tr("Responsible"), self.responsible)
        cap.addRow(tr("Plan due"), self.plan_due)
        cap.addRow(tr("Verify by"), self.verify_due)
        cap.addRow(tr("Status"), self.cap_status)
        cap.addRow(tr("Verification note"), self.verification_note)
        layout.addLayout(cap)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(tr("Save changes"))
        set_role(self.save_button, "primary")
        self.withdraw_button = QPushButton(tr("Withdraw…"))
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        editor_card.setMinimumWidth(unit * 20)
        columns.addWidget(editor_card, 2)
        self.body.addLayout(columns, 1)

        self.table.itemSelectionChanged.connect(self._selected)
        self.save_button.clicked.connect(lambda: self.saved.emit(self.edit()))
        self.withdraw_button.clicked.connect(
            lambda: self.withdraw_requested.emit(self.current_key())
        )
        self.add_button.clicked.connect(self.start_new)
        self._key = NEW_KEY
        self._set_editor_enabled(False)

    def show_findings(
        self, findings: list[FindingView], criteria: list[tuple[str, str]], select: str = ""
    ) -> None:
        """``criteria`` are (code, title) pairs offered when adding a finding by hand."""
        self._views = {view.key: view for view in findings}
        self._criteria = criteria
        self.table.blockSignals(True)
        self.table.clearSelection()  # so that selecting the same row again refills the editor
        self.table.blockSignals(False)
        self.table.setRowCount(len(findings))
        for row, view in enumerate(findings):
            cells = (
                label(view.severity),
                view.criterion,
                view.title,
                label(view.cap_status),
                view.due_text,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, view.key)
                if view.withdrawn:
                    item.setForeground(QBrush(QColor(style.MUTED)))
                    if column == 2:
                        item.setText(tr("{title} (withdrawn)").format(title=view.title))
                elif column == 0:
                    item.setForeground(QBrush(QColor(style.SEVERITY_COLOURS[view.severity])))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        target = next((r for r, v in enumerate(findings) if v.key == select), 0 if findings else -1)
        if target >= 0:
            self.table.selectRow(target)
        else:
            self._set_editor_enabled(False)

    def current_key(self) -> str:
        return self._key

    def select(self, key: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
                self.table.selectRow(row)
                return

    def start_new(self) -> None:
        self.table.clearSelection()
        self._key = NEW_KEY
        self._fill_criteria("")
        self.editor_title.setText(tr("New finding"))
        self.withdrawn_label.hide()
        for edit in (self.evidence, self.action, self.verification_note):
            edit.clear()
        self.title_edit.clear()
        self.responsible.clear()
        self.plan_due.setDate(_NO_DATE)
        self.verify_due.setDate(_NO_DATE)
        self.cap_status.setCurrentIndex(0)
        self.quoted.setText("")
        self._set_editor_enabled(True)
        self.criterion.setEnabled(True)
        self.withdraw_button.setEnabled(False)
        self.criterion.setFocus()

    def edit(self) -> FindingEdit:
        return FindingEdit(
            key=self._key,
            criterion=str(self.criterion.currentData() or ""),
            severity=Severity(str(self.severity.currentData())),
            title=self.title_edit.text().strip(),
            evidence_text=self.evidence.toPlainText().strip(),
            action=self.action.toPlainText().strip(),
            responsible=self.responsible.text().strip(),
            plan_due=_from_qdate(self.plan_due.date()),
            verify_due=_from_qdate(self.verify_due.date()),
            cap_status=CapStatus(str(self.cap_status.currentData())),
            verification_note=self.verification_note.toPlainText().strip(),
        )

    def _fill_criteria(self, chosen: str) -> None:
        self.criterion.clear()
        for code, title in self._criteria:
            self.criterion.addItem(f"{code} · {title}" if title else code, code)
        if chosen and self.criterion.findData(chosen) < 0:
            self.criterion.addItem(chosen, chosen)
        self.criterion.setCurrentIndex(max(self.criterion.findData(chosen), 0))

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        view = self._views.get(str(rows[0].data(Qt.ItemDataRole.UserRole)))
        if view is None:
            return
        self._key = view.key
        self.editor_title.setText(f"{view.criterion} · {view.title}")
        self._fill_criteria(view.criterion)
        self.criterion.setEnabled(False)
        self.severity.setCurrentIndex(self.severity.findData(view.severity.value))
        self.title_edit.setText(view.title)
        self.title_edit.setCursorPosition(0)
        self.evidence.setPlainText(view.evidence_text)
        self.quoted.setText("\n".join(view.quoted) or tr("No answer quoted."))
        self.action.setPlainText(view.action)
        self.responsible.setText(view.responsible)
        self.plan_due.setDate(_to_qdate(view.plan_due))
        self.verify_due.setDate(_to_qdate(view.verify_due))
        self.cap_status.setCurrentIndex(self.cap_status.findData(view.cap_status.value))
        self.verification_note.setPlainText(view.verification_note)
        self.withdrawn_label.setVisible(view.withdrawn)
        self.withdrawn_label.setText(tr("Withdrawn: {reason}").format(reason=view.withdrawn_reason))
        self._set_editor_enabled(not view.withdrawn)
        self.criterion.setEnabled(False)
        self.withdraw_button.setEnabled(not view.withdrawn)

    def _set_editor_enabled(self, enabled: bool) -> None:
        for widget in (
            self.criterion, self.severity, self.title_edit, self.evidence, self.action,
            self.responsible, self.plan_due, self.verify_due, self.cap_status,
            self.verification_note, self.save_button, self.withdraw_button,
        ):  # fmt: skip
            widget.setEnabled(enabled)
