"""Mini kill trial: 20 SIGKILLs while interviews are filled; nothing confirmed is lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from trial_checks import assert_goals_met

from trials import kill

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork servers are POSIX"),
]


def test_kill_trial_loses_no_confirmed_answer_and_no_database(tmp_path: Path, seed: int) -> None:
    figures = kill.run(20, seed, tmp_path)
    assert_goals_met(figures)
    assert "confirmed saves" in figures[0].trial
    saves = int(figures[0].trial.split("(")[1].split()[0])
    assert saves > 20, "the kills must land while answers are being saved"
