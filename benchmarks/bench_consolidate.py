"""Consolidating 1,000 signed audit workbooks of varied sizes (issue 7, point 10).

Goals: consolidation ≤ 1.5× a bare python-calamine read of every sheet of the same
files in the same run, peak memory ≤ 500 MB; workbooks per second is reported. The
two alternate, three times each, and their medians are compared. The
bare read runs in one process; consolidation classifies files in worker processes
when the machine has more than one CPU, so the CPU-time ratio is reported beside the
wall-time one, and the memory of the workers beside the main process's.

The workbooks are written once by the export package's own writer (signed, with
About, Scores, Findings, a form sheet, Answers and Trail sheets) and cached under the
temp folder keyed by the seed, so later runs start at once. Both measurements run in
a fresh child process each, so the peak resident memory (``ru_maxrss``) is that of
the job alone; a first, untimed bare read warms the OS file cache for both.
"""

from __future__ import annotations

import datetime
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Row

SEED = 7
COUNT = 1000
ROUNDS = 3
"""Bare reads and consolidations alternate, and their medians are compared: on a shared
machine the same bare read took from 26 s to 37 s within one hour."""
PASSPHRASE = "benchmark passphrase"  # noqa: S105 - a throwaway test key
FORM = "auditdesk_worker_interview"


def _cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / f"auditdesk-bench-consolidate-s{SEED}-n{COUNT}"


def _size(rng: random.Random) -> tuple[int, int]:
    """(records, questions): mostly small audits, some medium, a few very large."""
    pick = rng.random()
    if pick < 0.70:
        return rng.randint(4, 12), rng.randint(30, 70)
    if pick < 0.95:
        return rng.randint(15, 25), rng.randint(80, 120)
    return rng.randint(25, 40), rng.randint(130, 150)


def _tables(index: int) -> tuple[list[object], object]:
    from auditdesk.export.sheets_forms import ANSWER_COLUMNS, SYSTEM_COLUMNS
    from auditdesk.export.tables import Column, SheetKind, SheetTable
    from auditdesk.export.workbook_writer import WorkbookHeader

    rng = random.Random(SEED * 100_003 + index)
    records, questions = _size(rng)
    audit = f"{index:08d}-0000-4000-8000-{rng.getrandbits(48):012x}"
    exported = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
        minutes=index)
    about = SheetTable("About", SheetKind.ABOUT, [Column(h) for h in ("field", "value", "label")])
    for row in (("format", "auditdesk-workbook"), ("format_version", 1),
                ("audit_uuid", audit), ("site_name", f"Site {index}"),
                ("country", rng.choice(["Kenya", "India", "Philippines", "Uganda", "Colombia"])),
                ("started_on", datetime.date(2026, 1, 1)), ("lead_auditor", "AUD-01"),
                ("rating", rng.randint(0, 10)), ("rating_maximum", 10)):
        about.add((*row, ""))
    scores = SheetTable("Scores", SheetKind.SCORES,
                        [Column(h) for h in ("area", "area_name", "score")])
    for area in "ABCDEFGHIJKL":
        scores.add((area, f"Area {area}", rng.randint(0, 100)))
    findings = SheetTable("Findings", SheetKind.FINDINGS, [Column(h) for h in (
        "finding_uuid", "criterion", "area", "area_name", "severity", "title", "status",
        "origin", "evidence", "cap_action", "cap_responsible", "cap_plan_due",
        "cap_verify_due", "cap_status", "cap_verification_note")])
    for number in range(rng.randint(0, 12)):
        findings.add((f"{audit}-f{number}", f"B{number}", "B", "Wages",
                      rng.choice(["critical", "major", "minor"]), "A finding", "open",
                      "derived", "Evidence text " * 5, "Fix it", "Site management",
                      datetime.date(2026, 2, 1), datetime.date(2026, 4, 1), "open", None))
    paths = [f"group{q // 10}/q{q}" for q in range(questions)]
    form = SheetTable("worker_interview", SheetKind.FORM,
                      [Column(h) for h in (*SYSTEM_COLUMNS, *paths)],
                      form_id=FORM, form_version="1")
    answers = SheetTable("Answers", SheetKind.ANSWERS, [Column(h) for h in ANSWER_COLUMNS])
    trail = SheetTable("Trail", SheetKind.TRAIL, [Column(h) for h in (
        "seq", "at", "auditor", "kind", "record_uuid", "path", "old_value", "new_value",
        "reason", "detail", "hash")])
    seq = 0
    for r in range(records):
        record = f"{audit}-r{r}"
        values = [rng.choice(["yes", "no", "partly", "dont_know"]) if q % 3 else rng.randint(0, 80)
                  for q in range(questions)]
        form.add((record, "worker_interview", f"W-{r:02d}", exported, exported, "1",
                  "completed", *values))
        for path, value in zip(paths, values, strict=True):
            answers.add((audit, record, FORM, "1", "worker_interview", f"W-{r:02d}", path, path,
                         "select_one", f"Question {path}?", value, None, "B2", "B"))
            seq += 1
            trail.add((seq, exported, "AUD-01", "answer", record, path, None,
                       json.dumps(value), "", None, f"{seq:064x}"))
    header = WorkbookHeader(audit, f"AD-{index}", "confidential", exported, "bench", False)
    return [about, scores, findings, form, answers, trail], header


