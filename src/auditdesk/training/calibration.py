"""Calibration: where a trainee's judgement differs from an experienced auditor's.

A trainee audits a training case and exports the audit; the reference is the case's own
audit (an experienced auditor's answers) exported the same way. Both workbooks carry one
result per criterion (``Criteria`` sheet) and their standing findings (``Findings``).

Measures, per trainee:

* **agreement** — the share of criteria given the same result, overall and per area A–L;
* **Cohen's kappa** on the criterion classifications, over the five categories compliant,
  partly, non-compliant, not applicable and not assessed: agreement corrected for what
  two raters with these category frequencies would reach by chance,
  ``κ = (p_o − p_e) / (1 − p_e)``; undefined (``None``) when both put every criterion in
  the same single category;
* **findings** missed (the reference has a finding on the criterion, the trainee none),
  extra (the other way round) and severity differences (both, graded differently);
* every disagreement with the criterion's guidance and framework references.

*Not assessed* counts as a category by default: a criterion the reference graded and the
trainee left unassessed is a disagreement, since not gathering the evidence is itself a
calibration error. ``include_not_assessed=False`` leaves out every criterion either side
did not assess (agreement and kappa then measure judgement on shared evidence only).
A criterion missing from one workbook counts as not assessed there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from auditdesk.method.criteria import criterion_sort_key
from auditdesk.method.evidence import Outcome
from auditdesk.training.criteria_guide import CriterionGuide, read_criteria_guide
from auditdesk.training.exported_audit import (
    CriterionCall,
    ExportedAudit,
    FindingCall,
    read_exported_audit,
)

CATEGORIES: tuple[Outcome, ...] = tuple(Outcome)
"""The classification categories, in the order tables show them."""

JsonObject = dict[str, object]


def cohen_kappa(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels, one ``(first, second)`` pair per item.

    ``None`` when it is undefined: no items, or chance agreement of 1 (both raters used
    one and the same category throughout).
    """
    items = list(pairs)
    total = len(items)
    if total == 0:
        return None
    observed = sum(first == second for first, second in items) / total
    first_counts = Counter(first for first, _ in items)
    second_counts = Counter(second for _, second in items)
    expected = sum(
        (first_counts[label] / total) * (second_counts[label] / total) for label in first_counts
    )
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


@dataclass(frozen=True)
class Disagreement:
    criterion: str
    area: str
    title: str
    severity: str
    reference: Outcome
    trainee: Outcome
    guidance: str
    references: str

    def to_json(self) -> JsonObject:
        return {
            "criterion": self.criterion,
            "area": self.area,
            "title": self.title,
            "severity": self.severity,
            "reference": self.reference.value,
            "trainee": self.trainee.value,
            "guidance": self.guidance,
            "references": self.references,
        }


@dataclass(frozen=True)
class AreaAgreement:
    area: str
    compared: int
    agreed: int

    @property
    def agreement(self) -> float | None:
        return self.agreed / self.compared if self.compared else None


@dataclass(frozen=True)
class SeverityDifference:
    criterion: str
    title: str
    reference: str
    trainee: str


@dataclass(frozen=True)
class TraineeCalibration:
    """One trainee's workbook compared with the reference."""

    file: str
    audit_uuid: str
    training: bool
    pairs: tuple[tuple[str, Outcome, Outcome], ...]
    """(criterion, reference result, trainee result) for every criterion compared."""
    areas: tuple[AreaAgreement, ...]
    disagreements: tuple[Disagreement, ...]
    missed_findings: tuple[FindingCall, ...]
    extra_findings: tuple[FindingCall, ...]
    severity_differences: tuple[SeverityDifference, ...]
    kappa: float | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "kappa", cohen_kappa((ref.value, tr.value) for _, ref, tr in self.pairs)
        )

    @property
    def compared(self) -> int:
        return len(self.pairs)

    @property
    def agreed(self) -> int:
        return sum(ref is tr for _, ref, tr in self.pairs)

    @property
    def overall_agreement(self) -> float:
        return self.agreed / self.compared if self.compared else 0.0

    def confusion(self) -> dict[Outcome, dict[Outcome, int]]:
        """Counts by reference result (rows) and trainee result (columns)."""
        table = {ref: dict.fromkeys(CATEGORIES, 0) for ref in CATEGORIES}
        for _, ref, tr in self.pairs:
            table[ref][tr] += 1
        return table

    def to_json(self) -> JsonObject:
        return {
            "file": self.file,
            "audit_uuid": self.audit_uuid,
            "training": self.training,
            "compared": self.compared,
            "agreed": self.agreed,
            "overall_agreement": round(self.overall_agreement, 4),
            "kappa": None if self.kappa is None else round(self.kappa, 4),
            "areas": {
                area.area: {
                    "compared": area.compared,
                    "agreed": area.agreed,
                    "agreement": None if area.agreement is None else round(area.agreement, 4),
                }
                for area in self.areas
            },
            "confusion": {
                ref.value: {tr.value: count for tr, count in row.items()}
                for ref, row in self.confusion().items()
            },
            "disagreements": [item.to_json() for item in self.disagreements],
            "missed_findings": [_finding_json(item) for item in self.missed_findings],
            "extra_findings": [_finding_json(item) for item in self.extra_findings],
            "severity_differences": [
                {
                    "criterion": item.criterion,
                    "title": item.title,
                    "reference": item.reference,
                    "trainee": item.trainee,
                }
                for item in self.severity_differences
            ],
        }


