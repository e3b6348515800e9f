"""The command line's global contract: --version, --help, --db."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from auditdesk import __version__
from auditdesk.appoptions import AppOptions
from auditdesk.cli import main


def test_version_prints_the_package_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_the_global_options(capsys) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--db" in out
    assert "--training" in out


def test_default_database_lives_in_the_user_data_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    options = AppOptions.resolve(None)
    assert options.db_path == tmp_path / "AuditDesk" / "auditdesk.sqlite"
    training = AppOptions.resolve(None, training=True)
    assert training.db_path != options.db_path


def test_without_a_command_the_gui_starter_gets_the_chosen_database(tmp_path: Path) -> None:
    seen: list[AppOptions] = []

    def fake_gui(options: AppOptions) -> int:
        seen.append(options)
        return 7

    assert main(["--db", str(tmp_path / "x.sqlite")], start_gui=fake_gui) == 7
    assert seen == [AppOptions(db_path=tmp_path / "x.sqlite")]


def test_module_entry_point_runs_without_qt_for_headless_commands() -> None:
    code = (
        "import sys, runpy; sys.argv=['auditdesk','--version'];"
        "\ntry:\n runpy.run_module('auditdesk', run_name='__main__')\nexcept SystemExit: pass\n"
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")
