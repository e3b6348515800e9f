"""Regressions found by the trials (``make trials``): consolidation."""

from __future__ import annotations

import zipfile
from pathlib import Path

from auditdesk.consolidate import consolidate


def test_consolidate_refuses_a_decompression_bomb_and_says_why(tmp_path: Path) -> None:
    bomb = tmp_path / "inbox" / "bomb.xlsx"
    bomb.parent.mkdir()
    row = b'<row><c t="inlineStr"><is><t>text</t></is></c></row>'
    block = row * (1024 * 1024 // len(row))
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            for _ in range(150):
                stream.write(block)
    report = consolidate([bomb.parent], tmp_path / "master.xlsx", trust_roots=[])
    (entry,) = report.entries
    assert not entry.consolidated
    assert "decompression bomb" in entry.reason
    assert (tmp_path / "master.xlsx").is_file()
