"""Consolidation fixtures: two auditors' signing identities and a real PostgreSQL server."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from consolidate_material import CA_PASSPHRASE, PASSPHRASE, Auditors

from auditdesk.signing import CertificateAuthority, KeyStore


@pytest.fixture(scope="session")
def auditors(tmp_path_factory: pytest.TempPathFactory) -> Auditors:
    folder = tmp_path_factory.mktemp("auditors")
    ca = CertificateAuthority(folder / "ngo-ca")
    ca.init(name="Fair Work Monitor Audit CA", org="Fair Work Monitor", passphrase=CA_PASSPHRASE)
    kwame_store = KeyStore(folder / "kwame")
    kwame = kwame_store.create(name="Kwame Mensah", org="Fair Work Monitor",
                               email="kwame@fwm.example", passphrase=PASSPHRASE)
    issued = ca.issue(kwame.csr_pem(), passphrase=CA_PASSPHRASE, source="kwame.csr")
    kwame_store.install_certificate(issued.pem_with_chain(), source="kwame.pem")
    lucia_store = KeyStore(folder / "lucia")
    lucia_store.create(name="Lucía Ortega", org="Auditoría Justa", email="lucia@aj.example",
                       passphrase=PASSPHRASE)
    return Auditors(ca.certificate_path, kwame_store.load(PASSPHRASE),
                    lucia_store.load(PASSPHRASE))


# --- a throw-away PostgreSQL server -------------------------------------------------------


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the 'postgres' user."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server started for this test session in a temporary folder."""
    binaries = _postgres_bin()
    if binaries is None or not (binaries / "initdb").exists():
        message = "PostgreSQL server binaries not found (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide them: {message}")
        pytest.skip(message)
    # Not under pytest's tmp folder: its parents are private to root and the server
    # runs as 'postgres', which must reach its data folder.
    folder = Path(tempfile.mkdtemp(prefix="auditdesk-pg-"))
    data, log = folder / "data", folder / "server.log"
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres", group="postgres")
    port = _free_port()
    try:
        subprocess.run(
            _as_server_user([str(binaries / "initdb"), "-D", str(data), "-U", "auditdesk",
                             "-A", "trust", "--no-sync", "-E", "UTF8"]),
            check=True, capture_output=True, timeout=120,
        )
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                             "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 "
                             "-c fsync=off", "start"]),
            check=True, capture_output=True, timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        details = getattr(error, "stderr", b"") or b""
        server_log = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {error}\n{details.decode(errors='replace')}"
                    f"\n{server_log}")
    try:
        yield f"postgresql+psycopg://auditdesk@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate",
                             "stop"]),
            capture_output=True, timeout=60, check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_database(postgres_url: str) -> Iterator[str]:
    """A fresh, empty database on the session's server for one test."""
    from sqlalchemy import create_engine, text

    name = f"t_{os.urandom(6).hex()}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield postgres_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
