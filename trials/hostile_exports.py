"""Hostile input through what AuditDesk writes: formula injection, attachment names.

Waits on the workbook export (issue 6) and consolidation (issue 7).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from trials.report import Figure, not_yet


def run(workdir: Path) -> list[Figure]:
    del workdir
    figures = []
    if importlib.util.find_spec("auditdesk.export.workbook") is None:
        figures.append(not_yet("hostile: formula injection in exported workbooks", "0",
                               "the workbook export (issue 6)"))
        figures.append(not_yet("hostile: attachment names escaping the export folder", "0",
                               "the workbook export (issue 6)"))
    if importlib.util.find_spec("auditdesk.consolidate.master") is None:
        figures.append(not_yet("hostile: formula injection in the consolidated master", "0",
                               "consolidation (issue 7)"))
    return figures
