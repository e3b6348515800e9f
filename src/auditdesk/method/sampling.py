"""How many workers to interview, and whether the interviews done cover the workforce.

The square-root rule (SRA seafood module, SMETA practice): interview about √N of a
site's N workers, half one to one and half in groups of two to five. We round √N up,
give the individual half the odd interview, and split the rest into as few groups as
the five-person cap allows, sized as evenly as possible. A single worker left for the
group half cannot form a group, so that worker is interviewed alone instead.

Coverage is counted from the worker-interview answers for the dimensions SMETA asks
auditors to spread their picks over; the question names are the worker interview's.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from auditdesk.domain import JsonValue, RecordKind
from auditdesk.formengine.definition import FormDefinition
from auditdesk.method.evidence import AuditEvidence, EvidenceRecord

MIN_GROUP_SIZE = 2
MAX_GROUP_SIZE = 5

COVERAGE_DIMENSIONS: tuple[str, ...] = ("contract_type", "gender", "shift", "work_type")
"""Question names in the individual worker interview whose answers spread the sample."""

GROUP_DIMENSIONS: Mapping[str, str] = MappingProxyType(
    {"contract_type": "contract_types", "shift": "shifts", "work_type": "work_types"}
)
"""Coverage dimension → the group interview's select_multiple of the categories present."""
GROUP_SIZE_QUESTION = "group_size"
GROUP_WOMEN_QUESTION = "women_count"
"""Groups record how many participants are women, not each person's gender."""
HEADCOUNT_QUESTION = "headcount"
CONSENT_QUESTIONS = ("consent", "group_consent")


class SamplingError(ValueError):
    """A headcount that no interview plan can be made for."""


@dataclass(frozen=True)
class SamplingPlan:
    """The recommended interviews for a site of ``headcount`` workers."""

    headcount: int
    individual: int
    group_sizes: tuple[int, ...]

    @property
    def interviews(self) -> int:
        """Workers to hear in all: individually plus in groups."""
        return self.individual + self.in_groups

    @property
    def groups(self) -> int:
        return len(self.group_sizes)

    @property
    def in_groups(self) -> int:
        return sum(self.group_sizes)


def recommend_sample(headcount: int) -> SamplingPlan:
    """⌈√N⌉ interviews: ⌈half⌉ individual, the rest in groups of 2–5."""
    if isinstance(headcount, bool) or not isinstance(headcount, int):
        raise SamplingError(f"headcount must be a whole number, got {headcount!r}")
    if headcount <= 0:
        raise SamplingError(
            f"headcount must be at least 1 to plan interviews, got {headcount}; "
            "record the site's number of workers in the site profile first"
        )
    total = math.isqrt(headcount - 1) + 1  # ⌈√N⌉ without floating-point error
    individual = math.ceil(total / 2)
    in_groups = total - individual
    if in_groups < MIN_GROUP_SIZE:
        individual, in_groups = total, 0
    groups = math.ceil(in_groups / MAX_GROUP_SIZE)
    sizes = _even_split(in_groups, groups)
    return SamplingPlan(headcount=headcount, individual=individual, group_sizes=sizes)


def _even_split(people: int, groups: int) -> tuple[int, ...]:
    if groups == 0:
        return ()
    base, extra = divmod(people, groups)
    return tuple(base + 1 if index < extra else base for index in range(groups))


