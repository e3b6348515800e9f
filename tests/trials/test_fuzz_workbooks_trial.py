"""Mini workbook fuzz: mutants of a signed export through verify (and some through
consolidate); no crash, every verdict names its file, nothing changed reads as valid."""

from __future__ import annotations

from pathlib import Path

import pytest
from trial_checks import assert_goals_met
from trials.audit_material import export_available

from trials import fuzz_workbooks

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(export_available()), reason=f"waits on {export_available()}"),
]


def test_workbook_fuzz_trial_meets_its_goals(tmp_path: Path, seed: int) -> None:
    figures = fuzz_workbooks.run(100, seed, tmp_path)
    assert_goals_met(figures)
    assert "10 consolidate" in figures[0].trial
