"""Workbook manifests are signed detached; ``verify`` routes files by type."""

from __future__ import annotations

import base64
import dataclasses
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from signing_material import PASSPHRASE, Pki

from auditdesk.cli import cli
from auditdesk.signing import (
    SignedManifest,
    SigningIdentity,
    VerificationResult,
    VerificationStatus,
    sign_manifest,
    verify_file,
    verify_manifest,
)
from auditdesk.signing import verification as registry

MANIFEST = (
    b'{"format":"auditdesk-workbook/1","sheets":{'
    b'"Answers":"sha256:9f2c0e","Findings":"sha256:41aa07","Scores":"sha256:0b77d3"}}\n'
)


def test_round_trip_with_the_ngo_ca_is_valid(pki: Pki) -> None:
    signed = sign_manifest(MANIFEST, pki.identity)
    assert "BEGIN CERTIFICATE" in signed.certificate_pem
    assert "BEGIN CERTIFICATE" in signed.chain_pem
    base64.b64decode(signed.signature_b64, validate=True)
    result = verify_manifest(MANIFEST, signed, [pki.ca.certificate()])
    assert result.status is VerificationStatus.VALID
    assert result.signer_subject == "Kwame Mensah, Fair Work Monitor <kwame@fwm.example>"
    assert result.signing_time is not None


def test_stored_as_text_and_read_back_it_still_verifies(pki: Pki) -> None:
    stored = sign_manifest(MANIFEST, pki.identity).to_dict()
    again = SignedManifest.from_dict(dict(stored))
    assert verify_manifest(MANIFEST, again, [pki.ca.certificate()]).is_valid


def test_self_signed_manifest_is_untrusted_without_its_certificate(
    self_signed: SigningIdentity,
) -> None:
    signed = sign_manifest(MANIFEST, self_signed)
    assert verify_manifest(MANIFEST, signed, []).status is VerificationStatus.UNTRUSTED
    assert verify_manifest(MANIFEST, signed, [self_signed.certificate]).is_valid


def test_verdicts_do_not_carry_over_between_manifests_checked_one_after_another(
    pki: Pki, self_signed: SigningIdentity,
) -> None:
    # Validation contexts are kept between manifests (consolidation checks thousands):
    # each verdict must still depend only on its own signer and trust roots.
    by_ca = sign_manifest(MANIFEST, pki.identity)
    by_self = sign_manifest(MANIFEST, self_signed)
    roots = [pki.ca.certificate()]
    verdicts = [
        verify_manifest(MANIFEST, by_ca, roots).status,
        verify_manifest(MANIFEST, by_self, roots).status,
        verify_manifest(MANIFEST, by_ca, []).status,
        verify_manifest(MANIFEST + b" ", by_ca, roots).status,
        verify_manifest(MANIFEST, by_ca, roots).status,
        verify_manifest(MANIFEST, by_self, [self_signed.certificate]).status,
    ]
    assert verdicts == [
        VerificationStatus.VALID, VerificationStatus.UNTRUSTED, VerificationStatus.UNTRUSTED,
        VerificationStatus.MODIFIED, VerificationStatus.VALID, VerificationStatus.VALID,
    ]


