"""Edit one cell or row of an .xlsx inside its sheet XML, leaving the rest untouched.

Rewriting a whole workbook with openpyxl costs ~80 ms for the bundled forms; editing
the one sheet's XML costs a few, which is what lets 10,000 mutants fit in minutes.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_NS = {"m": MAIN}
_REF = re.compile(r"([A-Z]+)(\d+)")


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def read_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


def write_members(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, content in members.items():
            # A fixed time keeps a mutant the same bytes whenever it is rebuilt.
            target.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def sheet_members(members: dict[str, bytes]) -> dict[str, str]:
    """Sheet name → zip member of its XML."""
    from lxml import etree

    book = etree.fromstring(members["xl/workbook.xml"])
    rels = etree.fromstring(members["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{PKG}}}Relationship")}
    found = {}
    for sheet in book.iter(f"{{{MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL}}}id"), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        found[sheet.get("name")] = posixpath.normpath(member)
    return found


def _set_value(cell: Any, value: Any) -> None:
    from lxml import etree

    for child in list(cell):
        cell.remove(child)
    cell.attrib.pop("t", None)
    if isinstance(value, bool):
        cell.set("t", "b")
        etree.SubElement(cell, f"{{{MAIN}}}v").text = "1" if value else "0"
    elif isinstance(value, int | float):
        etree.SubElement(cell, f"{{{MAIN}}}v").text = repr(value)
    elif value is not None:
        cell.set("t", "inlineStr")
        text = etree.SubElement(etree.SubElement(cell, f"{{{MAIN}}}is"), f"{{{MAIN}}}t")
        text.text = "".join(ch for ch in str(value) if ch >= " " or ch in "\t\n\r")
        if text.text != text.text.strip():
            # As Excel writes it: without this, readers may trim the text's edges.
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


class SheetEditor:
    """One sheet's XML, parsed, with the row operations the fuzzer uses."""

    def __init__(self, xml: bytes) -> None:
        from lxml import etree

        self.root = etree.fromstring(xml)
        self.data = self.root.find("m:sheetData", _NS)
        self.rows = list(self.data) if self.data is not None else []

    def row_numbers(self) -> list[int]:
        return [int(row.get("r", i + 1)) for i, row in enumerate(self.rows)]

    def _row(self, number: int) -> Any:
        for row in self.rows:
            if int(row.get("r", 0)) == number:
                return row
        return None

    def set_cell(self, number: int, column: int | None, value: Any) -> None:
        from lxml import etree

        row = self._row(number)
        if row is None:
            return
        cells = list(row)
        columns = [column_number(_REF.match(c.get("r", "A1")).group(1)) for c in cells]  # type: ignore[union-attr]
        if column is None or column > (max(columns, default=0) + 1):
            column = max(columns, default=0) + 1
        for cell, at in zip(cells, columns, strict=True):
            if at == column:
                _set_value(cell, value)
                return
        cell = etree.Element(f"{{{MAIN}}}c", r=f"{column_letters(column)}{number}")
        _set_value(cell, value)
        position = sum(1 for at in columns if at < column)
        row.insert(position, cell)

    def cell_count(self, number: int) -> int:
        row = self._row(number)
        return 0 if row is None else len(row)

    def drop_row(self, number: int) -> None:
        row = self._row(number)
        if row is not None and self.data is not None:
            self.data.remove(row)

    def widen_row(self, number: int, values: list[Any]) -> None:
        for value in values:
            self.set_cell(number, None, value)

    def xml(self) -> bytes:
        from lxml import etree

        dimension = self.root.find("m:dimension", _NS)
        if dimension is not None:
            self.root.remove(dimension)  # stale after edits; readers recompute it
        return bytes(etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True))
