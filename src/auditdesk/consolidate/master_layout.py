"""The master workbook's sheets and columns, shared by its writer and its reader.

Documented for readers in docs/reporting-schema.md. Columns marked *derived* are
recomputed on every run (overdue flags depend on the day) and ignored when a master
is read back for an incremental run.
"""

from __future__ import annotations

import datetime
from typing import Final

from auditdesk.consolidate.model import AnswerRow, Conflict, FindingRow

MASTER_FORMAT: Final = "auditdesk-master"
MASTER_FORMAT_VERSION: Final = 1

SUMMARY: Final = "Summary"
AUDITS: Final = "Audits"
FINDINGS: Final = "Findings"
ANSWERS: Final = "Answers"
CONFLICTS: Final = "Conflicts"
IMPORT_LOG: Final = "Import log"
MASTER_INFO: Final = "_master"
SOURCES: Final = "_sources"
FIXED_SHEETS: Final = (SUMMARY, AUDITS, FINDINGS, ANSWERS, CONFLICTS, IMPORT_LOG, MASTER_INFO,
                       SOURCES)

MAX_DATA_ROWS = 1_048_575
"""Excel's 1,048,576 rows per sheet, less the header: longer tables continue on a new sheet."""

AUDIT_COLUMNS: Final = (
    "audit_uuid", "site_name", "organisation", "country", "city", "sector", "audit_type",
    "audit_status", "started_on", "ended_on", "lead_auditor", "team", "verification",
    "signer", "rating", "rating_maximum", "alerts",
)
AUDIT_DERIVED_COLUMNS: Final = (
    "zero_tolerance_alerts", "critical_findings", "major_findings", "minor_findings",
    "overdue_actions",
)
AUDIT_TAIL_COLUMNS: Final = (
    "forms", "exported_at", "document_id", "format_version", "source_file", "source_sha256",
)
AREA_SCORE_PREFIX: Final = "score_"

SITE_COLUMNS: Final = ("site_name", "country")
"""Repeated on Findings and form sheets so they filter by place without a lookup."""

FINDING_COLUMNS: Final = FindingRow._fields[:1] + SITE_COLUMNS + FindingRow._fields[1:]
FINDING_DERIVED_COLUMNS: Final = ("overdue", "days_overdue")
ANSWER_COLUMNS: Final = AnswerRow._fields
FORM_PREFIX_COLUMNS: Final = ("audit_uuid", *SITE_COLUMNS)
CONFLICT_COLUMNS: Final = Conflict._fields
IMPORT_LOG_COLUMNS: Final = (
    "file", "status", "status_label", "reason", "outcome", "audit_uuid", "site_name",
    "exported_at", "signer", "format_version", "sha256", "size", "imported_at",
)

OPEN_CAP_STATUSES: Final = frozenset({"open", "in_progress"})


def days_overdue(finding: FindingRow, today: datetime.date) -> int | None:
    """Days past the corrective action's next deadline, or ``None`` when not overdue.

    Only open findings with an open or in-progress action can be overdue (a closed
    action is done, a disputed one waits for the NGO). While the action is ``open`` the
    deadline is the plan's (``cap_plan_due``, else ``cap_verify_due``); once it is
    ``in_progress`` it is the verification's (``cap_verify_due``).
    """
    if finding.status != "open" or finding.cap_status not in OPEN_CAP_STATUSES:
        return None
    plan, verify = finding.cap_plan_due, finding.cap_verify_due
    if finding.cap_status == "open":
        due = plan if isinstance(plan, datetime.date) else verify
    else:
        due = verify
    if not isinstance(due, datetime.date):
        return None
    if isinstance(due, datetime.datetime):
        due = due.date()
    late = (today - due).days
    return late if late > 0 else None
