"""Calibration: agreement and Cohen's kappa against hand-computed values, findings missed,
extra and re-graded, and the command on real exported workbooks (JSON and PDF)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from training_scene import CHANGED_CRITERIA, Scene, run

from auditdesk.method.evidence import Outcome
from auditdesk.training.calibration import calibrate, cohen_kappa, compare_with_reference
from auditdesk.training.criteria_guide import read_criteria_guide
from auditdesk.training.exported_audit import CriterionCall, ExportedAudit, FindingCall

C, P, N, A, S = (
    Outcome.COMPLIANT,
    Outcome.PARTLY,
    Outcome.NON_COMPLIANT,
    Outcome.NOT_APPLICABLE,
    Outcome.NOT_ASSESSED,
)
CODES = ("A1", "A2", "A3", "A4", "B1", "B2", "B3", "C1", "C2", "C3")
REFERENCE = (C, C, C, C, N, N, P, A, S, C)
TRAINEE = (C, C, C, N, N, C, P, A, C, P)


def audit(
    name: str,
    results: tuple[Outcome, ...],
    findings: dict[str, str],
    *,
    training: bool = True,
    site: str = "Tala Annotation Hub",
) -> ExportedAudit:
    criteria = {
        code: CriterionCall(code, code[0], f"title {code}", "major", result)
        for code, result in zip(CODES, results, strict=True)
    }
    return ExportedAudit(
        path=Path(name),
        audit_uuid=f"uuid-{name}",
        site_name=site,
        lead_auditor="AUD-01",
        training=training,
        criteria=criteria,
        findings={code: FindingCall(code, sev, f"title {code}") for code, sev in findings.items()},
    )


def test_agreement_and_kappa_match_the_hand_computed_values() -> None:
    reference = audit("reference.xlsx", REFERENCE, {})
    trainee = audit("trainee.xlsx", TRAINEE, {})

    result = compare_with_reference(reference, trainee)

    # Same result on A1, A2, A3, B1, B3, C1: 6 of 10.
    assert (result.agreed, result.compared) == (6, 10)
    assert result.overall_agreement == pytest.approx(0.6)
    # Reference used C 5×, N 2×, P 1×, A 1×, S 1×; trainee C 5×, N 2×, P 2×, A 1×.
    # p_e = (5·5 + 2·2 + 1·2 + 1·1 + 1·0) / 10² = 0.32;  κ = (0.6 − 0.32) / (1 − 0.32)
    assert result.kappa == pytest.approx((0.6 - 0.32) / (1 - 0.32))
    assert result.kappa == pytest.approx(0.4118, abs=1e-4)
    areas = {area.area: (area.agreed, area.compared) for area in result.areas}
    assert areas == {"A": (3, 4), "B": (2, 3), "C": (1, 3)}
    assert [(d.criterion, d.reference, d.trainee) for d in result.disagreements] == [
        ("A4", C, N),
        ("B2", N, C),
        ("C2", S, C),
        ("C3", C, P),
    ]
    assert result.confusion()[C][N] == 1
    assert result.confusion()[C][C] == 3


def test_leaving_out_not_assessed_changes_the_figures_as_documented() -> None:
    reference = audit("reference.xlsx", REFERENCE, {})
    trainee = audit("trainee.xlsx", TRAINEE, {})

    result = compare_with_reference(reference, trainee, include_not_assessed=False)

    # C2 (reference not assessed) is dropped: 6 of 9 agree; reference C5 N2 P1 A1,
    # trainee C4 N2 P2 A1 → p_e = (20 + 4 + 2 + 1) / 81 = 1/3; κ = (2/3 − 1/3) / (2/3).
    assert (result.agreed, result.compared) == (6, 9)
    assert result.kappa == pytest.approx(0.5)
    assert "C2" not in {d.criterion for d in result.disagreements}


def test_kappa_is_undefined_when_both_raters_use_one_category_only() -> None:
    assert cohen_kappa([("compliant", "compliant")] * 4) is None
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    assert cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)


def test_findings_missed_extra_and_regraded_are_listed() -> None:
    reference = audit("reference.xlsx", REFERENCE, {"A4": "major", "B1": "critical", "C2": "minor"})
    trainee = audit("trainee.xlsx", TRAINEE, {"B1": "major", "C3": "minor"})

    result = compare_with_reference(reference, trainee)

    assert [f.criterion for f in result.missed_findings] == ["A4", "C2"]
    assert [f.criterion for f in result.extra_findings] == ["C3"]
    assert [(d.criterion, d.reference, d.trainee) for d in result.severity_differences] == [
        ("B1", "critical", "major")
    ]


def test_suspect_inputs_are_warned_about() -> None:
    reference = audit("reference.xlsx", REFERENCE, {}, training=False)
    real = audit("real.xlsx", TRAINEE, {}, training=False, site="Somewhere else")

    report = calibrate(reference, [real])

    text = "\n".join(report.warnings)
    assert "reference is not marked as training" in text
    assert "real.xlsx: not marked as training" in text
    assert "Somewhere else" in text


def test_every_bundled_criterion_has_guidance_and_references() -> None:
    guide = read_criteria_guide()
    assert len(guide) >= 70
    assert all(item.guidance and item.references for item in guide.values())
    assert guide["J3"].severity == "critical"


def criteria_results(workbook: Path) -> dict[str, str]:
    """The Criteria sheet read independently of the calibration code (openpyxl)."""
    sheet = load_workbook(workbook, read_only=True)["Criteria"]
    rows = list(sheet.iter_rows(values_only=True))
    code_at, result_at = rows[0].index("criterion"), rows[0].index("result")
    return {str(row[code_at]): str(row[result_at]) for row in rows[1:] if row[code_at]}


def test_the_crafted_trainee_differs_exactly_on_the_three_changed_criteria(
    calibration_scene: Scene,
) -> None:
    result = run(
        "calibrate",
        str(calibration_scene.trainee.workbook),
        "--reference",
        str(calibration_scene.reference.workbook),
        "--json",
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    trainee = payload["trainees"][0]

    reference = criteria_results(calibration_scene.reference.workbook)
    graded = criteria_results(calibration_scene.trainee.workbook)
    differing = sorted(code for code in reference if graded.get(code) != reference[code])
    assert differing == list(CHANGED_CRITERIA)
    assert {d["criterion"]: (d["reference"], d["trainee"]) for d in trainee["disagreements"]} == {
        "D4": ("non_compliant", "compliant"),
        "J3": ("non_compliant", "compliant"),
        "K2": ("non_compliant", "compliant"),
    }
    total = len(reference)
    assert trainee["overall_agreement"] == pytest.approx((total - 3) / total, abs=1e-4)
    pairs = [(reference[code], graded.get(code, "not_assessed")) for code in reference]
    assert trainee["kappa"] == pytest.approx(cohen_kappa(pairs), abs=1e-4)
    assert 0.9 < trainee["kappa"] < 1.0
    assert trainee["areas"]["J"]["agreed"] == trainee["areas"]["J"]["compared"] - 1
    assert trainee["areas"]["A"]["agreement"] == 1.0
    # The two critical findings the trainee did not make, and the webcam one.
    assert {(f["criterion"], f["severity"]) for f in trainee["missed_findings"]} == {
        ("D4", "critical"),
        ("J3", "critical"),
        ("K2", "major"),
    }
    assert trainee["extra_findings"] == []
    j3 = next(d for d in trainee["disagreements"] if d["criterion"] == "J3")
    assert "RBA" in j3["references"]
    assert j3["guidance"]
    assert payload["warnings"] == []


def test_several_trainees_make_one_table_and_a_pdf_report(calibration_scene: Scene) -> None:
    pdf = calibration_scene.folder / "calibration.pdf"
    result = run(
        "calibrate",
        str(calibration_scene.trainee.workbook),
        str(calibration_scene.reference.workbook),
        "--reference",
        str(calibration_scene.reference.workbook),
        "-o",
        str(pdf),
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("trainee-07.xlsx") and "96%" in line for line in lines)
    assert any(line.startswith("reference.xlsx") and "100%" in line for line in lines)
    assert "the same audit as the reference" in result.output

    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CALIBRATION REPORT" in text
    assert "trainee-07.xlsx" in text
    assert "Free to resign without penalty" in text
    assert "What to check:" in text
    assert "Agreement by area" in text


def test_a_file_that_is_not_an_audit_workbook_is_refused_plainly(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.xlsx"
    bogus.write_text("not a workbook")
    result = run("calibrate", str(bogus), "--reference", str(bogus))
    assert result.exit_code == 1
    assert "notes.xlsx" in result.output
    assert "Traceback" not in result.output
