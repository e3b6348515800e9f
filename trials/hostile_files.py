"""Hostile files: decompression bombs, cell floods and billion-laughs XML, as .xlsx.

Each builder returns the bytes of a workbook that looks like an ordinary XLSForm
(or AuditDesk workbook) from the outside.
"""

from __future__ import annotations

import io
import zipfile

from trials.xlsx_surgery import read_members, write_members

_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b"<sheetData>")
_SHEET_TAIL = b"</sheetData></worksheet>"


def _first_sheet_member(members: dict[str, bytes]) -> str:
    from trials.xlsx_surgery import sheet_members

    return next(iter(sheet_members(members).values()))


def decompression_bomb(template: bytes, unpacked_mb: int) -> bytes:
    """The template with its first sheet replaced by ``unpacked_mb`` MB of one repeated row.

    Deflated by streaming, so building a gigabyte bomb needs no gigabyte of memory.
    """
    members = read_members(template)
    target = _first_sheet_member(members)
    row = b'<row><c t="inlineStr"><is><t>text</t></is></c></row>'
    block = row * (1024 * 1024 // len(row))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in members.items():
            if name != target:
                archive.writestr(name, content)
        info = zipfile.ZipInfo(target, (2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            stream.write(_SHEET_HEAD)
            for _ in range(unpacked_mb):
                stream.write(block)
            stream.write(_SHEET_TAIL)
    return buffer.getvalue()


def cell_flood(template: bytes, cells: int) -> bytes:
    """The template's first sheet replaced by ``cells`` tiny numeric cells (a few MB)."""
    members = read_members(template)
    target = _first_sheet_member(members)
    per_row = 50
    row = b"<row>" + b"<c><v>1</v></c>" * per_row + b"</row>"
    members[target] = _SHEET_HEAD + row * (cells // per_row) + _SHEET_TAIL
    return write_members(members)


def _entity(level: int) -> bytes:
    inner = b"&lol%d;" % (level - 1) if level > 1 else b"&lol;"
    return b'<!ENTITY lol%d "%s">' % (level, inner * 10)


# Each entity is ten of the one before: &lol9; would be 10^9 "lol"s, 3 GB of text.
LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(_entity(level) for level in range(1, 10)) + b"]>")


def billion_laughs(template: bytes, part: str) -> bytes:
    """``part`` (a zip member, or "sheet" for the first sheet) with a nested-entity DTD
    and one use of its top entity (10⁹ "lol"s, 3 GB, if a parser expanded it)."""
    members = read_members(template)
    name = _first_sheet_member(members) if part == "sheet" else part
    content = members[name]
    declaration_end = content.find(b"?>") + 2 if content.startswith(b"<?xml") else 0
    root_end = content.find(b">", content.find(b"<", declaration_end)) + 1
    body = content[root_end:]
    if part == "sheet":
        body = body.replace(
            b"<sheetData>",
            b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>', 1)
    else:
        body = b"&lol9;" + body  # text inside the root element: a parser must expand it
    members[name] = content[:declaration_end] + LAUGHS + content[declaration_end:root_end] + body
    return write_members(members)
