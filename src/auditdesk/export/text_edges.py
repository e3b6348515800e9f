"""Spaces at the edge of a text that the verifier's reader would not see.

python-calamine drops the spaces, tabs and line breaks at either end of a text unless
its ``<t>`` element says ``xml:space="preserve"``; openpyxl, LibreOffice and Excel keep
them. A workbook edited to read ``"yes "`` instead of ``"yes"`` would still hash as
signed while a spreadsheet shows the edit (found by the workbook fuzz trial). Our
writer (openpyxl) marks every such text ``preserve``, so a bare ``<t>`` whose text
starts or ends with whitespace never comes from an export: it is an edit.

A plain byte search over the inflated XML, because no XML library reports whether a
parsed text was marked ``preserve``; text content cannot hold ``<``, so the nearest
``<`` before a text's end is its ``<t`` tag.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from html import unescape

# XML's four whitespace characters, folded onto NUL (which XML cannot carry) so that
# two literal searches find them all: each search is a fast scan in C, where a
# pattern with a character class is twenty times slower.
_FOLD_SPACE = bytes.maketrans(b" \t\n\r", b"\0\0\0\0")
_SHEET = re.compile(rb"<sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_TARGET = re.compile(rb"<Relationship\b[^>]*>")


def bare_edge_spaces(xml: bytes) -> bool:
    """Does a ``<t>`` without ``xml:space="preserve"`` start or end with whitespace?"""
    folded = xml.translate(_FOLD_SPACE)
    if b"<t>\0" in folded:
        return True
    at = folded.find(b"\0</t>")
    while at >= 0:
        if folded.startswith(b"<t>", folded.rfind(b"<", 0, at)):
            return True
        at = folded.find(b"\0</t>", at + 1)
    return False


def sheets_with_bare_edge_spaces(data: bytes) -> list[str]:
    """Names of the sheets (or ``shared strings``) holding such a text, in file order.

    Unreadable zips give none: the workbook reader reports those in its own words.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = _sheet_names_by_part(archive)
            found = []
            for info in archive.infolist():
                part = info.filename
                texts = part in names or part == "xl/sharedStrings.xml"
                if texts and bare_edge_spaces(archive.read(info)):
                    found.append(names.get(part, "shared strings"))
            return found
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, ValueError,
            NotImplementedError):
        return []


def _attributes(tag: bytes) -> dict[str, str]:
    return {
        key.decode("ascii", "replace"): unescape(value.decode("utf-8", "replace"))
        for key, value in _ATTRIBUTE.findall(tag)
    }


def _sheet_names_by_part(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name, from the workbook and its relationships."""
    targets = {}
    for tag in _TARGET.findall(archive.read("xl/_rels/workbook.xml.rels")):
        attributes = _attributes(tag)
        target = attributes.get("Target", "")
        targets[attributes.get("Id", "")] = (
            target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        )
    names = {}
    for tag in _SHEET.findall(archive.read("xl/workbook.xml")):
        attributes = _attributes(tag)
        # The relationship id, whatever prefix the file gave its namespace (r: by custom).
        relationship = next((v for k, v in attributes.items() if k.endswith(":id")), "")
        part = targets.get(relationship)
        if part:
            names[part] = attributes.get("name", part)
    return names
