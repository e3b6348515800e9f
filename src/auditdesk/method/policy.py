"""The scoring choices an NGO may tune; the defaults are the documented method."""

from __future__ import annotations

from dataclasses import dataclass

from auditdesk.method.criteria import Criterion

DEFAULT_WORKER_THRESHOLD = 0.2
UNKNOWN_ANSWERS: tuple[str, ...] = ("dont_know", "dk", "unknown", "prefer_not")
"""Choice names that mean "I don't know" or "I'd rather not say" in the bundled forms."""


@dataclass(frozen=True)
class ScoringPolicy:
    worker_threshold: float = DEFAULT_WORKER_THRESHOLD
    """Share of worker interviews that must report a breach for the workers' evidence
    to be non-compliant, when the criterion sets none (0: a single report decides)."""
    critical_rating_cap: int = 0
    """The highest Fairwork-style rating shown while a zero-tolerance alert stands."""
    unknown_answers: tuple[str, ...] = UNKNOWN_ANSWERS
    """Answers that are no evidence either way: when none of a question's expressions
    holds for them they count as *not assessed*, not as a breach. "I don't know whether
    workers pay fees" must not raise a zero-tolerance alert on its own."""

    def __post_init__(self) -> None:
        if not 0 <= self.worker_threshold <= 1:
            raise ValueError(
                f"worker_threshold must be a share from 0 to 1, got {self.worker_threshold}"
            )
        if not 0 <= self.critical_rating_cap <= 10:
            raise ValueError(
                f"critical_rating_cap must be between 0 and 10, got {self.critical_rating_cap}"
            )

    def threshold_for(self, criterion: Criterion) -> float:
        if criterion.worker_threshold is not None:
            return criterion.worker_threshold
        return self.worker_threshold
