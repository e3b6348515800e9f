"""All audits in the database: search, filter, open, duplicate as a new visit, archive."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from auditdesk.domain import AuditStatus, AuditSummary
from auditdesk.qt.i18n import tr
from auditdesk.qt.labels import label
from auditdesk.qt.models.audit_list_model import (
    AUDIT_ROLE,
    COLUMN_SITE,
    AuditFilterProxy,
    AuditListModel,
)
from auditdesk.qt.screens.layout import ScreenFrame
from auditdesk.qt.style import set_role


def _period(choice: str, today: date) -> tuple[date | None, date | None]:
    if choice == "30d":
        return today - timedelta(days=30), None
    if choice == "12m":
        return today - timedelta(days=365), None
    if choice == "year":
        return date(today.year, 1, 1), None
    if choice == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return None, None


def _status(data: object) -> AuditStatus | None:
    # Qt hands an enum stored in an item back as its plain string value.
    return AuditStatus(str(data)) if data else None


class AuditsListScreen(ScreenFrame):
    open_requested = Signal(str)
    duplicate_requested = Signal(str)
    archive_requested = Signal(str)
    new_audit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Audits"),
            tr("Every site visit in this database. Archived audits are hidden."),
            parent,
        )
        self.model = AuditListModel(self)
        self.proxy = AuditFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.new_button = QPushButton(tr("New audit"))
        set_role(self.new_button, "primary")
        self.action_row.addWidget(self.new_button)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search site, organisation or country"))
        self.search.setAccessibleName(tr("Search audits"))
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 3)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(tr("Filter by status"))
        self.status_filter.addItem(tr("Any status (not archived)"), None)
        for status in AuditStatus:
            self.status_filter.addItem(label(status), status)
        filters.addWidget(self.status_filter, 1)
        self.country_filter = QComboBox()
        self.country_filter.setAccessibleName(tr("Filter by country"))
        filters.addWidget(self.country_filter, 1)
        self.date_filter = QComboBox()
        self.date_filter.setAccessibleName(tr("Filter by start date"))
        for key, text in (
            ("", tr("Any date")),
            ("30d", tr("Last 30 days")),
            ("12m", tr("Last 12 months")),
            ("year", tr("This year")),
            ("last_year", tr("Last year")),
        ):
            self.date_filter.addItem(text, key)
        filters.addWidget(self.date_filter, 1)
        self.body.addLayout(filters)

        self.table = QTableView()
        self.table.setObjectName("auditsTable")
        self.table.setAccessibleName(tr("Audits"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_SITE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.body.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(tr("Open"))
        self.duplicate_button = QPushButton(tr("Duplicate as a new visit"))
        self.duplicate_button.setToolTip(
            tr("Start a new audit of the same site, with the same team and checklists")
        )
        self.archive_button = QPushButton(tr("Archive"))
        for button in (self.open_button, self.duplicate_button, self.archive_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)

        self.search.textChanged.connect(self.proxy.set_search)
        self.status_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_status(_status(self.status_filter.currentData()))
        )
        self.country_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_country(self.country_filter.currentData() or "")
        )
        self.date_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_dates(*_period(self.date_filter.currentData(), date.today()))
        )
        self.table.activated.connect(lambda _: self._emit_for_selected(self.open_requested))
        self.open_button.clicked.connect(lambda: self._emit_for_selected(self.open_requested))
        self.duplicate_button.clicked.connect(
            lambda: self._emit_for_selected(self.duplicate_requested)
        )
        self.archive_button.clicked.connect(lambda: self._emit_for_selected(self.archive_requested))
        self.new_button.clicked.connect(self.new_audit_requested)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.proxy.modelReset.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_audit_requested.emit)
        self._update_buttons()

    def set_audits(self, audits: Sequence[AuditSummary]) -> None:
        self.model.set_audits(audits)
        current = self.country_filter.currentData()
        self.country_filter.blockSignals(True)
        self.country_filter.clear()
        self.country_filter.addItem(tr("Any country"), "")
        for country in sorted({audit.country for audit in audits if audit.country}):
            self.country_filter.addItem(country, country)
        found = self.country_filter.findData(current) if current else 0
        self.country_filter.setCurrentIndex(max(found, 0))
        self.country_filter.blockSignals(False)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def selected_audit(self) -> AuditSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        audit: AuditSummary = rows[0].data(AUDIT_ROLE)
        return audit

    def select_audit(self, uuid: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(AUDIT_ROLE).uuid == uuid:
                self.table.selectRow(row)
                return

    def visible_audits(self) -> list[AuditSummary]:
        return [self.proxy.index(row, 0).data(AUDIT_ROLE) for row in range(self.proxy.rowCount())]

    def _emit_for_selected(self, signal: SignalInstance) -> None:
        audit = self.selected_audit()
        if audit is not None:
            signal.emit(audit.uuid)

    def _update_buttons(self) -> None:
        audit = self.selected_audit()
        for button in (self.open_button, self.duplicate_button):
            button.setEnabled(audit is not None)
        self.archive_button.setEnabled(
            audit is not None and audit.status is not AuditStatus.ARCHIVED
        )
