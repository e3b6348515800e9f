"""Seeded mutants of real XLSForms: edited cells, broken XML, damaged zips, noise.

Every mutant is made from ``(seed, index)`` alone, so a failing case can be rebuilt
by its number. A mutant knows which sheet and row it changed when it changed one
(``edited``), so the fuzz trial can ask that a rejection points there.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Rows = list[list[Any]]

# Cell values that have broken XLSForm tools before: types, names, expressions, junk.
VOCABULARY: tuple[Any, ...] = (
    "text", "integer", "decimal", "select_one yn", "select_multiple yn", "select_one nolist",
    "begin group", "end group", "begin repeat", "end repeat", "calculate", "note", "date",
    "geopoint", "image", "acknowledge", "range", "rank yn", "trigger", "xml-external",
    "select_one_from_file x.csv", "begin_group", "end", "", " ", None,
    "a", "b", "q1", "name with space", "1abc", "über", "a" * 300, "${a}", "${q1}",
    "${nonexistent} > 1", "${a} + ", "((((", "))", "'", '"', "concat(${a}, 'x'",
    "if(${a} > 1, 'y')", "selected(${a}, 'yes')", "regex(., '(a+)+$')", ". > 0 and . < ",
    "count(${a})", "indexed-repeat(${a}, ${r}, 1)", "position(..)", "once(now())",
    "jr:choice-name(${a}, '${a}')", "today() - 1", "1 div 0", "-" * 50, "pulldata('x')",
    "(" * 200 + "1" + ")" * 200, "${a} " * 200, "=SUM(A1:A9)", "=cmd|' /C calc'!A0",
    "yes", "no", "true()", "false", "TRUE", 0, -1, 1.5, 10**20, float("nan"), True,
    "label::English (en)", "label::", "hint", "relevant", "constraint", "required",
    "calculation", "choice_filter", "repeat_count", "appearance", "list_name", "form_id",
    "version", "default_language", "instance_name", "\x00", "\u202e", "🙂", "\n\n",
)
HEADERS = ("type", "name", "label", "relevant", "calculation", "constraint", "required",
           "choice_filter", "repeat_count", "list_name", "form_id", "version", "default")


@dataclass(frozen=True)
class BaseForm:
    name: str
    suffix: str
    data: bytes
    sheets: dict[str, Rows] = field(default_factory=dict)
    """Cell values by sheet (xlsx forms only); row 1 is the header row."""


@dataclass(frozen=True)
class Mutant:
    index: int
    base: str
    kind: str
    suffix: str
    data: bytes
    edited: tuple[str, int] | None = None
    """The sheet and 1-based row a cell edit changed, when the mutant is one."""

    def describe(self) -> str:
        where = f" at {self.edited[0]}!{self.edited[1]}" if self.edited else ""
        return f"mutant {self.index} ({self.kind} of {self.base}{where})"


def load_bases(folders: Sequence[Path]) -> list[BaseForm]:
    import openpyxl

    bases = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            suffix = path.suffix.lower()
            if (suffix not in (".xlsx", ".xlsm", ".md") or path.stat().st_size > 150_000
                    or path.name == "README.md"):
                continue
            data = path.read_bytes()
            sheets: dict[str, Rows] = {}
            if suffix != ".md":
                book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
                          for ws in book.worksheets}
                book.close()
            bases.append(BaseForm(path.name, suffix, data, sheets))
    return bases


def _write_xlsx(sheets: dict[str, Rows]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title=title)
        for row in rows:
            sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        # XML 1.0 cannot hold most control characters; openpyxl refuses them.
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
    if isinstance(value, float) and value != value:
        return None
    return value


def _edit_cells(rng: random.Random, base: BaseForm) -> tuple[bytes, tuple[str, int] | None, str]:
    """A cell, header or row changed in place, in the sheet's XML (fast)."""
    from trials.xlsx_surgery import SheetEditor, read_members, sheet_members, write_members

    members = read_members(base.data)
    by_name = sheet_members(members)
    name = rng.choice([n for n, rows in base.sheets.items() if rows and n in by_name]
                      or list(by_name))
    editor = SheetEditor(members[by_name[name]])
    numbers = editor.row_numbers() or [1]
    operation = rng.choice(["cell", "cell", "cell", "cell", "cell", "header", "drop_row",
                            "wide_row"])
    number = 1 if operation == "header" else rng.choice(numbers[1:] or numbers)
    edited: tuple[str, int] | None = (name, number)
    if operation in ("cell", "header"):
        columns = editor.cell_count(number)
        value = rng.choice(VOCABULARY)
        editor.set_cell(number, rng.randrange(1, columns + 2), value)
        if isinstance(value, float) and value != value:
            edited = None  # <v>nan</v> is no cell value but a damaged file: no row to name
    elif operation == "drop_row":
        editor.drop_row(number)
        edited = None  # a blank row: any problem is wherever the row was needed
    else:
        values = [rng.choice(VOCABULARY) for _ in range(rng.randrange(10, 200))]
        editor.widen_row(number, values)
        if any(isinstance(v, float) and v != v for v in values):
            edited = None  # as above: a damaged file, not a cell to point at
    members[by_name[name]] = editor.xml()
    return write_members(members), edited, operation


