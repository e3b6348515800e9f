"""The figures a trial reports and the table they print as."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    """One line of the trials table.

    ``failures`` counts cases that missed the goal: lost answers, uncaught exceptions,
    undetected tampering, leaked canaries. A trial that cannot run yet (its target is
    still being written) has ``waits_on`` set and no cases.
    """

    trial: str
    cases: int
    failures: int
    goal: str
    waits_on: str = ""
    examples: tuple[str, ...] = field(default=(), compare=False)
    """A few failing cases, described so that a person can reproduce them."""
    timed: bool = False
    """A goal in seconds: met or missed by the full trials on a quiet machine, only
    reported by the mini trials of the test suite (shared machines are noisy)."""

    @property
    def passed(self) -> bool:
        return not self.waits_on and self.failures == 0 and self.cases > 0

    @property
    def result(self) -> str:
        if self.waits_on:
            return f"not yet: waits on {self.waits_on}"
        if self.cases == 0:
            return "FAIL (no cases ran)"
        return "pass" if self.failures == 0 else "FAIL"


def not_yet(trial: str, goal: str, waits_on: str) -> Figure:
    return Figure(trial, 0, 0, goal, waits_on=waits_on)


def table(figures: list[Figure]) -> str:
    header = ("trial", "cases", "failures", "goal", "result")
    rows = [header] + [
        (f.trial, str(f.cases), str(f.failures), f.goal, f.result) for f in figures
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(width) if i in (1, 2) else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])


def failure_examples(figures: list[Figure], limit: int = 5) -> str:
    blocks = []
    for figure in figures:
        if figure.examples:
            shown = "\n".join(f"    {e}" for e in figure.examples[:limit])
            blocks.append(f"  {figure.trial}:\n{shown}")
    return "\n".join(blocks)
