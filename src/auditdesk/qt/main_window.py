"""The main window: a sidebar of sections over a stack of screens, and a status bar.

It is a shell. Screens are built in :mod:`auditdesk.qt.app` and handed in; what happens
when a screen asks to open an audit or a record is the navigation controller's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from auditdesk.qt.save_indicator import SaveIndicator


@dataclass(frozen=True)
class Section:
    """One entry of the sidebar and the screen it shows."""

    key: str
    title: str
    widget: QWidget
    needs_audit: bool = False
    """Only reachable once an audit is open (overview, interview, findings, scores)."""


class MainWindow(QMainWindow):
    section_shown = Signal(str)
    closing = Signal()

    def __init__(
        self,
        *,
        title: str,
        sections: Sequence[Section],
        save_indicator: SaveIndicator | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(title)
        self.setObjectName("mainWindow")
        self.resize(1280, 800)
        self.setMinimumSize(QSize(960, 640))
        self._sections = {section.key: section for section in sections}
        self._order = [section.key for section in sections]

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        for number, section in enumerate(sections, start=1):
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            item.setToolTip(f"{section.title} (Ctrl+{number})")
            self.sidebar.addItem(item)
            self.stack.addWidget(section.widget)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=section.key: self._shortcut_to(key))
        self._fit_sidebar()
        self.sidebar.currentRowChanged.connect(self._row_chosen)

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.save_indicator = save_indicator or SaveIndicator()
        self.statusBar().addPermanentWidget(self.save_indicator)
        self.statusBar().setSizeGripEnabled(False)
        self.set_audit_open(False)

    def show_section(self, key: str) -> None:
        row = self._order.index(key)
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)
        self._row_chosen(row)

    def current_section(self) -> str:
        return self._order[self.stack.currentIndex()]

    def section_widget(self, key: str) -> QWidget:
        return self._sections[key].widget

    def set_audit_open(self, is_open: bool) -> None:
        """Enable the sections that need an open audit."""
        for row, key in enumerate(self._order):
            if self._sections[key].needs_audit:
                item = self.sidebar.item(row)
                flags = item.flags()
                if is_open:
                    flags |= Qt.ItemFlag.ItemIsEnabled
                else:
                    flags &= ~Qt.ItemFlag.ItemIsEnabled
                item.setFlags(flags)

    def show_message(self, text: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

    def _shortcut_to(self, key: str) -> None:
        item = self.sidebar.item(self._order.index(key))
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.show_section(key)

    def _row_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.section_shown.emit(self._order[row])

    def _fit_sidebar(self) -> None:
        metrics = self.sidebar.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(s.title) for s in self._sections.values()), default=80
        )
        self.sidebar.setFixedWidth(widest + metrics.averageCharWidth() * 8)
