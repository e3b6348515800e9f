"""The window's list of sections: one row per section, greyed out while it cannot open.

A view over a :class:`QStandardItemModel` rather than a ``QListWidget``: a standard item is
enabled or greyed with ``setEnabled(bool)``, where a list-widget item needs ``Qt.ItemFlag``,
and the first use of any ``Qt`` enum makes PySide build the whole ``Qt`` namespace (about a
hundred enum classes, some 40 ms) — the largest cost the window's first paint could do
without. See :func:`auditdesk.qt.style.set_by_name` for the same reason elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QWidget

from auditdesk.qt.style import set_by_name


class Sidebar(QListView):
    row_chosen = Signal(int)
    """The auditor moved to a row (click or arrow keys); not sent by :meth:`select_row`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        set_by_name(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        self._quiet = False
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def add_row(self, title: str, tooltip: str) -> None:
        item = QStandardItem(title)
        item.setEditable(False)
        item.setDropEnabled(False)
        item.setToolTip(tooltip)
        self._model.appendRow(item)

    def count(self) -> int:
        return self._model.rowCount()

    def item(self, row: int) -> QStandardItem:
        item = self._model.item(row)
        if item is None:
            raise IndexError(f"the sidebar has no row {row}")
        return item

    def set_row_enabled(self, row: int, enabled: bool) -> None:
        self.item(row).setEnabled(enabled)

    def is_row_enabled(self, row: int) -> bool:
        return self.item(row).isEnabled()

    def select_row(self, row: int | None) -> None:
        """Show ``row`` as the current one (``None``: no row) without sending row_chosen."""
        self._quiet = True
        try:
            if row is None:
                self.clearSelection()
            else:
                self.setCurrentIndex(self._model.index(row, 0))
        finally:
            self._quiet = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self.row_chosen.emit(current.row())
