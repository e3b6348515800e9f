"""Fixtures for the export tests: a scored audit in a temporary database, signing keys."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "signing"))

from export_scene import AuditScene, build_audit, open_repo
from signing_material import CA_PASSPHRASE, PASSPHRASE, Pki

from auditdesk.signing import CertificateAuthority, KeyStore, SigningIdentity
from auditdesk.storage import Repository


@pytest.fixture(scope="session")
def audit_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, AuditScene]:
    """One database with the scene audit, built once; tests copy it when they write."""
    path = tmp_path_factory.mktemp("db") / "audits.sqlite"
    repo = open_repo(path)
    try:
        scene = build_audit(repo)
    finally:
        repo.close()
    return path, scene


@pytest.fixture
def repo(audit_db: tuple[Path, AuditScene], tmp_path: Path) -> Iterator[Repository]:
    import shutil

    copy = tmp_path / "audits.sqlite"
    shutil.copy(audit_db[0], copy)
    repository = open_repo(copy)
    try:
        yield repository
    finally:
        repository.close()


@pytest.fixture
def scene(audit_db: tuple[Path, AuditScene]) -> AuditScene:
    return audit_db[1]


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """An NGO CA and an auditor whose certificate it issued."""
    root = tmp_path_factory.mktemp("pki")
    ca = CertificateAuthority(root / "ngo-ca")
    ca.init(name="Fair Work Monitor Audit CA", org="Fair Work Monitor", passphrase=CA_PASSPHRASE)
    store = KeyStore(root / "auditor-keys")
    identity = store.create(name="Amélie Dupont", org="Fair Work Monitor",
                            email="amelie@fwm.example", passphrase=PASSPHRASE)
    issued = ca.issue(identity.csr_pem(), passphrase=CA_PASSPHRASE, source="amelie.csr")
    store.install_certificate(issued.pem_with_chain(), source="amelie.pem")
    return Pki(ca, ca.certificate_path, store, store.load(PASSPHRASE))


@pytest.fixture(scope="session")
def identity(pki: Pki) -> SigningIdentity:
    return pki.identity
