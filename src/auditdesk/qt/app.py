"""Start the desktop application.

The composition root comes in two halves. :func:`build_shell` makes the window with an
empty page per section; only Qt and a few small modules are imported for it, so the first
paint comes quickly. :mod:`auditdesk.qt.composition` then builds the screens and
controllers into those pages, and the database opens in the background.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from auditdesk import APP_ID, APP_NAME, __version__
from auditdesk.appoptions import AppOptions
from auditdesk.qt.i18n import set_interface_language, system_language
from auditdesk.qt.preferences import Preferences
from auditdesk.qt.shell import build_shell
from auditdesk.qt.style import apply_style

if TYPE_CHECKING:
    from auditdesk.qt.composition import Desktop
    from auditdesk.qt.dialogs import Dialogs
    from auditdesk.qt.startup import Beginning
    from auditdesk.qt.workers import JobRunner


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    program = list(argv if argv is not None else sys.argv[:1]) or [APP_NAME]
    # Fusion, the same look on every platform and in offscreen screenshots. Chosen on the
    # command line because QApplication.setStyle would make PySide build QStyle's enums
    # (some 12 ms) on the way to the first paint.
    app = QApplication([*program, "-style", "Fusion"])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    apply_style(app)
    return app


def build_desktop(
    options: AppOptions,
    *,
    dialogs: Dialogs | None = None,
    runner: JobRunner | None = None,
    language: str | None = None,
    preferences: Preferences | None = None,
    forms_dir: Path | None = None,
) -> Desktop:
    """The whole application, built at once (tests, screenshots); nothing is opened yet."""
    from auditdesk.qt.composition import complete
    from auditdesk.qt.dialogs import QtDialogs
    from auditdesk.qt.startup import begin

    preferences = preferences or Preferences()
    set_interface_language(language or preferences.interface_language or system_language())
    shell = build_shell(options)
    beginning = begin(
        shell,
        dialogs=dialogs or QtDialogs(),
        preferences=preferences,
        runner=runner,
        forms_dir=forms_dir,
    )
    return complete(beginning)


class Launch(QObject):
    """The app being started: the window first, the rest right after its first paint."""

    began = Signal(object)  # the Beginning: the audits list exists, the database is opening
    completed = Signal(object)  # the Desktop, once every screen and controller exists

    def __init__(
        self, options: AppOptions, preferences: Preferences, dialogs: Dialogs | None
    ) -> None:
        super().__init__()
        self._preferences = preferences
        self._dialogs = dialogs
        set_interface_language(preferences.interface_language or system_language())
        self.shell = build_shell(options)
        self.desktop: Desktop | None = None
        self.beginning: Beginning | None = None
        self.shell.window.first_painted.connect(lambda: QTimer.singleShot(0, self._begin))

    def _begin(self) -> None:
        """The audits list first, and the database opening; the other screens after that.

        The list is read straight from the file when its schema is current (no SQLAlchemy);
        the repository opens in the background and brings the same list once it is open.
        """
        from auditdesk.qt.dialogs import QtDialogs
        from auditdesk.qt.startup import begin

        self.beginning = begin(
            self.shell, dialogs=self._dialogs or QtDialogs(), preferences=self._preferences
        )
        self.began.emit(self.beginning)
        opener = self.beginning.opener
        if self.beginning.audits.show_quick_list():
            # Let the list paint before SQLAlchemy's import competes for the interpreter.
            QTimer.singleShot(0, lambda: opener.open_soon(then=self._complete))
        else:
            opener.open_soon(then=self._complete)

    def _complete(self) -> None:
        from auditdesk.qt.composition import complete

        assert self.beginning is not None
        self.desktop = complete(self.beginning)
        self.completed.emit(self.desktop)


def launch_gui(
    options: AppOptions,
    *,
    preferences: Preferences | None = None,
    dialogs: Dialogs | None = None,
) -> Launch:
    """Show the window now; build the rest and open the database once it is painted."""
    launch = Launch(options, preferences or Preferences(), dialogs)
    launch.shell.window.show()
    return launch


def run_gui(options: AppOptions) -> int:
    app = create_application()
    launch = launch_gui(options)
    code = app.exec()
    del launch
    return code
