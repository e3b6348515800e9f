"""Who an export is for, and what the site-facing one must leave out.

The rule (issue 6, point 3), applied to the workbook and the PDF alike: a ``site``
export shows worker-interview results only as counts and percentages over at least
``min_respondents`` interviews (3 by default), and carries no respondent codes, no
free-text answers from workers, no quotes of worker answers and no photos of people.
Every attachment of a worker-interview record counts as a photo of a person.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from auditdesk.domain import RecordKind
from auditdesk.export.texts import Words
from auditdesk.method.criteria import EvidenceSource
from auditdesk.method.evidence import AnswerEvidence
from auditdesk.method.triangulation import CriterionResult, SourceObservation, percent

DEFAULT_MIN_RESPONDENTS = 3
WORKER_KINDS = frozenset({RecordKind.WORKER_INTERVIEW, RecordKind.WORKER_GROUP_INTERVIEW})


class Audience(enum.StrEnum):
    CONFIDENTIAL = "confidential"
    """The commissioning NGO: everything."""
    SITE = "site"
    """The audited company: worker results only in aggregate."""


def is_worker_kind(kind: RecordKind) -> bool:
    return kind in WORKER_KINDS


def worker_count_text(
    observation: SourceObservation, min_respondents: int, words: Words
) -> str:
    """The workers' evidence as a count and a share, or a notice when too few answered."""
    total = observation.respondents
    if total < min_respondents:
        return words("fewer than {threshold} respondents — not shown", threshold=min_respondents)
    reported = observation.non_compliant + observation.partly
    if reported >= min_respondents:
        return words(
            "{count} of {total} worker interviews ({share}) reported non-compliance",
            count=reported,
            total=total,
            share=percent(reported / total),
        )
    # A small number of reports could point at the people who made them.
    return words(
        "{total} worker interviews; fewer than {threshold} reported non-compliance "
        "(exact count not shown)",
        total=total,
        threshold=min_respondents,
    )


def source_text(
    observation: SourceObservation,
    *,
    audience: Audience,
    min_respondents: int,
    words: Words,
) -> str:
    """What one source said about a criterion, fit for the audience."""
    if audience is Audience.SITE and observation.source is EvidenceSource.WORKERS:
        return worker_count_text(observation, min_respondents, words)
    return observation.summary


def result_notes(
    result: CriterionResult, *, audience: Audience, min_respondents: int, words: Words
) -> list[str]:
    """Contradiction notes and threshold notes, rebuilt from counts for the site."""
    if audience is Audience.CONFIDENTIAL:
        return [c.text for c in result.contradictions] + list(result.notes)
    texts = []
    for contradiction in result.contradictions:
        claim = result.sources[contradiction.claimed_by]
        breach = result.sources[contradiction.contradicted_by]
        texts.append(
            "; ".join(
                source_text(obs, audience=audience, min_respondents=min_respondents, words=words)
                for obs in (claim, breach)
            )
        )
    return texts


def shareable_evidence(
    evidence: Iterable[AnswerEvidence], audience: Audience
) -> list[AnswerEvidence]:
    """The quoted answers an audience may read: for the site, none from workers."""
    if audience is Audience.CONFIDENTIAL:
        return list(evidence)
    return [answer for answer in evidence if answer.source is not EvidenceSource.WORKERS]
