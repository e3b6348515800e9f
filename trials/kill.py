"""Kill trial: SIGKILL a child filling and exporting interviews at random moments.

Two databases take turns, one plain and one SQLCipher-encrypted. After each kill the
parent checks the file with ``PRAGMA integrity_check`` and compares what is stored
with what the child confirmed: the stored interview must be the last confirmed state,
or the one state the child announced and was saving when it died. The next child
resumes from the database, so a resumed interview that differs from the stored one
is caught too.

The child also exports the audit every few saves (workbook; in signing rounds a signed
workbook and a signed PDF). Half the rounds aim the kill inside an export: the parent
waits for the child to announce one and kills it within a typical export's time. After
every kill the files at the exports' final names must be whole (see ``kill_exports``)
and each must be recorded, by its SHA-256, in the audit trail of its database.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import statistics
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from trials.report import Figure

PASSPHRASE = "kill-trial passphrase 9f3"
KEY_PASSPHRASE = "kill-trial signing key 5c1"
RANDOM_KILL_WINDOW = 0.35
"""Seconds after the child resumed within which an unaimed kill lands."""
State = tuple[dict[str, Any], dict[str, int]]
Message = tuple[str, Any]


@dataclass
class _Database:
    path: Path
    passphrase: str | None
    audit_uuid: str = ""
    record_uuid: str = ""
    confirmed: State = field(default_factory=lambda: ({}, {}))


@dataclass
class _Tally:
    lost_rounds: list[str] = field(default_factory=list)
    lost_answers: int = 0
    corrupt_rounds: list[str] = field(default_factory=list)
    broken_exports: list[str] = field(default_factory=list)
    untrailed_exports: list[str] = field(default_factory=list)
    child_errors: list[str] = field(default_factory=list)
    saves: int = 0
    exports: int = 0
    kills_mid_export: int = 0
    kills_mid_save: int = 0
    export_seconds: list[float] = field(default_factory=list)

    def typical_export(self) -> float:
        return statistics.median(self.export_seconds[-9:]) if self.export_seconds else 0.3


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
        # The export reads the form from the audit's snapshot, as for any audit.
        snapshot = repo.add_form_snapshot(
            audit.uuid, form_id=FORM_ID, version=FORM_VERSION, filename=form_path.name,
            content=form_path.read_bytes(), auditor="T",
        )
        record = repo.add_form_record(
            FormRecord(new_uuid(), audit.uuid, FORM_ID, FORM_VERSION,
                       RecordKind.WORKER_INTERVIEW, "W-01", snapshot_id=snapshot.id),
            auditor="T",
        )
    db.audit_uuid, db.record_uuid = audit.uuid, record.uuid
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


def _exports_in_trail(db: _Database) -> set[str]:
    """The SHA-256 of every file the audit trail says was exported."""
    from auditdesk.storage.engine import connect_driver

    connection = connect_driver(db.path, db.passphrase, apply_pragmas=False)
    try:
        details = connection.execute(
            "SELECT detail_json FROM trail_entry WHERE kind = 'export'"
        ).fetchall()
    finally:
        connection.close()
    return {str(json.loads(text or "{}").get("sha256", "")) for (text,) in details}


def _receive(reader: Connection, until: float, stop_kind: str = "") -> list[Message]:
    """Read the child's messages until ``until`` (monotonic) or one of ``stop_kind``.

    Reading while waiting keeps the pipe empty: a child blocked on a full pipe would
    be killed in a ``send``, never in a save or an export.
    """
    messages: list[Message] = []
    while (left := until - time.monotonic()) > 0 and reader.poll(left):
        try:
            messages.append(reader.recv())
        except (EOFError, OSError):
            break
        if messages[-1][0] == stop_kind:
            break
    return messages


def _receive_all(reader: Connection) -> list[Message]:
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


def _kill_after(
    child: Any, reader: Connection, aim: str, rng: random.Random, tally: _Tally
) -> list[Message]:
    """Kill the child at a random moment, or a random moment after it announced ``aim``
    ("exporting", "exported"); return everything it said."""
    if aim:
        messages = _receive(reader, time.monotonic() + 60, stop_kind=aim)
        pause = rng.uniform(0.0, 1.2 * tally.typical_export())
    else:
        messages, pause = [], rng.uniform(0.0, RANDOM_KILL_WINDOW)
    messages += _receive(reader, time.monotonic() + pause)
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join(30)
    return messages + _receive_all(reader)


def _account(round_no: int, messages: list[Message], db: _Database, tally: _Tally) -> State | None:
    """Take in what the child said before it died; the state it was saving, if any."""
    announced: State | None = None
    exporting = False
    for kind, payload in messages:
        if kind == "saving":
            announced = payload
        elif kind == "saved":
            db.confirmed, announced = payload, None
            tally.saves += 1
        elif kind == "exporting":
            exporting = True
        elif kind == "exported":
            exporting = False
            tally.exports += 1
            tally.export_seconds.append(payload[1])
        elif kind == "failed":
            tally.child_errors.append(f"round {round_no} ({db.path.name}): {payload}"[:600])
    tally.kills_mid_export += exporting
    tally.kills_mid_save += announced is not None
    return announced


def _check_database(round_no: int, db: _Database, announced: State | None, tally: _Tally) -> None:
    verdict, stored = _stored_state(db)
    if verdict != "ok":
        tally.corrupt_rounds.append(f"round {round_no} ({db.path.name}): {verdict[:200]}")
    if stored is None or (
        _lost(db.confirmed, stored) and (announced is None or _lost(announced, stored))
    ):
        missing = _lost(db.confirmed, stored or ({}, {}))
        tally.lost_answers += len(missing)
        tally.lost_rounds.append(f"round {round_no} ({db.path.name}): lost {missing[:3]}")
    elif stored is not None and announced is not None and not _lost(announced, stored):
        # The announced save reached the disk before the kill: it is the state now.
        db.confirmed = announced


def _plan(
    round_no: int, db: _Database, rng: random.Random, exports: Any, key_folder: Path
) -> tuple[Any, str]:
    """This round's export plan and what its kill waits for ("" for a random moment)."""
    from trials.kill_child import ExportPlan

    # Half the rounds export soon and often and aim the kill inside an export; the
    # others export rarely, so that their kills land mostly while answers are saved.
    aim_at_export = rng.random() < 0.5
    signing = rng.random() < 0.4 and aim_at_export
    plan = ExportPlan(
        str(exports.folder), db.path.stem, db.audit_uuid,
        every=rng.randint(3, 12) if aim_at_export else rng.randint(150, 600),
        key_folder=str(key_folder) if signing else None, key_passphrase=KEY_PASSPHRASE,
    )
    # Until this round's files exist, and in a quarter of the aimed rounds after, the kill
    # waits for an export to finish: kills then land on files being replaced, not only on
    # first writes, and the time an export takes (it grows with the audit trail) stays known.
    suffixes = (".xlsx", ".pdf") if signing else (".xlsx",)
    in_place = all(exports.exists(db.path.stem, suffix) for suffix in suffixes)
    let_finish = rng.random() < 0.25 or not in_place  # always drawn: a seed gives one plan
    return plan, "" if not aim_at_export else "exported" if let_finish else "exporting"


