"""What every page carries (running header, "Confidential" footer with the document ID
and "page X of Y", the training watermark), and the box kept free for the signature.

The footer needs the page count, so the canvas holds each finished page and draws the
decorations when the document is saved (pages are then known).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from auditdesk.export.report_style import MUTED, PRIMARY, RULE, fonts


@dataclass(frozen=True)
class PageDecoration:
    running_title: str
    footer_left: str
    document_id: str
    page_label: str
    """A template with ``{page}`` and ``{pages}``."""
    watermark: str = ""


class ReportCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    def __init__(self, *args: Any, decoration: PageDecoration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decoration = decoration
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        from reportlab.lib import colors

        face = fonts()
        deco = self._decoration
        width, height = self._pagesize
        page = self.getPageNumber()
        self.saveState()
        if deco.watermark:
            self.setFillColor(colors.HexColor("#b3261e"), alpha=0.13)
            self.setFont(face.bold, 46)
            self.translate(width / 2, height / 2)
            self.rotate(52)
            self.drawCentredString(0, -16, deco.watermark)
            self.rotate(-52)
            self.translate(-width / 2, -height / 2)
            # Also upright in the header, where text extraction and screen readers find it.
            self.setFillColor(colors.HexColor("#b3261e"))
            self.setFont(face.bold, 7.5)
            self.drawRightString(width - 42, height - 30, deco.watermark)
        self.setStrokeColor(colors.HexColor(RULE))
        self.setLineWidth(0.5)
        if page > 1:
            self.setFont(face.regular, 7.5)
            self.setFillColor(colors.HexColor(MUTED))
            self.drawString(42, height - 30, deco.running_title)
            self.line(42, height - 36, width - 42, height - 36)
        self.line(42, 40, width - 42, 40)
        self.setFont(face.bold, 7.5)
        self.setFillColor(colors.HexColor(PRIMARY))
        self.drawString(42, 28, deco.footer_left)
        self.setFont(face.regular, 7.5)
        self.setFillColor(colors.HexColor(MUTED))
        self.drawCentredString(width / 2, 28, deco.document_id)
        self.drawRightString(width - 42, 28, deco.page_label.format(page=page, pages=total))
        self.restoreState()


@dataclass
class StampSpot:
    """Where the signature box landed: filled in while the document is laid out."""

    page_index: int = -1
    box: tuple[float, float, float, float] = field(default=(0.0, 0.0, 0.0, 0.0))


class SignatureBox(Flowable):  # type: ignore[misc]
    """An empty framed box with a caption, kept free for the visible PAdES stamp."""

    def __init__(self, width: float, height: float, caption: str, spot: StampSpot) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self._caption = caption
        self._spot = spot

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height + 14

    def draw(self) -> None:
        from reportlab.lib import colors

        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(RULE))
        canvas.setDash(3, 2)
        canvas.rect(0, 0, self.width, self.height)
        canvas.setFont(fonts().regular, 7.5)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawString(0, self.height + 4, self._caption)
        canvas.restoreState()
        x, y = canvas.absolutePosition(0, 0)
        self._spot.page_index = canvas.getPageNumber() - 1
        # Keep the stamp inside the dashed frame.
        self._spot.box = (x + 3, y + 3, x + self.width - 3, y + self.height - 3)
