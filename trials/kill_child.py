"""The child of the kill trial: fills an interview until it is killed.

It works as the interview screen does: answers go through a ``FormSession``; when one
answer changed one stored value it is saved with ``save_answer``, when it changed
more (a calculation, a repeat) the whole instance is saved with ``save_instance``.
Before each save it announces the state it is about to store, and after the save
returns it confirms it, so the parent knows exactly which states may be on disk.
"""

from __future__ import annotations

import random
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from auditdesk.formengine import FormInstance, FormSession, load_form
from auditdesk.storage import open_database
from trials.kill_form import random_answer

State = tuple[dict[str, Any], dict[str, int]]


def _state(session: FormSession) -> State:
    document = session.instance.to_json()
    return dict(document["answers"]), dict(document.get("repeats") or {})


def fill_until_killed(
    db_path: str,
    passphrase: str | None,
    form_path: str,
    record_uuid: str,
    seed: int,
    out: Connection,
) -> None:
    definition = load_form(Path(form_path))
    repository = open_database(Path(db_path), passphrase=passphrase, daily_backup=False)
    stored = repository.load_instance(record_uuid)
    session = FormSession(definition, FormInstance.from_json(stored, definition))
    saved = _state(session)
    out.send(("resumed", saved))
    rng = random.Random(seed)
    while True:
        shifts = session.repeat_count("shift")
        if rng.random() < 0.08 and shifts < 6:
            session.add_repeat("shift")
        elif rng.random() < 0.03 and shifts:
            session.remove_repeat(f"shift[{rng.randrange(1, shifts + 1)}]")
        else:
            path, value = random_answer(rng, shifts)
            if not session.answer(path, value).ok:
                continue
        state = _state(session)
        if state == saved:
            continue
        answers, repeats = state
        changed = {p for p in answers.keys() | saved[0].keys() if answers.get(p) != saved[0].get(p)}
        out.send(("saving", state))
        if len(changed) == 1 and repeats == saved[1]:
            (path,) = changed
            repository.save_answer(record_uuid, path, answers.get(path))
        else:
            repository.save_instance(record_uuid, session.instance.to_json())  # type: ignore[arg-type]
        out.send(("saved", state))  # only after the save returned: on disk
        saved = state
