"""The start-up's quick audits list: the repository's list, read without SQLAlchemy."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from auditdesk.domain import Audit, AuditStatus, AuditType, Site, new_uuid
from auditdesk.storage import Repository, create_database, open_database
from auditdesk.storage.migrations import HEAD_REVISION
from auditdesk.storage.quick_list import read_audit_summaries


def _fill(repo: Repository) -> None:
    """Sites in three countries, audits of every type and several statuses, dates or none."""
    sites = [
        repo.add_site(Site(new_uuid(), f"Floor {n}", f"Vendor {n}", country, city="City"))
        for n, country in enumerate(("KE", "PH", "BD"))
    ]
    statuses = list(AuditStatus)
    for number in range(12):
        started = datetime.date(2026, 1 + number % 12, 1 + number) if number % 3 else None
        audit = repo.add_audit(
            Audit(
                new_uuid(),
                sites[number % 3].uuid,
                list(AuditType)[number % len(AuditType)],
                started_on=started,
                ended_on=started + datetime.timedelta(days=2) if started else None,
                training=number == 4,
            )
        )
        status = statuses[number % len(statuses)]
        if status is not audit.status:
            repo.set_audit_status(audit.uuid, status)


def test_the_quick_list_is_the_repositorys_list(tmp_path: Path) -> None:
    path = tmp_path / "audits.sqlite"
    with open_database(path) as repo:
        _fill(repo)
        expected = repo.list_audits()
        # Read while the repository holds the file open, as at start-up.
        assert read_audit_summaries(path) == expected
    assert len(expected) == 12
    assert read_audit_summaries(path) == expected


def test_an_encrypted_database_needs_its_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "secret.sqlite"
    create_database(path, passphrase="it's a long passphrase")
    with open_database(path, passphrase="it's a long passphrase") as repo:
        _fill(repo)
        expected = repo.list_audits()
    assert read_audit_summaries(path, "it's a long passphrase") == expected
    assert read_audit_summaries(path) is None  # the normal path asks for it
    assert read_audit_summaries(path, "not the passphrase") is None


def test_anything_but_a_current_database_takes_the_normal_path(tmp_path: Path) -> None:
    assert read_audit_summaries(tmp_path / "missing.sqlite") is None
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert read_audit_summaries(empty) is None
    foreign = tmp_path / "notes.sqlite"
    foreign.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert read_audit_summaries(foreign) is None
    older = tmp_path / "older.sqlite"
    with open_database(older) as repo:
        _fill(repo)
    with open_database(older) as repo:
        repo.driver.execute("UPDATE alembic_version SET version_num = '0001'")
    assert read_audit_summaries(older) is None


def test_the_head_constant_is_the_newest_migration() -> None:
    from auditdesk.storage.migrate import known_revisions
    from auditdesk.storage.schema import SCHEMA_HEAD

    assert known_revisions()[-1] == HEAD_REVISION == SCHEMA_HEAD


def test_the_passphrase_variable_is_the_stores() -> None:
    from auditdesk.storage import PASSPHRASE_ENV, quick_list

    assert quick_list.PASSPHRASE_ENV == PASSPHRASE_ENV


@pytest.mark.slow
def test_the_quick_path_never_imports_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "audits.sqlite"
    with open_database(path) as repo:
        _fill(repo)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from auditdesk.storage.quick_list import read_audit_summaries\n"
        f"audits = read_audit_summaries(Path({str(path)!r}))\n"
        "assert audits is not None and len(audits) == 12, audits\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
