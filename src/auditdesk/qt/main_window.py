"""The main window: a sidebar of sections over a stack of screens, and a status bar.

It is a shell. Screens are built in :mod:`auditdesk.qt.app` and handed in; what happens
when a screen asks to open an audit or a record is the navigation controller's business.

All but :meth:`MainWindow.bind_keys` is on the way to the first paint, so none of it touches
PySide's ``Qt`` namespace of enums (see :func:`auditdesk.qt.style.set_by_name`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditdesk import APP_NAME
from auditdesk.qt.i18n import tr
from auditdesk.qt.save_indicator import SaveIndicator
from auditdesk.qt.sidebar import Sidebar
from auditdesk.qt.style import scaled_font, set_by_name

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent


@dataclass(frozen=True)
class Section:
    """One screen of the window, and its entry in the sidebar."""

    key: str
    title: str
    widget: QWidget
    needs_audit: bool = False
    """Only reachable once an audit is open (overview, interview, findings, scores)."""
    in_sidebar: bool = True
    """False for pages reached from another screen only (the new-audit wizard)."""


class MainWindow(QMainWindow):
    section_shown = Signal(str)
    closing = Signal()
    first_painted = Signal()
    training_toggled = Signal(bool)  # the auditor asks for the training database, or back
    consolidation_requested = Signal()
    calibration_requested = Signal()
    export_requested = Signal()

    def __init__(
        self,
        *,
        title: str,
        sections: Sequence[Section],
        save_indicator: SaveIndicator | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self.training = False
        self.setWindowTitle(title)
        self.setObjectName("mainWindow")
        self.resize(1280, 800)
        self.setMinimumSize(QSize(960, 640))
        self._sections = {section.key: section for section in sections}
        self._stack_keys = [section.key for section in sections]
        self._sidebar_keys = [section.key for section in sections if section.in_sidebar]

        self.sidebar = Sidebar()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        for section in sections:
            self.stack.addWidget(section.widget)
        for number, key in enumerate(self._sidebar_keys, start=1):
            section = self._sections[key]
            self.sidebar.add_row(section.title, f"{section.title} (Ctrl+{number})")
        self.sidebar.row_chosen.connect(self._row_chosen)

        rail = QFrame()
        rail.setObjectName("rail")
        rail_layout = QVBoxLayout(rail)
        rail_layout.setContentsMargins(0, 0, 0, 0)
        rail_layout.setSpacing(0)
        brand = QLabel(APP_NAME)
        brand.setObjectName("brand")
        brand.setFont(scaled_font(brand.font(), 1.25, bold=True))
        unit = brand.fontMetrics().height()
        brand.setContentsMargins(round(unit * 0.8), round(unit * 0.7), unit, round(unit * 0.2))
        rail_layout.addWidget(brand)
        rail_layout.addWidget(self.sidebar, 1)
        self.training_button = QPushButton(tr("Training mode"))
        self.training_button.setObjectName("trainingSwitch")
        self.training_button.setCheckable(True)
        self.training_button.setToolTip(
            tr("Practise in a separate training database; real audits are not touched.")
        )
        self.training_button.toggled.connect(self._training_switched)
        switch_row = QHBoxLayout()
        margin = round(self.fontMetrics().height() * 0.6)
        switch_row.setContentsMargins(margin, 0, margin, margin)
        switch_row.addWidget(self.training_button)
        rail_layout.addLayout(switch_row)
        self._fit_sidebar(rail, brand)

        self.training_banner = QLabel(tr("Training — fictional data"))
        self.training_banner.setObjectName("trainingBanner")
        set_by_name(self.training_banner, "alignment", "AlignCenter")
        self.training_banner.setProperty("role", "training")  # not polished yet: no set_role
        self.training_banner.hide()
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(0)
        column_layout.addWidget(self.training_banner)
        column_layout.addWidget(self.stack, 1)

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(rail)
        layout.addWidget(column, 1)
        self.setCentralWidget(body)
        self._build_menus()

        self.save_indicator = save_indicator or SaveIndicator()
        self.statusBar().addPermanentWidget(self.save_indicator)
        self.statusBar().setSizeGripEnabled(False)
        self.set_audit_open(False)
        self._painted = False
        self._keys_bound = False

    def _build_menus(self) -> None:
        audit_menu = self.menuBar().addMenu(tr("&Audit"))
        self.export_action = self._action(tr("Export…"))
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self.export_requested)
        audit_menu.addAction(self.export_action)
        audit_menu.addSeparator()
        self.quit_action = self._action(tr("Quit"))
        self.quit_action.triggered.connect(self.close)
        audit_menu.addAction(self.quit_action)
        tools = self.menuBar().addMenu(tr("&Tools"))
        self.consolidate_action = self._action(tr("Consolidate workbooks…"))
        self.consolidate_action.triggered.connect(self.consolidation_requested)
        self.calibrate_action = self._action(tr("Calibrate trainees…"))
        self.calibrate_action.triggered.connect(self.calibration_requested)
        self.training_action = self._action(tr("Training mode"))
        self.training_action.setCheckable(True)
        self.training_action.toggled.connect(self._training_switched)
        tools.addAction(self.consolidate_action)
        tools.addAction(self.calibrate_action)
        tools.addSeparator()
        tools.addAction(self.training_action)

    def _action(self, text: str) -> QAction:
        # Not QAction(text, parent): matching that call against QAction(QIcon, text, parent)
        # makes PySide build QIcon's enums (~7 ms), and the menus come before the first paint.
        action = QAction(self)
        action.setText(text)
        return action

    def bind_keys(self) -> None:
        """Ctrl+1… for the sections, Ctrl+E to export, the platform's Quit; once.

        Called once the first frame is on screen (:func:`auditdesk.qt.startup.begin`):
        PySide builds QKeySequence's enums (its standard keys) and the ``Qt`` namespace's
        for these, work the first paint need not wait for.
        """
        if self._keys_bound:
            return
        self._keys_bound = True
        from PySide6.QtGui import QKeySequence, QShortcut

        for number, key in enumerate(self._sidebar_keys, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=key: self._shortcut_to(key))
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)

    def set_training(self, training: bool) -> None:
        """Show which database is open: the banner, the title and both switches agree."""
        self.training = training
        self.training_banner.setVisible(training)
        suffix = f" ({tr('Training — fictional data')})" if training else ""
        self.setWindowTitle(self._title + suffix)
        for switch in (self.training_button, self.training_action):
            switch.blockSignals(True)
            switch.setChecked(training)
            switch.blockSignals(False)

    def _training_switched(self, wanted: bool) -> None:
        # The switches show the open database, not the wish: set_training() moves them
        # once the other database is open, and puts them back when it could not open.
        for switch in (self.training_button, self.training_action):
            switch.blockSignals(True)
            switch.setChecked(self.training)
            switch.blockSignals(False)
        if wanted != self.training:
            self.training_toggled.emit(wanted)

    def show_section(self, key: str) -> None:
        self.stack.setCurrentWidget(self._sections[key].widget)
        self.sidebar.select_row(
            self._sidebar_keys.index(key) if key in self._sidebar_keys else None
        )
        self.section_shown.emit(key)

    def current_section(self) -> str:
        return self._stack_keys[self.stack.currentIndex()]

    def section_widget(self, key: str) -> QWidget:
        return self._sections[key].widget

    def set_audit_open(self, is_open: bool) -> None:
        """Enable the sections that need an open audit."""
        for row, key in enumerate(self._sidebar_keys):
            if self._sections[key].needs_audit:
                self.sidebar.set_row_enabled(row, is_open)
        self.export_action.setEnabled(is_open)

    def show_message(self, text: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

    def _shortcut_to(self, key: str) -> None:
        if self.sidebar.is_row_enabled(self._sidebar_keys.index(key)):
            self.show_section(key)

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self._sidebar_keys):
            self.show_section(self._sidebar_keys[row])

    def _fit_sidebar(self, rail: QWidget, brand: QLabel) -> None:
        metrics = self.sidebar.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self._sections[k].title) for k in self._sidebar_keys),
            default=80,
        )
        width = max(
            widest + metrics.averageCharWidth() * 8,
            brand.sizeHint().width() + metrics.averageCharWidth() * 2,
        )
        rail.setFixedWidth(width)
