"""The map of a form: groups and questions with answered, required and invalid marks.

Enter (or a double click) on a question jumps there. The marks come from the session;
this panel only draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from auditdesk.qt import style
from auditdesk.qt.i18n import tr
from auditdesk.qt.style import heading, muted


class Mark(Enum):
    ANSWERED = "answered"
    MISSING = "missing"  # required and still empty
    INVALID = "invalid"
    OPEN = "open"  # optional, not answered
    GROUP = "group"
    NOTE = "note"  # nothing to answer


_GLYPHS = {
    Mark.ANSWERED: ("✓", style.OK),
    Mark.MISSING: ("●", style.WARN),
    Mark.INVALID: ("!", style.DANGER),
    Mark.OPEN: ("○", style.MUTED),
    Mark.GROUP: ("", style.INK),
    Mark.NOTE: ("", style.MUTED),
}


def mark_text(mark: Mark) -> str:
    return {
        Mark.ANSWERED: tr("answered"),
        Mark.MISSING: tr("required, not answered"),
        Mark.INVALID: tr("answer not accepted"),
        Mark.OPEN: tr("not answered"),
        Mark.GROUP: tr("section"),
        Mark.NOTE: tr("note"),
    }[mark]


@dataclass(frozen=True)
class NavigatorEntry:
    path: str
    """The instance path to jump to (``payslip[2]/hours``)."""
    label: str
    depth: int
    mark: Mark
    current: bool = False


PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class NavigatorPanel(QWidget):
    jump_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("Questions"), level=3))
        self.legend = muted(
            "✓ " + tr("answered") + "   ● " + tr("required") + "   ! " + tr("not accepted")
        )
        layout.addWidget(self.legend)
        self.tree = QTreeWidget()
        self.tree.setObjectName("navigatorTree")
        self.tree.setAccessibleName(tr("Questions of this form"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(self.fontMetrics().averageCharWidth() * 2)
        layout.addWidget(self.tree, 1)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)

    def set_entries(self, entries: Sequence[NavigatorEntry]) -> None:
        self.tree.clear()
        parents: list[QTreeWidgetItem] = []
        current_item: QTreeWidgetItem | None = None
        for entry in entries:
            del parents[entry.depth :]
            parent = parents[-1] if parents else None
            item = QTreeWidgetItem([entry.label, _GLYPHS[entry.mark][0]])
            item.setData(0, PATH_ROLE, entry.path)
            item.setForeground(1, QBrush(QColor(_GLYPHS[entry.mark][1])))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(0, f"{entry.label} — {mark_text(entry.mark)}")
            item.setData(
                0, Qt.ItemDataRole.AccessibleTextRole, f"{entry.label}, {mark_text(entry.mark)}"
            )
            if entry.mark is Mark.GROUP:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            if entry.current:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setBackground(0, QBrush(QColor(style.ACCENT_SOFT)))
                current_item = item
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            if entry.mark is Mark.GROUP:
                parents.append(item)
        self.tree.expandAll()
        if current_item is not None:
            self.tree.setCurrentItem(current_item)
            self.tree.scrollToItem(current_item)

    def shown(self) -> list[tuple[str, str]]:
        """(path, label) of every line, in order."""
        found: list[tuple[str, str]] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            found.append((str(item.data(0, PATH_ROLE)), item.text(0)))
            for index in range(item.childCount()):
                walk(item.child(index))

        for index in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(index))
        return found

    def focus_tree(self) -> None:
        self.tree.setFocus()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.jump_requested.emit(str(path))
