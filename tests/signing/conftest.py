"""Fixtures for the signing tests: a self-signed auditor, and an NGO CA with its auditor."""

from __future__ import annotations

from pathlib import Path

import pytest
from signing_material import CA_PASSPHRASE, PASSPHRASE, Pki

from auditdesk.signing import CertificateAuthority, KeyStore, SigningIdentity


@pytest.fixture
def self_signed_store(tmp_path: Path) -> KeyStore:
    store = KeyStore(tmp_path / "keys")
    store.create(name="Amélie Dupont", org="Fair Work Monitor", email="amelie@fwm.example",
                 passphrase=PASSPHRASE)
    return store


@pytest.fixture
def self_signed(self_signed_store: KeyStore) -> SigningIdentity:
    return self_signed_store.load(PASSPHRASE)


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    ca = CertificateAuthority(tmp_path / "ngo-ca")
    ca.init(name="Fair Work Monitor Audit CA", org="Fair Work Monitor", passphrase=CA_PASSPHRASE)
    store = KeyStore(tmp_path / "auditor-keys")
    identity = store.create(name="Kwame Mensah", org="Fair Work Monitor",
                            email="kwame@fwm.example", passphrase=PASSPHRASE)
    issued = ca.issue(identity.csr_pem(), passphrase=CA_PASSPHRASE, source="kwame.csr")
    store.install_certificate(issued.pem_with_chain(), source="kwame.pem")
    return Pki(ca, ca.certificate_path, store, store.load(PASSPHRASE))