@dataclass(frozen=True)
class CalibrationReport:
    reference_file: str
    reference_audit_uuid: str
    site_name: str
    include_not_assessed: bool
    trainees: tuple[TraineeCalibration, ...]
    warnings: tuple[str, ...] = ()

    def to_json(self) -> JsonObject:
        return {
            "reference": {
                "file": self.reference_file,
                "audit_uuid": self.reference_audit_uuid,
                "site_name": self.site_name,
            },
            "categories": [category.value for category in CATEGORIES],
            "not_assessed_included": self.include_not_assessed,
            "trainees": [trainee.to_json() for trainee in self.trainees],
            "warnings": list(self.warnings),
        }


def _finding_json(finding: FindingCall) -> JsonObject:
    return {"criterion": finding.criterion, "severity": finding.severity, "title": finding.title}


def compare_with_reference(
    reference: ExportedAudit,
    trainee: ExportedAudit,
    *,
    guide: Mapping[str, CriterionGuide] | None = None,
    include_not_assessed: bool = True,
) -> TraineeCalibration:
    """Agreement, kappa, findings and disagreements of one trainee against the reference."""
    guide = guide or {}
    codes = sorted({*reference.criteria, *trainee.criteria}, key=criterion_sort_key)
    pairs: list[tuple[str, Outcome, Outcome]] = []
    for code in codes:
        ref = _result(reference.criteria.get(code))
        tr = _result(trainee.criteria.get(code))
        if not include_not_assessed and Outcome.NOT_ASSESSED in (ref, tr):
            continue
        pairs.append((code, ref, tr))

    def call(code: str) -> CriterionCall | None:
        return reference.criteria.get(code) or trainee.criteria.get(code)

    def area_of(code: str) -> str:
        known = call(code)
        return known.area if known else guide[code].area if code in guide else code[:1]

    by_area: dict[str, list[bool]] = {}
    for code, ref, tr in pairs:
        by_area.setdefault(area_of(code), []).append(ref is tr)
    areas = tuple(
        AreaAgreement(area, len(agreed), sum(agreed)) for area, agreed in sorted(by_area.items())
    )
    disagreements = []
    for code, ref, tr in pairs:
        if ref is tr:
            continue
        known, explained = call(code), guide.get(code)
        disagreements.append(
            Disagreement(
                criterion=code,
                area=area_of(code),
                title=(known.title if known else "") or (explained.title if explained else code),
                severity=(known.severity if known else "")
                or (explained.severity if explained else ""),
                reference=ref,
                trainee=tr,
                guidance=explained.guidance if explained else "",
                references=explained.references if explained else "",
            )
        )
    missed = [f for code, f in reference.findings.items() if code not in trainee.findings]
    extra = [f for code, f in trainee.findings.items() if code not in reference.findings]
    severity = [
        SeverityDifference(code, f.title, f.severity, trainee.findings[code].severity)
        for code, f in reference.findings.items()
        if code in trainee.findings and trainee.findings[code].severity != f.severity
    ]
    return TraineeCalibration(
        file=trainee.label,
        audit_uuid=trainee.audit_uuid,
        training=trainee.training,
        pairs=tuple(pairs),
        areas=areas,
        disagreements=tuple(disagreements),
        missed_findings=_sorted_findings(missed),
        extra_findings=_sorted_findings(extra),
        severity_differences=tuple(
            sorted(severity, key=lambda item: criterion_sort_key(item.criterion))
        ),
    )


def calibrate(
    reference: ExportedAudit,
    trainees: Sequence[ExportedAudit],
    *,
    guide: Mapping[str, CriterionGuide] | None = None,
    include_not_assessed: bool = True,
) -> CalibrationReport:
    """Every trainee against the same reference, with warnings about suspect inputs."""
    warnings = []
    if not reference.training:
        warnings.append(
            f"{reference.label}: the reference is not marked as training data; "
            "calibrate against a training case's reference audit"
        )
    for trainee in trainees:
        if trainee.audit_uuid == reference.audit_uuid:
            warnings.append(f"{trainee.label}: the same audit as the reference")
        if not trainee.training:
            warnings.append(f"{trainee.label}: not marked as training data")
        if trainee.site_name and reference.site_name and trainee.site_name != reference.site_name:
            warnings.append(
                f"{trainee.label}: site {trainee.site_name!r}, but the reference audited "
                f"{reference.site_name!r}; is it the same case?"
            )
    return CalibrationReport(
        reference_file=reference.label,
        reference_audit_uuid=reference.audit_uuid,
        site_name=reference.site_name,
        include_not_assessed=include_not_assessed,
        trainees=tuple(
            compare_with_reference(
                reference, trainee, guide=guide, include_not_assessed=include_not_assessed
            )
            for trainee in trainees
        ),
        warnings=tuple(warnings),
    )


def calibrate_files(
    reference: Path,
    trainees: Sequence[Path],
    *,
    include_not_assessed: bool = True,
    forms_dir: Path | None = None,
) -> CalibrationReport:
    """Read the workbooks and the bundled criteria guidance, then :func:`calibrate`.

    Raises :class:`~auditdesk.training.exported_audit.CalibrationInputError` for a file
    that is not an audit workbook.
    """
    reference_audit = read_exported_audit(reference)
    trainee_audits = [read_exported_audit(path) for path in trainees]
    return calibrate(
        reference_audit,
        trainee_audits,
        guide=read_criteria_guide(forms_dir),
        include_not_assessed=include_not_assessed,
    )


def _result(call: CriterionCall | None) -> Outcome:
    return call.result if call is not None else Outcome.NOT_ASSESSED


def _sorted_findings(findings: Iterable[FindingCall]) -> tuple[FindingCall, ...]:
    return tuple(sorted(findings, key=lambda item: criterion_sort_key(item.criterion)))
