"""The frame every screen shares: a title, a line of explanation, actions, then the body."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from auditdesk.qt.style import heading, muted


class ScreenFrame(QWidget):
    """Consistent margins and header so that screens line up with each other."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        outer = QVBoxLayout(self)
        unit = self.fontMetrics().height()
        outer.setContentsMargins(round(unit * 1.6), round(unit * 1.2), round(unit * 1.6), unit)
        outer.setSpacing(round(unit * 0.6))
        header = QHBoxLayout()
        header.setSpacing(unit)
        titles = QVBoxLayout()
        titles.setSpacing(round(unit * 0.2))
        self.title_label = heading(title)
        titles.addWidget(self.title_label)
        self.subtitle_label: QLabel = muted(subtitle)
        titles.addWidget(self.subtitle_label)
        self.subtitle_label.setHidden(not subtitle)
        header.addLayout(titles, 1)
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(round(unit * 0.5))
        header.addLayout(self.action_row)
        outer.addLayout(header)
        self.body = QVBoxLayout()
        self.body.setSpacing(round(unit * 0.6))
        outer.addLayout(self.body, 1)

    def set_title(self, title: str, subtitle: str | None = None) -> None:
        self.title_label.setText(title)
        self.title_label.setAccessibleName(title)
        if subtitle is not None:
            self.subtitle_label.setText(subtitle)
            self.subtitle_label.setVisible(bool(subtitle))
