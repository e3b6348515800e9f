"""Mini fuzz trial: 300 mutated XLSForms through forms check; no crash, all located."""

from __future__ import annotations

from pathlib import Path

import pytest
from trial_checks import assert_goals_met
from trials.form_mutants import load_bases, make_mutant

from trials import fuzz_forms


def test_xlsform_fuzz_trial_meets_its_goals(tmp_path: Path, seed: int) -> None:
    if not fuzz_forms.CORPUS.is_dir():
        pytest.skip(f"no shared corpus at {fuzz_forms.CORPUS}")
    figures = fuzz_forms.run(300, seed, tmp_path)
    assert_goals_met(figures)
    rejections = next(f for f in figures if "rejections" in f.trial)
    assert rejections.cases > 50, "the mutants must reach the form checks"


def test_mutants_are_rebuilt_from_their_number() -> None:
    bases = load_bases(fuzz_forms.base_folders())
    first = [make_mutant(bases, 7, i) for i in range(30)]
    again = [make_mutant(bases, 7, i) for i in range(30)]
    # openpyxl stamps the time into the workbooks it writes, which can change their
    # compressed size by a byte; everything else is exact.
    by_openpyxl = ("row move", "sheet edit (add")
    assert [(m.kind, m.edited) for m in first] == [(m.kind, m.edited) for m in again]
    assert all(
        len(a.data) == len(b.data)
        for a, b in zip(first, again, strict=True)
        if not a.kind.startswith(by_openpyxl)
    )
    assert all(
        a.data == b.data
        for a, b in zip(first, again, strict=True)
        if not a.kind.startswith(by_openpyxl)
    )
    assert len({m.kind.split(" ")[0] for m in first}) >= 4  # many kinds of damage
