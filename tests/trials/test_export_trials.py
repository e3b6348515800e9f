"""Mini trials over a real export: workbook tamper, site-facing leaks, formula injection."""

from __future__ import annotations

from pathlib import Path

import pytest
from trial_checks import assert_goals_met
from trials.audit_material import export_available

from trials import hostile_exports, leak_exports, tamper_workbook

pytestmark = pytest.mark.skipif(bool(export_available()), reason=f"waits on {export_available()}")


def test_every_edited_cell_of_a_signed_workbook_is_detected(tmp_path: Path, seed: int) -> None:
    figures = tamper_workbook.run(100, seed, tmp_path)
    assert_goals_met(figures)
    assert figures[0].cases == 100


def test_site_facing_exports_hold_no_canary(tmp_path: Path) -> None:
    figures = leak_exports.run(tmp_path)
    assert_goals_met(figures)
    assert figures[0].cases >= 20


def test_no_formula_and_no_escaping_file_through_exports(tmp_path: Path) -> None:
    assert_goals_met(hostile_exports.run(tmp_path / "a" / "b"))
