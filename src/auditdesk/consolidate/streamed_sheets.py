"""The master's long sheets (Answers and the per-form sheets), streamed as worksheet XML.

openpyxl writes the master: styles, charts, headers, column widths, frozen panes,
filters and every short sheet. Even in write-only mode it builds a Python cell
object per value, and the Answers table of a thousand audits holds fifteen million
values: writing it was three quarters of a consolidation (issue 7's benchmark). So
openpyxl writes the long sheets with their header row only, and their data rows are
streamed here into the saved file, between the header row and the rest of that
sheet's XML. The cells are the ones openpyxl's write-only mode writes (inline
strings, numbers, dates as serial numbers in openpyxl's own date styles, text that
could read as a formula marked with the quote prefix), encoded once per distinct
value. No maintained library appends rows to a workbook another writer produced,
which is why this module exists.

The rows carry no cell references (``r``, optional in SpreadsheetML: each row and
cell is then the one after the previous; Excel, LibreOffice, openpyxl and
python-calamine all read them so), and an empty value is an empty ``<c/>``. So a row
is encoded without knowing where in the sheet it will land, and an audit's answers
are encoded and deflated by the worker process that read its workbook, in parallel
with the others; writing the master then copies the deflated pieces
(:mod:`auditdesk.consolidate.deflated_zip`).
"""

from __future__ import annotations

import datetime
import functools
import io
import itertools
import math
import queue
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from auditdesk.consolidate.deflated_zip import Deflated, DeflatedZipWriter, MemberStream
from auditdesk.export.cells import clean_text, distinct_as_key, is_formula_trap, utc_naive
from auditdesk.export.workbook_parts import sheet_names_by_part

_EMPTY_CELL = "<c/>"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_MEMO_LIMIT = 200_000
_CHUNK_ROWS = 2_000
_FILTER = re.compile(r'<autoFilter ref="A1:([A-Z]+)1"')


@dataclass(frozen=True)
class CellStyles:
    """Style numbers (``s=``) for dates, times and quote-prefixed text in the master."""

    datetime: int
    date: int
    time: int
    quoted: int

    @classmethod
    def register(cls, sheet: Any) -> CellStyles:
        """Register the styles in ``sheet``'s (write-only) workbook, as openpyxl would.

        Registered first in a new workbook they take the numbers of :data:`MASTER_STYLES`,
        which rows encoded elsewhere (in worker processes) rely on.
        """
        from openpyxl.cell import WriteOnlyCell

        def style_of(value: object, quoted: bool = False) -> int:
            cell = WriteOnlyCell(sheet, value=value)
            if quoted:
                cell.data_type = "s"
                cell.quotePrefix = True
            return int(cell.style_id)

        return cls(
            datetime=style_of(datetime.datetime(2000, 1, 1, 1)),
            date=style_of(datetime.date(2000, 1, 1)),
            time=style_of(datetime.time(1)),
            quoted=style_of("=", quoted=True),
        )


MASTER_STYLES = CellStyles(datetime=1, date=2, time=3, quoted=4)
"""The styles' numbers when they are the first a master workbook registers."""


class RowEncoder:
    """Rows of one sheet as SpreadsheetML ``<row>`` elements without references."""

    def __init__(self, styles: CellStyles = MASTER_STYLES) -> None:
        from openpyxl.utils.datetime import to_excel

        self._styles = styles
        self._to_excel = to_excel
        self._cells: dict[object, str] = {None: _EMPTY_CELL, "": _EMPTY_CELL}

    def encode(self, values: Sequence[object]) -> str:
        """One row; an empty value is an empty cell, trailing ones are left out."""
        try:
            cells = "".join(map(self._cells.get, values))  # type: ignore[arg-type]
        except TypeError:  # a value not remembered yet (its cell is None)
            cells = "".join([self._cells.get(value) or self._remembered(value)
                             for value in values])
        # Text is escaped (no "<" inside a cell's text), so a row ending so ends empty.
        while cells.endswith(_EMPTY_CELL):
            cells = cells[: -len(_EMPTY_CELL)]
        return f"<row>{cells}</row>"

    def _remembered(self, value: object) -> str:
        cell = self._cell(value)
        if distinct_as_key(value):
            if len(self._cells) >= _MEMO_LIMIT:
                self._cells.clear()
                self._cells.update({None: _EMPTY_CELL, "": _EMPTY_CELL})
            self._cells[value] = cell
        return cell

    def _cell(self, value: object) -> str:
        body = self._body(value)
        return f"<c{body}" if body else _EMPTY_CELL

    def _body(self, value: object) -> str:
        """A cell's ``<c`` element after its name; ``""`` for an empty cell."""
        kind = type(value)
        if kind is str:
            return self._text(value)  # type: ignore[arg-type]
        if value is None:
            return ""
        if kind is bool:
            return f' t="b"><v>{int(value)}</v></c>'  # type: ignore[call-overload]
        if kind is int:
            return f"><v>{value}</v></c>"
        if kind is float:
            return f"><v>{value!r}</v></c>" if math.isfinite(value) else ""  # type: ignore[arg-type]
        if isinstance(value, datetime.datetime):
            moment = utc_naive(value) if value.tzinfo is not None else value
            return f' s="{self._styles.datetime}"><v>{self._to_excel(moment)!r}</v></c>'
        if isinstance(value, datetime.date):
            return f' s="{self._styles.date}"><v>{self._to_excel(value)!r}</v></c>'
        if isinstance(value, datetime.time):
            return f' s="{self._styles.time}"><v>{self._to_excel(value)!r}</v></c>'
        return self._text(str(value))

    def _text(self, value: str) -> str:
        text = clean_text(value)
        if not text:  # nothing a workbook can hold is left: an empty cell
            return ""
        style = f' s="{self._styles.quoted}"' if is_formula_trap(value) else ""
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        return f'{style} t="inlineStr"><is><t{space}>{text.translate(_ESCAPES)}</t></is></c>'


