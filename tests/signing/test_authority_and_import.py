"""An NGO CA issues auditor certificates; certificates from any CA come in as .p12."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from signing_material import CA_PASSPHRASE, PASSPHRASE, Pki

from auditdesk.cli import cli
from auditdesk.signing import CertificateAuthority, KeyStore, WrongPassphraseError
from auditdesk.signing.errors import CertificateMismatchError, InvalidCertificateFileError


def invoke(args: list[str], env: dict[str, str] | None = None, input: str | None = None):
    return CliRunner().invoke(cli, args, env=env, input=input)


def test_cli_ca_init_csr_issue_install_show(tmp_path: Path) -> None:
    ca_dir, store = tmp_path / "ca", tmp_path / "keys"
    csr, cert = tmp_path / "k.csr", tmp_path / "k.pem"
    env = {"AUDITDESK_CA_PASSPHRASE": CA_PASSPHRASE, "AUDITDESK_KEY_PASSPHRASE": PASSPHRASE}
    steps = [
        ["keys", "ca", "init", "--name", "FWM Audit CA", "--org", "Fair Work Monitor",
         "--out", str(ca_dir)],
        ["keys", "--store", str(store), "new", "--name", "Kwame Mensah", "--org", "FWM",
         "--email", "kwame@fwm.example", "--csr", str(csr)],
        ["keys", "issue", str(csr), "--ca", str(ca_dir), "-o", str(cert), "--days", "30"],
        ["keys", "--store", str(store), "install-cert", str(cert)],
    ]
    outputs = []
    for args in steps:
        result = invoke(args, env=env)
        assert result.exit_code == 0, (args, result.output)
        outputs.append(result.output)
    shown = invoke(["keys", "--store", str(store), "show"])
    assert "Issuer:       FWM Audit CA, Fair Work Monitor" in shown.output
    assert "Chain:        FWM Audit CA, Fair Work Monitor" in shown.output

    installed = KeyStore(store).certificate()
    root = CertificateAuthority(ca_dir).certificate()
    installed.verify_directly_issued_by(root)
    assert installed.not_valid_after_utc - installed.not_valid_before_utc < dt.timedelta(days=31)
    usage = installed.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.content_commitment
    assert KeyStore(store).trust_anchors() == [root]
    assert (ca_dir / "issued" / f"{installed.serial_number:x}.pem").is_file()
    for text in [*outputs, shown.output]:
        assert PASSPHRASE not in text
        assert CA_PASSPHRASE not in text


def test_issuing_with_the_wrong_ca_passphrase_is_refused(pki: Pki) -> None:
    with pytest.raises(WrongPassphraseError, match="wrong passphrase for the CA key"):
        pki.ca.issue(pki.identity.csr_pem(), passphrase="guess guess guess", source="x.csr")


def test_a_tampered_request_is_refused(pki: Pki) -> None:
    der = x509.load_pem_x509_csr(pki.identity.csr_pem()).public_bytes(serialization.Encoding.DER)
    # Flip a byte inside the subject's common name: the request's self-signature breaks.
    at = der.index(b"Kwame")
    tampered = der[:at] + b"Q" + der[at + 1:]
    with pytest.raises(InvalidCertificateFileError, match="not signed by its own key"):
        pki.ca.issue(tampered, passphrase=CA_PASSPHRASE, source="tampered.csr")


def test_a_certificate_for_another_key_is_not_installed(pki: Pki, tmp_path: Path) -> None:
    other = KeyStore(tmp_path / "other")
    other_identity = other.create(name="Other", org="O", email="o@o.example", passphrase=PASSPHRASE)
    issued = pki.ca.issue(other_identity.csr_pem(), passphrase=CA_PASSPHRASE, source="o.csr")
    before = pki.store.certificate()
    with pytest.raises(CertificateMismatchError, match="none of its certificates is for the key"):
        pki.store.install_certificate(issued.pem_with_chain(), source="o.pem")
    assert pki.store.certificate() == before


def _pkcs12_from_a_commercial_ca(
    password: bytes, *, rsa_key: bool
) -> tuple[bytes, x509.Certificate]:
    """What a certificate vendor hands out: key, certificate and CA chain in one .p12."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Vendor Root")])
    ca_cert = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=99))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if rsa_key:
        key = rsa.generate_private_key(65537, 2048)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sofía Ramírez"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Trabajo Justo")])
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(ca_name)
        .public_key(key.public_key()).serial_number(2)
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=99))
        .sign(ca_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"sofia", key, cert, [ca_cert], serialization.BestAvailableEncryption(password)
    )
    return data, ca_cert


@pytest.mark.parametrize("rsa_key", [False, True], ids=["ec", "rsa"])
def test_cli_imports_a_pkcs12_file_with_its_chain(tmp_path: Path, rsa_key: bool) -> None:
    data, vendor_root = _pkcs12_from_a_commercial_ca(b"vendor-secret-99", rsa_key=rsa_key)
    p12 = tmp_path / "sofia.p12"
    p12.write_bytes(data)
    store = tmp_path / "keys"
    result = invoke(
        ["keys", "--store", str(store), "import", str(p12)],
        input=f"vendor-secret-99\n{PASSPHRASE}\n{PASSPHRASE}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Sofía Ramírez, Trabajo Justo" in result.output
    assert "vendor-secret-99" not in result.output
    imported = KeyStore(store).load(PASSPHRASE)
    assert imported.chain == (vendor_root,)
    assert KeyStore(store).trust_anchors() == [vendor_root]


def test_cli_import_with_the_wrong_p12_passphrase_fails_plainly(tmp_path: Path) -> None:
    data, _ = _pkcs12_from_a_commercial_ca(b"vendor-secret-99", rsa_key=False)
    p12 = tmp_path / "sofia.p12"
    p12.write_bytes(data)
    result = invoke(
        ["keys", "--store", str(tmp_path / "keys"), "import", str(p12)],
        env={"AUDITDESK_P12_PASSPHRASE": "not-it-at-all", "AUDITDESK_KEY_PASSPHRASE": PASSPHRASE},
    )
    assert result.exit_code != 0
    assert "wrong passphrase for" in result.output
    assert str(p12) in result.output
    assert "not-it-at-all" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not KeyStore(tmp_path / "keys").has_identity()
