"""Speed and memory targets, run with ``make bench`` (``python -m benchmarks``).

Each ``bench_*.py`` module exposes ``run() -> list[Row]``: a measure's name, its value
(a ratio against a baseline timed in the same run, or an absolute figure where the goal
is absolute) and the goal in words. The machines are shared and noisy, so targets are
reported here and never asserted in the test suite.
"""

from __future__ import annotations

Row = tuple[str, float, str]