_ENCODED_CELL = re.compile(
    rb'<c(?: s="(\d+)")?(?: t="([a-zA-Z]+)")?'
    rb'(?:/>|><v>([^<]*)</v></c>|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>)'
)


def decode_rows(xml: bytes, styles: CellStyles = MASTER_STYLES) -> Iterator[list[object]]:
    """The values of rows :class:`RowEncoder` wrote, as it was given them (empty cells
    as ``None``; text, numbers, booleans, dates, times).

    Raises ``ValueError`` for XML in any other form (a sheet saved again by a
    spreadsheet program): such a sheet is read by python-calamine instead.
    """
    from openpyxl.utils.datetime import from_excel

    for row in xml.split(b"</row>")[:-1] if xml else ():
        if not row.startswith(b"<row>"):
            raise ValueError(f"not an encoded row: {row[:40]!r}")
        values: list[object] = []
        end = len(b"<row>")
        for found in _ENCODED_CELL.finditer(row, end):
            if found.start() != end:
                break
            end = found.end()
            style, kind, number, text = found.groups()
            if text is not None:
                values.append(unescape(text.decode("utf-8")))
            elif number is None:
                values.append(None)
            elif kind == b"b":
                values.append(number == b"1")
            elif style is None:
                values.append(int(number) if number.lstrip(b"-").isdigit() else float(number))
            else:
                moment = from_excel(float(number))  # a time of day for serials below 1
                if isinstance(moment, datetime.datetime) and int(style) == styles.date:
                    moment = moment.date()
                elif isinstance(moment, datetime.datetime) and int(style) == styles.time:
                    moment = moment.time()
                values.append(moment)
        if end != len(row):
            raise ValueError(f"not an encoded cell: {row[end:end + 40]!r}")
        yield values


@functools.cache
def _answer_encoder() -> RowEncoder:
    """One per process, so what it remembers serves every audit the process reads."""
    return RowEncoder()


RowChunk = tuple[int, "bytes | Deflated"]
"""Some encoded rows: how many, and their XML, plain or already deflated."""


def pack_rows(rows: Iterable[Sequence[object]]) -> tuple[int, Deflated]:
    """How many rows, and the rows encoded and deflated as a piece of a zip member: how
    a worker process hands an audit's answers on, ready to be copied into the master."""
    encoded = list(map(_answer_encoder().encode, rows))
    return len(encoded), Deflated.of("".join(encoded).encode("utf-8"))


def encoded_chunks(rows: Iterable[Sequence[object]]) -> Iterator[RowChunk]:
    """``rows`` encoded, a few thousand at a time."""
    encode = RowEncoder().encode
    encoded = map(encode, rows)
    while batch := list(itertools.islice(encoded, _CHUNK_ROWS)):
        yield len(batch), "".join(batch).encode("utf-8")