def run(size: int, seed: int, workdir: Path) -> list[Figure]:
    if sys.platform == "win32":
        return [Figure("kill: confirmed answers lost", 0, 0, "0", waits_on="a POSIX machine")]
    from auditdesk.signing import KeyStore
    from trials.kill_exports import ExportInspector
    from trials.kill_form import write_kill_form

    workdir.mkdir(parents=True, exist_ok=True)
    form_path = write_kill_form(workdir)
    databases = [_prepare(workdir, None, form_path), _prepare(workdir, PASSPHRASE, form_path)]
    key_folder = workdir / "keys"
    identity = KeyStore(key_folder).create(
        name="Kill Trial Auditor", org="Trials", email="kill@example.org",
        passphrase=KEY_PASSPHRASE,
    )
    exports = ExportInspector(workdir / "exports", (identity.certificate,))
    context = multiprocessing.get_context("forkserver")
    # Everything a child imports is imported once in the fork server, so that each
    # round starts in milliseconds and the kills land in saves and exports, not imports.
    context.set_forkserver_preload(
        ["auditdesk.storage", "auditdesk.formengine", "pyxform.xls2json",
         "pyxform.xls2json_backends", "sqlcipher3.dbapi2", "trials.kill_preload",
         "trials.kill_child"]
    )
    from trials import kill_child

    rng = random.Random(seed)
    tally = _Tally()
    for round_no in range(1, size + 1):
        db = databases[round_no % 2]
        plan, aim = _plan(round_no, db, rng, exports, key_folder)
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(
            target=kill_child.fill_until_killed,
            args=(str(db.path), db.passphrase, str(form_path), db.record_uuid,
                  seed * 100_003 + round_no, plan, writer),
        )
        child.start()
        writer.close()
        first = _receive(reader, time.monotonic() + 60, stop_kind="resumed")
        if not first or first[-1][0] != "resumed":
            child.kill()
            child.join()
            tally.lost_rounds.append(
                f"round {round_no} ({db.path.name}): the child could not resume: {first}"[:300])
            continue
        resumed: State = first[-1][1]
        if _lost(db.confirmed, resumed):
            tally.lost_answers += len(_lost(db.confirmed, resumed))
            tally.lost_rounds.append(
                f"round {round_no}: resumed interview misses {_lost(db.confirmed, resumed)[:3]}"
            )
        messages = _kill_after(child, reader, aim, rng, tally)
        reader.close()
        announced = _account(round_no, messages, db, tally)
        _check_database(round_no, db, announced, tally)
        tally.broken_exports += [
            f"round {round_no}: {problem}" for problem in exports.broken_files(db.path.stem)
        ]
        noted = _exports_in_trail(db)
        tally.untrailed_exports += [
            f"round {round_no}: {path.name} (sha256 {digest[:12]}) has no export entry"
            for path, digest in exports.final_files(db.path.stem) if digest not in noted
        ]
    return _figures(size, tally, exports)


def _figures(size: int, tally: _Tally, exports: Any) -> list[Figure]:
    return [
        Figure(f"kill: confirmed answers lost ({tally.saves} confirmed saves, "
               f"{tally.kills_mid_save} kills mid-save)", size,
               tally.lost_answers or len(tally.lost_rounds), "0",
               examples=tuple(tally.lost_rounds)),
        Figure("kill: databases failing integrity_check", size, len(tally.corrupt_rounds), "0",
               examples=tuple(tally.corrupt_rounds)),
        Figure(f"kill: partial export files left at the final name ({tally.kills_mid_export} "
               f"kills mid-export, {tally.exports} exports done, {exports.files_verified} "
               f"files verified, {len(exports.temporaries())} hidden temporaries left)",
               size, len(tally.broken_exports), "0", examples=tuple(tally.broken_exports)),
        Figure("kill: exported files at their final name that the audit trail does not "
               "record", size, len(tally.untrailed_exports), "0",
               examples=tuple(tally.untrailed_exports)),
        Figure("kill: children failing on their own before the kill", size,
               len(tally.child_errors), "0", examples=tuple(tally.child_errors)),
    ]
