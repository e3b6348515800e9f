"""Signed reports: pyHanko, poppler's pdfsig and ``auditdesk verify`` agree."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from signing_material import (
    PASSPHRASE,
    Pki,
    flip_report_text,
    make_pdf,
    require_tool,
    signed_ranges,
)

from auditdesk.cli import cli
from auditdesk.signing import (
    SigningIdentity,
    StampLabels,
    StampPlacement,
    VerificationStatus,
    sign_pdf,
    verify_pdf,
)
from auditdesk.signing.errors import PdfSigningError

STAMP = StampPlacement(page_index=-1, box=(72, 72, 320, 160))


def sign(identity: SigningIdentity, pdf: bytes | None = None) -> bytes:
    return sign_pdf(
        pdf if pdf is not None else make_pdf(), identity, stamp=STAMP,
        reason="Audit sign-off", location="Nairobi",
    )


def pdfsig(path: Path, *extra: str) -> str:
    exe = require_tool("pdfsig", "poppler-utils")
    # pdfsig exits 0 even on a digest mismatch: the verdict is in its text.
    return subprocess.run(
        [exe, *extra, str(path)], capture_output=True, text=True, check=False
    ).stdout


def nss_db_trusting(ca_pem: Path, where: Path) -> str:
    certutil = require_tool("certutil", "libnss3-tools")
    where.mkdir()
    subprocess.run([certutil, "-N", "-d", f"sql:{where}", "--empty-password"], check=True)
    subprocess.run(
        [certutil, "-A", "-n", "ngo-ca", "-t", "CT,C,C", "-i", str(ca_pem), "-d", f"sql:{where}"],
        check=True,
    )
    return f"sql:{where}"


def verify_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["verify", *args])
    return result.exit_code, result.output


def _pdf_literal(text: bytes) -> str:
    """Undo PDF string escapes (\\ddd octal) in a content stream excerpt."""
    return re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), text).decode("latin-1")


def test_signature_is_pades_with_a_visible_stamp_naming_signer_org_and_time(
    self_signed: SigningIdentity,
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    signed = sign(self_signed)
    reader = PdfFileReader(io.BytesIO(signed))
    (signature,) = reader.embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    widget = signature.sig_field
    assert [int(v) for v in widget["/Rect"]] == [72, 72, 320, 160]
    last_page = reader.root["/Pages"]["/Kids"].raw_get(-1)
    assert widget.raw_get("/P").idnum == last_page.idnum
    appearance = _pdf_literal(widget["/AP"]["/N"].data)
    assert "Amélie Dupont" in appearance
    assert "Fair Work Monitor" in appearance
    assert re.search(r"Date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", appearance)


def test_stamp_words_can_be_translated(self_signed: SigningIdentity) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    signed = sign_pdf(
        make_pdf(), self_signed, stamp=STAMP,
        labels=StampLabels(heading="Signé numériquement par", time_label="Date :"),
    )
    (signature,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert "Signé numériquement par" in _pdf_literal(signature.sig_field["/AP"]["/N"].data)


def test_pyhanko_finds_a_ca_issued_signature_intact_and_trusted(pki: Pki) -> None:
    result = verify_pdf(sign(pki.identity), [pki.ca.certificate()])
    assert result.status is VerificationStatus.VALID
    assert result.signer_subject == "Kwame Mensah, Fair Work Monitor <kwame@fwm.example>"
    assert result.signing_time is not None


def test_self_signed_is_untrusted_unless_its_certificate_is_given(
    self_signed: SigningIdentity,
) -> None:
    signed = sign(self_signed)
    untrusted = verify_pdf(signed, [])
    assert untrusted.status is VerificationStatus.UNTRUSTED
    assert untrusted.signer_subject is not None
    assert "Amélie Dupont" in untrusted.signer_subject
    assert verify_pdf(signed, [self_signed.certificate]).status is VerificationStatus.VALID


def test_an_unsigned_and_a_damaged_pdf(tmp_path: Path) -> None:
    assert verify_pdf(make_pdf(), []).status is VerificationStatus.UNSIGNED
    assert verify_pdf(b"%PDF-1.4 this is not a pdf", []).status is VerificationStatus.INVALID


def test_bad_page_or_box_is_a_clear_error(self_signed: SigningIdentity) -> None:
    with pytest.raises(PdfSigningError, match=r"no page 5 .* has 2 pages"):
        sign_pdf(make_pdf(), self_signed, stamp=StampPlacement(5, (72, 72, 320, 160)))
    with pytest.raises(PdfSigningError, match="box"):
        sign_pdf(make_pdf(), self_signed, stamp=StampPlacement(0, (320, 72, 72, 160)))


def test_a_countersignature_keeps_both_valid_but_a_field_is_signed_once(pki: Pki) -> None:
    signed = sign(pki.identity)
    countersigned = sign_pdf(
        signed, pki.identity, field_name="NGOCountersignature",
        stamp=StampPlacement(-1, (330, 72, 560, 160)),
    )
    assert verify_pdf(countersigned, [pki.ca.certificate()]).status is VerificationStatus.VALID
    with pytest.raises(PdfSigningError, match="filled already"):
        sign(pki.identity, signed)


def test_poppler_says_the_signature_is_valid(self_signed: SigningIdentity, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(sign(self_signed))
    out = pdfsig(path)
    assert "Signature is Valid." in out
    assert "Certificate is Trusted" not in out  # a bare self-signed certificate never is


def test_poppler_trusts_a_signer_issued_by_the_ngo_ca_in_nss(pki: Pki, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(sign(pki.identity))
    nssdir = nss_db_trusting(pki.ca_pem, tmp_path / "nss")
    out = pdfsig(path, "-nssdir", nssdir)
    assert "Signature is Valid." in out
    assert "Certificate is Trusted" in out


def test_one_flipped_byte_in_the_signed_range_is_caught(pki: Pki, tmp_path: Path) -> None:
    signed = sign(pki.identity)
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(signed)
    bad.write_bytes(flip_report_text(signed))
    assert sum(a != b for a, b in zip(good.read_bytes(), bad.read_bytes(), strict=True)) == 1

    code, out = verify_cli(str(good), "--trust", str(pki.ca_pem))
    assert code == 0, out
    assert out.startswith(f"{good}: valid and unmodified (signed by Kwame Mensah")

    code, out = verify_cli(str(bad), "--trust", str(pki.ca_pem))
    assert code != 0
    assert out.startswith(f"{bad}: modified after signing (")
    assert verify_pdf(bad, [pki.ca.certificate()]).status is VerificationStatus.MODIFIED
    assert "Digest Mismatch." in pdfsig(bad)


def test_content_appended_after_signing_is_caught(pki: Pki) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = sign(pki.identity)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 700 Td (All wages paid on time) Tj ET")
    )
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue(), [pki.ca.certificate()])
    assert result.status is VerificationStatus.MODIFIED
    assert result.detail == "content was changed or added after signing"
    assert signed_ranges(out.getvalue())[1][1] < len(out.getvalue())


def test_verify_cli_trust_comes_from_flags_and_the_key_store(
    pki: Pki, self_signed: SigningIdentity, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca_signed, self_signed_pdf = tmp_path / "ca.pdf", tmp_path / "self.pdf"
    ca_signed.write_bytes(sign(pki.identity))
    self_signed_pdf.write_bytes(sign(self_signed))
    own_cert = tmp_path / "amelie.pem"
    own_cert.write_bytes(self_signed.certificate.public_bytes(serialization.Encoding.PEM))

    code, out = verify_cli(str(ca_signed), str(self_signed_pdf))
    assert code != 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{ca_signed}: signed by an untrusted certificate (Kwame Mensah")
    assert lines[1].startswith(f"{self_signed_pdf}: signed by an untrusted certificate (Amélie")

    code, out = verify_cli(str(ca_signed), str(self_signed_pdf),
                           "--trust", str(pki.ca_pem), "--trust", str(own_cert))
    assert code == 0, out
    assert all(": valid and unmodified" in line for line in out.splitlines())

    # The auditor whose key store holds the CA-issued identity trusts the NGO CA.
    monkeypatch.setattr(
        "auditdesk.signing.keystore.default_keystore_dir", lambda: pki.store.directory
    )
    code, out = verify_cli(str(ca_signed))
    assert code == 0, out


def test_verify_cli_reports_unsigned_and_bad_trust_files(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(make_pdf())
    code, out = verify_cli(str(plain))
    assert code != 0
    assert out.startswith(f"{plain}: unsigned")

    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    code, out = verify_cli(str(plain), "--trust", str(junk))
    assert code != 0
    assert f"{junk}: not a PEM or DER certificate file" in out
    assert "Traceback" not in out


def test_the_passphrase_never_reaches_a_signed_file(pki: Pki) -> None:
    assert PASSPHRASE.encode() not in sign(pki.identity)
