"""Start-up of the frozen package (``make package``) against the same app from the venv.

Goal: the one-dir build starts within 1.2x of ``.venv/bin/auditdesk`` (issue 9). Two
measures, each the median of interleaved runs in fresh user folders:

- ``--version``: interpreter start, the launcher and click — the floor of every command;
- the desktop window's first paint, offscreen: Qt's ``qt.widgets.painting`` log says when
  the main window's pixels are first flushed, the same signal for both programs, so
  neither needs a test hook.

Without ``dist/AuditDesk`` the rows say so instead of measuring.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import Row

REPO = Path(__file__).resolve().parent.parent
RUNS = 7
GOAL = "≤ 1.2× (frozen / venv)"
FIRST_PAINT = "Flushing QRegion("
"""Qt's log line when a painted window reaches the screen (the main window's is the first)."""
PAINT_TIMEOUT = 60.0


def frozen_program() -> Path:
    if sys.platform == "darwin":
        return REPO / "dist" / "AuditDesk.app" / "Contents" / "MacOS" / "auditdesk"
    if sys.platform == "win32":
        return REPO / "dist" / "AuditDesk" / "auditdesk-cli.exe"
    return REPO / "dist" / "AuditDesk" / "auditdesk"


def venv_program() -> Path:
    name = "auditdesk.exe" if sys.platform == "win32" else "auditdesk"
    return Path(sys.executable).parent / name


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    return env


def time_version(program: Path) -> float:
    with tempfile.TemporaryDirectory() as home:
        started = time.perf_counter()
        subprocess.run(
            [str(program), "--version"],
            env=_environment(Path(home)),
            capture_output=True,
            check=True,
        )
        return time.perf_counter() - started


def time_first_paint(program: Path) -> float:
    """Seconds from launch to the main window's first paint, then the app is stopped."""
    with tempfile.TemporaryDirectory() as home:
        env = _environment(Path(home))
        env["QT_LOGGING_RULES"] = "qt.widgets.painting.debug=true"
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(program)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        # A program that never paints is stopped, which ends the read loop below.
        watchdog = threading.Timer(PAINT_TIMEOUT, process.kill)
        watchdog.start()
        try:
            assert process.stderr is not None
            for line in process.stderr:
                if FIRST_PAINT in line and "MainWindow" in line:
                    return time.perf_counter() - started
            raise RuntimeError(f"{program}: no first paint within {PAINT_TIMEOUT:.0f} s")
        finally:
            watchdog.cancel()
            process.kill()
            process.wait(timeout=30)


def _interleaved(measure: object, frozen: Path, venv: Path) -> tuple[float, float]:
    assert callable(measure)
    measure(frozen), measure(venv)  # warm the disk cache for both
    frozen_times, venv_times = [], []
    for _ in range(RUNS):
        frozen_times.append(measure(frozen))
        venv_times.append(measure(venv))
    return statistics.median(frozen_times), statistics.median(venv_times)


def run() -> list[Row]:
    frozen, venv = frozen_program(), venv_program()
    if not frozen.is_file():
        skipped = f"skipped: no {frozen.relative_to(REPO)} (make package)"
        return [
            (f"frozen start-up --version: {skipped}", math.nan, GOAL),
            (f"frozen GUI first paint: {skipped}", math.nan, GOAL),
        ]
    rows: list[Row] = []
    frozen_s, venv_s = _interleaved(time_version, frozen, venv)
    rows.append(("frozen start-up --version, frozen / venv", frozen_s / venv_s, GOAL))
    rows.append(("frozen start-up --version, seconds (frozen)", frozen_s, "info"))
    if sys.platform == "win32":
        # The windowed GUI executable is another file; its paint is not measured here.
        return rows
    frozen_s, venv_s = _interleaved(time_first_paint, frozen, venv)
    rows.append(("frozen GUI first paint, frozen / venv", frozen_s / venv_s, GOAL))
    rows.append(("frozen GUI first paint, seconds (frozen)", frozen_s, "info"))
    return rows
