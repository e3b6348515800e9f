"""Fuzz trial, AuditDesk workbooks: mutants of a signed export through ``verify`` and,
for one case in ``CONSOLIDATE_EVERY``, through ``consolidate``.

Mutants are made as for the XLSForm fuzz (cells, rows, sheets, XML, zip, truncation,
noise). Figures: uncaught exceptions (goal 0), cases over 5 s (goal 0), and verdicts
that name the file — and the sheet, for an edited data sheet — (goal 100 %).
A mutant that still verifies as valid must be one whose edit changed no value a
reader sees: each is read again with openpyxl (not the verifier's reader) and compared.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from trials.parallel import run_cases
from trials.report import Figure, not_yet

SLOW_SECONDS = 5.0
CONSOLIDATE_EVERY = 10
_STATE: dict[str, Any] = {}


def _bases(workbook: Path) -> list[Any]:
    import io

    import openpyxl

    from trials.form_mutants import BaseForm

    data = workbook.read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    book.close()
    return [BaseForm(workbook.name, ".xlsx", data, sheets)]


def _shown(rows: Any) -> list[list[Any]]:
    """Rows as a person sees them: an empty text cell is an empty cell, trailing blanks
    are nothing, and trailing empty rows are nothing."""
    shown = []
    for row in rows:
        cells = [None if cell == "" else cell for cell in row]
        while cells and cells[-1] is None:
            cells.pop()
        shown.append(cells)
    while shown and not shown[-1]:
        shown.pop()
    return shown


def _openpyxl_values(data: bytes) -> dict[str, list[list[Any]]] | None:
    """Every sheet's values as openpyxl (not the verifier's reader) sees them.

    Fully loaded, not read-only: the full reader places each cell by its reference,
    as LibreOffice and Excel do, where the read-only one lays a row's cells out in
    the order it meets them (a cut ``</row><row>`` moves cells only for it).
    """
    import io
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data))
            values = {ws.title: _shown(ws.iter_rows(values_only=True)) for ws in book.worksheets}
            book.close()
    except Exception:
        return None  # openpyxl cannot read it at all: no one is shown other values
    return values


def _job(seed: int, folder: Path) -> Any:
    def job(index: int) -> dict[str, Any]:
        from auditdesk.signing import describe, verify_file
        from trials.form_mutants import make_mutant

        mutant = make_mutant(_STATE["bases"], seed, index)
        path = folder / f"wb{index}.xlsx"
        path.write_bytes(mutant.data)
        outcome: dict[str, Any] = {"mutant": mutant.describe(), "edited": mutant.edited}
        try:
            # Timed: what the product does with the mutant, not the trial's own checks.
            started = time.perf_counter()
            result = verify_file(path, list(_STATE["trust"]))
            outcome["seconds"] = time.perf_counter() - started
            outcome.update(status=result.status.value, line=describe(path, result),
                           path=str(path))
            if result.is_valid:
                outcome["differs"] = _openpyxl_values(mutant.data) not in (None, _STATE["values"])
            if index % CONSOLIDATE_EVERY == 0:
                from auditdesk.consolidate import consolidate

                started = time.perf_counter()
                report = consolidate([path], folder / f"master{index}.xlsx",
                                     trust_roots=list(_STATE["trust"]))
                outcome["seconds"] = max(outcome["seconds"], time.perf_counter() - started)
                outcome["entries"] = [(e.path, e.status.value, e.reason) for e in report.entries]
                (folder / f"master{index}.xlsx").unlink(missing_ok=True)
        finally:
            path.unlink(missing_ok=True)
        return outcome

    return job


def _unlocated(outcome: dict[str, Any]) -> str:
    line, path = outcome["line"], outcome["path"]
    if not line.startswith(f"{path}: "):
        return f"verify line names no file: {line[:150]}"
    edited = outcome["edited"]
    if (outcome["status"] == "modified" and edited and edited[0] != "_manifest"
            and edited[0] not in line):
        return f"edit in sheet {edited[0]!r} but: {line[len(path):][:150]}"
    entries = outcome.get("entries")
    if entries is not None:
        if [e[0] for e in entries] != [path]:
            return f"consolidate listed {entries!r}, not the one file"
        if entries[0][1] not in ("verified",) and not entries[0][2]:
            return f"consolidate gave status {entries[0][1]!r} without a reason"
    return ""


def run(size: int, seed: int, workdir: Path) -> list[Figure]:
    from trials.audit_material import export_available

    waits = export_available()
    if waits:
        return [not_yet("fuzz: AuditDesk workbook mutants through verify and consolidate", "0",
                        waits)]
    from auditdesk.signing import verify_file
    from trials.audit_material import exported_audit

    audit = exported_audit()
    _STATE.update(bases=_bases(audit.site_xlsx), trust=audit.trust,
                  values=_openpyxl_values(audit.site_xlsx.read_bytes()))
    verify_file(audit.site_xlsx, list(audit.trust))  # imports before the workers fork
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workdir) as temp:
        runs = run_cases(_job(seed, Path(temp)), list(range(size)))
    crashed = [f"case {r.index}: {r.error[-400:]}" for r in runs if r.error]
    crashed += [f"case {i}: no result" for i in sorted(set(range(size)) - {r.index for r in runs})]
    seconds = {r.index: r.result["seconds"] if r.result else r.seconds for r in runs}
    slow = [f"case {i}: {s:.1f} s" for i, s in seconds.items() if s > SLOW_SECONDS]
    done = [r for r in runs if r.result]
    rejected = [r for r in done if r.result["status"] != "valid"]
    unlocated = [f"case {r.index} {r.result['mutant']}: {why}" for r in done
                 if (why := _unlocated(r.result))]
    still_valid = [r for r in done if r.result["status"] == "valid"]
    shown_changed = [f"case {r.index} {r.result['mutant']}" for r in still_valid
                     if r.result.get("differs")]
    consolidated = sum(1 for r in done if "entries" in r.result)
    slowest = max(seconds.values(), default=0.0)
    return [
        Figure("fuzz: workbook mutants, uncaught exceptions (verify"
               f" + {consolidated} consolidate)", size, len(crashed), "0",
               examples=tuple(crashed)),
        Figure(f"fuzz: workbook mutants over {SLOW_SECONDS:.0f} s (slowest {slowest:.2f} s)",
               size, len(slow), "0", examples=tuple(slow), timed=True),
        Figure("fuzz: workbook verdicts naming file (+ sheet where edited)", len(done),
               len(unlocated), "100 %", examples=tuple(unlocated)),
        Figure(f"fuzz: 'valid' verdicts on content openpyxl reads changed ({len(rejected)} "
               f"rejected, {len(still_valid)} valid)", len(still_valid), len(shown_changed), "0",
               examples=tuple(shown_changed)),
    ]