def _move_rows(rng: random.Random, base: BaseForm) -> tuple[bytes, tuple[str, int] | None, str]:
    """Rows duplicated, swapped or inserted: the workbook is rewritten by openpyxl."""
    sheets = {name: [list(row) for row in rows] for name, rows in base.sheets.items()}
    name = rng.choice([n for n, rows in sheets.items() if rows] or list(sheets))
    rows = sheets[name] or [["type", "name", "label"]]
    sheets[name] = rows
    number = rng.randrange(2, len(rows) + 1) if len(rows) > 1 else 1
    operation = rng.choice(["dup_row", "swap_rows", "insert_row"])
    edited: tuple[str, int] | None = (name, number)
    if operation == "dup_row":
        rows.insert(number, list(rows[number - 1]))
        edited = (name, number + 1)
    elif operation == "swap_rows" and len(rows) > 2:
        other = rng.randrange(2, len(rows) + 1)
        rows[number - 1], rows[other - 1] = rows[other - 1], rows[number - 1]
        edited = None
    else:
        rows.insert(number - 1, [rng.choice(VOCABULARY) for _ in range(rng.randrange(1, 8))])
    return _write_xlsx(sheets), edited, operation


def _edit_sheets(rng: random.Random, base: BaseForm) -> tuple[bytes, str]:
    """A sheet dropped, renamed, emptied or cut to its header (XML), or one added."""
    from lxml import etree

    from trials.xlsx_surgery import MAIN, SheetEditor, read_members, sheet_members, write_members

    operation = rng.choice(["drop", "rename", "add", "empty", "only_header"])
    if operation == "add":
        sheets = {name: [list(row) for row in rows] for name, rows in base.sheets.items()}
        sheets[f"extra{rng.randrange(100)}"] = [
            [rng.choice(HEADERS) for _ in range(rng.randrange(1, 6))],
            *[[rng.choice(VOCABULARY) for _ in range(rng.randrange(1, 6))]
              for _ in range(rng.randrange(0, 20))],
        ]
        return _write_xlsx(sheets), operation
    members = read_members(base.data)
    by_name = sheet_members(members)
    name = rng.choice(list(by_name))
    if operation in ("drop", "rename"):
        book = etree.fromstring(members["xl/workbook.xml"])
        for sheet in list(book.iter(f"{{{MAIN}}}sheet")):
            if sheet.get("name") != name:
                continue
            if operation == "drop":
                sheet.getparent().remove(sheet)
            else:
                sheet.set("name", rng.choice(["Survey", "survey ", "choices", "settings",
                                              "x" * 31, "Sheet1"]) + str(rng.randrange(3)))
        members["xl/workbook.xml"] = etree.tostring(book)
    else:
        editor = SheetEditor(members[by_name[name]])
        for number in editor.row_numbers()[1 if operation == "only_header" else 0:]:
            editor.drop_row(number)
        members[by_name[name]] = editor.xml()
    return write_members(members), f"{operation} {name!r}"


def _edit_xml(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    xml_members = [i for i, (info, _) in enumerate(members) if info.filename.endswith(".xml")]
    index = rng.choice(xml_members)
    info, text = members[index]
    operation = rng.choice(["cut", "junk", "tag", "drop_member", "entity"])
    if operation == "cut" and text:
        start = rng.randrange(len(text))
        text = text[:start] + text[start + rng.randrange(1, 200):]
    elif operation == "junk":
        start = rng.randrange(len(text) + 1)
        text = text[:start] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40))) \
            + text[start:]
    elif operation == "tag":
        text = text.replace(b"<row", b"<rowx", 1) if rng.random() < 0.5 else \
            text.replace(b"</c>", b"", rng.randrange(1, 5))
    elif operation == "entity":
        text = text.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "zz">]>', 1)
    members[index] = (info, text)
    if operation == "drop_member":
        del members[index]
    from trials.xlsx_surgery import write_members

    data = write_members({member.filename: content for member, content in members})
    return data, f"xml {operation} in {info.filename}"


def _edit_markdown(rng: random.Random, base: BaseForm) -> tuple[bytes, str]:
    lines = base.data.decode("utf-8").splitlines()
    table = [i for i, line in enumerate(lines) if line.strip().startswith("|")]
    line_no = rng.choice(table) if table else 0
    cells = lines[line_no].split("|") if lines else ["", ""]
    cells[rng.randrange(len(cells))] = f" {rng.choice(VOCABULARY)!s} ".replace("|", "/")
    if lines:
        lines[line_no] = "|".join(cells)
    if rng.random() < 0.2 and lines:
        del lines[rng.randrange(len(lines))]
    return "\n".join(lines).encode("utf-8", "surrogatepass"), "md cell"


def make_mutant(bases: Sequence[BaseForm], seed: int, index: int) -> Mutant:
    rng = random.Random(seed * 1_000_003 + index)
    base = rng.choice(bases)
    roll = rng.random()
    edited = None
    if base.suffix == ".md":
        data, kind = _edit_markdown(rng, base)
    elif roll < 0.36:
        data, edited, kind = _edit_cells(rng, base)
        kind = f"cell edit ({kind})"
    elif roll < 0.40:
        data, edited, kind = _move_rows(rng, base)
        kind = f"row move ({kind})"
    elif roll < 0.55:
        data, kind = _edit_sheets(rng, base)
        kind = f"sheet edit ({kind})"
    elif roll < 0.75:
        data, kind = _edit_xml(rng, base.data)
    elif roll < 0.85:
        cut = rng.randrange(len(base.data))
        data, kind = base.data[:cut], f"truncated at {cut}"
    elif roll < 0.95:
        damaged = bytearray(base.data)
        for _ in range(rng.randrange(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        data, kind = bytes(damaged), "flipped bytes"
    else:
        noise = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 4096)))
        data, kind = (b"PK\x03\x04" + noise if rng.random() < 0.5 else noise), "random bytes"
    return Mutant(index, base.name, kind, base.suffix, data, edited)
