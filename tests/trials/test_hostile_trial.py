"""Mini hostile-file trial: bombs and billion laughs refused within limits."""

from __future__ import annotations

from pathlib import Path

from trial_checks import assert_goals_met

from trials import hostile


def test_hostile_files_are_refused_within_limits(tmp_path: Path, seed: int) -> None:
    figures = hostile.run(1, seed, tmp_path)
    assert_goals_met(figures)
    refused = next(f for f in figures if f.trial.startswith("hostile: bombs"))
    assert refused.cases >= 8


def test_openpyxl_reads_xml_through_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
    assert hostile._defused_xml() == []
