"""The auditor's key: made once, sealed by a passphrase, opened only with it."""

from __future__ import annotations

import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from signing_material import PASSPHRASE

from auditdesk.cli import cli
from auditdesk.signing import CertificateSummary, KeyStore, WrongPassphraseError
from auditdesk.signing.errors import IdentityExistsError, PassphrasePolicyError


def run(args: list[str], *, env: dict[str, str] | None = None, input: str | None = None):
    return CliRunner().invoke(cli, args, env=env, input=input, catch_exceptions=False)


def test_new_identity_is_an_ec_key_with_a_self_signed_signing_certificate(
    self_signed_store: KeyStore,
) -> None:
    cert = self_signed_store.certificate()
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Amélie Dupont"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == (
        "Fair Work Monitor"
    )
    assert cert.subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)[0].value == (
        "amelie@fwm.example"
    )
    assert cert.issuer == cert.subject
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment
    assert not usage.key_cert_sign
    key = self_signed_store.load(PASSPHRASE).key
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    assert key.curve.name == "secp256r1"


def test_private_key_is_encrypted_at_rest_and_owner_only(self_signed_store: KeyStore) -> None:
    key = self_signed_store.load(PASSPHRASE).key
    raw_scalar = key.private_numbers().private_value.to_bytes(32, "big")
    stored = self_signed_store.directory / "signing-key.p12"
    assert raw_scalar not in stored.read_bytes()
    assert stored.stat().st_mode & 0o077 == 0
    for file in self_signed_store.directory.iterdir():
        assert b"PRIVATE KEY" not in file.read_bytes()


def test_wrong_passphrase_gives_a_plain_message_without_the_passphrase(
    self_signed_store: KeyStore,
) -> None:
    with pytest.raises(WrongPassphraseError) as caught:
        self_signed_store.load("not the passphrase at all")
    assert str(caught.value) == "wrong passphrase for the signing key"
    shown = "".join(traceback.format_exception_only(caught.value))
    assert "not the passphrase" not in shown
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__  # the library error (and its text) stays hidden


def test_short_passphrases_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PassphrasePolicyError):
        KeyStore(tmp_path).create(name="A", org="B", email="a@b.example", passphrase="short")
    assert not KeyStore(tmp_path).has_identity()


def test_an_existing_identity_is_replaced_only_on_request_and_kept_as_retired(
    self_signed_store: KeyStore,
) -> None:
    first = self_signed_store.certificate()
    with pytest.raises(IdentityExistsError):
        self_signed_store.create(name="B", org="C", email="b@c.example", passphrase=PASSPHRASE)
    self_signed_store.create(
        name="Bea", org="Fair Work Monitor", email="bea@fwm.example", passphrase=PASSPHRASE,
        replace=True,
    )
    identities = self_signed_store.identities()
    assert [i.active for i in identities] == [True, False]
    assert "Bea" in identities[0].summary.subject
    assert identities[1].summary == CertificateSummary.of(first)


def test_cli_keys_new_asks_twice_and_show_prints_the_identity(tmp_path: Path) -> None:
    store = tmp_path / "keys"
    made = run(
        ["keys", "--store", str(store), "new", "--name", "Nadia Benali", "--org", "FWM",
         "--email", "nadia@fwm.example"],
        input=f"{PASSPHRASE}\n{PASSPHRASE}\n",
    )
    assert made.exit_code == 0, made.output
    shown = run(["keys", "--store", str(store), "show"])
    assert shown.exit_code == 0
    assert "Nadia Benali, FWM <nadia@fwm.example>" in shown.output
    assert "self-signed" in shown.output
    assert "SHA-256 " in shown.output
    assert "Valid:" in shown.output
    listed = run(["keys", "--store", str(store), "list"])
    assert listed.output.startswith("* Nadia Benali")
    assert PASSPHRASE not in made.output + shown.output + listed.output


def test_cli_keys_new_refuses_mismatched_confirmation(tmp_path: Path) -> None:
    result = run(
        ["keys", "--store", str(tmp_path), "new",
         "--name", "N", "--org", "O", "--email", "n@o.example"],
        input=f"{PASSPHRASE}\nsomething else entirely\n{PASSPHRASE}\n{PASSPHRASE}\n",
    )
    assert result.exit_code == 0
    assert "do not match" in result.output.lower()
    assert KeyStore(tmp_path).load(PASSPHRASE)


def test_cli_wrong_passphrase_exits_non_zero_with_the_plain_message(
    self_signed_store: KeyStore, tmp_path: Path
) -> None:
    wrong = "Tr0ub4dor&3-wrong"
    result = CliRunner().invoke(
        cli,
        ["keys", "--store", str(self_signed_store.directory), "csr", str(tmp_path / "me.csr")],
        env={"AUDITDESK_KEY_PASSPHRASE": wrong},
    )
    assert result.exit_code != 0
    assert "wrong passphrase for the signing key" in result.output
    assert "Traceback" not in result.output
    assert wrong not in result.output
    assert not (tmp_path / "me.csr").exists()


def test_cli_show_without_identity_says_how_to_make_one(tmp_path: Path) -> None:
    result = run(["keys", "--store", str(tmp_path / "empty"), "show"])
    assert result.exit_code != 0
    assert "auditdesk keys new" in result.output


def test_default_store_lives_in_the_user_config_folder(tmp_path: Path) -> None:
    result = run(
        ["keys", "new", "--name", "N", "--org", "O", "--email", "n@o.example"],
        env={"AUDITDESK_KEY_PASSPHRASE": PASSPHRASE},
    )
    assert result.exit_code == 0, result.output
    store = KeyStore()
    assert store.has_identity()
    assert store.directory.parent.name == "AuditDesk"
    der = store.certificate().public_bytes(serialization.Encoding.DER)
    assert der == store.load(PASSPHRASE).certificate.public_bytes(serialization.Encoding.DER)