class RowChunks:
    """One stream of row chunks shared by consecutive sheets, each taking at most
    ``limit`` rows (a chunk is cut between two rows where a sheet ends)."""

    def __init__(self, chunks: Iterable[RowChunk]) -> None:
        self._chunks = iter(chunks)
        self._left_over: RowChunk | None = None

    def take(self, limit: int) -> Iterator[RowChunk]:
        while limit > 0:
            chunk = self._left_over or next(self._chunks, None)
            self._left_over = None
            if chunk is None:
                return
            count, data = chunk
            if count > limit:
                xml = data.inflated() if isinstance(data, Deflated) else data
                cut = _after_row(xml, limit)
                chunk, self._left_over = (limit, xml[:cut]), (count - limit, xml[cut:])
            limit -= chunk[0]
            yield chunk


def _after_row(data: bytes, rows: int) -> int:
    """Where row number ``rows`` of the encoded ``data`` ends."""
    end = 0
    for _ in range(rows):
        end = data.index(b"</row>", end) + len(b"</row>")
    return end


@dataclass
class StreamedSheet:
    """A sheet openpyxl wrote with its header row, and the encoded rows to stream after it.

    ``rows`` is called once, when the sheet is written; ``count`` is then the number
    of data rows written.
    """

    name: str
    rows: Callable[[], Iterable[RowChunk]]
    count: int = 0


def splice_rows(
    frame: bytes,
    target: Path,
    sheets: Sequence[StreamedSheet],
    *,
    on_chunk: Callable[[], None] = lambda: None,
) -> None:
    """Write ``frame`` (a saved workbook) to ``target`` with ``sheets``' rows streamed in.

    ``on_chunk`` runs every few thousand rows (a place to cancel). Rows that arrive
    deflated (the answers, from the worker processes) are copied as they are; the
    others are deflated fast: the long sheets are hundreds of megabytes of very
    repetitive XML.
    """
    with zipfile.ZipFile(io.BytesIO(frame)) as source, target.open("wb") as file:
        out = DeflatedZipWriter(file)
        parts = {name: part for part, name in sheet_names_by_part(source).items()}
        streamed = {parts[sheet.name] for sheet in sheets}
        for info in source.infolist():
            if info.filename not in streamed:
                out.write(info.filename, source.read(info), info.date_time)
        for sheet in sheets:
            part = parts[sheet.name]
            head, tail = _split_sheet(source.read(part).decode("utf-8"), part)
            writer = _BackgroundWriter(out.open(part, source.getinfo(part).date_time))
            try:
                writer.write(head.encode("utf-8"))
                sheet.count = _write_rows(writer, sheet.rows(), on_chunk)
                writer.write(_with_filter_rows(tail, sheet.count).encode("utf-8"))
            except BaseException:
                writer.stop()
                raise
            writer.finish()
        out.close()


class _BackgroundWriter:
    """Deflates and writes on a second thread while the next rows are encoded: zlib
    and the CRC release the GIL, so the two overlap. A write error (a full disk)
    comes back to the caller at its next write or at :meth:`finish`."""

    def __init__(self, stream: MemberStream) -> None:
        self._stream = stream
        self._chunks: queue.Queue[bytes | Deflated | None] = queue.Queue(maxsize=4)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="master-writer", daemon=True)
        self._thread.start()

    def write(self, data: bytes | Deflated) -> None:
        if self._error is not None:
            raise self._error
        self._chunks.put(data)

    def finish(self) -> None:
        """Wait for every chunk to be written and end the member; raise what writing raised."""
        self.stop()
        if self._error is not None:
            raise self._error
        self._stream.close()

    def stop(self) -> None:
        self._chunks.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (data := self._chunks.get()) is not None:
            if self._error is None:
                try:
                    if isinstance(data, Deflated):
                        self._stream.write_deflated((data,))
                    else:
                        self._stream.write(data)
                except BaseException as error:  # noqa: BLE001 - handed to the caller
                    self._error = error


def _write_rows(
    stream: _BackgroundWriter, chunks: Iterable[RowChunk], on_chunk: Callable[[], None]
) -> int:
    written = 0
    for count, data in chunks:
        stream.write(data)
        written += count
        on_chunk()
    return written


def _split_sheet(xml: str, part: str) -> tuple[str, str]:
    """The sheet XML up to the end of its header row, and from ``</sheetData>`` on."""
    end = xml.rfind("</sheetData>")
    if end < 0 or "<row" not in xml[:end]:
        raise ValueError(f"{part}: openpyxl wrote no header row to stream rows after")
    return xml[:end], xml[end:]


def _with_filter_rows(tail: str, count: int) -> str:
    """Stretch the header's filter (``A1:X1``) over the rows written."""
    return _FILTER.sub(lambda found: f'<autoFilter ref="A1:{found[1]}{count + 1}"', tail, 1)
