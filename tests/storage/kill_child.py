"""The child of the kill test: answers in a loop and reports each confirmed save.

It runs in a process forked from a multiprocessing fork server that has already
imported the store, so that each of the many rounds starts in milliseconds.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from pathlib import Path

from auditdesk.storage import open_database


def answer_until_killed(db_path: str, record_uuid: str, round_no: int, out: Connection) -> None:
    repository = open_database(Path(db_path), daily_backup=False)
    out.send(("ready", "", 0))
    i = 0
    while True:
        i += 1
        path = f"round{round_no}/q{i}"
        repository.save_answer(record_uuid, path, i)
        out.send(("unique", path, i))  # only after save_answer returned: on disk
        latest = round_no * 1_000_000 + i
        repository.save_answer(record_uuid, "latest", latest)
        out.send(("latest", "latest", latest))
