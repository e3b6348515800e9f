"""Mini kill trial: 20 SIGKILLs while interviews are filled and exported; nothing
confirmed is lost, no database is damaged, no export is left half-written."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from trial_checks import assert_goals_met

from trials import kill

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork servers are POSIX"),
]


def _count(figure_name: str, what: str) -> int:
    found = re.search(rf"(\d+) {what}", figure_name)
    assert found, f"{what!r} not reported in {figure_name!r}"
    return int(found.group(1))


def test_kill_trial_loses_no_confirmed_answer_no_database_and_no_export(
    tmp_path: Path, seed: int
) -> None:
    figures = kill.run(20, seed, tmp_path)
    assert_goals_met(figures)
    answers, _, exports, _, _ = figures
    assert _count(answers.trial, "confirmed saves") > 20, "kills must land while saving"
    # The trial proves something about exports only if kills met exports, and exported
    # files (a workbook and a signed PDF at least) were there to be checked.
    assert _count(exports.trial, "kills mid-export") >= 1
    assert _count(exports.trial, "files verified") >= 2
    assert any(path.suffix == ".pdf" for path in (tmp_path / "exports").iterdir())
