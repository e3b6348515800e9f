"""The PDF report: its sections and footers, the training watermark, languages, the PAdES
signature as poppler and pyHanko see it, and ``auditdesk export`` / ``auditdesk verify``."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_scene import AuditScene, build_audit, open_repo
from signing_material import PASSPHRASE, Pki, require_tool, signed_ranges

from auditdesk.cli import cli
from auditdesk.export.audience import Audience
from auditdesk.export.audit_data import ExportSettings, gather_audit
from auditdesk.export.report import build_report
from auditdesk.export.report_render import render_report_pages
from auditdesk.export.run import ExportRequest, export_audit
from auditdesk.export.texts import Words
from auditdesk.signing import SigningIdentity, VerificationStatus, verify_file, verify_pdf
from auditdesk.storage import Repository


def pdf_text(path: Path) -> str:
    exe = require_tool("pdftotext", "poppler-utils")
    return subprocess.run([exe, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def export_pdf(repo: Repository, scene: AuditScene, target: Path, *,
               identity: SigningIdentity | None = None, language: str = "en",
               audience: Audience = Audience.CONFIDENTIAL) -> Path:
    export_audit(repo, scene.audit.uuid, ExportRequest(
        pdf=target, settings=ExportSettings(audience, language), identity=identity))
    return target


def test_the_report_has_its_sections_in_order_with_footers_on_every_page(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    text = pdf_text(export_pdf(repo, scene, tmp_path / "report.pdf"))
    headings = ["LABOUR CONDITIONS AUDIT REPORT", "Zero-tolerance alerts", "Executive summary",
                "Area scores", "Findings", "Critical findings", "Corrective action plan",
                "Results by area", "Methodology", "Interview sample", "Limitations",
                "Appendix: photographs", "Sign-off", "Digital signature (PAdES)"]
    position = 0
    for heading in headings:  # each one after the one before
        position = text.find(heading, position)
        assert position >= 0, heading
    pages = text.split("\f")[:-1]
    assert len(pages) > 5
    document_id = re.search(r"AD-[0-9A-F]{8}-\d{8}-\d{6}-C", text)
    assert document_id is not None
    for number, page in enumerate(pages, start=1):
        assert "Confidential" in page, number
        assert document_id.group(0) in page, number
        assert f"Page {number} of {len(pages)}" in page, number
    assert "Nairobi annotation centre" in pages[0]
    assert "TRAINING" not in text


def test_training_audits_carry_the_watermark_on_every_page(tmp_path: Path) -> None:
    repo = open_repo(tmp_path / "training.sqlite")
    try:
        scene = build_audit(repo, training=True, workers=3, groups=0)
        text = pdf_text(export_pdf(repo, scene, tmp_path / "training.pdf"))
    finally:
        repo.close()
    pages = text.split("\f")[:-1]
    assert len(pages) > 5
    assert all("TRAINING — fictional data" in page for page in pages)


@pytest.mark.parametrize(("language", "heading", "footer"), [
    ("fr", "Synthèse", "Confidentiel"),
    ("es", "Resumen ejecutivo", "Confidencial"),
])
def test_the_report_speaks_french_and_spanish_with_no_untranslated_words(
    repo: Repository, scene: AuditScene, tmp_path: Path, language: str, heading: str,
    footer: str,
) -> None:
    Words.missing.clear()
    for audience in Audience:
        text = pdf_text(export_pdf(repo, scene, tmp_path / f"{audience}.pdf",
                                   language=language, audience=audience))
        assert heading in text
        assert footer in text
    assert not Words.missing


def test_a_signed_report_is_valid_for_pdfsig_pyhanko_and_auditdesk_verify(
    repo: Repository, scene: AuditScene, tmp_path: Path, pki: Pki,
) -> None:
    path = export_pdf(repo, scene, tmp_path / "signed.pdf", identity=pki.identity)
    out = subprocess.run([require_tool("pdfsig", "poppler-utils"), str(path)],
                         capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid." in out
    assert "Amélie Dupont" in out
    nss = tmp_path / "nss"
    certutil = require_tool("certutil", "libnss3-tools")
    nss.mkdir()
    subprocess.run([certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run([certutil, "-A", "-n", "ngo-ca", "-t", "CT,C,C", "-i", str(pki.ca_pem),
                    "-d", f"sql:{nss}"], check=True)
    trusted = subprocess.run([require_tool("pdfsig", "poppler-utils"), "-nssdir", f"sql:{nss}",
                              str(path)], capture_output=True, text=True, check=False).stdout
    assert "Certificate is Trusted" in trusted
    result = verify_pdf(path, [pki.ca.certificate()])
    assert result.status is VerificationStatus.VALID, result.detail


def test_the_stamp_sits_in_the_box_kept_free_on_the_sign_off_page(
    repo: Repository, scene: AuditScene
) -> None:
    report = build_report(gather_audit(repo, scene.audit.uuid, ExportSettings()))
    assert report.stamp_page == report.pages - 1
    x1, y1, x2, y2 = report.stamp_box
    assert 40 < x1 < x2 < 560
    assert 60 < y1 < y2 < 800
    assert x2 - x1 > 200
    assert y2 - y1 > 60


def test_a_flipped_byte_in_a_signed_report_is_caught(
    repo: Repository, scene: AuditScene, tmp_path: Path, pki: Pki,
) -> None:
    path = export_pdf(repo, scene, tmp_path / "signed.pdf", identity=pki.identity)
    data = bytearray(path.read_bytes())
    start, end = signed_ranges(bytes(data))[0]
    stream = data.index(b"stream", start + (end - start) // 3) + 20
    assert stream < end
    data[stream] ^= 0x01
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    assert verify_file(damaged, [pki.ca.certificate()]).status is VerificationStatus.MODIFIED


def test_render_report_pages_writes_one_png_per_page(
    repo: Repository, scene: AuditScene, tmp_path: Path
) -> None:
    require_tool("pdftoppm", "poppler-utils")
    report = build_report(gather_audit(repo, scene.audit.uuid, ExportSettings()))
    pages = render_report_pages(report.pdf, tmp_path / "png", first=1, last=3)
    assert [p.name for p in pages] == ["report-01.png", "report-02.png", "report-03.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pages)


def test_export_and_verify_commands_sign_both_files(
    audit_db: tuple[Path, AuditScene], tmp_path: Path, pki: Pki,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shutil

    db = tmp_path / "audits.sqlite"
    shutil.copy(audit_db[0], db)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    keys = tmp_path / "config" / "AuditDesk" / "keys"
    shutil.copytree(pki.store.directory, keys)
    monkeypatch.setenv("AUDITDESK_KEY_PASSPHRASE", PASSPHRASE)
    runner = CliRunner()
    uuid = audit_db[1].audit.uuid
    done = runner.invoke(cli, ["--db", str(db), "export", uuid[:8], "--xlsx",
                               str(tmp_path / "a.xlsx"), "--pdf", str(tmp_path / "a.pdf"),
                               "--sign", "--audience", "site"])
    assert done.exit_code == 0, done.output
    assert "site export, signed" in done.output
    checked = runner.invoke(cli, ["verify", str(tmp_path / "a.xlsx"), str(tmp_path / "a.pdf"),
                                  "--trust", str(pki.ca_pem)])
    assert checked.exit_code == 0, checked.output
    assert checked.output.count("valid and unmodified") == 2


def test_export_explains_a_missing_key_and_a_wrong_passphrase(
    audit_db: tuple[Path, AuditScene], tmp_path: Path, pki: Pki,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shutil

    db = tmp_path / "audits.sqlite"
    shutil.copy(audit_db[0], db)
    runner = CliRunner()
    args = ["--db", str(db), "export", audit_db[1].audit.uuid, "--pdf",
            str(tmp_path / "a.pdf"), "--sign"]
    missing = runner.invoke(cli, args)
    assert missing.exit_code != 0
    assert "create one with 'auditdesk keys new'" in missing.output
    shutil.copytree(pki.store.directory, tmp_path / "home" / "AuditDesk" / "keys")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("AUDITDESK_KEY_PASSPHRASE", "not the passphrase")
    wrong = runner.invoke(cli, args)
    assert wrong.exit_code != 0
    assert "wrong passphrase" in wrong.output
    assert not (tmp_path / "a.pdf").exists()
    assert "Traceback" not in wrong.output
