"""What the first paint needs: the window, its sidebar, and an empty page per section.

Kept apart from the rest of the composition (:mod:`auditdesk.qt.composition`) so that
the window shows after importing only Qt and a few small modules; screens, controllers,
the form engine and SQLAlchemy load once it is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from auditdesk import APP_NAME
from auditdesk.appoptions import AppOptions
from auditdesk.qt.i18n import N_, tr
from auditdesk.qt.main_window import MainWindow, Section
from auditdesk.qt.style import muted, set_by_name

# (key, title, needs an open audit, shown in the sidebar)
SECTIONS = (
    ("audits", N_("Audits"), False, True),
    ("overview", N_("Overview"), True, True),
    ("interview", N_("Interview"), True, True),
    ("findings", N_("Findings"), True, True),
    ("scores", N_("Scores"), True, True),
    ("settings", N_("Settings"), False, True),
    ("new_audit", N_("New audit"), False, False),
)


class SectionPage(QWidget):
    """A section's place in the window; its screen is put in once built."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.placeholder: QLabel | None = None
        if placeholder:
            self.placeholder = muted(placeholder)
            set_by_name(self.placeholder, "alignment", "AlignCenter")
            self._layout.addWidget(self.placeholder)
        self.content: QWidget | None = None

    def put(self, screen: QWidget) -> None:
        if self.placeholder is not None:
            self.placeholder.hide()
            self.placeholder.deleteLater()
            self.placeholder = None
        self.content = screen
        self._layout.addWidget(screen)
        self.setFocusProxy(screen)


@dataclass
class Shell:
    options: AppOptions
    window: MainWindow
    pages: dict[str, SectionPage]


def build_shell(options: AppOptions) -> Shell:
    pages = {
        key: SectionPage(tr("Opening the database…") if key == "audits" else "")
        for key, *_ in SECTIONS
    }
    window = MainWindow(
        title=APP_NAME,
        sections=[
            Section(key, tr(name), pages[key], needs_audit=needs, in_sidebar=shown)
            for key, name, needs, shown in SECTIONS
        ],
    )
    window.set_training(options.training)
    return Shell(options, window, pages)
