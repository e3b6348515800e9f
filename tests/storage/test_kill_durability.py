"""Every answer confirmed before a SIGKILL is in the database, which stays intact."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from storage_scene import make_scene

from auditdesk.storage import open_database

ROUNDS = 60

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork servers are POSIX"),
]


def _receive_all(reader: multiprocessing.connection.Connection) -> list[tuple[str, str, int]]:
    messages = []
    while True:
        try:
            messages.append(reader.recv())
        except EOFError:
            return messages


def test_confirmed_answers_survive_sigkill(db_path: Path) -> None:
    with open_database(db_path) as repo:
        scene = make_scene(repo)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["auditdesk.storage", "kill_child"])
    import kill_child

    rng = random.Random(20261122)
    confirmed: dict[str, int] = {}
    latest_confirmed = 0
    total = 0
    for round_no in range(1, ROUNDS + 1):
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(
            target=kill_child.answer_until_killed,
            args=(str(db_path), scene.record.uuid, round_no, writer),
        )
        child.start()
        writer.close()
        assert reader.poll(30), "the child never became ready"
        assert reader.recv()[0] == "ready"
        time.sleep(rng.uniform(0.005, 0.4))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        for kind, path, value in _receive_all(reader):
            total += 1
            if kind == "unique":
                confirmed[path] = value
            else:
                latest_confirmed = max(latest_confirmed, value)
        reader.close()

        connection = sqlite3.connect(db_path)
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {
            path: json.loads(text)
            for path, text in connection.execute(
                "SELECT path, value_json FROM answer WHERE record_uuid = ?", (scene.record.uuid,)
            )
        }
        connection.close()
        missing = {p: v for p, v in confirmed.items() if stored.get(p) != v}
        assert missing == {}, f"round {round_no}: confirmed answers lost"
        # A save may reach the disk just before the kill and its report not leave.
        assert stored.get("latest", 0) >= latest_confirmed

    assert total > ROUNDS  # the kills did land while answers were being saved
    with open_database(db_path) as repo:
        assert repo.check().ok
        assert repo.verify_trail(scene.audit.uuid).ok
