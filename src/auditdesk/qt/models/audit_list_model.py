"""The audits list as a table, and a proxy that searches and filters it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from auditdesk.domain import AuditStatus, AuditSummary
from auditdesk.qt import style
from auditdesk.qt.i18n import N_, tr
from auditdesk.qt.labels import label

AUDIT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`AuditSummary`."""

_COLUMNS = (
    N_("Site"),
    N_("Organisation"),
    N_("Country"),
    N_("Type"),
    N_("Dates"),
    N_("Status"),
    N_("Data"),
)
(
    COLUMN_SITE,
    COLUMN_ORGANISATION,
    COLUMN_COUNTRY,
    COLUMN_TYPE,
    COLUMN_DATES,
    COLUMN_STATUS,
    COLUMN_TRAINING,
) = range(len(_COLUMNS))

Index = QModelIndex | QPersistentModelIndex


def date_range_text(start: date | None, end: date | None) -> str:
    if start is None:
        return tr("Not yet started")
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


class AuditListModel(QAbstractTableModel):
    """One row per audit, in the order the repository lists them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._audits: list[AuditSummary] = []

    def set_audits(self, audits: Sequence[AuditSummary]) -> None:
        self.beginResetModel()
        self._audits = list(audits)
        self.endResetModel()

    def audits(self) -> list[AuditSummary]:
        return list(self._audits)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._audits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(_COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        audit = self._audits[index.row()]
        column = index.column()
        if role == AUDIT_ROLE:
            return audit
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(audit, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COLUMN_STATUS:
            return QColor(style.MUTED if audit.status is AuditStatus.ARCHIVED else style.INK)
        if role == Qt.ItemDataRole.ForegroundRole and column == COLUMN_TRAINING:
            return QColor(style.ACCENT)
        if role == Qt.ItemDataRole.ToolTipRole and audit.training:
            return tr("Training data: sample or practice audit, kept out of real reports")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(audit, column)
        return None

    def _display(self, audit: AuditSummary, column: int) -> str:
        if column == COLUMN_SITE:
            return audit.site
        if column == COLUMN_TRAINING:
            return tr("Training") if audit.training else ""
        if column == COLUMN_ORGANISATION:
            return audit.organisation
        if column == COLUMN_COUNTRY:
            return audit.country
        if column == COLUMN_TYPE:
            return label(audit.audit_type)
        if column == COLUMN_DATES:
            return date_range_text(audit.started_on, audit.ended_on)
        if column == COLUMN_STATUS:
            return label(audit.status)
        return ""


class AuditFilterProxy(QSortFilterProxyModel):
    """Search text over site, organisation and country; status, country and date filters."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._search = ""
        self._status: AuditStatus | None = None
        self._country = ""
        self._from: date | None = None
        self._to: date | None = None
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_search", text.strip().casefold()))

    def set_status(self, status: AuditStatus | None) -> None:
        self._refilter(lambda: setattr(self, "_status", status))

    def set_country(self, country: str) -> None:
        self._refilter(lambda: setattr(self, "_country", country))

    def set_dates(self, start: date | None, end: date | None) -> None:
        def change() -> None:
            self._from, self._to = start, end

        self._refilter(change)

    def _refilter(self, change: Callable[[], object]) -> None:
        # Qt 6.9 replaced invalidateFilter() (now deprecated) by a begin/end pair.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:  # pragma: no cover - PySide6 before 6.9
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        audit: AuditSummary = index.data(AUDIT_ROLE)
        if self._status is None and audit.status is AuditStatus.ARCHIVED:
            return False  # archived audits show only when asked for by status
        if self._status is not None and audit.status is not self._status:
            return False
        if self._country and audit.country != self._country:
            return False
        if self._from or self._to:
            when = audit.started_on
            if when is None:
                return False
            if self._from and when < self._from:
                return False
            if self._to and when > self._to:
                return False
        if self._search:
            haystack = " ".join((audit.site, audit.organisation, audit.country)).casefold()
            return all(word in haystack for word in self._search.split())
        return True
