"""Durable answer saves and the audits list, plain and encrypted.

The baseline is a raw ``sqlite3`` (or ``sqlcipher3``) single-row INSERT … ON CONFLICT +
COMMIT on its own connection with the same pragmas (WAL, ``synchronous=FULL``), in the
same folder. Commits are bound by fsync, whose cost drifts on a shared disk, so the two
are interleaved one for one and compared by their medians.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import Row

SAVES = 300
LIST_SIZE = 10_000
LIST_REPEATS = 7
PASSPHRASE = "benchmark passphrase"  # noqa: S105 - a throwaway test key


def _raw_connection(path: Path, passphrase: str | None) -> Any:
    from auditdesk.storage.engine import connect_driver

    connection = connect_driver(path, passphrase)
    connection.execute(
        "CREATE TABLE answer (id INTEGER PRIMARY KEY, record_uuid TEXT, path TEXT, "
        "value_json TEXT, updated_at TEXT, UNIQUE (record_uuid, path))"
    )
    return connection


def _repository(folder: Path, passphrase: str | None) -> tuple[Any, str]:
    from auditdesk.domain import Audit, AuditType, FormRecord, RecordKind, Site, new_uuid
    from auditdesk.storage import open_database

    repo = open_database(folder / "bench.sqlite", passphrase=passphrase, backup_folder=folder)
    site = repo.add_site(Site(new_uuid(), "Bench Org", "Bench site", "KE"))
    audit = repo.add_audit(Audit(new_uuid(), site.uuid, AuditType.ANNOUNCED))
    record = repo.add_form_record(
        FormRecord(new_uuid(), audit.uuid, "bench", "1", RecordKind.WORKER_INTERVIEW, "")
    )
    return repo, record.uuid


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _save_ratio(passphrase: str | None) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        raw = _raw_connection(folder / "raw.sqlite", passphrase)
        repo, record_uuid = _repository(folder, passphrase)
        raw_times, repo_times = [], []
        try:
            for i in range(SAVES):
                params = ("r", f"q{i}", str(i), "2026-01-01T00:00:00")

                def raw_save(params: tuple[str, ...] = params) -> None:
                    raw.execute("BEGIN IMMEDIATE")
                    raw.execute(
                        "INSERT INTO answer (record_uuid, path, value_json, updated_at) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (record_uuid, path) DO UPDATE SET "
                        "value_json = excluded.value_json, updated_at = excluded.updated_at",
                        params,
                    )
                    raw.execute("COMMIT")

                raw_times.append(_timed(raw_save))
                repo_times.append(
                    _timed(lambda i=i: repo.save_answer(record_uuid, f"rep[1]/q{i}", i))
                )
        finally:
            raw.close()
            repo.close()
    raw_median = statistics.median(raw_times)
    return statistics.median(repo_times) / raw_median, raw_median * 1e6


def _list_ms(passphrase: str | None) -> float:
    from auditdesk.domain import new_uuid

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        repo, _ = _repository(folder, passphrase)
        try:
            with repo.exclusive:
                sites = [(new_uuid(), f"Org {i}", f"Site {i}", "KE") for i in range(100)]
                driver = repo.driver
                driver.execute("BEGIN IMMEDIATE")
                driver.executemany(
                    "INSERT INTO site (uuid, organisation, name, country, city, sector, "
                    "position) VALUES (?, ?, ?, ?, '', '', 'vendor')",
                    sites,
                )
                driver.executemany(
                    "INSERT INTO audit (uuid, site_uuid, audit_type, status, started_on, "
                    "lead_auditor, team_json, training, notes, created_at) VALUES "
                    "(?, ?, 'announced', 'completed', '2026-03-01', 'A', '[]', 0, '', ?)",
                    [
                        (new_uuid(), sites[i % 100][0], f"2026-03-01T00:00:{i:07d}")
                        for i in range(LIST_SIZE)
                    ],
                )
                driver.execute("COMMIT")
            repo.list_audits()  # warm the statement cache
            times = [_timed(repo.list_audits) for _ in range(LIST_REPEATS)]
            assert len(repo.list_audits()) == LIST_SIZE + 1
        finally:
            repo.close()
    return statistics.median(times) * 1000


def run() -> list[Row]:
    rows: list[Row] = []
    for label, passphrase in (("plain", None), ("encrypted", PASSPHRASE)):
        ratio, raw_us = _save_ratio(passphrase)
        rows.append(
            (
                f"storage: durable answer save vs raw insert+commit ({label}; raw {raw_us:.0f} µs)",
                ratio,
                "≤ 1.5×",
            )
        )
        rows.append((f"storage: list 10,000 audits ({label}), ms", _list_ms(passphrase), "≤ 50 ms"))
    return rows
