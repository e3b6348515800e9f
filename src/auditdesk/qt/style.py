"""The look: a calm palette, generous spacing, and text that follows the system font.

No font size is ever fixed in pixels: headings are the desktop's font scaled by a
factor, and spacing in the style sheet is in ``em`` so it grows with the text. Colours
come from one small palette so every screen agrees.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

INK = "#1d2733"
MUTED = "#5b6776"
LINE = "#d5dbe2"
SURFACE = "#ffffff"
CANVAS = "#f4f6f8"
SIDEBAR = "#e9edf2"
ACCENT = "#1f5f8b"
ACCENT_SOFT = "#dbe8f2"
OK = "#2e7d4f"
WARN = "#a86400"
DANGER = "#b3261e"
DANGER_SOFT = "#fbe9e7"

SEVERITY_COLOURS = {"critical": DANGER, "major": WARN, "minor": ACCENT}

_STYLE_SHEET = f"""
QMainWindow, QStackedWidget#screens {{ background: {CANVAS}; }}
QWidget#screen {{ background: {CANVAS}; }}
QFrame#rail {{ background: {SIDEBAR}; border-right: 1px solid {LINE}; }}
QLabel#brand {{ color: {ACCENT}; }}
QListView#sidebar {{
    background: {SIDEBAR}; border: none; padding: 0.6em 0.4em; outline: none;
}}
QListView#sidebar::item {{
    padding: 0.55em 0.9em; margin: 0.1em 0; border-radius: 4px; color: {INK};
}}
QListView#sidebar::item:selected {{ background: {ACCENT}; color: white; }}
QListView#sidebar::item:disabled {{ color: #9aa5b1; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="heading"], QLabel[role="title"] {{ color: {INK}; }}
QLabel[role="error"] {{
    color: {DANGER}; background: {DANGER_SOFT}; border-radius: 4px; padding: 0.4em 0.6em;
}}
QLabel[role="badge"] {{
    color: {ACCENT}; background: {ACCENT_SOFT}; border-radius: 4px; padding: 0.1em 0.5em;
}}
QLabel[role="training"] {{
    color: white; background: {WARN}; padding: 0.3em 1em; font-weight: bold;
}}
QPushButton#trainingSwitch:checked {{ background: {WARN}; color: white; border-color: {WARN}; }}
QFrame[role="card"] {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 6px;
}}
QFrame[role="alert"] {{
    background: {DANGER_SOFT}; border: 1px solid {DANGER}; border-radius: 6px;
}}
QPushButton {{
    padding: 0.4em 1.1em; border: 1px solid {LINE}; border-radius: 4px; background: {SURFACE};
    color: {INK};
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:disabled {{ color: #9aa5b1; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton[role="primary"]:focus {{ border: 2px solid {INK}; }}
QPushButton[role="primary"]:disabled {{ background: #8fb0c8; border-color: #8fb0c8; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    padding: 0.3em 0.45em; border: 1px solid {LINE}; border-radius: 4px; background: {SURFACE};
    color: {INK};
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 2px solid {ACCENT}; }}
QTableView, QTreeView, QTreeWidget, QListView {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 4px;
    selection-background-color: {ACCENT_SOFT}; selection-color: {INK};
    alternate-background-color: #f8fafb;
}}
QTreeView::item {{ padding: 0.12em 0; }}
QPushButton:checked {{ background: {ACCENT_SOFT}; border-color: {ACCENT}; }}
QHeaderView::section {{
    background: {CANVAS}; color: {MUTED}; border: none; border-bottom: 1px solid {LINE};
    padding: 0.35em 0.5em;
}}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {LINE}; color: {MUTED}; }}
QProgressBar {{
    border: 1px solid {LINE}; border-radius: 4px; background: {SURFACE}; text-align: center;
    color: {INK};
}}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QRadioButton, QCheckBox {{ spacing: 0.5em; padding: 0.25em 0; color: {INK}; }}
QGroupBox {{
    border: 1px solid {LINE}; border-radius: 6px; margin-top: 1.2em; padding: 0.8em 0.6em 0.4em;
    background: {SURFACE};
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 0.8em; padding: 0 0.3em; color: {MUTED}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QTabWidget::pane {{ border: 1px solid {LINE}; border-radius: 4px; background: {SURFACE}; }}
QTabBar::tab {{ padding: 0.4em 1em; }}
QToolTip {{ color: {INK}; background: {SURFACE}; border: 1px solid {LINE}; }}
"""


def apply_style(app: QApplication) -> None:
    """Give the application its palette and style sheet (keeps the system font).

    The Fusion style itself is chosen as the application is made
    (:func:`auditdesk.qt.app.create_application`).
    """
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(CANVAS))
    palette.setColor(QPalette.ColorRole.Base, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    app.setPalette(palette)
    app.setStyleSheet(_STYLE_SHEET)


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """``base`` grown by ``factor``: headings follow the system's chosen text size."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:  # a pixel-sized system font: keep its unit, still scaled
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    font.setBold(bold)
    return font


def set_by_name(target: QObject, name: str, value: object) -> None:
    """Set the Qt property ``name``; an enum is given by its key (``"AlignCenter"``).

    For what the window's first frame sets up. PySide builds the Python enums of the whole
    ``Qt`` namespace (about a hundred classes, some 40 ms) the first time any of them is
    touched, whether by name, as a method's result or while matching an overload
    (``QAction.setShortcut``, ``QStyle.polish``); Qt's property system takes the key as text.
    """
    if not target.setProperty(name, value):
        raise ValueError(f"{type(target).__name__} has no property {name} taking {value!r}")


def set_role(widget: QWidget, role: str) -> None:
    """Tag a widget for the style sheet (``muted``, ``primary``, ``card``…)."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def heading(text: str, *, level: int = 1, parent: QWidget | None = None) -> QLabel:
    """A heading label: level 1 for screen titles, 2 for sections, 3 for card titles."""
    label = QLabel(text, parent)
    factor = {1: 1.55, 2: 1.25, 3: 1.1}.get(level, 1.0)
    label.setFont(scaled_font(label.font(), factor, bold=True))
    label.setWordWrap(True)
    label.setProperty("role", "heading")
    label.setAccessibleName(text)
    return label


def muted(text: str, *, parent: QWidget | None = None, wrap: bool = True) -> QLabel:
    """Secondary text: explanations under headings, captions."""
    label = QLabel(text, parent)
    label.setWordWrap(wrap)
    label.setProperty("role", "muted")
    return label
