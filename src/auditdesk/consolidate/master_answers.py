"""A master's Answers sheets, read back one audit at a time, for an incremental run.

An incremental run needs the answers of every audit already in the master: to copy
them into the new master, to compare them with a newer export of the same audit, to
write them to a database. python-calamine reads a whole sheet at once (1.4 GB for
the million answer rows of a thousand audits) and openpyxl's streaming reader took
minutes for a fifth of them, so the rows are streamed from the zip here: each audit's
rows, as :mod:`auditdesk.consolidate.streamed_sheets` encoded them, are cut out
without being decoded, copied into the new master as they are, and decoded only when
their values are needed. A sheet in any other form (a master saved again by a
spreadsheet program) is read by python-calamine instead
(:class:`NotAsWritten`).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from html import unescape

_CHUNK = 4 * 1024 * 1024
_ROW_END = b"</row>"
_FIRST_CELL = b'<row><c t="inlineStr"><is><t>'
_HEADER_TEXT = re.compile(rb"<t[^>]*>([^<]*)</t>")


class NotAsWritten(ValueError):
    """The sheet is not as AuditDesk streamed it; the message says where it differs."""


def audit_runs(
    data: bytes, info: zipfile.ZipInfo, headers: Sequence[str]
) -> Iterator[tuple[str, int, bytes]]:
    """``(audit UUID, rows, their XML)`` for each run of one audit's rows, in order.

    ``data`` is the master's bytes, ``info`` its Answers sheet's part and ``headers``
    the columns the header row must have. Memory holds one audit's rows at a time.
    Raises :class:`NotAsWritten` where the sheet is not as this program wrote it.
    """
    rows = _rows(data, info)
    header = next(rows, b"")
    found = [unescape(text.decode("utf-8")) for text in _HEADER_TEXT.findall(header)]
    if found != list(headers):
        raise NotAsWritten(f"{info.filename}: its header row is not the master's")
    current, count, parts = "", 0, bytearray()
    for row in rows:
        if not row.startswith(_FIRST_CELL):
            raise NotAsWritten(f"{info.filename}: a row is not as AuditDesk writes them")
        end = row.find(b"</t>", len(_FIRST_CELL))
        uuid = unescape(row[len(_FIRST_CELL):end].decode("utf-8"))
        if uuid != current:
            if count:
                yield current, count, bytes(parts)
            current, count, parts = uuid, 0, bytearray()
        count += 1
        parts += row
    if count:
        yield current, count, bytes(parts)


def _rows(data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The sheet's ``<row>`` elements, back to back as AuditDesk writes them; the first
    (the header) comes with all that precedes it."""
    tail = b""
    for chunk in _inflated(data, info):
        tail += chunk
        start, end = 0, tail.find(_ROW_END)
        while end >= 0:
            end += len(_ROW_END)
            yield tail[start:end]
            start, end = end, tail.find(_ROW_END, end)
        tail = tail[start:]


def _inflated(data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A deflated part inflated a few megabytes at a time, its size and CRC checked."""
    from auditdesk.export.workbook_parts import part_data

    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise NotAsWritten(f"{info.filename}: not deflated as AuditDesk writes it")
    compressed: bytes | memoryview = part_data(data, info)
    inflater = zlib.decompressobj(-15)
    crc, size = 0, 0
    try:
        while compressed:
            chunk = inflater.decompress(compressed, _CHUNK)
            compressed = inflater.unconsumed_tail
            crc, size = zlib.crc32(chunk, crc), size + len(chunk)
            if size > info.file_size:
                break
            yield chunk
            if not chunk:
                break
    except zlib.error as error:
        raise zipfile.BadZipFile(f"{info.filename}: damaged ({error})") from None
    if size != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(f"{info.filename}: damaged (size or CRC differs)")
