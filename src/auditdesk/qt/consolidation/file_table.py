"""The table of input files: path, status icon and label, what was done, why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from auditdesk.consolidate import ImportEntry, InputStatus
from auditdesk.qt.i18n import tr

_GOOD = {InputStatus.VERIFIED}
_WARN = {InputStatus.UNTRUSTED, InputStatus.UNSIGNED, InputStatus.TRAINING}
_INFO = {InputStatus.NOT_AUDITDESK, InputStatus.UNSUPPORTED_VERSION}

COLUMNS = ("File", "Status", "Outcome", "Reason")
Index = QModelIndex | QPersistentModelIndex


def status_icon(status: InputStatus) -> QIcon:
    """A tick when verified, a warning for doubtful origin, a stop sign for damage."""
    style = QApplication.style()
    if status in _GOOD:
        pixmap = QStyle.StandardPixmap.SP_DialogApplyButton
    elif status in _WARN:
        pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
    elif status in _INFO:
        pixmap = QStyle.StandardPixmap.SP_MessageBoxInformation
    else:
        pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical
    return style.standardIcon(pixmap)


class FileTableModel(QAbstractTableModel):
    """Inputs waiting to be read, then each file's Import log line."""

    def __init__(self) -> None:
        super().__init__()
        self._inputs: list[Path] = []
        self._entries: list[ImportEntry] = []

    @property
    def inputs(self) -> list[Path]:
        return list(self._inputs)

    @property
    def entries(self) -> list[ImportEntry]:
        return list(self._entries)

    def add_inputs(self, paths: list[Path]) -> int:
        new = [path for path in paths if path not in self._inputs]
        if new:
            self.beginResetModel()
            self._inputs.extend(new)
            self._entries = []
            self.endResetModel()
        return len(new)

    def clear(self) -> None:
        self.beginResetModel()
        self._inputs, self._entries = [], []
        self.endResetModel()

    def show_entries(self, entries: list[ImportEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return len(self._entries) if self._entries else len(self._inputs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not self._entries:
            if role == Qt.ItemDataRole.DisplayRole:
                path = self._inputs[row]
                kind = tr("folder") if path.is_dir() else tr("file")
                return (str(path), tr("waiting"), kind, "")[column]
            return None
        entry = self._entries[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.path, entry.status.label, entry.outcome.label, entry.reason)[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return status_icon(entry.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.reason or entry.status.label
        if role == Qt.ItemDataRole.UserRole:
            return entry.status.value
        return None
