"""One audit at a glance: its form records, who the interviews reached, and the scores."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.qt import style
from auditdesk.qt.i18n import tr
from auditdesk.qt.layout_tools import clear_layout
from auditdesk.qt.screens.layout import ScreenFrame
from auditdesk.qt.style import heading, muted, set_role


@dataclass(frozen=True)
class RecordLine:
    uuid: str
    title: str
    respondent: str
    status: str
    answered: int
    completed: bool = False


@dataclass(frozen=True)
class CoverageLine:
    dimension: str
    reached: str
    missing: str = ""


@dataclass(frozen=True)
class OverviewState:
    title: str
    subtitle: str
    records: tuple[RecordLine, ...]
    training: bool = False
    frozen: bool = False


@dataclass(frozen=True)
class AssessmentSummary:
    """Filled in once the background scoring finishes."""

    sampling: str = ""
    coverage: tuple[CoverageLine, ...] = ()
    rating: str = ""
    alerts: tuple[str, ...] = ()
    findings: str = ""
    problem: str = ""


RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


class AuditOverviewScreen(ScreenFrame):
    record_opened = Signal(str)
    add_worker_interview = Signal()
    add_group_interview = Signal()
    findings_requested = Signal()
    scores_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Audit"), "", parent)
        self.training_badge = QLabel(tr("Training"))
        set_role(self.training_badge, "badge")
        self.training_badge.hide()
        self.action_row.addWidget(self.training_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        self.add_worker_button = QPushButton(tr("Add a worker interview"))
        set_role(self.add_worker_button, "primary")
        self.add_group_button = QPushButton(tr("Add a group interview"))
        self.action_row.addWidget(self.add_group_button)
        self.action_row.addWidget(self.add_worker_button)

        unit = self.fontMetrics().height()
        columns = QHBoxLayout()
        columns.setSpacing(unit)
        left = QVBoxLayout()
        records_card, records_layout = self._card(tr("Checklists and interviews"))
        self.records = QTableWidget(0, 4)
        self.records.setObjectName("recordsTable")
        self.records.setAccessibleName(tr("Checklists and interviews"))
        self.records.setHorizontalHeaderLabels(
            [tr("Record"), tr("Respondent"), tr("Status"), tr("Answers")]
        )
        self.records.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.records.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records.verticalHeader().setVisible(False)
        self.records.setShowGrid(False)
        self.records.setAlternatingRowColors(True)
        header = self.records.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        records_layout.addWidget(self.records, 1)
        open_row = QHBoxLayout()
        self.open_button = QPushButton(tr("Open"))
        open_row.addWidget(self.open_button)
        open_row.addStretch(1)
        records_layout.addLayout(open_row)
        left.addWidget(records_card, 1)
        columns.addLayout(left, 3)

        right_panel = QWidget()
        right = QVBoxLayout(right_panel)
        right.setContentsMargins(0, 0, round(unit * 0.3), 0)
        right.setSpacing(unit)
        self.scores_card, scores_layout = self._card(tr("Scores"))
        self.rating_label = QLabel()
        self.rating_label.setObjectName("ratingLabel")
        self.rating_label.setFont(style.scaled_font(self.rating_label.font(), 1.6, bold=True))
        scores_layout.addWidget(self.rating_label)
        self.alerts_box = QVBoxLayout()
        scores_layout.addLayout(self.alerts_box)
        self.findings_label = muted("")
        scores_layout.addWidget(self.findings_label)
        links = QHBoxLayout()
        self.findings_button = QPushButton(tr("Findings"))
        self.scores_button = QPushButton(tr("Scores"))
        self.export_button = QPushButton(tr("Export…"))
        self.export_button.setToolTip(tr("Workbook and PDF report (Ctrl+E)"))
        links.addWidget(self.findings_button)
        links.addWidget(self.scores_button)
        links.addWidget(self.export_button)
        links.addStretch(1)
        scores_layout.addLayout(links)
        right.addWidget(self.scores_card)
        self.sampling_card, sampling_layout = self._card(tr("Interview sample"))
        self.sampling_label = QLabel()
        self.sampling_label.setWordWrap(True)
        sampling_layout.addWidget(self.sampling_label)
        # One rich-text label: word-wrapped labels in a grid get their heights wrong.
        self.coverage = QLabel()
        self.coverage.setObjectName("coverage")
        self.coverage.setWordWrap(True)
        self.coverage.setTextFormat(Qt.TextFormat.RichText)
        sampling_layout.addWidget(self.coverage)
        right.addWidget(self.sampling_card)
        right.addStretch(1)
        right_scroll = QScrollArea()
        right_scroll.setWidgetResizable(True)
        right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right_scroll.setWidget(right_panel)
        columns.addWidget(right_scroll, 2)
        self.body.addLayout(columns, 1)

        self.records.itemActivated.connect(lambda _: self._open_selected())
        self.open_button.clicked.connect(self._open_selected)
        self.add_worker_button.clicked.connect(self.add_worker_interview)
        self.add_group_button.clicked.connect(self.add_group_interview)
        self.findings_button.clicked.connect(self.findings_requested)
        self.scores_button.clicked.connect(self.scores_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.show_summary(AssessmentSummary())

    def _card(self, title: str) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame()
        set_role(card, "card")
        unit = self.fontMetrics().height()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(unit, round(unit * 0.8), unit, round(unit * 0.8))
        layout.setSpacing(round(unit * 0.5))
        layout.addWidget(heading(title, level=3))
        return card, layout

    def show_overview(self, state: OverviewState) -> None:
        self.set_title(state.title, state.subtitle)
        self.training_badge.setVisible(state.training)
        for button in (self.add_worker_button, self.add_group_button):
            button.setEnabled(not state.frozen)
        self.records.setRowCount(len(state.records))
        for row, record in enumerate(state.records):
            cells = (record.title, record.respondent, record.status, str(record.answered))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(RECORD_ROLE, record.uuid)
                if column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.records.setItem(row, column, item)
        if state.records:
            self.records.selectRow(0)

    def show_summary(self, summary: AssessmentSummary) -> None:
        if summary.problem:
            self.rating_label.setText("")
            self.findings_label.setText(summary.problem)
        else:
            self.rating_label.setText(summary.rating or tr("Not scored yet"))
            self.findings_label.setText(summary.findings)
        clear_layout(self.alerts_box)
        for alert in summary.alerts:
            frame = QFrame()
            set_role(frame, "alert")
            layout = QHBoxLayout(frame)
            text = QLabel("⚠ " + alert)
            text.setWordWrap(True)
            layout.addWidget(text)
            self.alerts_box.addWidget(frame)
        self.sampling_label.setText(summary.sampling or tr("Counting the interviews held…"))
        rows = []
        for line in summary.coverage:
            missing = (
                f"<br><span style='color:{style.WARN}'>"
                + html.escape(tr("Not yet heard: {categories}").format(categories=line.missing))
                + "</span>"
                if line.missing
                else ""
            )
            rows.append(
                f"<tr><td style='color:{style.MUTED}; padding:3px 12px 3px 0'>"
                f"{html.escape(line.dimension)}</td>"
                f"<td style='padding:3px 0'>{html.escape(line.reached)}{missing}</td></tr>"
            )
        self.coverage.setText(f"<table>{''.join(rows)}</table>" if rows else "")

    def selected_record(self) -> str | None:
        rows = self.records.selectionModel().selectedRows()
        if not rows:
            return None
        return str(rows[0].data(RECORD_ROLE))

    def select_record(self, uuid: str) -> None:
        for row in range(self.records.rowCount()):
            item = self.records.item(row, 0)
            if item is not None and item.data(RECORD_ROLE) == uuid:
                self.records.selectRow(row)
                return

    def _open_selected(self) -> None:
        uuid = self.selected_record()
        if uuid:
            self.record_opened.emit(uuid)
