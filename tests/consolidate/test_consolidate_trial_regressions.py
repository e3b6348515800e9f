"""Regressions found by the trials (``make trials``): consolidation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditdesk.consolidate import consolidate


def test_consolidate_refuses_a_decompression_bomb_and_says_why(
    tmp_path: Path, decompression_bomb: Any
) -> None:
    bomb = tmp_path / "inbox" / "bomb.xlsx"
    bomb.parent.mkdir()
    bomb.write_bytes(decompression_bomb(150))
    report = consolidate([bomb.parent], tmp_path / "master.xlsx", trust_roots=[])
    (entry,) = report.entries
    assert not entry.consolidated
    assert "decompression bomb" in entry.reason
    assert (tmp_path / "master.xlsx").is_file()
