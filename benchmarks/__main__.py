"""Run every benchmark module (or those named on the command line) and print a table."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
import traceback
from pathlib import Path

import benchmarks
from benchmarks import Row


def _modules(selected: list[str]) -> list[str]:
    names = sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(benchmarks.__file__).parent)])
        if info.name.startswith("bench_")
    )
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    return names


def _print_table(rows: list[tuple[str, str, str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str]) -> int:
    table: list[tuple[str, str, str]] = [("measure", "value", "goal")]
    failures = 0
    for name in _modules(argv):
        started = time.perf_counter()
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            results: list[Row] = importlib.import_module(f"benchmarks.{name}").run()
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
            failures += 1
            traceback.print_exc()
            table.append((f"{name}: FAILED", "-", "see traceback above"))
            continue
        for measure, value, goal in results:
            table.append((measure, f"{value:.3g}", goal))
        print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    _print_table(table)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
