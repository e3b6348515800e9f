"""Desktop start-up: first paint of the main window, and the audits list filled.

Each start is a fresh Python process (offscreen Qt), timed from launch by this process to
the moment the child reports the event, so interpreter start-up and imports count. The
baseline is a bare PySide6 program showing an empty ``QMainWindow``, started the same way
in the same run; starts of the three programs are interleaved and compared by medians.
The app opens a database holding a few dozen audits, as an auditor's laptop would.

Both programs start as installed copies do, from compiled bytecode: the untimed first
starts write it to a cache in the run's temporary folder. Without that, a caller's
``PYTHONDONTWRITEBYTECODE`` made every timed start compile the app's own sources again
(about 5% of the bare start), which no installed copy does, while the standard library
the baseline uses ships compiled.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Row

ROUNDS = 9
AUDITS = 40
HEAVY = ("pyxform", "openpyxl", "reportlab", "pyhanko")

_PAINT_HOOK = """
from PySide6.QtCore import QEvent, QObject


class _FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("PAINTED", flush=True)
            if EXIT_ON_PAINT:
                os._exit(0)
            watched.removeEventFilter(self)
        return False
"""

BARE = (
    """
import os
from PySide6.QtWidgets import QApplication, QMainWindow
EXIT_ON_PAINT = True
"""
    + _PAINT_HOOK
    + """
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
hook = _FirstPaint()
window.installEventFilter(hook)
window.show()
app.exec()
"""
)

APP = (
    """
import os, sys
from pathlib import Path
EXIT_ON_PAINT = sys.argv[2] == "paint"
"""
    + _PAINT_HOOK
    + """
from auditdesk.appoptions import AppOptions
from auditdesk.qt.app import create_application, launch_gui

# The same start as `auditdesk`: window first, the rest after its first paint.
app = create_application()
hook = _FirstPaint()
launch = launch_gui(AppOptions(db_path=Path(sys.argv[1])))
launch.shell.window.installEventFilter(hook)


def populated(model):
    if model.rowCount() == 0:
        return
    heavy = [m for m in ("pyxform", "openpyxl", "reportlab", "pyhanko") if m in sys.modules]
    print("POPULATED", ",".join(heavy) or "-", flush=True)
    os._exit(0)


def began(beginning):
    model = beginning.audits_home.audits.model
    model.modelReset.connect(lambda: populated(model))


launch.began.connect(began)
app.exec()
"""
)


def _prepare_database(folder: Path) -> Path:
    from auditdesk.domain import Audit, AuditStatus, AuditType, Site, new_uuid
    from auditdesk.storage import open_database

    path = folder / "startup.sqlite"
    repository = open_database(path, backup_folder=folder / "backups")
    try:
        for number in range(AUDITS):
            site = repository.add_site(
                Site(new_uuid(), f"Vendor {number}", f"Site {number}", "Kenya", "Nairobi")
            )
            repository.add_audit(
                Audit(new_uuid(), site.uuid, AuditType.ANNOUNCED, AuditStatus.IN_PROGRESS)
            )
    finally:
        repository.close()
    return path


def _time_until(
    script: Path, marker: str, args: list[str], env: dict[str, str]
) -> tuple[float, str]:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith(marker):
            elapsed = time.perf_counter() - started
            child.wait(timeout=60)
            return elapsed, line.strip()
    child.wait(timeout=60)
    raise RuntimeError(f"{script.name} ended without printing {marker}")


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="auditdesk-startup-") as tmp:
        folder = Path(tmp)
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPYCACHEPREFIX": str(folder / "bytecode"),
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_CACHE_HOME": str(folder / "cache"),
        }
        database = _prepare_database(folder)
        bare, app = folder / "bare.py", folder / "app.py"
        bare.write_text(BARE, encoding="utf-8")
        app.write_text(APP, encoding="utf-8")
        for script, marker, args in (  # warm the file and bytecode caches once, untimed
            (bare, "PAINTED", []),
            (app, "POPULATED", [str(database), "list"]),
        ):
            _time_until(script, marker, args, env)
        bare_times, paint_times, list_times = [], [], []
        heavy_seen = "-"
        for _ in range(ROUNDS):
            bare_times.append(_time_until(bare, "PAINTED", [], env)[0])
            paint_times.append(_time_until(app, "PAINTED", [str(database), "paint"], env)[0])
            elapsed, line = _time_until(app, "POPULATED", [str(database), "list"], env)
            list_times.append(elapsed)
            heavy_seen = line.split(maxsplit=1)[1]
    baseline = statistics.median(bare_times)
    heavy_count = 0 if heavy_seen == "-" else len(heavy_seen.split(","))
    return [
        ("startup: bare PySide6 window first paint (s)", baseline, "baseline"),
        (
            "startup: main window first paint / bare window",
            statistics.median(paint_times) / baseline,
            "<= 1.5",
        ),
        (
            "startup: audits list populated / bare window",
            statistics.median(list_times) / baseline,
            "<= 3",
        ),
        (
            f"startup: of {', '.join(HEAVY)} imported before the list shows",
            float(heavy_count),
            "0",
        ),
    ]
