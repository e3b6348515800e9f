"""Size and cell caps checked before a form file is parsed.

An ``.xlsx`` is a zip: a 1 MB file can unpack to gigabytes of sheet XML (a
decompression bomb) or hold millions of cells, and openpyxl and pyxform would try to
read all of it. Real XLSForms are small (the bundled checklists unpack to under 1 MB),
so we refuse anything far beyond that from the zip directory and a streaming count
of the cells, before any XML parser sees it. Python's ``zipfile`` (which openpyxl
uses) never inflates a member beyond the size its directory entry declares, so the
declared sizes are a sound bound. Entity expansion ("billion laughs") is defused by
openpyxl's own use of defusedxml and of a non-resolving lxml parser.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A form file on disk; the largest public XLSForms are a few hundred kilobytes."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""All parts of an ``.xlsx`` once unzipped."""
MAX_PARTS = 2_000
MAX_CELLS = 300_000
"""Cells over all sheets: ten thousand questions in thirty columns."""

_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CHUNK = 1024 * 1024


def file_too_large(size: int, limit: int = MAX_FILE_BYTES, what: str = "an XLSForm") -> str | None:
    if size > limit:
        return f"the file is {size / 1e6:.1f} MB; {what} may be at most {limit / 1e6:.0f} MB"
    return None


def xlsx_over_limits(
    data: bytes,
    *,
    max_file: int = MAX_FILE_BYTES,
    max_unpacked: int = MAX_UNPACKED_BYTES,
    max_cells: int = MAX_CELLS,
    what: str = "an XLSForm",
) -> str | None:
    """Why this workbook is refused before parsing, or ``None`` when it is within limits.

    The defaults are for forms; the exports' readers pass their own (larger) caps.
    """
    too_large = file_too_large(len(data), max_file, what)
    if too_large:
        return too_large
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                return f"the workbook has {len(parts)} parts; at most {MAX_PARTS} are read"
            unpacked = sum(part.file_size for part in parts)
            if unpacked > max_unpacked:
                return (
                    f"the workbook would unpack to {unpacked / 1e6:.0f} MB (a decompression "
                    f"bomb?); at most {max_unpacked / 1e6:.0f} MB are read"
                )
            sheets = [
                part for part in parts
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")
            ]
            # No cell element is shorter than ``<c/>``: sheets this small cannot hold too
            # many cells, and the count (an inflate of every sheet) is not needed.
            if sum(part.file_size for part in sheets) // len(b"<c/>") <= max_cells:
                return None
            cells = 0
            for part in sheets:
                cells += _count_cells(archive, part, max_cells)
                if cells > max_cells:
                    return f"the workbook has more than {max_cells:,} cells; too many to read"
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return None  # a damaged zip: the reader says so in its own words
    return None


def _count_cells(archive: zipfile.ZipFile, part: zipfile.ZipInfo, max_cells: int) -> int:
    count = 0
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            block = tail + chunk
            count += len(_CELL_TAG.findall(block))
            # Keep a few bytes so that a tag split between two chunks is still seen once.
            tail = block[-3:]
            count -= len(_CELL_TAG.findall(tail))
            if count > max_cells:
                break
    return count
