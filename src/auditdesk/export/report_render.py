"""Report pages as PNG images (poppler's ``pdftoppm``), for screenshots and reviews.

Rendering PDFs is poppler's job; we only call it. The Qt screenshots command calls
:func:`render_report_pages` to put the sample report's pages beside the window shots.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class RenderError(RuntimeError):
    """The pages could not be rendered (no pdftoppm, or it failed)."""


def render_report_pages(
    pdf: Path | bytes,
    out_dir: Path,
    *,
    prefix: str = "report",
    resolution: int = 60,
    first: int | None = None,
    last: int | None = None,
) -> list[Path]:
    """Write ``<prefix>-01.png``, ``<prefix>-02.png``… into ``out_dir``; returns them in order."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RenderError(
            "pdftoppm is not installed (Debian/Ubuntu: apt-get install poppler-utils)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        source = pdf if isinstance(pdf, Path) else Path(scratch) / "report.pdf"
        if isinstance(pdf, bytes):
            source.write_bytes(pdf)
        command = [exe, "-r", str(resolution), "-png"]
        if first is not None:
            command += ["-f", str(first)]
        if last is not None:
            command += ["-l", str(last)]
        stem = Path(scratch) / "page"
        done = subprocess.run(
            [*command, str(source), str(stem)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RenderError(f"pdftoppm failed on {source}: {done.stderr.strip()}")
        pages = sorted(Path(scratch).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        written = []
        for page in pages:
            number = int(page.stem.split("-")[-1])
            target = out_dir / f"{prefix}-{number:02d}.png"
            shutil.move(str(page), target)
            written.append(target)
    return written