@pytest.mark.parametrize("position", [0, len(MANIFEST) // 2, len(MANIFEST) - 1])
def test_a_one_byte_change_is_modified(pki: Pki, position: int) -> None:
    signed = sign_manifest(MANIFEST, pki.identity)
    changed = bytearray(MANIFEST)
    changed[position] ^= 0x01
    result = verify_manifest(bytes(changed), signed, [pki.ca.certificate()])
    assert result.status is VerificationStatus.MODIFIED
    assert "does not match" in result.detail


def test_line_endings_are_signed_as_given(pki: Pki) -> None:
    signed = sign_manifest(MANIFEST, pki.identity)
    crlf = MANIFEST.replace(b"\n", b"\r\n")
    assert verify_manifest(crlf, signed, [pki.ca.certificate()]).status is (
        VerificationStatus.MODIFIED
    )


def test_malformed_or_swapped_signatures_are_invalid(
    pki: Pki, self_signed: SigningIdentity
) -> None:
    signed = sign_manifest(MANIFEST, pki.identity)
    roots = [pki.ca.certificate()]
    garbled = dataclasses.replace(signed, signature_b64="@@not base64@@")
    assert verify_manifest(MANIFEST, garbled, roots).status is VerificationStatus.INVALID
    truncated = dataclasses.replace(signed, signature_b64=signed.signature_b64[:40])
    assert verify_manifest(MANIFEST, truncated, roots).status is VerificationStatus.INVALID
    other_cert = sign_manifest(MANIFEST, self_signed).certificate_pem
    swapped = dataclasses.replace(signed, certificate_pem=other_cert)
    result = verify_manifest(MANIFEST, swapped, roots)
    assert result.status is VerificationStatus.INVALID
    assert "not the signer's" in result.detail
    empty = dataclasses.replace(signed, signature_b64="")
    assert verify_manifest(MANIFEST, empty, roots).status is VerificationStatus.UNSIGNED


def test_the_passphrase_is_nowhere_in_a_signed_manifest(pki: Pki) -> None:
    stored = sign_manifest(MANIFEST, pki.identity).to_dict()
    assert all(PASSPHRASE not in value for value in stored.values())
    der = base64.b64decode(stored["signature_b64"])
    assert PASSPHRASE.encode() not in der


def test_workbooks_go_to_the_registered_verifier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Path, int]] = []

    def fake_verify(path: Path, trust_roots: object) -> VerificationResult:
        seen.append((path, len(trust_roots)))  # type: ignore[arg-type]
        return VerificationResult(
            VerificationStatus.MODIFIED, "Kwame Mensah, FWM", None, "sheet 'Answers' changed"
        )

    module = types.ModuleType("fake_workbook_verify")
    module.verify_workbook = fake_verify  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_workbook_verify", module)
    monkeypatch.setitem(registry._VERIFIERS, ".xlsx", "fake_workbook_verify:verify_workbook")
    workbook = tmp_path / "audit.xlsx"
    workbook.write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(cli, ["verify", str(workbook)])
    assert result.exit_code != 0
    assert result.output == (
        f"{workbook}: modified after signing "
        "(sheet 'Answers' changed; signed by Kwame Mensah, FWM)\n"
    )
    assert seen == [(workbook, 0)]


def test_a_build_without_the_workbook_verifier_says_so_instead_of_guessing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        registry._VERIFIERS, ".xlsx", "auditdesk.export.no_such_module:verify_workbook"
    )
    workbook = tmp_path / "audit.xlsx"
    workbook.write_bytes(b"PK\x03\x04")
    result = verify_file(workbook, [])
    assert result.status is VerificationStatus.INVALID
    assert result.detail == "workbook verification not available in this build"
    out = CliRunner().invoke(cli, ["verify", str(workbook)])
    assert out.exit_code != 0
    assert "workbook verification not available in this build" in out.output


def test_unknown_types_and_missing_files_are_invalid(tmp_path: Path) -> None:
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"x")
    assert "cannot verify '.docx' files" in verify_file(notes, []).detail
    assert verify_file(tmp_path / "gone.pdf", []).detail == "file not found"


def test_start_up_and_module_imports_never_pay_for_pyhanko() -> None:
    code = (
        "import sys\n"
        "import auditdesk.cli.commands.keys, auditdesk.cli.commands.verify\n"
        "cli_loaded = 'cryptography.x509' in sys.modules\n"
        "import auditdesk.signing.pdf_signing, auditdesk.signing.manifest\n"
        "import auditdesk.signing.verification, auditdesk.signing.pdf_verification\n"
        "print(cli_loaded, any(m.startswith('pyhanko') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
