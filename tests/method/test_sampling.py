"""The square-root interview plan and tracking of interviews done."""

from __future__ import annotations

import pytest
from method_builders import load_markdown

from auditdesk.domain import RecordKind
from auditdesk.method.evidence import AuditEvidence, EvidenceRecord
from auditdesk.method.sampling import (
    InterviewDone,
    InterviewKind,
    SamplingError,
    recommend_sample,
    sampling_progress,
    track_sampling,
)


@pytest.mark.parametrize(
    ("headcount", "individual", "groups"),
    [
        (50, 4, (4,)),  # ⌈√50⌉ = 8: 4 alone, one group of 4
        (1, 1, ()),
        (2, 2, ()),  # ⌈√2⌉ = 2: a lone worker cannot form a group, so both alone
        (10, 2, (2,)),  # ⌈√10⌉ = 4
        (49, 4, (3,)),  # √49 = 7 exactly: the odd interview goes to the individual half
        (100, 5, (5,)),
        (101, 6, (5,)),  # ⌈√101⌉ = 11
        (1000, 16, (4, 4, 4, 4)),  # ⌈√1000⌉ = 32: 16 in groups of at most 5, evenly
        (2000, 23, (5, 5, 4, 4, 4)),  # ⌈√2000⌉ = 45: 22 in groups
    ],
)
def test_square_root_rule(headcount: int, individual: int, groups: tuple[int, ...]) -> None:
    plan = recommend_sample(headcount)
    assert plan.individual == individual
    assert plan.group_sizes == groups
    assert plan.interviews == individual + sum(groups)
    assert all(2 <= size <= 5 for size in plan.group_sizes)


def test_fifty_workers_means_eight_interviews() -> None:
    plan = recommend_sample(50)
    assert (plan.interviews, plan.individual, plan.groups, plan.in_groups) == (8, 4, 1, 4)


@pytest.mark.parametrize("headcount", [0, -3])
def test_no_plan_without_workers(headcount: int) -> None:
    with pytest.raises(SamplingError, match="at least 1"):
        recommend_sample(headcount)


def test_headcount_must_be_a_whole_number() -> None:
    with pytest.raises(SamplingError, match="whole number"):
        recommend_sample(12.5)  # type: ignore[arg-type]


def test_progress_and_coverage() -> None:
    plan = recommend_sample(50)
    done = [
        InterviewDone(
            InterviewKind.INDIVIDUAL,
            categories={"contract_type": ("permanent",), "gender": ("woman",)},
        ),
        InterviewDone(
            InterviewKind.INDIVIDUAL,
            categories={"contract_type": ("agency",), "gender": ("woman",)},
        ),
        InterviewDone(
            InterviewKind.GROUP,
            participants=4,
            categories={"contract_type": ("agency", "permanent"), "gender": ("man", "woman")},
        ),
    ]
    progress = track_sampling(plan, done)
    assert (progress.individual_done, progress.groups_done) == (2, 1)
    assert progress.workers_heard == 6
    assert progress.individual_remaining == 2
    assert progress.in_groups_remaining == 0
    assert not progress.complete
    assert progress.coverage["gender"] == {"woman": 3, "man": 1}
    assert progress.coverage["contract_type"] == {"permanent": 2, "agency": 2}
    assert progress.uncovered({"shift": ("day", "night"), "gender": ("woman", "man")}) == {
        "shift": ("day", "night")
    }

    more = [*done, InterviewDone(InterviewKind.INDIVIDUAL), InterviewDone(InterviewKind.INDIVIDUAL)]
    assert track_sampling(plan, more).complete


def test_extra_individual_interviews_may_stand_in_for_group_places() -> None:
    plan = recommend_sample(50)  # 4 alone + 4 in a group
    alone = [InterviewDone(InterviewKind.INDIVIDUAL)] * 8
    assert track_sampling(plan, alone).complete
    grouped = [InterviewDone(InterviewKind.GROUP, participants=5)] * 2
    assert not track_sampling(plan, grouped).complete


def _forms():
    worker = load_markdown(
        "| survey |\n| | type | name | label | relevant |\n"
        "| | select_one yn | consent | Consent? | |\n"
        "| | begin_group | profile | About you | ${consent} = 'yes' |\n"
        "| | select_one ct | contract_type | Contract | |\n"
        "| | select_one g | gender | Gender | |\n"
        "| | end_group | | | |\n"
        "| choices |\n| | list_name | name | label |\n| | yn | yes | Yes |\n| | yn | no | No |\n"
        "| | ct | permanent | Permanent |\n| | ct | agency | Agency |\n"
        "| | g | woman | Woman |\n| | g | man | Man |\n"
        "| settings |\n| | form_id | version |\n| | worker_interview | 1 |\n",
        "worker_interview",
    )
    group = load_markdown(
        "| survey |\n| | type | name | label |\n"
        "| | begin_group | setup | Group |\n"
        "| | integer | group_size | Participants |\n"
        "| | integer | women_count | Women |\n"
        "| | select_multiple ct | contract_types | Contracts present |\n"
        "| | end_group | | |\n"
        "| choices |\n| | list_name | name | label |\n"
        "| | ct | permanent | Permanent |\n| | ct | agency | Agency |\n"
        "| settings |\n| | form_id | version |\n| | worker_group_interview | 1 |\n",
        "worker_group_interview",
    )
    profile = load_markdown(
        "| survey |\n| | type | name | label |\n| | integer | headcount | Workers (N) |\n"
        "| settings |\n| | form_id | version |\n| | site_profile | 1 |\n",
        "site_profile",
    )
    return {d.form_id: d for d in (worker, group, profile)}


def test_progress_is_read_from_the_interview_records() -> None:
    def rec(form_id: str, kind: RecordKind, answers: dict) -> EvidenceRecord:
        return EvidenceRecord(f"r{len(answers)}{form_id}", form_id, kind, answers)

    records = (
        rec("site_profile", RecordKind.SITE_PROFILE, {"headcount": 50}),
        rec(
            "worker_interview",
            RecordKind.WORKER_INTERVIEW,
            {"consent": "yes", "profile/contract_type": "agency", "profile/gender": "woman"},
        ),
        # Declined: not an interview, and nothing else was recorded.
        rec("worker_interview", RecordKind.WORKER_INTERVIEW, {"consent": "no"}),
        rec(
            "worker_group_interview",
            RecordKind.WORKER_GROUP_INTERVIEW,
            {"setup/group_size": 4, "setup/women_count": 4, "setup/contract_types": ["permanent"]},
        ),
    )
    progress = sampling_progress(AuditEvidence(records, _forms()))
    assert progress.plan.interviews == 8
    assert (progress.individual_done, progress.groups_done, progress.workers_heard) == (1, 1, 5)
    assert progress.coverage["contract_type"] == {"agency": 1, "permanent": 1}
    assert progress.coverage["gender"] == {"woman": 2}
    assert progress.individual_remaining == 3


def test_progress_needs_a_headcount() -> None:
    with pytest.raises(SamplingError, match="site profile"):
        sampling_progress(AuditEvidence((), _forms()))
