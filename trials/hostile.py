"""Hostile files: bombs and billion laughs are refused within limits; no formula or
path injection through what AuditDesk writes.

Each hostile file goes through each reader in a forked worker that measures the
time and the peak memory it added; "refused within limits" means the reader said
no (a located problem, a non-valid verdict) in under ``TIME_LIMIT`` seconds and
``MEMORY_LIMIT_MB`` of extra memory, without an uncaught exception.
"""

from __future__ import annotations

import resource
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trials.parallel import run_cases
from trials.report import Figure

TIME_LIMIT = 5.0
MEMORY_LIMIT_MB = 200
REPO_ROOT = Path(__file__).resolve().parent.parent

Reader = Callable[[Path], str]
"""Reads a file the way a command does; returns "" when it accepted it, else the refusal."""


def _forms_check(path: Path) -> str:
    from auditdesk.formengine import check_form

    problems, _ = check_form(path)
    return "\n".join(str(p) for p in problems)


def hostile_cases(bomb_mb: int) -> dict[str, Callable[[bytes], bytes]]:
    from trials import hostile_files as hf

    cases: dict[str, Callable[[bytes], bytes]] = {
        f"decompression bomb ({bomb_mb} MB of sheet XML)":
            lambda t: hf.decompression_bomb(t, bomb_mb),
        "cell flood (400,000 cells in 40 kB)": lambda t: hf.cell_flood(t, 400_000),
    }
    for part in ("sheet", "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml",
                 "docProps/core.xml", "xl/_rels/workbook.xml.rels"):
        cases[f"billion laughs in {part}"] = lambda t, part=part: hf.billion_laughs(t, part)
    return cases


def _verify(path: Path) -> str:
    from auditdesk.signing import describe, verify_file

    result = verify_file(path, [])
    return "" if result.is_valid else describe(path, result)


def _consolidate(path: Path) -> str:
    from auditdesk.consolidate import consolidate

    report = consolidate([path], path.with_name(path.stem + "-master.xlsx"), trust_roots=[])
    (entry,) = report.entries
    return "" if entry.consolidated else f"{entry.path}: {entry.status.value}: {entry.reason}"


def _readers() -> dict[str, tuple[Reader, Path]]:
    """Reader name → (reader, template it expects)."""
    from trials.audit_material import export_available

    readers: dict[str, tuple[Reader, Path]] = {
        "forms check": (_forms_check, REPO_ROOT / "forms" / "site_profile.xlsx"),
    }
    if not export_available():
        from trials.audit_material import exported_audit

        site_workbook = exported_audit().site_xlsx
        readers["verify"] = (_verify, site_workbook)
        readers["consolidate"] = (_consolidate, site_workbook)
    return readers


def _job(
    files: list[tuple[str, str, Path]], readers: dict[str, tuple[Reader, Path]]
) -> Callable[[int], Any]:
    def job(index: int) -> tuple[str, str, float, str]:
        import time

        case, reader_name, path = files[index]
        reader = readers[reader_name][0]
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        refusal = reader(path)
        seconds = time.perf_counter() - started
        grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        return case, reader_name, seconds, refusal, grown_mb  # type: ignore[return-value]

    return job


def _defused_xml() -> list[str]:
    """openpyxl must read XML through defusedxml (or a parser that resolves no entities)."""
    import openpyxl.xml
    from openpyxl.xml import functions

    problems = []
    if not openpyxl.xml.DEFUSEDXML:
        problems.append("openpyxl.xml.DEFUSEDXML is False: defusedxml is not installed or is off")
    if not functions.iterparse.__module__.startswith("defusedxml"):
        problems.append(f"openpyxl's iterparse comes from {functions.iterparse.__module__}")
    parse = functions.fromstring
    keywords = getattr(parse, "keywords", {})
    parser = keywords.get("parser")
    safe_lxml = parser is not None and getattr(parser, "resolve_entities", None) is False
    if not (getattr(parse, "__module__", "") or "").startswith("defusedxml") and not safe_lxml:
        resolved = _lxml_resolves_entities(parse)
        if resolved:
            problems.append("openpyxl's fromstring expands XML entities")
    return problems


def _lxml_resolves_entities(parse: Any) -> bool:
    try:
        root = parse(b'<!DOCTYPE r [<!ENTITY e "EXPANDED">]><r>&e;</r>')
    except Exception:
        return False
    return "EXPANDED" in "".join(root.itertext())


def run(size: int, seed: int, workdir: Path) -> list[Figure]:
    del seed
    workdir.mkdir(parents=True, exist_ok=True)
    bomb_mb = 1024 if size > 1 else 120
    files: list[tuple[str, str, Path]] = []
    for reader_name, (_reader, template_path) in _readers().items():
        template = template_path.read_bytes()
        for number, (case, build) in enumerate(hostile_cases(bomb_mb).items()):
            path = workdir / f"{reader_name.replace(' ', '-')}-{number}.xlsx"
            path.write_bytes(build(template))
            files.append((case, reader_name, path))
    _forms_check(REPO_ROOT / "forms" / "site_profile.xlsx")  # imports before the fork
    readers = _readers()
    runs = run_cases(_job(files, readers), list(range(len(files))), hang_after=120)
    missed = []
    for run_ in runs:
        case, reader_name, _ = files[run_.index]
        if run_.error:
            missed.append(f"{reader_name} / {case}: {run_.error[-300:]}")
            continue
        _, _, seconds, refusal, grown_mb = run_.result
        if not refusal:
            missed.append(f"{reader_name} / {case}: accepted")
        elif seconds > TIME_LIMIT or grown_mb > MEMORY_LIMIT_MB:
            missed.append(f"{reader_name} / {case}: {seconds:.1f} s, +{grown_mb:.0f} MB")
        elif not refusal.startswith(str(files[run_.index][2])):
            missed.append(f"{reader_name} / {case}: refusal names no file: {refusal[:150]}")
    defused = _defused_xml()
    from trials import hostile_exports

    return [
        Figure(f"hostile: bombs and billion laughs refused within {TIME_LIMIT:.0f} s and "
               f"{MEMORY_LIMIT_MB} MB", len(files), len(missed), "100 %", examples=tuple(missed),
               timed=True),
        Figure("hostile: openpyxl parses through defusedxml (no entity expansion)", 1,
               len(defused), "0", examples=tuple(defused)),
        *hostile_exports.run(workdir / "exports"),
    ]



