"""`auditdesk screenshots` draws every main screen at both sizes, offscreen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from auditdesk.qt.screenshots import SIZES, render_screenshots

SCREENS = (
    "welcome",
    "audits-list",
    "new-audit-wizard",
    "audit-overview",
    "interview-question",
    "interview-navigator",
    "findings",
    "scores",
    "consolidation",
    "calibration",
)


@pytest.mark.slow
def test_every_main_screen_is_drawn_at_both_sizes(qtbot, tmp_path: Path) -> None:
    written = render_screenshots(tmp_path / "shots")
    windows = [path for path in written if not path.name.startswith(("report-", "export-"))]
    expected = {f"{name}-{w}x{h}.png" for name in SCREENS for w, h in SIZES}
    assert {path.name for path in windows} == expected
    for path in windows:
        image = QImage(str(path))
        width, height = (int(part) for part in path.stem.rsplit("-", 1)[1].split("x"))
        assert (image.width(), image.height()) == (width, height)
        # A drawn screen, not a blank canvas: many distinct colours in the picture.
        colours = {image.pixel(x, y) for x in range(0, width, 37) for y in range(0, height, 23)}
        assert len(colours) > 8, path.name

    # The export dialog, and every page of the sample's signed report (poppler renders them).
    dialog = QImage(str(tmp_path / "shots" / "export-dialog.png"))
    assert dialog.width() > 400
    assert dialog.height() > 300
    pages = sorted(path.name for path in written if path.name.startswith("report-"))
    if shutil.which("pdftoppm"):
        assert len(pages) >= 10  # cover, summary, findings, CAP, areas, method, sign-off
        assert pages == [f"report-{number:02d}.png" for number in range(1, len(pages) + 1)]
