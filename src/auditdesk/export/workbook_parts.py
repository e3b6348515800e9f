"""Which zip part holds which sheet of an ``.xlsx``, from the workbook and its relationships.

Read with two small patterns rather than an XML parser: the two files are tiny, this
runs on untrusted uploads before anything else parses them, and a damaged file simply
gives fewer names.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
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


_LOCAL_HEADER = struct.Struct("<4s22x2H")  # signature, then the name's and extra field's lengths


def read_part(data: bytes, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One part's bytes, ``archive`` being ``data`` opened.

    A deflated part is inflated straight from ``data``: zipfile's buffered reader takes
    as long again as the inflating itself, and the verifier inflates every sheet.
    Checked as zipfile checks it (size and CRC); anything else is read by zipfile.
    """
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1:
        return archive.read(info)
    try:
        part = zlib.decompressobj(-15).decompress(part_data(data, info), info.file_size + 1)
    except zlib.error as error:
        raise zipfile.BadZipFile(f"{info.filename}: damaged ({error})") from None
    if len(part) != info.file_size or zlib.crc32(part) != info.CRC:
        raise zipfile.BadZipFile(f"{info.filename}: damaged (size or CRC differs)")
    return part


def part_data(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """A part's bytes as stored (deflated, most often), found through its local header."""
    try:
        signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(
            data, info.header_offset
        )
    except struct.error:
        signature = b""
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"{info.filename}: no local header where the directory says")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    return memoryview(data)[start:start + info.compress_size]
