"""Kill trial: SIGKILL a child filling interviews at random moments; lose nothing.

Two databases take turns, one plain and one SQLCipher-encrypted. After each kill the
parent checks the file with ``PRAGMA integrity_check`` and compares what is stored
with what the child confirmed: the stored interview must be the last confirmed state,
or the one state the child announced and was saving when it died. The next child
resumes from the database, so a resumed interview that differs from the stored one
is caught too.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from trials.report import Figure

PASSPHRASE = "kill-trial passphrase 9f3"
State = tuple[dict[str, Any], dict[str, int]]


@dataclass
class _Database:
    path: Path
    passphrase: str | None
    record_uuid: str = ""
    confirmed: State = field(default_factory=lambda: ({}, {}))


def _prepare(folder: Path, passphrase: str | None, form_path: Path) -> _Database:
    from auditdesk.domain import (
        Audit,
        AuditType,
        FormRecord,
        RecordKind,
        Site,
        SupplyChainPosition,
        new_uuid,
    )
    from auditdesk.storage import open_database
    from trials.kill_form import FORM_ID, FORM_VERSION

    name = "encrypted.db" if passphrase else "plain.db"
    db = _Database(folder / name, passphrase)
    with open_database(db.path, passphrase=passphrase, daily_backup=False) as repo:
        site = repo.add_site(
            Site(new_uuid(), "Kill Trial Ltd", "Annotation floor", "KE", "Nairobi",
                 "data annotation", 120, SupplyChainPosition.VENDOR)
        )
        audit = repo.add_audit(Audit(new_uuid(), site.uuid, AuditType.ANNOUNCED), auditor="T")
        record = repo.add_form_record(
            FormRecord(new_uuid(), audit.uuid, FORM_ID, FORM_VERSION,
                       RecordKind.WORKER_INTERVIEW, "W-01"),
            auditor="T",
        )
    db.record_uuid = record.uuid
    return db


def _stored_state(db: _Database) -> tuple[str, State | None]:
    """``integrity_check``'s verdict and the interview as stored (``None`` if unreadable)."""
    from auditdesk.storage.engine import connect_driver

    connection = connect_driver(db.path, db.passphrase, apply_pragmas=False)
    try:
        verdict = ", ".join(
            str(row[0]) for row in connection.execute("PRAGMA integrity_check").fetchall()
        )
        answers = {
            str(path): json.loads(text)
            for path, text in connection.execute(
                "SELECT path, value_json FROM answer WHERE record_uuid = ?", (db.record_uuid,)
            ).fetchall()
        }
        (meta_text,) = connection.execute(
            "SELECT instance_meta_json FROM form_record WHERE uuid = ?", (db.record_uuid,)
        ).fetchone()
    finally:
        connection.close()
    meta = json.loads(meta_text or "{}")
    repeats = {str(k): int(v) for k, v in (meta.get("repeats") or {}).items()}
    return verdict, (answers, repeats)


def _receive_all(reader: Connection) -> list[tuple[str, State]]:
    messages = []
    while True:
        try:
            messages.append(reader.recv())
        except (EOFError, OSError):
            return messages


def _lost(expected: State, stored: State) -> list[str]:
    answers, repeats = expected
    lost = [f"{path}={value!r}" for path, value in answers.items() if stored[0].get(path) != value]
    lost += [f"{path} repeats={n}" for path, n in repeats.items() if stored[1].get(path, 0) != n]
    return lost


def run(size: int, seed: int, workdir: Path) -> list[Figure]:
    if sys.platform == "win32":
        return [Figure("kill: confirmed answers lost", 0, 0, "0", waits_on="a POSIX machine")]
    from trials.kill_form import write_kill_form

    workdir.mkdir(parents=True, exist_ok=True)
    form_path = write_kill_form(workdir)
    databases = [_prepare(workdir, None, form_path), _prepare(workdir, PASSPHRASE, form_path)]
    context = multiprocessing.get_context("forkserver")
    # Everything a child imports is imported once in the fork server, so that each
    # round starts in milliseconds and the kills land in the saving, not in imports.
    context.set_forkserver_preload(
        ["auditdesk.storage", "auditdesk.formengine", "pyxform.xls2json",
         "pyxform.xls2json_backends", "sqlcipher3.dbapi2", "trials.kill_child"]
    )
    from trials import kill_child

    rng = random.Random(seed)
    lost_rounds: list[str] = []
    lost_answers = 0
    corrupt_rounds: list[str] = []
    saves = 0
    for round_no in range(1, size + 1):
        db = databases[round_no % 2]
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(
            target=kill_child.fill_until_killed,
            args=(str(db.path), db.passphrase, str(form_path), db.record_uuid,
                  seed * 100_003 + round_no, writer),
        )
        child.start()
        writer.close()
        try:
            if not reader.poll(60):
                raise EOFError
            kind, resumed = reader.recv()
        except EOFError:
            child.kill()
            child.join()
            lost_rounds.append(f"round {round_no} ({db.path.name}): the child could not resume")
            continue
        if _lost(db.confirmed, resumed):
            lost_answers += len(_lost(db.confirmed, resumed))
            lost_rounds.append(
                f"round {round_no}: resumed interview misses {_lost(db.confirmed, resumed)[:3]}"
            )
        time.sleep(rng.uniform(0.0, 0.35))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(30)
        announced: State | None = None
        for kind, state in _receive_all(reader):
            if kind == "saving":
                announced = state
            elif kind == "saved":
                db.confirmed, announced = state, None
                saves += 1
        reader.close()
        verdict, stored = _stored_state(db)
        if verdict != "ok":
            corrupt_rounds.append(f"round {round_no} ({db.path.name}): {verdict[:200]}")
        if stored is None or (
            _lost(db.confirmed, stored) and (announced is None or _lost(announced, stored))
        ):
            missing = _lost(db.confirmed, stored or ({}, {}))
            lost_answers += len(missing)
            lost_rounds.append(f"round {round_no} ({db.path.name}): lost {missing[:3]}")
        elif stored is not None and announced is not None and not _lost(announced, stored):
            # The announced save reached the disk before the kill: it is the state now.
            db.confirmed = announced
    return [
        Figure(f"kill: confirmed answers lost ({saves} confirmed saves)", size,
               lost_answers or len(lost_rounds), "0", examples=tuple(lost_rounds)),
        Figure("kill: databases failing integrity_check", size, len(corrupt_rounds), "0",
               examples=tuple(corrupt_rounds)),
    ]
