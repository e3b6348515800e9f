"""From what each source says to one result per criterion.

The rule, in the order it is applied:

1. **Per source.** Documents, management and observation: the worst judgement of all
   their records (one underpaid payslip is enough). Workers: each interview (a group
   interview counts as one voice) gives one judgement; the workers' evidence is
   *non-compliant* when the share of interviews judged non-compliant reaches the
   criterion's ``worker_threshold`` (the policy's default, 20 %, when the form sets
   none), *partly* when non-compliant and partly judgements together reach it, and
   otherwise *compliant* — isolated reports below the threshold stay visible as a note
   but do not decide. A form author who wants every single report to count (forced
   labour, retained ID documents) sets ``worker_threshold`` 0 on that criterion.
2. **Across sources.** Not-applicable and not-assessed sources stand aside; of the
   rest the worst judgement decides. So worker testimony, documents and observation
   always outweigh a management claim of compliance, an admission of non-compliance by
   management is taken at its word, and any source finding a critical criterion
   non-compliant makes it non-compliant. Only when every source that spoke said "not
   applicable" is the criterion not applicable.
3. **Contradictions.** Whenever one source finds compliance (or says the criterion does
   not apply) and another finds non-compliance, the result carries a contradiction
   note citing both, e.g. *Management answered "Is overtime voluntary?": Yes; but 3 of
   8 interviewed workers (38%) answered "Can you refuse overtime without penalty?": No*.
4. **Verification.** A compliant result resting on management's word alone is
   *unverified* (Fairwork awards no point without verifiable evidence), unless the
   criterion names management as its only evidence source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from auditdesk.i18n import gettext_for
from auditdesk.method.criteria import Catalogue, Criterion, EvidenceSource
from auditdesk.method.evidence import AnswerEvidence, Outcome, RecordObservation, worst
from auditdesk.method.policy import ScoringPolicy

_EPSILON = 1e-9


@dataclass(frozen=True)
class SourceObservation:
    """One source's judgement on one criterion, with the answers behind it."""

    source: EvidenceSource
    outcome: Outcome
    answers: tuple[AnswerEvidence, ...]
    summary: str
    """A sentence quoting the deciding answers, e.g. for a contradiction note."""
    respondents: int = 0
    """Worker interviews that gave a graded judgement (workers only)."""
    non_compliant: int = 0
    partly: int = 0
    threshold: float | None = None


@dataclass(frozen=True)
class Contradiction:
    """Two sources that disagree: the first found compliance, the second a breach."""

    claimed_by: EvidenceSource
    claim: str
    contradicted_by: EvidenceSource
    evidence: str
    text: str


@dataclass(frozen=True)
class CriterionResult:
    """The triangulated result for one criterion."""

    criterion: Criterion
    outcome: Outcome
    sources: Mapping[EvidenceSource, SourceObservation]
    contradictions: tuple[Contradiction, ...] = ()
    notes: tuple[str, ...] = ()
    verified: bool = False
    missing_sources: tuple[EvidenceSource, ...] = ()
    """Sources the criterion names that gave no graded judgement (yet)."""

    @property
    def code(self) -> str:
        return self.criterion.code

    @property
    def area(self) -> str:
        return self.criterion.area


def triangulate_all(
    catalogue: Catalogue,
    observed: Mapping[str, Sequence[RecordObservation]],
    policy: ScoringPolicy | None = None,
    language: str = "en",
) -> tuple[CriterionResult, ...]:
    """One result per catalogue criterion, in catalogue order."""
    policy = policy or ScoringPolicy()
    return tuple(
        triangulate(criterion, observed.get(code, ()), policy, language)
        for code, criterion in catalogue.criteria.items()
    )


def triangulate(
    criterion: Criterion,
    observations: Iterable[RecordObservation],
    policy: ScoringPolicy,
    language: str = "en",
) -> CriterionResult:
    _ = gettext_for(language).gettext
    by_source: dict[EvidenceSource, list[RecordObservation]] = {}
    for observation in observations:
        by_source.setdefault(observation.record.source, []).append(observation)
    sources: dict[EvidenceSource, SourceObservation] = {}
    notes: list[str] = []
    for source in EvidenceSource:
        if source not in by_source:
            continue
        if source is EvidenceSource.WORKERS:
            threshold = policy.threshold_for(criterion)
            observed, note = _workers(by_source[source], threshold, _)
            if note:
                notes.append(note)
        else:
            observed = _single_source(source, by_source[source], _)
        sources[source] = observed
    graded = [s for s in sources.values() if s.outcome.assessed]
    outcome = worst(s.outcome for s in sources.values())
    contradictions = _contradictions(sources.values(), _)
    verified = outcome is Outcome.COMPLIANT and (
        any(s.source is not EvidenceSource.MANAGEMENT for s in graded)
        or set(criterion.evidence) <= {EvidenceSource.MANAGEMENT}
    )
    if outcome is Outcome.COMPLIANT and not verified:
        notes.append(_("Compliant on management's word only; not verified by other evidence."))
    missing = tuple(
        source
        for source in criterion.evidence
        if source not in sources or not sources[source].outcome.assessed
    )
    return CriterionResult(
        criterion=criterion,
        outcome=outcome,
        sources=MappingProxyType(sources),
        contradictions=contradictions,
        notes=tuple(notes),
        verified=verified,
        missing_sources=missing,
    )


