"""The child of the kill trial: fills an interview, and exports it, until it is killed.

It works as the interview screen does: answers go through a ``FormSession``; when one
answer changed one stored value it is saved with ``save_answer``, when it changed
more (a calculation, a repeat) the whole instance is saved with ``save_instance``.
Before each save it announces the state it is about to store, and after the save
returns it confirms it, so the parent knows exactly which states may be on disk.

Every few saves it exports the audit as the export dialog does (the core
``export_audit``): a workbook, and in signing rounds a signed workbook and a signed
PDF report, always over the same file names, so kills also land while a file is
being written, signed, renamed into place or noted in the audit trail.
"""

from __future__ import annotations

import random
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditdesk.formengine import FormInstance, FormSession, load_form
from auditdesk.storage import open_database
from trials.kill_form import random_answer

if TYPE_CHECKING:
    from auditdesk.signing import SigningIdentity
    from auditdesk.storage import Repository

State = tuple[dict[str, Any], dict[str, int]]


@dataclass(frozen=True)
class ExportPlan:
    """Where and how often a child exports, and whether it signs this round."""

    folder: str
    stem: str
    audit_uuid: str
    every: int
    """Saves between two exports."""
    key_folder: str | None = None
    """Sign the workbook and add a signed PDF with this key store's identity."""
    key_passphrase: str = ""


def _state(session: FormSession) -> State:
    document = session.instance.to_json()
    return dict(document["answers"]), dict(document.get("repeats") or {})


def _identity(plan: ExportPlan) -> SigningIdentity | None:
    if plan.key_folder is None:
        return None
    from auditdesk.signing import KeyStore

    return KeyStore(Path(plan.key_folder)).load(plan.key_passphrase)


def _export(
    repository: Repository, plan: ExportPlan, identity: SigningIdentity | None, out: Connection
) -> None:
    from auditdesk.export.run import ExportRequest, export_audit

    folder = Path(plan.folder)
    request = ExportRequest(
        xlsx=folder / f"{plan.stem}.xlsx",
        pdf=folder / f"{plan.stem}.pdf" if identity is not None else None,
        identity=identity,
    )
    out.send(("exporting", None))
    started = time.perf_counter()
    outcome = export_audit(repository, plan.audit_uuid, request)
    files = tuple((file.path.name, file.sha256) for file in outcome.files)
    out.send(("exported", (files, time.perf_counter() - started)))


def fill_until_killed(
    db_path: str,
    passphrase: str | None,
    form_path: str,
    record_uuid: str,
    seed: int,
    plan: ExportPlan,
    out: Connection,
) -> None:
    """Fill and export until killed; any error on the way is told to the parent, which
    counts it (a child dying on its own is no kill)."""
    try:
        _fill(db_path, passphrase, form_path, record_uuid, seed, plan, out)
    except BaseException as error:
        out.send(("failed", "".join(traceback.format_exception(error)[-3:]).strip()))
        raise


def _save(
    repository: Repository, record_uuid: str, session: FormSession, saved: State, out: Connection
) -> State:
    """Store what changed since ``saved``, as the interview screen does; the new state."""
    state = _state(session)
    answers, repeats = state
    changed = {p for p in answers.keys() | saved[0].keys() if answers.get(p) != saved[0].get(p)}
    out.send(("saving", state))
    if len(changed) == 1 and repeats == saved[1]:
        (path,) = changed
        repository.save_answer(record_uuid, path, answers.get(path))
    else:
        repository.save_instance(record_uuid, session.instance.to_json())  # type: ignore[arg-type]
    out.send(("saved", state))  # only after the save returned: on disk
    return state


def _fill(
    db_path: str,
    passphrase: str | None,
    form_path: str,
    record_uuid: str,
    seed: int,
    plan: ExportPlan,
    out: Connection,
) -> None:
    definition = load_form(Path(form_path))
    repository = open_database(Path(db_path), passphrase=passphrase, daily_backup=False)
    identity = _identity(plan)  # before "resumed": the kill clock starts there
    stored = repository.load_instance(record_uuid)
    session = FormSession(definition, FormInstance.from_json(stored, definition))
    out.send(("resumed", _state(session)))
    # What is on disk, not what the session recomputed on opening (a calculation over
    # empty inputs reads 'NaN'): like the interview screen, store the difference at once.
    saved: State = (dict(stored["answers"]), dict(stored.get("repeats") or {}))
    if _state(session) != saved:
        saved = _save(repository, record_uuid, session, saved, out)
    rng = random.Random(seed)
    saves_since_export = 0
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
        if _state(session) == saved:
            continue
        saved = _save(repository, record_uuid, session, saved, out)
        saves_since_export += 1
        if saves_since_export >= plan.every:
            _export(repository, plan, identity, out)
            saves_since_export = 0
