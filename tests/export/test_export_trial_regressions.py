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


def _signed_export(repo: Any, scene: Any, identity: Any, pki: Any,
                   tmp_path: Path) -> tuple[Path, list[Any]]:
    """The scene's audit exported as a signed workbook, and the roots that trust it."""
    workbook = tmp_path / "audit.xlsx"
    export_audit(repo, scene.audit.uuid, ExportRequest(xlsx=workbook, identity=identity))
    return workbook, [pki.ca.certificate()]


def test_verify_catches_an_edit_of_the_manifest_rows_people_read(
    repo: Any, scene: Any, identity: Any, pki: Any, tmp_path: Path
) -> None:
    import openpyxl

    from auditdesk.signing import VerificationStatus, verify_file

    workbook, trust = _signed_export(repo, scene, identity, pki, tmp_path)
    assert verify_file(workbook, trust).is_valid
    book = openpyxl.load_workbook(workbook)
    manifest = book["_manifest"]
    row = next(r for r in manifest.iter_rows() if r[0].value == "document_id")
    row[1].value = "FORGED-ID"  # the JSON beside it still says the signed id
    book.save(workbook)
    result = verify_file(workbook, trust)
    assert result.status is VerificationStatus.MODIFIED
    assert "_manifest" in result.detail


def test_verify_refuses_a_decompression_bomb_before_reading(
    tmp_path: Path, decompression_bomb: Any
) -> None:
    from auditdesk.signing import VerificationStatus, verify_file

    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(decompression_bomb(150))
    assert bomb.stat().st_size < 3_000_000
    result = verify_file(bomb, [])
    assert result.status is VerificationStatus.INVALID
    assert "decompression bomb" in result.detail


def _answers_part_and_text(workbook: Path) -> tuple[str, str]:
    """The Answers sheet's zip part (openpyxl numbers parts in sheet order) and one text
    of its ``value`` column."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(workbook))
    rows = book.get_sheet_by_name("Answers").to_python()
    column = rows[0].index("value")
    text = next(r[column] for r in rows[1:] if isinstance(r[column], str) and r[column].isalpha())
    return f"xl/worksheets/sheet{book.sheet_names.index('Answers') + 1}.xml", text


def _with_part_edited(source: Path, target: Path, part: str, old: bytes, new: bytes) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(
        target, "w", zipfile.ZIP_DEFLATED
    ) as copy:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == part:
                assert old in data
                data = data.replace(old, new, 1)
            copy.writestr(info, data)
    return target


def test_verify_catches_a_space_added_at_a_texts_edge(
    repo: Any, scene: Any, identity: Any, pki: Any, tmp_path: Path
) -> None:
    """calamine drops such a space, a spreadsheet shows it: the edit must not verify."""
    from auditdesk.consolidate import InputStatus, consolidate
    from auditdesk.signing import VerificationStatus, verify_file

    workbook, trust = _signed_export(repo, scene, identity, pki, tmp_path)
    part, text = _answers_part_and_text(workbook)
    for name, edited in (("after", f"{text} "), ("before", f"\t{text}")):
        copy = _with_part_edited(workbook, tmp_path / f"{name}.xlsx", part,
                                 f"<t>{text}</t>".encode(), f"<t>{edited}</t>".encode())
        result = verify_file(copy, trust)
        assert result.status is VerificationStatus.MODIFIED, name
        assert "sheet 'Answers' changed" in result.detail
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / copy.name).write_bytes(copy.read_bytes())
    report = consolidate([tmp_path / "in"], tmp_path / "master.xlsx", trust_roots=trust)
    assert {entry.status for entry in report.entries} == {InputStatus.MODIFIED}
    preserved = _with_part_edited(  # the writer's own form for such a text still verifies
        workbook, tmp_path / "preserved.xlsx", part, f"<t>{text}</t>".encode(),
        f'<t xml:space="preserve">{text}</t>'.encode())
    assert verify_file(preserved, trust).is_valid


def test_verify_catches_a_cell_type_or_formula_the_reader_looks_past(
    repo: Any, scene: Any, identity: Any, pki: Any, tmp_path: Path
) -> None:
    """calamine reads such a cell's signed value; openpyxl shows it empty (an unknown
    type, found by the workbook fuzz) or a spreadsheet recomputes it (a formula)."""
    from auditdesk.signing import VerificationStatus, verify_file

    workbook, trust = _signed_export(repo, scene, identity, pki, tmp_path)
    part, text = _answers_part_and_text(workbook)
    cell = f'<is><t>{text}</t></is>'.encode()
    edits = {
        "unknown type": (b't="inlineStr"><is>', b't="inlineSbtr"><is>'),
        "formula": (cell, b'<f>UPPER("x")</f>' + cell),
    }
    for name, (old, new) in edits.items():
        copy = _with_part_edited(workbook, tmp_path / f"{name}.xlsx", part, old, new)
        result = verify_file(copy, trust)
        assert result.status is VerificationStatus.MODIFIED, name
        assert "sheet 'Answers' changed" in result.detail, name


def test_a_file_reaches_its_final_name_only_once_the_trail_records_it(
    repo: Any, scene: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    import hashlib

    from auditdesk.export import run

    moved = run.commit
    seen: list[tuple[str, set[str]]] = []

    def commit(temporary: Path, target: Path) -> None:
        recorded = {str(entry.detail.get("sha256")) for entry in repo.list_trail(scene.audit.uuid)
                    if entry.kind.value == "export"}
        seen.append((hashlib.sha256(temporary.read_bytes()).hexdigest(), recorded))
        moved(temporary, target)

    monkeypatch.setattr(run, "commit", commit)
    export_audit(repo, scene.audit.uuid,
                 ExportRequest(xlsx=tmp_path / "a.xlsx", pdf=tmp_path / "a.pdf"))

    assert len(seen) == 2
    assert all(digest in recorded for digest, recorded in seen)  # a kill then loses no entry
