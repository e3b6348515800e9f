"""The report's look: fonts, colours, paragraph styles and result colours.

Fonts are embedded TrueType faces (DejaVu Sans where the system has it, else the Vera
faces reportlab ships), so accents, dashes and curly quotes print in every language
and the PDF reads the same on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

INK = "#1d2733"
MUTED = "#5b6776"
PRIMARY = "#1f4e5a"
PRIMARY_LIGHT = "#e6eef0"
RULE = "#c8d1d9"
ALERT = "#9b1c1c"
ALERT_LIGHT = "#fbeaea"

RESULT_COLOURS = {
    "compliant": "#2e7d4f",
    "partly": "#c27c0e",
    "non_compliant": "#b3261e",
    "not_applicable": "#7b8794",
    "not_assessed": "#a0aab4",
}
SEVERITY_COLOURS = {"critical": "#9b1c1c", "major": "#c2570c", "minor": "#8a6d0b"}

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str


@lru_cache(maxsize=1)
def fonts() -> Fonts:
    """Register the report's faces once per process and return their names."""
    import reportlab
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    faces = None
    for folder in _FONT_DIRS:
        names = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
        if all((folder / name).is_file() for name in names):
            faces = [folder / name for name in names]
            break
    if faces is None:
        shipped = Path(reportlab.__file__).parent / "fonts"
        faces = [shipped / "Vera.ttf", shipped / "VeraBd.ttf", shipped / "VeraIt.ttf"]
    names = ("ReportSans", "ReportSans-Bold", "ReportSans-Italic")
    for name, face in zip(names, faces, strict=True):
        pdfmetrics.registerFont(TTFont(name, str(face)))
    addMapping("ReportSans", 0, 0, names[0])
    addMapping("ReportSans", 1, 0, names[1])
    addMapping("ReportSans", 0, 1, names[2])
    addMapping("ReportSans", 1, 1, names[1])
    return Fonts(*names)


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    """Paragraph styles by name: title, h1, h2, body, small, cell, cell_bold, …"""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    face = fonts()
    ink = colors.HexColor(INK)
    base = ParagraphStyle("body", fontName=face.regular, fontSize=9.5, leading=13.5,
                          textColor=ink, spaceAfter=5)
    found = {
        "body": base,
        "lead": ParagraphStyle("lead", parent=base, fontSize=11, leading=15.5, spaceAfter=8),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5,
                                textColor=colors.HexColor(MUTED), spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=face.bold, fontSize=8,
                                    leading=10, spaceAfter=0),
        "label": ParagraphStyle("label", parent=base, fontName=face.bold, fontSize=8.5,
                                leading=11, spaceAfter=1, keepWithNext=1),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=face.bold, fontSize=8,
                                    leading=10, spaceAfter=0, textColor=colors.white),
        "title": ParagraphStyle("title", parent=base, fontName=face.bold, fontSize=26,
                                leading=31, textColor=colors.HexColor(PRIMARY), spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=19,
                                   textColor=colors.HexColor(MUTED), spaceAfter=18),
        "h1": ParagraphStyle("h1", parent=base, fontName=face.bold, fontSize=16, leading=20,
                             textColor=colors.HexColor(PRIMARY), spaceBefore=4, spaceAfter=10,
                             keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontName=face.bold, fontSize=11.5,
                             leading=15, textColor=colors.HexColor(PRIMARY), spaceBefore=10,
                             spaceAfter=5, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=face.bold, fontSize=10, leading=13,
                             spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "rating": ParagraphStyle("rating", parent=base, fontName=face.bold, fontSize=40,
                                 leading=44, alignment=TA_CENTER,
                                 textColor=colors.HexColor(PRIMARY)),
        "rating_label": ParagraphStyle("rating_label", parent=base, fontSize=8.5, leading=11,
                                       alignment=TA_CENTER, textColor=colors.HexColor(MUTED)),
        "alert": ParagraphStyle("alert", parent=base, textColor=colors.HexColor(ALERT)),
        "alert_head": ParagraphStyle("alert_head", parent=base, fontName=face.bold,
                                     fontSize=10.5, leading=14,
                                     textColor=colors.HexColor(ALERT)),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2,
                                 spaceAfter=2),
    }
    return found


def escape(text: str) -> str:
    """Text for a reportlab Paragraph (its markup is XML-like)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def multiline(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.split("\n"))
