"""Writing sheet tables to an .xlsx with openpyxl's streaming (write-only) mode.

Each row is hashed as it is written (the canonical form in :mod:`auditdesk.export.cells`),
so the manifest costs one pass; the signature then covers the manifest's bytes.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from auditdesk.export.cells import TRAP_STARTS, ExcelValue, SheetHasher, is_formula_trap
from auditdesk.export.tables import SheetKind, SheetTable
from auditdesk.export.workbook_manifest import (
    MANIFEST_SHEET,
    SheetEntry,
    WorkbookManifest,
    manifest_rows,
)
from auditdesk.jobs import Progress

ManifestSigner = Callable[[bytes], Mapping[str, str]]
"""Signs the manifest bytes; returns the :class:`~auditdesk.signing.SignedManifest` fields."""

_MIN_WIDTH, _MAX_WIDTH, _SAMPLE_ROWS = 8.0, 60.0, 200
HEADER_FILL = "DCE6F0"


@dataclass(frozen=True)
class WorkbookHeader:
    """The manifest's facts that are not sheets."""

    audit_uuid: str
    document_id: str
    audience: str
    exported_at: datetime.datetime
    app_version: str
    training: bool


HEADER_STYLE = "AuditDesk header"


def _add_header_style(workbook: Any) -> None:
    """One named style for every header cell: cheaper than a font and fill per cell."""
    from openpyxl.styles import Font, NamedStyle, PatternFill

    style = NamedStyle(HEADER_STYLE)
    style.font = Font(bold=True)
    style.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    workbook.add_named_style(style)


class _CellFactory:
    """Styled cells for one worksheet (openpyxl needs a cell object to carry a style)."""

    def __init__(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        self._cell_class = WriteOnlyCell
        self._sheet = sheet

    def header(self, text: str) -> Any:
        cell = self.text(text)
        cell.style = HEADER_STYLE
        return cell

    def text(self, text: str) -> Any:
        """A text cell that stays text even when it looks like a formula or an error."""
        cell = self._cell_class(self._sheet)
        cell.value = text
        cell.data_type = "s"
        if is_formula_trap(text):
            cell.quotePrefix = True
        return cell

    def number(self, value: int | float, number_format: str) -> Any:
        cell = self._cell_class(self._sheet, value=value)
        cell.number_format = number_format
        return cell


def _width(values: Sequence[ExcelValue], header: str) -> float:
    longest = len(header)
    for value in values:
        if isinstance(value, str):
            longest = max(longest, max(len(line) for line in value.split("\n")))
        elif isinstance(value, datetime.datetime):
            longest = max(longest, 19)
        elif isinstance(value, datetime.date):
            longest = max(longest, 10)
        elif value is not None:
            longest = max(longest, len(str(value)))
    return min(_MAX_WIDTH, max(_MIN_WIDTH, longest + 2.0))


def _write_table(workbook: Any, table: SheetTable) -> SheetEntry:
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(table.name)
    cells = _CellFactory(sheet)
    sample = table.rows[:_SAMPLE_ROWS]
    for index, column in enumerate(table.columns, start=1):
        width = column.width or _width([row[index - 1] for row in sample], column.header)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    hasher = SheetHasher()
    headers = table.headers
    hasher.add_row(headers)
    sheet.append([cells.header(text) for text in headers])
    formats = [column.number_format for column in table.columns]
    formatted = [i for i, number_format in enumerate(formats) if number_format]
    add_row, append = hasher.add_row, sheet.append
    for row in table.rows:
        add_row(row)
        written: list[Any] = row
        for i, value in enumerate(row):
            # A cheap first-character test before the full one: this runs for every cell.
            if type(value) is str and value[:1] in TRAP_STARTS and is_formula_trap(value):
                if written is row:
                    written = list(row)
                written[i] = cells.text(value)
        for i in formatted:
            value = row[i] if i < len(row) else None
            if isinstance(value, int | float):
                if written is row:
                    written = list(row)
                written[i] = cells.number(value, formats[i] or "General")
        append(written)
    last = get_column_letter(max(1, len(table.columns)))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    if table.kind is SheetKind.SCORES:
        _add_scores_chart(sheet, len(table.rows))
    return SheetEntry(
        name=table.name,
        kind=table.kind.value,
        sha256=hasher.hexdigest(),
        rows=hasher.rows,
        form_id=table.form_id,
        form_version=table.form_version,
        repeat=table.repeat,
    )


def _add_scores_chart(sheet: Any, areas: int) -> None:
    """A native bar chart of the area scores (column C), named by area (column B)."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = "Area scores (0–100)"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorGridlines = None
    chart.x_axis.scaling.orientation = "maxMin"  # area A at the top, as in the table
    chart.legend = None
    chart.height, chart.width = 9.5, 17.0
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=areas + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=areas + 1))
    sheet.add_chart(chart, "J2")


def _abandon(workbook: Any) -> None:
    """Close the streamed sheets in order so nothing is left half-open (on cancel)."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()


def write_workbook(
    tables: Sequence[SheetTable],
    target: IO[bytes],
    header: WorkbookHeader,
    *,
    signer: ManifestSigner | None = None,
    progress: Progress | None = None,
) -> WorkbookManifest:
    """Write ``tables`` in order, then the hidden, optionally signed ``_manifest``."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    _add_header_style(workbook)
    workbook.properties.creator = "AuditDesk"
    workbook.properties.title = f"Audit {header.audit_uuid}"
    entries = []
    try:
        for table in tables:
            entries.append(_write_table(workbook, table))
            if progress is not None:
                progress.advance(f"sheet {table.name}")
    except BaseException:
        _abandon(workbook)
        raise
    exported = header.exported_at.astimezone(datetime.UTC).replace(microsecond=0)
    manifest = WorkbookManifest(
        audit_uuid=header.audit_uuid,
        document_id=header.document_id,
        audience=header.audience,
        exported_at=exported.isoformat().replace("+00:00", "Z"),
        app_version=header.app_version,
        training=header.training,
        sheets=tuple(entries),
    )
    manifest_bytes = manifest.to_bytes()
    signature = signer(manifest_bytes) if signer is not None else None
    sheet = workbook.create_sheet(MANIFEST_SHEET)
    sheet.sheet_state = "hidden"
    cells = _CellFactory(sheet)
    for key, value in manifest_rows(manifest, manifest_bytes, signature):
        sheet.append([cells.text(key), cells.text(value) if isinstance(value, str) else value])
    workbook.save(target)
    return manifest
