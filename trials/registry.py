"""Which trials exist and how big each one runs, full (``make trials``) and mini (tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from trials import fuzz_forms, fuzz_workbooks, hostile, kill, leak, tamper
from trials.report import Figure

Trial = Callable[[int, int, Path], list[Figure]]

TRIALS: dict[str, Trial] = {
    "kill": kill.run,
    "fuzz": fuzz_forms.run,
    "fuzz_workbooks": fuzz_workbooks.run,
    "tamper": tamper.run,
    "leak": leak.run,
    "hostile": hostile.run,
}

FULL = {"kill": 200, "fuzz": 10_000, "fuzz_workbooks": 10_000, "tamper": 1_000,
        "leak": 1, "hostile": 1}
MINI = {"kill": 20, "fuzz": 300, "fuzz_workbooks": 300, "tamper": 100, "leak": 1, "hostile": 1}


def sizes(*, mini: bool) -> dict[str, int]:
    return MINI if mini else FULL
