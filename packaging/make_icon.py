"""Draw the AuditDesk icon and write every size the three platforms want.

    .venv/bin/python packaging/make_icon.py      # writes resources/icons/

A teal rounded square holding a white clipboard with a check mark: readable at 16 px,
no text. Drawn with Pillow at 4x and scaled down (Pillow's shapes are not antialiased);
sizes up to 32 px leave out the checklist lines, which would only blur there.
Outputs: auditdesk-<N>.png for N in 16…512, auditdesk.ico (Windows), auditdesk.icns (macOS).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SUPERSAMPLE = 4

TEAL_TOP = (20, 131, 122)
TEAL_BOTTOM = (13, 84, 79)
PAPER = (255, 255, 255)
CLIP = (38, 50, 56)
CHECK = (16, 122, 87)
LINES = (176, 190, 197)


def _box(canvas: int, left: float, top: float, right: float, bottom: float) -> list[float]:
    return [left * canvas, top * canvas, right * canvas, bottom * canvas]


def draw(size: int) -> Image.Image:
    """The icon at ``size`` pixels square (RGBA)."""
    canvas = size * SUPERSAMPLE
    detailed = size > 32
    # A small margin as the platforms' own icons have; none at 16 px, where it costs legibility.
    margin = 0.0 if size <= 16 else 0.06

    gradient = Image.new("RGBA", (canvas, canvas))
    shade = ImageDraw.Draw(gradient)
    for y in range(canvas):
        t = y / max(canvas - 1, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(TEAL_TOP, TEAL_BOTTOM, strict=True))
        shade.line([(0, y), (canvas, y)], fill=(*colour, 255))
    mask = Image.new("L", (canvas, canvas), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        _box(canvas, margin, margin, 1 - margin, 1 - margin), radius=0.2 * canvas, fill=255
    )
    image = Image.new("RGBA", (canvas, canvas), (0, 0, 0, 0))
    image.paste(gradient, (0, 0), mask)

    pen = ImageDraw.Draw(image)
    # The clipboard's board, then its clip.
    board_left, board_right = (0.24, 0.76) if detailed else (0.2, 0.8)
    pen.rounded_rectangle(
        _box(canvas, board_left, 0.22, board_right, 0.84), radius=0.06 * canvas, fill=PAPER
    )
    pen.rounded_rectangle(
        _box(canvas, 0.37, 0.15, 0.63, 0.29), radius=0.04 * canvas, fill=CLIP
    )
    if detailed:
        # Three checklist lines under the check mark.
        for row, length in ((0.64, 0.36), (0.71, 0.28), (0.78, 0.32)):
            pen.rounded_rectangle(
                _box(canvas, 0.32, row - 0.018, 0.32 + length, row + 0.018),
                radius=0.018 * canvas,
                fill=LINES,
            )
    # The check mark, drawn as one thick polyline with round joints.
    check_y = 0.44 if detailed else 0.53
    points = [
        (0.35 * canvas, (check_y + 0.0) * canvas),
        (0.46 * canvas, (check_y + 0.10) * canvas),
        (0.66 * canvas, (check_y - 0.12) * canvas),
    ]
    width = round((0.075 if detailed else 0.13 if size <= 16 else 0.1) * canvas)
    pen.line(points, fill=CHECK, width=width, joint="curve")
    for x, y in (points[0], points[-1]):
        pen.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=CHECK)

    return image.resize((size, size), Image.Resampling.LANCZOS)


def write_all(out_dir: Path = ICON_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    images = {size: draw(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, 1024})}
    for size in PNG_SIZES:
        path = out_dir / f"auditdesk-{size}.png"
        images[size].save(path, optimize=True)
        written.append(path)
    ico = out_dir / "auditdesk.ico"
    images[256].save(ico, sizes=[(s, s) for s in ICO_SIZES], bitmap_format="png")
    written.append(ico)
    # Pillow builds the .icns from the largest image it is given, scaling for the rest.
    icns = out_dir / "auditdesk.icns"
    images[1024].save(icns, append_images=[images[s] for s in (16, 32, 64, 128, 256, 512)])
    written.append(icns)
    return written


if __name__ == "__main__":
    for written_path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else ICON_DIR):
        print(written_path)
