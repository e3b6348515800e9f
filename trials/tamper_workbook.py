"""Tamper trial, workbooks: one cell of a signed AuditDesk workbook changed, in any sheet
(the hidden ``_manifest`` too). Detected = ``verify`` says anything but VALID; for an
edit in a data sheet the verdict should also name that sheet.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from trials.parallel import run_cases
from trials.report import Figure, not_yet

_MATERIAL: dict[str, Any] = {}


def _shared_strings(members: dict[str, bytes]) -> list[str]:
    from lxml import etree

    from trials.xlsx_surgery import MAIN

    data = members.get("xl/sharedStrings.xml")
    if data is None:
        return []
    root = etree.fromstring(data)
    return ["".join(item.itertext()) for item in root.iter(f"{{{MAIN}}}si")]


def _changed(value: str, rng: random.Random) -> str:
    if value and rng.random() < 0.5:
        at = rng.randrange(len(value))
        replacement = "7" if value[at] != "7" else "8"
        return value[:at] + replacement + value[at + 1:]
    return value + rng.choice(["x", " ", "0", "."])


def edit_one_cell(seed: int, index: int) -> tuple[str, str, bytes]:
    """The workbook with one cell changed: (sheet, cell reference, new bytes)."""
    from trials.xlsx_surgery import MAIN, SheetEditor, write_members

    rng = random.Random(seed * 1_000_003 + index)
    members: dict[str, bytes] = dict(_MATERIAL["members"])
    sheets: dict[str, str] = _MATERIAL["sheets"]
    shared: list[str] = _MATERIAL["shared"]
    weights = [_MATERIAL["cells"][name] for name in sheets]
    name = rng.choices(list(sheets), weights=weights)[0]
    editor = SheetEditor(members[sheets[name]])
    cells = [c for c in editor.root.iter(f"{{{MAIN}}}c") if len(c)]
    cell = rng.choice(cells)
    kind = cell.get("t", "n")
    value_node = cell.find(f"{{{MAIN}}}v")
    if kind == "s" and value_node is not None:
        old = shared[int(value_node.text or 0)]
        new: Any = _changed(old, rng)
    elif kind == "inlineStr":
        old = "".join(cell.itertext())
        new = _changed(old, rng)
    elif kind in ("n", "b") and value_node is not None:
        number = float(value_node.text or 0)
        new = number + rng.choice([1, -1, 0.5, 100])
    else:
        new = _changed("".join(cell.itertext()), rng)
    if rng.random() < 0.1:
        new = None  # the cell emptied
    from trials.xlsx_surgery import _set_value

    _set_value(cell, new)
    members[sheets[name]] = editor.xml()
    return name, cell.get("r", "?"), write_members(members)


def _job(seed: int, folder: Path) -> Any:
    def job(index: int) -> tuple[str, str, str, str]:
        from auditdesk.signing import verify_file

        sheet, ref, data = edit_one_cell(seed, index)
        path = folder / f"edited{index}.xlsx"
        path.write_bytes(data)
        try:
            result = verify_file(path, list(_MATERIAL["trust"]))
        finally:
            path.unlink(missing_ok=True)
        return sheet, ref, result.status.value, result.detail

    return job


def run(size: int, seed: int, workdir: Path) -> list[Figure]:
    from trials.audit_material import export_available

    waits = export_available()
    if waits:
        return [not_yet("tamper: workbook single-cell edits detected", "100 %", waits)]
    from auditdesk.signing import verify_file
    from trials.audit_material import exported_audit
    from trials.xlsx_surgery import MAIN, SheetEditor, read_members, sheet_members

    audit = exported_audit()
    workbook = audit.confidential_xlsx
    members = read_members(workbook.read_bytes())
    sheets = sheet_members(members)
    _MATERIAL.update(
        members=members, sheets=sheets, shared=_shared_strings(members), trust=audit.trust,
        cells={name: max(1, sum(1 for c in SheetEditor(members[member]).root.iter(f"{{{MAIN}}}c")
                                if len(c)))
               for name, member in sheets.items()},
    )
    baseline = verify_file(workbook, list(audit.trust))
    if not baseline.is_valid:
        return [Figure("tamper: workbook edits (baseline not valid!)", 0, 1, "100 %",
                       examples=(f"{baseline.status.value}: {baseline.detail}",))]
    workdir.mkdir(parents=True, exist_ok=True)
    runs = run_cases(_job(seed, workdir), list(range(size)))
    missed, unnamed, data_edits = [], [], 0
    for case in runs:
        if case.error:
            missed.append(f"case {case.index}: verifier raised {case.error[-300:]}")
            continue
        sheet, ref, status, detail = case.result
        if status == "valid":
            missed.append(f"case {case.index}: {sheet}!{ref} edited, still valid")
        elif sheet != "_manifest":
            data_edits += 1
            if sheet not in detail:
                unnamed.append(f"case {case.index}: {sheet}!{ref}: {status}: {detail[:150]}")
    missed += [f"case {i}: no result" for i in set(range(size)) - {c.index for c in runs}]
    slowest = max((c.seconds for c in runs), default=0.0)
    return [
        Figure(f"tamper: workbook single-cell edits detected (slowest {slowest:.2f} s)", size,
               len(missed), "100 %", examples=tuple(missed)),
        Figure("tamper: workbook verdicts naming the edited sheet", data_edits, len(unnamed),
               "100 %", examples=tuple(unnamed)),
    ]
