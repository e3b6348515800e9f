"""What every report section needs: the audit, the words, the styles, table helpers."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from auditdesk.export.audience import Audience
from auditdesk.export.audit_data import AuditExport
from auditdesk.export.report_style import (
    PRIMARY,
    RESULT_COLOURS,
    RULE,
    SEVERITY_COLOURS,
    escape,
    styles,
)
from auditdesk.export.texts import Words, enum_words
from auditdesk.method.areas import area_name

PAGE_WIDTH = 595.27
MARGIN = 42.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}


class Plain(str):
    """A table cell drawn as plain text: no markup, no wrapping (cheaper than a Paragraph)."""


@dataclass(frozen=True)
class ReportContext:
    data: AuditExport

    @cached_property
    def words(self) -> Words:
        return Words(self.data.settings.language)

    @property
    def language(self) -> str:
        return self.words.language

    @property
    def site_facing(self) -> bool:
        return self.data.settings.audience is Audience.SITE

    @cached_property
    def styles(self) -> dict[str, Any]:
        return styles()

    def paragraph(self, text: str, style: str = "body", *, markup: bool = False) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(text if markup else escape(text), self.styles[style])

    def date(self, day: datetime.date | None) -> str:
        if day is None:
            return "—"
        month = _MONTHS.get(self.language, _MONTHS["en"])[day.month - 1]
        if self.language == "es":
            return f"{day.day} de {month} de {day.year}"
        return f"{day.day} {month} {day.year}"

    def short_date(self, day: datetime.date | None) -> str:
        """A date for a table cell: ISO 8601, short and the same in every language."""
        return day.isoformat() if day else "—"

    def area(self, code: str) -> str:
        return area_name(code, self.language)

    def outcome(self, code: str) -> str:
        """A result code as coloured words, for a Paragraph."""
        colour = RESULT_COLOURS.get(code, "#1d2733")
        return f'<font color="{colour}"><b>{escape(self.words(enum_words(code)))}</b></font>'

    def severity(self, code: str) -> str:
        colour = SEVERITY_COLOURS.get(code, "#1d2733")
        return f'<font color="{colour}"><b>{escape(self.words(code).upper())}</b></font>'

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        *,
        zebra: bool = True,
    ) -> Any:
        """A data table: a coloured header row repeated on every page.

        A ``str`` cell is Paragraph markup (wrapped); a :class:`Plain` cell is drawn as is;
        the first column is bold."""
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Table, TableStyle

        def cell(value: object, style: str) -> object:
            if isinstance(value, str) and not isinstance(value, Plain):
                return Paragraph(value, self.styles[style])
            return value

        body = [[cell(escape(h), "cell_head") for h in header]]
        body.extend([cell(value, "cell") for value in row] for row in rows)
        table = Table(body, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
        commands: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(PRIMARY)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(RULE)),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("FONT", (0, 1), (-1, -1), self.styles["cell"].fontName, 8, 10),
            ("FONT", (0, 1), (0, -1), self.styles["cell_bold"].fontName, 8, 10),
            ("TEXTCOLOR", (0, 1), (-1, -1), colors.HexColor("#1d2733")),
        ]
        if zebra:
            commands.append(
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f7f9")])
            )
        table.setStyle(TableStyle(commands))
        return table
