"""Regressions found by the trials (``make trials``): exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditdesk import paths
from auditdesk.domain import Audit, AuditType, FormRecord, RecordKind, Site, new_uuid
from auditdesk.export.run import ExportRequest, export_audit
from auditdesk.formengine import load_form
from auditdesk.storage import open_database


def test_export_keeps_going_past_a_damaged_photo(tmp_path: Path) -> None:
    form_path = paths.forms_dir() / "site_observation.xlsx"
    definition = load_form(form_path)
    with open_database(tmp_path / "audit.sqlite", daily_backup=False) as repo:
        site = repo.add_site(Site(new_uuid(), "Org", "Floor", "KE"))
        audit = repo.add_audit(Audit(new_uuid(), site.uuid, AuditType.ANNOUNCED))
        snapshot = repo.add_form_snapshot(audit.uuid, form_id=definition.form_id,
                                          version=definition.version, filename=form_path.name,
                                          content=form_path.read_bytes())
        record = repo.add_form_record(FormRecord(
            new_uuid(), audit.uuid, definition.form_id, definition.version,
            RecordKind.SITE_OBSERVATION, "O-01", snapshot_id=snapshot.id))
        # A JPEG cut short, as a failing camera or card leaves it.
        repo.add_attachment(record.uuid, "photo", "exit.jpg", "image/jpeg",
                            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", caption="Blocked exit")
        pdf = tmp_path / "report.pdf"
        export_audit(repo, audit.uuid, ExportRequest(pdf=pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_verify_catches_an_edit_of_the_manifest_rows_people_read(
    repo: Any, scene: Any, identity: Any, pki: Any, tmp_path: Path
) -> None:
    import openpyxl

    from auditdesk.signing import VerificationStatus, verify_file

    workbook = tmp_path / "audit.xlsx"
    export_audit(repo, scene.audit.uuid, ExportRequest(xlsx=workbook, identity=identity))
    trust = [pki.ca.certificate()]
    assert verify_file(workbook, trust).is_valid
    book = openpyxl.load_workbook(workbook)
    manifest = book["_manifest"]
    row = next(r for r in manifest.iter_rows() if r[0].value == "document_id")
    row[1].value = "FORGED-ID"  # the JSON beside it still says the signed id
    book.save(workbook)
    result = verify_file(workbook, trust)
    assert result.status is VerificationStatus.MODIFIED
    assert "_manifest" in result.detail


def _bomb_workbook(path: Path, unpacked_mb: int) -> Path:
    """An .xlsx whose one sheet unpacks to ``unpacked_mb`` MB: small on disk."""
    import zipfile

    row = b'<row><c t="inlineStr"><is><t>text</t></is></c></row>'
    block = row * (1024 * 1024 // len(row))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            stream.write(b"<worksheet><sheetData>")
            for _ in range(unpacked_mb):
                stream.write(block)
            stream.write(b"</sheetData></worksheet>")
    return path


def test_verify_refuses_a_decompression_bomb_before_reading(tmp_path: Path) -> None:
    from auditdesk.signing import VerificationStatus, verify_file

    bomb = _bomb_workbook(tmp_path / "bomb.xlsx", 150)
    assert bomb.stat().st_size < 3_000_000
    result = verify_file(bomb, [])
    assert result.status is VerificationStatus.INVALID
    assert "decompression bomb" in result.detail