def _write(index: int) -> None:
    from auditdesk.export.workbook_writer import write_workbook
    from auditdesk.signing import KeyStore, sign_manifest

    target = _cache_dir() / f"audit-{index:04d}.xlsx"
    if target.exists():
        return
    identity = KeyStore(_cache_dir() / "keys").load(PASSPHRASE)
    tables, header = _tables(index)
    partial = target.with_suffix(".partial")
    with partial.open("wb") as stream:
        write_workbook(tables, stream, header,  # type: ignore[arg-type]
                       signer=lambda manifest: sign_manifest(manifest, identity).to_dict())
    partial.replace(target)


def _ensure_workbooks() -> list[Path]:
    from auditdesk.signing import KeyStore

    folder = _cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    store = KeyStore(folder / "keys")
    if not store.has_identity():
        store.create(name="Bench Auditor", org="Bench NGO", email="bench@example.org",
                     passphrase=PASSPHRASE)
    missing = [i for i in range(COUNT) if not (folder / f"audit-{i:04d}.xlsx").exists()]
    if missing:
        print(f"  generating {len(missing)} workbooks in {folder} …", file=sys.stderr)
        with multiprocessing.get_context("spawn").Pool(os.cpu_count() or 2) as pool:
            pool.map(_write, missing, chunksize=8)
    return sorted(folder.glob("audit-*.xlsx"))


def _child(mode: str, folder: str, output: str) -> None:
    """Runs in a fresh process: time one job and report it with the peak memory.

    ``mode`` is ``read`` (the bare python-calamine baseline, one process),
    ``consolidate`` (worker processes as the CLI picks them), ``consolidate-1``
    (everything in this one process) or ``again`` (into the master already at
    ``output``: an incremental run that finds nothing new). CPU seconds include the
    worker processes.
    """
    import resource

    files = sorted(Path(folder).glob("audit-*.xlsx"))
    started = time.perf_counter()
    if mode == "read":
        from python_calamine import CalamineWorkbook

        cells = 0
        for path in files:
            book = CalamineWorkbook.from_path(str(path))
            for name in book.sheet_names:
                rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                cells += sum(len(row) for row in rows)
    else:
        from auditdesk.consolidate import consolidate
        from auditdesk.signing import KeyStore

        roots = [KeyStore(Path(folder) / "keys").load(PASSPHRASE).certificate]
        if mode != "again":
            Path(output).unlink(missing_ok=True)
        workers = 0 if mode == "consolidate-1" else None
        report = consolidate([Path(folder)], Path(output), trust_roots=roots, workers=workers)
        cells = report.audits
    elapsed = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "seconds": elapsed,
        "cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
        "peak_mb": own.ru_maxrss / 1024,
        # The largest worker's peak (Linux reports the largest child, not their sum).
        "worker_peak_mb": children.ru_maxrss / 1024,
        "count": cells,
    }))


def _run_child(mode: str, folder: Path, output: Path) -> dict[str, float]:
    code = ("import sys; from benchmarks.bench_consolidate import _child; "
            "_child(sys.argv[1], sys.argv[2], sys.argv[3])")
    done = subprocess.run([sys.executable, "-c", code, mode, str(folder), str(output)],
                          check=True, capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run() -> list[Row]:
    files = _ensure_workbooks()
    folder = _cache_dir()
    workers = _workers(len(files))
    bare_runs: list[dict[str, float]] = []
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "master.xlsx"
        _run_child("read", folder, output)  # warm the file cache for both
        for _ in range(ROUNDS):
            bare_runs.append(_run_child("read", folder, output))
            runs.append(_run_child("consolidate", folder, output))
        master_mb = output.stat().st_size / 1e6
        again = _run_child("again", folder, output)
    if any(run["count"] != len(files) for run in [*runs, again]):
        raise AssertionError(f"consolidated {runs[-1]['count']} of {len(files)} audits")
    bare, consolidation = _medians(bare_runs), _medians(runs)
    rounds = [run["seconds"] / read["seconds"] for run, read in zip(runs, bare_runs, strict=True)]
    # Every process's peak at once: the main process and each worker at its largest.
    peak = max(run["peak_mb"] for run in runs)
    peak_bound = max(run["peak_mb"] + workers * run["worker_peak_mb"] for run in runs)
    return [
        (f"consolidate 1,000 workbooks / bare calamine read (wall time, median of {ROUNDS})",
         consolidation["seconds"] / bare["seconds"], "≤ 1.5"),
        ("  the same, each round's ratio: lowest", min(rounds), "report"),
        ("  the same, each round's ratio: highest", max(rounds), "report"),
        (f"same, CPU time (consolidation with {workers} worker processes; bare read one)",
         consolidation["cpu_seconds"] / bare["cpu_seconds"], "report"),
        ("consolidation seconds (1,000 signed workbooks)", consolidation["seconds"], "report"),
        ("bare calamine read seconds (all sheets)", bare["seconds"], "report"),
        ("consolidation workbooks per second", len(files) / consolidation["seconds"], "report"),
        ("consolidation peak memory, main process (MB, ru_maxrss)", peak, "≤ 500"),
        ("consolidation peak memory, main + workers at their peaks (MB)", peak_bound, "≤ 500"),
        ("bare calamine read peak memory (MB)", max(r["peak_mb"] for r in bare_runs), "report"),
        ("master workbook size (MB)", master_mb, "report"),
        ("the same files again into that master (read back, written again), seconds",
         again["seconds"], "report"),
        ("  its peak memory, main process (MB)", again["peak_mb"], "≤ 500"),
    ]


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _workers(files: int) -> int:
    from auditdesk.consolidate.reading import default_workers

    return default_workers(files)
