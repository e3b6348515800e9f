"""Cells of the master workbook: bold headers, and free text that never becomes a formula.

A value starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return), or one
that reads as an error value such as ``#N/A``, is written as a text cell with Excel's
quote prefix: the audit exports' rule, :func:`auditdesk.export.cells.is_formula_trap`,
so no auditor's text becomes a formula (or an error) for the NGO.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

_HEADER_FILL = "DCE6F0"


class _Cells:
    """Cell objects for one sheet: headers, and text that must stay text."""

    def __init__(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font, PatternFill

        from auditdesk.export.cells import TRAP_STARTS, clean_text, is_formula_trap

        self._make = WriteOnlyCell
        self._sheet = sheet
        self._bold = Font(bold=True)
        self._fill = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
        self._triggers = TRAP_STARTS
        self._is_trap = is_formula_trap
        self._clean = clean_text

    def header(self, text: str) -> Any:
        cell = self.text(text)
        cell.font = self._bold
        cell.fill = self._fill
        return cell

    def text(self, text: str) -> Any:
        cell = self._make(self._sheet)
        cell.value = self._clean(text)
        cell.data_type = "s"
        if self._is_trap(text):
            cell.quotePrefix = True
        return cell

    def row(self, values: Iterable[object]) -> list[object]:
        """``values`` as written: dangerous text wrapped, everything else as it is."""
        written = list(values)
        triggers, is_trap = self._triggers, self._is_trap
        for i, value in enumerate(written):
            # The first-character test first: this runs for every cell of the master.
            if type(value) is str and value[:1] in triggers and is_trap(value):
                written[i] = self.text(value)
        return written


def new_sheet(workbook: Any, name: str, headers: Sequence[str], widths: dict[str, float] | None
              = None) -> tuple[Any, _Cells]:
    """A sheet with a bold frozen header row and an autofilter over ``headers``."""
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(name)
    cells = _Cells(sheet)
    for index, header in enumerate(headers, start=1):
        width = (widths or {}).get(header, min(40.0, max(10.0, len(header) + 2.0)))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([cells.header(header) for header in headers])
    return sheet, cells


def add_filter(sheet: Any, columns: int, rows: int) -> None:
    from openpyxl.utils import get_column_letter

    sheet.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}{rows + 1}"
