"""Leak trial, site-facing exports: no respondent codes, typed names or quotes.

Waits on the workbook/PDF export (helper-8) and the sample audit (helper-9).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from trials.report import Figure, not_yet

GOAL = "0"


def _available() -> str:
    for module, who in (("auditdesk.export.workbook", "the workbook export (issue 6)"),
                        ("auditdesk.training.samples", "the sample audit (issue 8)")):
        if importlib.util.find_spec(module) is None:
            return who
    return ""


def run(workdir: Path) -> list[Figure]:
    missing = _available()
    if missing:
        return [not_yet("leak: canaries in site-facing PDF and workbook", GOAL, missing)]
    return [not_yet("leak: canaries in site-facing PDF and workbook", GOAL, "trial code")]