class InterviewKind(StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"


@dataclass(frozen=True)
class InterviewDone:
    """One completed worker interview, as far as sampling cares.

    ``categories`` maps a coverage dimension to the answer's choice names (several for
    a group, whose form records the mix present as a select_multiple).
    """

    kind: InterviewKind
    participants: int = 1
    categories: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class SamplingProgress:
    """Planned against done, and who the interviews reached."""

    plan: SamplingPlan
    individual_done: int
    groups_done: int
    workers_in_groups_done: int
    coverage: Mapping[str, Mapping[str, int]]

    @property
    def workers_heard(self) -> int:
        return self.individual_done + self.workers_in_groups_done

    @property
    def individual_remaining(self) -> int:
        return max(0, self.plan.individual - self.individual_done)

    @property
    def in_groups_remaining(self) -> int:
        return max(0, self.plan.in_groups - self.workers_in_groups_done)

    @property
    def complete(self) -> bool:
        """The plan is met: enough individual interviews and enough workers in groups.

        Extra individual interviews may stand in for missing group places (they hear
        more, not less), never the other way round.
        """
        surplus = max(0, self.individual_done - self.plan.individual)
        return (
            self.individual_remaining == 0
            and self.workers_in_groups_done + surplus >= self.plan.in_groups
        )

    def uncovered(self, known: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
        """Per dimension, the categories from ``known`` (e.g. the form's choices) not yet heard."""
        missing: dict[str, tuple[str, ...]] = {}
        for dimension, categories in known.items():
            heard = self.coverage.get(dimension, {})
            gap = tuple(category for category in categories if not heard.get(category))
            if gap:
                missing[dimension] = gap
        return missing


def track_sampling(plan: SamplingPlan, interviews: Iterable[InterviewDone]) -> SamplingProgress:
    """Count the interviews done and the categories they reached.

    An individual interview counts one worker per category; a group counts each
    category present once (the group form records the mix, not a head count per
    category), which is what an auditor needs to see gaps.
    """
    individual = groups = in_groups = 0
    coverage: dict[str, Counter[str]] = {dimension: Counter() for dimension in COVERAGE_DIMENSIONS}
    for interview in interviews:
        if interview.kind is InterviewKind.GROUP:
            groups += 1
            in_groups += max(0, interview.participants)
        else:
            individual += 1
        for dimension, values in interview.categories.items():
            counter = coverage.setdefault(dimension, Counter())
            for value in dict.fromkeys(values):
                if value:
                    counter[value] += 1
    return SamplingProgress(
        plan=plan,
        individual_done=individual,
        groups_done=groups,
        workers_in_groups_done=in_groups,
        coverage=MappingProxyType(
            {dimension: MappingProxyType(dict(counter)) for dimension, counter in coverage.items()}
        ),
    )


def answer_named(definition: FormDefinition, record: EvidenceRecord, name: str) -> JsonValue:
    """The answer to the question called ``name`` wherever its group puts it."""
    element = definition.find(name)
    return record.answers.get(element.path if element is not None else name)


def _choices(value: JsonValue) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(item) for item in value if item)
    if isinstance(value, str):
        return tuple(value.split())
    return ()


def _whole(value: JsonValue) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def interviews_from_evidence(evidence: AuditEvidence) -> list[InterviewDone]:
    """The worker interviews held (consent given), with the categories they reached."""
    done: list[InterviewDone] = []
    for record in evidence.records:
        if record.kind not in (RecordKind.WORKER_INTERVIEW, RecordKind.WORKER_GROUP_INTERVIEW):
            continue
        definition = evidence.definition_for(record)
        consents = [answer_named(definition, record, name) for name in CONSENT_QUESTIONS]
        if any(consent not in (None, "yes") for consent in consents):
            continue  # declined: the record ends there and is no interview
        if record.kind is RecordKind.WORKER_INTERVIEW:
            done.append(
                InterviewDone(
                    InterviewKind.INDIVIDUAL,
                    categories={
                        dimension: _choices(answer_named(definition, record, dimension))
                        for dimension in COVERAGE_DIMENSIONS
                    },
                )
            )
            continue
        size = _whole(answer_named(definition, record, GROUP_SIZE_QUESTION))
        participants = size if size is not None else record.participants
        categories = {
            dimension: _choices(answer_named(definition, record, question))
            for dimension, question in GROUP_DIMENSIONS.items()
        }
        women = _whole(answer_named(definition, record, GROUP_WOMEN_QUESTION))
        if women is not None:
            present = []
            if women > 0:
                present.append("woman")
            if participants > women:
                present.append("not_woman")
            categories["gender"] = tuple(present)
        done.append(InterviewDone(InterviewKind.GROUP, participants, categories))
    return done


def headcount_from_evidence(evidence: AuditEvidence) -> int | None:
    """The headcount N recorded in the site profile, if any."""
    for record in evidence.records:
        if record.kind is RecordKind.SITE_PROFILE:
            value = _whole(
                answer_named(evidence.definition_for(record), record, HEADCOUNT_QUESTION)
            )
            if value is not None:
                return value
    return None


def sampling_progress(evidence: AuditEvidence, headcount: int | None = None) -> SamplingProgress:
    """Plan from ``headcount`` (else the site profile's) and count the interviews held."""
    if headcount is None:
        headcount = headcount_from_evidence(evidence)
    if headcount is None:
        raise SamplingError(
            "no headcount: record the number of workers (N) in the site profile first"
        )
    return track_sampling(recommend_sample(headcount), interviews_from_evidence(evidence))
