"""Which zip part holds which sheet of an ``.xlsx``, from the workbook and its relationships.

Read with two small patterns rather than an XML parser: the two files are tiny, this
runs on untrusted uploads before anything else parses them, and a damaged file simply
gives fewer names.
"""

from __future__ import annotations

import re
import zipfile
from html import unescape

_SHEET = re.compile(rb"<sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_TARGET = re.compile(rb"<Relationship\b[^>]*>")


def _attributes(tag: bytes) -> dict[str, str]:
    return {
        key.decode("ascii", "replace"): unescape(value.decode("utf-8", "replace"))
        for key, value in _ATTRIBUTE.findall(tag)
    }


def sheet_names_by_part(archive: zipfile.ZipFile) -> dict[str, str]:
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
