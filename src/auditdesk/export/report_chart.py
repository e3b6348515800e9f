"""The area-score chart: one horizontal bar per area on a 0–100 track (reportlab graphics)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditdesk.export.report_style import MUTED, PRIMARY_LIGHT, RESULT_COLOURS, fonts
from auditdesk.method.scoring import AreaScore


def score_colour(score: float) -> str:
    if score >= 80:
        return RESULT_COLOURS["compliant"]
    if score >= 50:
        return RESULT_COLOURS["partly"]
    return RESULT_COLOURS["non_compliant"]


def area_chart(
    areas: Sequence[AreaScore], names: dict[str, str], width: float, not_assessed: str
) -> Any:
    """A Drawing ``width`` points wide; the bars start after a label column."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors

    face = fonts()
    row, bar = 17.0, 10.0
    label_width = width * 0.46
    track = width - label_width - 38
    height = row * len(areas) + 16
    drawing = Drawing(width, height)
    for tick in (0, 25, 50, 75, 100):
        x = label_width + track * tick / 100
        drawing.add(Line(x, 12, x, height, strokeColor=colors.HexColor("#dfe5ea"),
                         strokeWidth=0.4))
        drawing.add(String(x, 2, str(tick), fontName=face.regular, fontSize=6.5,
                           fillColor=colors.HexColor(MUTED), textAnchor="middle"))
    for position, area in enumerate(areas):
        y = height - (position + 1) * row + (row - bar) / 2
        label = f"{area.code}  {names.get(area.code, area.code)}"
        if len(label) > 52:
            label = label[:50] + "…"
        drawing.add(String(0, y + 2, label, fontName=face.regular, fontSize=7.5,
                           fillColor=colors.HexColor("#1d2733")))
        drawing.add(Rect(label_width, y, track, bar, fillColor=colors.HexColor(PRIMARY_LIGHT),
                         strokeColor=None))
        if area.score is None:
            drawing.add(String(label_width + 4, y + 2, not_assessed, fontName=face.italic,
                               fontSize=7, fillColor=colors.HexColor(MUTED)))
            continue
        drawing.add(Rect(label_width, y, track * area.score / 100, bar,
                         fillColor=colors.HexColor(score_colour(area.score)), strokeColor=None))
        drawing.add(String(label_width + track + 4, y + 2, f"{area.score:.0f}",
                           fontName=face.bold, fontSize=7.5,
                           fillColor=colors.HexColor("#1d2733")))
    return drawing
