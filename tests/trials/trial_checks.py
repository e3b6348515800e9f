"""Assertions shared by the mini trials: every figure meets its goal, failures shown.

Goals in seconds are not asserted here (a loaded machine misses them without any fault
in the code); the full trials, ``make trials``, report them.
"""

from __future__ import annotations

from trials.report import Figure


def assert_goals_met(figures: list[Figure]) -> None:
    ran = [f for f in figures if not f.waits_on and not f.timed]
    assert ran, "no trial ran"
    failed = [f for f in ran if not f.passed]
    details = "\n".join(
        f"{f.trial}: {f.failures} of {f.cases} (goal {f.goal})\n  " + "\n  ".join(f.examples[:5])
        for f in failed
    )
    assert not failed, f"trials missed their goals:\n{details}"