Translate = Callable[[str], str]


def _single_source(
    source: EvidenceSource, observations: Sequence[RecordObservation], _: Translate
) -> SourceObservation:
    answers = tuple(answer for obs in observations for answer in obs.answers)
    outcome = worst(obs.outcome for obs in observations)
    deciding = [a for a in answers if a.scored and a.outcome is outcome][:2]
    quotes = "; ".join(_quote(answer) for answer in deciding)
    lead = {
        EvidenceSource.MANAGEMENT: _("Management answered"),
        EvidenceSource.DOCUMENTS: _("The document review recorded"),
        EvidenceSource.OBSERVATION: _("Observation recorded"),
        EvidenceSource.WORKERS: _("Workers answered"),
    }[source]
    summary = f"{lead} {quotes}" if quotes else lead
    return SourceObservation(source=source, outcome=outcome, answers=answers, summary=summary)


def _workers(
    observations: Sequence[RecordObservation], threshold: float, _: Translate
) -> tuple[SourceObservation, str]:
    answers = tuple(answer for obs in observations for answer in obs.answers)
    graded = [obs for obs in observations if obs.outcome.assessed]
    respondents = len(graded)
    non_compliant = sum(obs.outcome is Outcome.NON_COMPLIANT for obs in graded)
    partly = sum(obs.outcome is Outcome.PARTLY for obs in graded)
    note = ""
    if not respondents:
        outcome = worst(obs.outcome for obs in observations)
    elif non_compliant and non_compliant / respondents >= threshold - _EPSILON:
        outcome = Outcome.NON_COMPLIANT
    elif non_compliant + partly and (non_compliant + partly) / respondents >= threshold - _EPSILON:
        outcome = Outcome.PARTLY
    else:
        outcome = Outcome.COMPLIANT
        if non_compliant + partly:
            note = _(
                "{count} of {total} worker interviews ({share}) reported otherwise, "
                "below the {threshold} threshold."
            ).format(
                count=non_compliant + partly,
                total=respondents,
                share=percent((non_compliant + partly) / respondents),
                threshold=percent(threshold),
            )
    groups = any(obs.record.is_group for obs in graded)
    dissent = [
        a for a in answers if a.scored and a.outcome in (Outcome.NON_COMPLIANT, Outcome.PARTLY)
    ]
    if outcome in (Outcome.NON_COMPLIANT, Outcome.PARTLY) and dissent:
        count = non_compliant if outcome is Outcome.NON_COMPLIANT else non_compliant + partly
        summary = _("{count} of {total} {who} ({share}) answered {quote}").format(
            count=count,
            total=respondents,
            who=_("worker interviews") if groups else _("interviewed workers"),
            share=percent(count / respondents),
            quote=_most_common_quote(dissent),
        )
    elif respondents:
        summary = _("{total} {who} answered {quote}").format(
            total=respondents,
            who=_("worker interviews") if groups else _("interviewed workers"),
            quote=_most_common_quote([a for a in answers if a.scored and a.outcome.assessed]),
        )
    else:
        summary = _("Workers gave no graded answer")
    return (
        SourceObservation(
            source=EvidenceSource.WORKERS,
            outcome=outcome,
            answers=answers,
            summary=summary,
            respondents=respondents,
            non_compliant=non_compliant,
            partly=partly,
            threshold=threshold,
        ),
        note,
    )


def _contradictions(
    sources: Iterable[SourceObservation], _: Translate
) -> tuple[Contradiction, ...]:
    listed = list(sources)
    claims = [s for s in listed if s.outcome in (Outcome.COMPLIANT, Outcome.NOT_APPLICABLE)]
    breaches = [s for s in listed if s.outcome is Outcome.NON_COMPLIANT]
    found = []
    for claim in claims:
        for breach in breaches:
            text = _("{claim}; but {evidence}").format(claim=claim.summary, evidence=breach.summary)
            found.append(
                Contradiction(
                    claimed_by=claim.source,
                    claim=claim.summary,
                    contradicted_by=breach.source,
                    evidence=breach.summary,
                    text=text,
                )
            )
    return tuple(found)


def _quote(answer: AnswerEvidence) -> str:
    return f"“{answer.label}”: {answer.answer or '—'}"


def _most_common_quote(answers: Sequence[AnswerEvidence]) -> str:
    if not answers:
        return "—"
    counts = Counter((a.label, a.answer) for a in answers)
    (label, text), _count = counts.most_common(1)[0]
    return f"“{label}”: {text or '—'}"


def percent(share: float) -> str:
    """37.5 % reads as 38%: halves round up, as people expect."""
    return f"{int(share * 100 + 0.5)}%"
