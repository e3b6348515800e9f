"""The audit method: criteria read from the checklists, scoring, findings and sampling.

Pure functions over plain inputs (no database, no Qt). The usual entry points::

    from auditdesk.method import AuditEvidence, EvidenceRecord, assess_audit
    assessment = assess_audit(evidence, report_date=audit.ended_on)
    assessment.to_json()          # the `auditdesk score --json` contract

    from auditdesk.method.stored_audit import assess_stored_audit   # via a Repository
    from auditdesk.method.sampling import recommend_sample, sampling_progress

Module by module: ``criteria`` (catalogue and question bindings from the forms),
``evidence`` (judging each answer), ``triangulation`` (one result per criterion),
``scoring`` (area scores, Fairwork-style rating, zero-tolerance alerts), ``findings``
(findings, CAP entries, merge with the auditor's edits), ``sampling`` (√N interviews),
``result`` (the assessment and its JSON), ``policy`` (the tunable choices).
"""

from auditdesk.method.criteria import Catalogue, CriteriaError, Criterion, EvidenceSource
from auditdesk.method.evidence import (
    AttachmentRef,
    AuditEvidence,
    EvidenceError,
    EvidenceRecord,
    Outcome,
)
from auditdesk.method.findings import AssessedFinding, CapEntry, CapPolicy, FindingOrigin
from auditdesk.method.policy import ScoringPolicy
from auditdesk.method.result import AuditAssessment, assess_audit
from auditdesk.method.sampling import SamplingError, SamplingPlan, recommend_sample

__all__ = [
    "AssessedFinding",
    "AttachmentRef",
    "AuditAssessment",
    "AuditEvidence",
    "CapEntry",
    "CapPolicy",
    "Catalogue",
    "CriteriaError",
    "Criterion",
    "EvidenceError",
    "EvidenceRecord",
    "EvidenceSource",
    "FindingOrigin",
    "Outcome",
    "SamplingError",
    "SamplingPlan",
    "ScoringPolicy",
    "assess_audit",
    "recommend_sample",
]
