"""The audit workbook: its sheets and columns, values both readers agree on, formula
injection, and the per-sheet hashes ``auditdesk verify`` checks."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path
from typing import Any

import pytest
from export_scene import INJECTIONS, AuditScene
from python_calamine import CalamineWorkbook

from auditdesk.export.audience import Audience
from auditdesk.export.audit_data import ExportSettings
from auditdesk.export.cells import sheet_hash
from auditdesk.export.run import ExportRequest, export_audit
from auditdesk.export.workbook_manifest import WorkbookManifest, read_manifest_cells
from auditdesk.export.workbook_verify import verify_workbook
from auditdesk.formengine import QuestionDef
from auditdesk.jobs import Cancelled, CancelToken, Progress
from auditdesk.signing import SigningIdentity, VerificationStatus
from auditdesk.storage import Repository

FIXED = ["About", "Scores", "Criteria", "Findings"]
FORM_SHEETS = ["document_review", "payslip", "management_interview", "site_observation",
               "site_profile", "worker_group_interview", "worker_interview"]


def export_xlsx(repo: Repository, scene: AuditScene, target: Path, *,
                audience: Audience = Audience.CONFIDENTIAL,
                identity: SigningIdentity | None = None) -> Path:
    export_audit(repo, scene.audit.uuid,
                 ExportRequest(xlsx=target, settings=ExportSettings(audience), identity=identity))
    return target


def calamine_sheets(path: Path) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in book.sheet_names}


def openpyxl_sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def as_records(rows: list[Any]) -> list[dict[str, Any]]:
    header = list(rows[0])
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def test_the_workbook_has_every_sheet_in_order_and_a_hidden_manifest(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    path = export_xlsx(repo, scene, tmp_path / "audit.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == [*FIXED, *FORM_SHEETS, "Worker summary", "Answers", "Trail",
                               "_manifest"]
    assert book["_manifest"].sheet_state == "hidden"
    for name in book.sheetnames[:-1]:
        sheet = book[name]
        assert sheet.sheet_state == "visible"
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref.startswith("A1:"), name
        assert all(cell.font.bold for cell in sheet[1]), name
    assert len(book["Scores"]._charts) == 1


def test_about_names_the_audit_the_format_and_every_form_version(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    about = {row[0]: row[1] for row in calamine_sheets(
        export_xlsx(repo, scene, tmp_path / "audit.xlsx"))["About"][1:]}
    assert about["format"] == "auditdesk-workbook"
    assert about["format_version"] == 1
    assert about["audit_uuid"] == scene.audit.uuid
    assert about["site_name"] == "Nairobi annotation centre"
    assert about["audience"] == "confidential"
    assert about["training"] == "no"
    assert about["started_on"] == datetime.date(2026, 3, 2)
    assert isinstance(about["exported_at"], datetime.datetime)
    for form_id, definition in scene.definitions.items():
        assert about[f"form:{form_id}"] == definition.version


def test_form_sheets_use_kobo_headers_with_system_codes_labels_and_choice_columns(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    sheets = calamine_sheets(export_xlsx(repo, scene, tmp_path / "audit.xlsx"))
    workers = sheets["worker_interview"]
    header = workers[0]
    assert header[:7] == ["_uuid", "_kind", "_respondent_code", "_started", "_ended",
                          "_form_version", "_status"]
    assert "pay/late_pay" in header
    assert "pay/late_pay:label" in header
    definition = scene.definitions["auditdesk_worker_interview"]
    unpaid = definition.by_path("pay/unpaid_activities")
    assert isinstance(unpaid, QuestionDef)
    choice_columns = [f"pay/unpaid_activities/{c.name}" for c in unpaid.choices]
    start = header.index("pay/unpaid_activities")
    assert header[start + 1] == "pay/unpaid_activities:label"
    assert header[start + 2: start + 2 + len(choice_columns)] == choice_columns
    rows = as_records(workers)
    assert sorted(row["_uuid"] for row in rows) == sorted(
        r.uuid for r in scene.records["auditdesk_worker_interview"])
    for row in rows:
        chosen = set(row["pay/unpaid_activities"].split())
        assert {c for c in choice_columns if row[c] == 1} == {
            f"pay/unpaid_activities/{name}" for name in chosen}
        assert all(row[c] in (0, 1) for c in choice_columns)
        assert isinstance(row["_started"], datetime.datetime)
        assert isinstance(row["hours/weekly_hours"], float)  # a real number
        assert row["_respondent_code"].startswith("W-")


def test_repeats_get_their_own_sheet_joined_by_parent_uuid_and_index(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    sheets = calamine_sheets(export_xlsx(repo, scene, tmp_path / "audit.xlsx"))
    review = scene.records["auditdesk_document_review"][0]
    payslips = as_records(sheets["payslip"])
    assert [(p["_parent_uuid"], p["_index"]) for p in payslips] == [
        (review.uuid, 1), (review.uuid, 2)]
    assert payslips[1]["_uuid"] == f"{review.uuid}/payroll/payslip[2]"
    assert isinstance(payslips[0]["payroll/payslip/period_start"], datetime.date)
    parents = {row["_uuid"] for row in as_records(sheets["document_review"])}
    assert {p["_parent_uuid"] for p in payslips} <= parents


def test_the_answers_table_has_one_row_per_stored_answer(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    sheets = calamine_sheets(export_xlsx(repo, scene, tmp_path / "audit.xlsx"))
    answers = as_records(sheets["Answers"])
    assert list(sheets["Answers"][0]) == [
        "audit_uuid", "record_uuid", "form_id", "form_version", "record_kind",
        "respondent_code", "question_path", "question", "question_type", "label", "value",
        "value_label", "criterion", "area"]
    stored = sum(len(repo.get_answers(r.uuid)) for rs in scene.records.values() for r in rs)
    assert len(answers) == stored
    late = next(a for a in answers if a["question"] == "pay/late_pay")
    assert late["criterion"] == "A6"
    assert late["area"] == "A"
    assert late["label"].startswith("In the last six months")
    assert late["value_label"]
    payslip = [a for a in answers if a["question"] == "payroll/payslip/gross_pay"]
    assert [a["question_path"] for a in payslip] == ["payroll/payslip[1]/gross_pay",
                                                     "payroll/payslip[2]/gross_pay"]


def test_openpyxl_and_calamine_read_the_same_values_and_hashes(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    path = export_xlsx(repo, scene, tmp_path / "audit.xlsx")
    by_calamine, by_openpyxl = calamine_sheets(path), openpyxl_sheets(path)
    manifest_rows = by_calamine["_manifest"]
    manifest = WorkbookManifest.from_bytes(read_manifest_cells(manifest_rows).manifest_bytes)
    assert [entry.name for entry in manifest.sheets] == list(by_calamine)[:-1]
    for entry in manifest.sheets:
        assert sheet_hash(by_calamine[entry.name]) == entry.sha256, entry.name
        assert sheet_hash(by_openpyxl[entry.name]) == entry.sha256, entry.name


def test_text_that_looks_like_a_formula_stays_text(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    path = export_xlsx(repo, scene, tmp_path / "audit.xlsx")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)
                assert b"<f " not in archive.read(name)
    book = load_workbook(path)
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in INJECTIONS:
                    found[cell.value] = cell
    assert set(found) == set(INJECTIONS)
    for text, cell in found.items():
        assert cell.data_type == "s", text
        assert cell.quotePrefix, text
    calamine_values = {v for rows in calamine_sheets(path).values() for row in rows for v in row}
    assert set(INJECTIONS) <= calamine_values


def test_a_signed_workbook_verifies_and_an_edited_cell_names_its_sheet(
    repo: Repository, scene: AuditScene, tmp_path: Path, identity: SigningIdentity,
    pki: Any,
) -> None:
    from openpyxl import load_workbook

    path = export_xlsx(repo, scene, tmp_path / "audit.xlsx", identity=identity)
    trusted = [pki.ca.certificate()]
    valid = verify_workbook(path, trusted)
    assert valid.status is VerificationStatus.VALID, valid.detail
    assert "Amélie Dupont" in (valid.signer_subject or "")
    assert verify_workbook(path, []).status is VerificationStatus.UNTRUSTED

    book = load_workbook(path)
    book["Findings"]["H2"] = "edited by someone"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    result = verify_workbook(edited, trusted)
    assert result.status is VerificationStatus.MODIFIED
    assert result.detail == "sheet 'Findings' changed"

    book = load_workbook(path)
    book.create_sheet("Extra")["A1"] = "smuggled"
    book.save(edited)
    assert verify_workbook(edited, trusted).detail == "sheet 'Extra' added"


def test_an_unsigned_workbook_is_reported_unsigned(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    path = export_xlsx(repo, scene, tmp_path / "audit.xlsx")
    assert verify_workbook(path, []).status is VerificationStatus.UNSIGNED


def test_a_file_that_is_no_audit_workbook_cannot_be_verified(tmp_path: Path) -> None:
    from openpyxl import Workbook

    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    result = verify_workbook(plain, [])
    assert result.status is VerificationStatus.INVALID
    assert "no _manifest" in result.detail
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    assert verify_workbook(broken, []).status is VerificationStatus.INVALID


def test_a_cancelled_export_leaves_no_file_and_no_trail_entry(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    token = CancelToken()
    seen: list[str] = []

    def cancel_after_a_few(done: int, total: int, message: str) -> None:
        seen.append(message)
        if len(seen) == 4:
            token.cancel()

    target = tmp_path / "audit.xlsx"
    before = len(repo.list_trail(scene.audit.uuid))
    with pytest.raises(Cancelled):
        export_audit(repo, scene.audit.uuid, ExportRequest(xlsx=target),
                     Progress(cancel_after_a_few, token))
    assert not target.exists()
    assert not any(p.name.endswith(".partial") for p in tmp_path.iterdir())
    assert len(repo.list_trail(scene.audit.uuid)) == before


def test_the_export_is_noted_in_the_audit_trail(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    path = export_xlsx(repo, scene, tmp_path / "audit.xlsx", audience=Audience.SITE)
    entry = repo.list_trail(scene.audit.uuid)[-1]
    assert entry.kind.value == "export"
    assert entry.detail["what"] == "xlsx"
    assert entry.detail["audience"] == "site"
    assert entry.detail["file"] == path.name
    assert repo.verify_trail(scene.audit.uuid).ok


@pytest.mark.parametrize(("text", "trap"), [
    ("=1+2", True), ("+44 20 7946 0000", True), ("-3", True), ("@SUM(A1)", True),
    ("\t=cmd", True), ("\r=cmd", True), ("#N/A", True), ("#n/a", True), ("#DIV/0!", True),
    ("# of hours", False), ("N/A", False), ("a = b", False), ("", False),
])
def test_the_formula_safety_rule_names_formulas_and_error_values(text: str, trap: bool) -> None:
    from auditdesk.export.cells import is_formula_trap

    assert is_formula_trap(text) is trap


def test_the_next_export_clears_what_a_killed_one_left_behind(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    target = tmp_path / "audit.xlsx"
    killed = tmp_path / ".audit.xlsx.k1ll3d_x.partial"  # as a killed export leaves it
    killed.write_bytes(b"PK\x03\x04 half a workbook")
    unrelated = tmp_path / ".other.xlsx.k1ll3d_x.partial"
    unrelated.write_bytes(b"someone else's")
    export_audit(repo, scene.audit.uuid, ExportRequest(xlsx=target))
    assert target.is_file()
    assert not killed.exists()
    assert unrelated.exists()
