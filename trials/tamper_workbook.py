"""Tamper trial, workbooks: single-cell edits of signed AuditDesk workbooks."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from trials.report import Figure, not_yet


def run(size: int, seed: int, workdir: Path) -> list[Figure]:
    del size, seed, workdir
    if importlib.util.find_spec("auditdesk.export.workbook_verify") is None:
        return [not_yet("tamper: workbook single-cell edits detected", "100 %",
                        "the signed workbook export and its verifier (issue 6)")]
    return [not_yet("tamper: workbook single-cell edits detected", "100 %", "trial code")]
