"""Reading a workbook's parts straight from its bytes (the verifier's fast path) must
give what zipfile gives, and refuse a damaged part as zipfile does."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from auditdesk.export.workbook_parts import read_part


def _workbook(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        archive.writestr(zipfile.ZipInfo("stored.xml"), b"<stored/>")  # not deflated
    return buffer.getvalue()


def test_every_part_reads_as_zipfile_reads_it() -> None:
    data = _workbook({"xl/worksheets/sheet1.xml": b"<row><c><v>1</v></c></row>" * 500,
                      "xl/sharedStrings.xml": "<t>données</t>".encode()})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            assert read_part(data, archive, info) == archive.read(info)


def test_a_damaged_part_is_refused_naming_it() -> None:
    sheet = b"<row><c><v>1</v></c></row>" * 500
    data = bytearray(_workbook({"xl/worksheets/sheet1.xml": sheet}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # A byte in the middle of the part's deflated data, flipped.
    data[info.header_offset + 30 + len(info.filename) + info.compress_size // 2] ^= 0x01
    damaged = bytes(data)
    with (
        zipfile.ZipFile(io.BytesIO(damaged)) as archive,
        pytest.raises(zipfile.BadZipFile, match=re.escape("xl/worksheets/sheet1.xml: damaged")),
    ):
        read_part(damaged, archive, archive.getinfo("xl/worksheets/sheet1.xml"))
