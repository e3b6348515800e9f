"""The composition root: the one place that knows both front-ends.

``auditdesk.cli`` and ``auditdesk.qt`` never import each other (an import-linter
contract); the command line hands control to the GUI through the callable given here.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditdesk.appoptions import AppOptions


def _start_gui(options: AppOptions) -> int:
    # Imported only when the GUI is wanted, so that headless commands never pay for Qt.
    from auditdesk.qt.app import run_gui

    return run_gui(options)


def main(argv: Sequence[str] | None = None) -> int:
    from auditdesk.cli import main as cli_main
    from auditdesk.cli import register_front_end_command

    # Drawn with Qt, so defined in the Qt package and imported only when run.
    register_front_end_command("screenshots", "auditdesk.qt.screenshots:command")
    return cli_main(argv, start_gui=_start_gui)
