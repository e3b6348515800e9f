"""Text follows the desktop's font size: no screen fixes a pixel size."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from auditdesk.qt.screens.welcome import WelcomeScreen
from auditdesk.qt.style import heading


def test_headings_grow_with_the_system_font(qtbot) -> None:
    app = QApplication.instance()
    original = QFont(app.font())
    try:
        for size in (10.0, 16.0):
            font = QFont(original)
            font.setPointSizeF(size)
            app.setFont(font)
            title = heading("Audits")
            assert title.font().pointSizeF() == size * 1.55
            welcome = WelcomeScreen()
            qtbot.addWidget(welcome)
            assert welcome.start_button.font().pointSizeF() == size
    finally:
        app.setFont(original)
