"""NGO consolidation of many auditors' workbooks into one verified master.

Public API (see docs/reporting-schema.md for the master and the database):

- :func:`consolidate` (inputs, output, trust_roots=…, into=…, today=…, progress=…)
  → :class:`ConsolidationReport`; raises :class:`ConsolidationError` only when the
  master cannot be written.
- :class:`InputStatus`, :class:`Outcome`, :class:`ImportEntry`: one Import log line.
- :func:`classify_file` (path, trust_roots) → the status of one file, without a master.
"""

from __future__ import annotations

from auditdesk.consolidate.classify import Classified, classify_file
from auditdesk.consolidate.master_summary import AreaSummary, SummaryFigures
from auditdesk.consolidate.model import ImportEntry, InputStatus, Outcome
from auditdesk.consolidate.pipeline import ConsolidationError, ConsolidationReport, consolidate

__all__ = [
    "AreaSummary",
    "Classified",
    "ConsolidationError",
    "ConsolidationReport",
    "ImportEntry",
    "InputStatus",
    "Outcome",
    "SummaryFigures",
    "classify_file",
    "consolidate",
]
