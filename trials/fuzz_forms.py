"""Fuzz trial, XLSForms: mutants of the bundled forms and the public corpus through
``forms check`` (the core ``check_form`` in-process, and a sample through the CLI).

Figures: uncaught exceptions (goal 0), checks over 5 s (goal 0), and rejections
that name the file and, for a mutant whose edit sits in a known row, the sheet and
a row (goal 100 %).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from trials.parallel import CaseRun, run_cases
from trials.report import Figure

SLOW_SECONDS = 5.0
REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT.parent / "shared" / "corpus"

_BASES: list[Any] = []


def base_folders() -> list[Path]:
    return [REPO_ROOT / "forms", CORPUS]


def _check_job(seed: int, folder: Path) -> Any:
    def job(index: int) -> dict[str, Any]:
        from auditdesk.formengine import check_form
        from trials.form_mutants import make_mutant

        mutant = make_mutant(_BASES, seed, index)
        path = folder / f"case{index}{mutant.suffix}"
        path.write_bytes(mutant.data)
        try:
            problems, _warnings = check_form(path)
        finally:
            path.unlink(missing_ok=True)
        return {
            "mutant": mutant.describe(),
            "edited": mutant.edited,
            "problems": [(str(p), p.path, p.sheet, p.row) for p in problems],
            "path": str(path),
        }

    return job


def _located(outcome: dict[str, Any]) -> str:
    """Why a rejection is not located as the goal asks ("" when it is)."""
    problems = outcome["problems"]
    unnamed = [text for text, path, _, _ in problems if path != outcome["path"]
               or not text.startswith(f"{outcome['path']}: ")]
    if unnamed:
        return f"does not name the file: {unnamed[0][:200]}"
    if outcome["edited"] and not any(sheet and row for _, _, sheet, row in problems):
        return f"no sheet and row: {problems[0][0][:200]}"
    return ""


def _cli_sample(seed: int, folder: Path, count: int) -> tuple[int, list[str]]:
    """Run the real ``auditdesk forms check`` on a few mutants: no tracebacks, exit 0/1."""
    from trials.form_mutants import make_mutant

    paths = []
    for index in range(count):
        mutant = make_mutant(_BASES, seed + 7, index)
        path = folder / f"cli{index}{mutant.suffix}"
        path.write_bytes(mutant.data)
        paths.append(path)
    failures = []
    for start in range(0, len(paths), 25):  # one process per batch: start-up is the cost
        batch = paths[start:start + 25]
        completed = subprocess.run(
            [sys.executable, "-m", "auditdesk", "forms", "check", *map(str, batch)],
            capture_output=True, text=True, timeout=600, check=False,
        )
        output = completed.stdout + completed.stderr
        if completed.returncode not in (0, 1) or "Traceback" in output:
            failures.append(f"CLI batch {start}: exit {completed.returncode}: {output[-300:]}")
        for line in completed.stdout.splitlines():
            if not any(line.startswith(f"{p}: ") for p in batch):
                failures.append(f"CLI line names no file: {line[:200]}")
    return len(paths), failures


def _warm_up(folder: Path) -> None:
    """Import the readers once before the workers fork: a case's time is its own work."""
    from auditdesk.formengine import check_form

    for base in _BASES[:3]:
        path = folder / f"warm{base.suffix}"
        path.write_bytes(base.data)
        check_form(path)
        path.unlink()


def run(size: int, seed: int, workdir: Path) -> list[Figure]:
    from trials.form_mutants import load_bases

    workdir.mkdir(parents=True, exist_ok=True)
    _BASES[:] = load_bases(base_folders())
    with tempfile.TemporaryDirectory(dir=workdir) as temp:
        _warm_up(Path(temp))
        runs = run_cases(_check_job(seed, Path(temp)), list(range(size)))
        cli_cases, cli_failures = _cli_sample(seed, Path(temp), max(10, size // 100))
    cli = Figure("fuzz: XLSForm mutants through the real `forms check` CLI", cli_cases,
                 len(cli_failures), "0", examples=tuple(cli_failures))
    return [*figures_for("XLSForm", size, runs), cli]


def figures_for(what: str, size: int, runs: list[CaseRun]) -> list[Figure]:
    crashed = [f"case {r.index}: {r.error[-400:]}" for r in runs if r.error]
    crashed += [f"case {i}: no result" for i in sorted(set(range(size)) - {r.index for r in runs})]
    slow = [f"case {r.index}: {r.seconds:.1f} s ({r.result['mutant'] if r.result else ''})"
            for r in runs if r.seconds > SLOW_SECONDS]
    rejections = [r for r in runs if r.result and r.result["problems"]]
    unlocated = [f"case {r.index} {r.result['mutant']}: {why}" for r in rejections
                 if (why := _located(r.result))]
    slowest = max((r.seconds for r in runs), default=0.0)
    return [
        Figure(f"fuzz: {what} mutants, uncaught exceptions", size, len(crashed), "0",
               examples=tuple(crashed)),
        Figure(f"fuzz: {what} mutants over {SLOW_SECONDS:.0f} s (slowest {slowest:.2f} s)",
               size, len(slow), "0", examples=tuple(slow), timed=True),
        Figure(f"fuzz: {what} rejections naming file (+ sheet, row where edited)",
               len(rejections), len(unlocated), "100 %", examples=tuple(unlocated)),
    ]
