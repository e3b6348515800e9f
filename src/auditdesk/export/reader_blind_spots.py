"""Edits that the verifier's reader would not see, though a spreadsheet shows them.

The sheet hashes are computed over what python-calamine reads. Three kinds of edit
change what openpyxl, LibreOffice or Excel show and leave calamine's values as signed
(the first two found by the workbook fuzz trial):

- spaces, tabs or line breaks added at either end of a text whose ``<t>`` element does
  not say ``xml:space="preserve"``: calamine drops them, spreadsheets keep them. Our
  writer (openpyxl) marks every such text ``preserve``;
- a cell type (``t="..."``) outside the format's list: calamine reads the value
  anyway, openpyxl shows an empty cell and Excel asks to repair the file;
- a formula: calamine reads the value cached beside it, a spreadsheet may recompute
  it. Exports never hold formulas (text that looks like one is written as text).

Plain byte searches over the inflated XML, each one pass in C with a literal start,
because no XML library reports whether a text was marked ``preserve`` and parsing
every sheet again would cost more than reading it did.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from auditdesk.export.workbook_parts import read_part, sheet_names_by_part

# XML's four whitespace characters, folded onto NUL (which XML cannot carry) so that
# two literal searches find them all: each search is a fast scan in C, where a
# pattern with a character class is twenty times slower.
_FOLD_SPACE = bytes.maketrans(b" \t\n\r", b"\0\0\0\0")
_UNKNOWN_CELL_TYPE = re.compile(rb' t="(?!(?:b|d|e|inlineStr|n|s|str)")')
_FORMULA = re.compile(rb"<f[ >/]")


def bare_edge_spaces(xml: bytes) -> bool:
    """Does a ``<t>`` without ``xml:space="preserve"`` start or end with whitespace?"""
    folded = xml.translate(_FOLD_SPACE)
    if b"<t>\0" in folded:
        return True
    # From the end: a reverse search starts on the (rare) folded space, twice as fast.
    at = folded.rfind(b"\0</t>")
    while at >= 0:
        if folded.startswith(b"<t>", folded.rfind(b"<", 0, at)):
            return True
        at = folded.rfind(b"\0</t>", 0, at)
    return False


def unseen_edit(xml: bytes, *, cells: bool = True) -> str | None:
    """What in this part's XML a spreadsheet shows otherwise than calamine reads, or
    ``None``; ``cells`` for a worksheet (a shared-strings part has only texts)."""
    if cells and _UNKNOWN_CELL_TYPE.search(xml):
        return "a cell of an unknown type"
    if cells and _FORMULA.search(xml):
        return "a formula"
    if bare_edge_spaces(xml):
        return "spaces added at the edge of a text"
    return None


def unseen_edits(data: bytes) -> list[tuple[str, str]]:
    """``(sheet, what)`` for each sheet (or ``shared strings``) holding such an edit.

    Unreadable zips give none: the workbook reader reports those in its own words.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = sheet_names_by_part(archive)
            found = []
            for info in archive.infolist():
                part = info.filename
                if part in names or part == "xl/sharedStrings.xml":
                    edit = unseen_edit(read_part(data, archive, info), cells=part in names)
                    if edit:
                        found.append((names.get(part, "shared strings"), edit))
            return found
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, ValueError,
            NotImplementedError):
        return []
