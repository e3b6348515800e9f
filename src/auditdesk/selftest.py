"""``auditdesk --selftest``: prove an installation works end to end, offline, in seconds.

A frozen build fails in ways the test suite cannot see: a data file left out of the
bundle, a module imported by name that the packager did not follow, a native library
missing on the user's machine. The self-test runs the real core on real files in a
temporary folder — databases (plain and SQLCipher), every bundled checklist walked
through the form engine and stored, the bundled sample audit loaded and scored, signed
workbooks and PDF reports exported and verified, the workbooks consolidated into a
master — and names the first step that fails.

Nothing outside the temporary folder is read or written apart from the bundled
checklists, so it is safe to run on an auditor's laptop.

Pure core: no Qt here (the GUI's start is measured by ``benchmarks/bench_frozen.py``).
"""

from __future__ import annotations

import datetime
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from auditdesk import paths

if TYPE_CHECKING:
    from auditdesk.domain import JsonValue
    from auditdesk.formengine import FormDefinition, FormSession, QuestionPrompt
    from auditdesk.signing import SigningIdentity
    from auditdesk.storage import Repository

Report = Callable[[str], None]

_MAX_SCREENS = 5000
"""A walk that has not reached the end after this many screens is stuck in a loop."""


class SelftestFailure(Exception):
    """A check inside a step did not hold."""


@dataclass
class _WalkedForm:
    path: Path
    definition: FormDefinition
    answers: dict[str, JsonValue]
    screens: int


@dataclass
class _Workspace:
    """What the steps hand on to each other, all inside one temporary folder."""

    folder: Path
    passphrase: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    walked: list[_WalkedForm] = field(default_factory=list)
    audit_uuid: str = ""
    sample_uuid: str = ""
    identity: SigningIdentity | None = None

    @property
    def encrypted_db(self) -> Path:
        return self.folder / "encrypted.sqlite"

    @property
    def backups(self) -> Path:
        return self.folder / "backups"

    @property
    def exports(self) -> Path:
        return self.folder / "exports"


# -- storage -----------------------------------------------------------------------------


def _open_encrypted(work: _Workspace) -> Repository:
    from auditdesk.storage import open_database

    return open_database(
        work.encrypted_db,
        passphrase=work.passphrase,
        backup_folder=work.backups,
        daily_backup=False,
    )


def _plain_database(work: _Workspace) -> str:
    from auditdesk.domain import Audit, AuditType, Site, new_uuid
    from auditdesk.storage import create_database, open_database

    path = work.folder / "plain.sqlite"
    create_database(path)
    with open_database(path, backup_folder=work.backups, daily_backup=False) as repo:
        site = repo.add_site(Site(new_uuid(), "Selftest Labelling", "Head office", "KE"))
        repo.add_audit(Audit(new_uuid(), site.uuid, AuditType.ANNOUNCED))
    with open_database(path, backup_folder=work.backups, daily_backup=False) as repo:
        report = repo.check()
        if not report.ok:
            raise SelftestFailure(f"integrity check of {path.name}: {report}")
        if repo.count_audits() != 1:
            raise SelftestFailure("the audit written before closing is not there after reopening")
    return "created, migrated, reopened"


def _encrypted_database(work: _Workspace) -> str:
    from auditdesk.storage import WrongPassphraseError, create_database, open_database

    path = work.encrypted_db
    create_database(path, passphrase=work.passphrase)
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        raise SelftestFailure(f"{path.name} is readable without its passphrase")
    try:
        open_database(path, passphrase="not-" + work.passphrase, daily_backup=False).close()
    except WrongPassphraseError:
        pass
    else:
        raise SelftestFailure("the encrypted database opened with a wrong passphrase")
    with _open_encrypted(work) as repo:
        report = repo.check()
        if not report.ok:
            raise SelftestFailure(f"integrity check of {path.name}: {report}")
    return "SQLCipher: wrong passphrase refused, right one opens"


# -- forms -------------------------------------------------------------------------------


def _candidates(prompt: QuestionPrompt) -> list[object]:
    """Plausible answers for ``prompt``, tried in turn until the form accepts one."""
    from auditdesk.formengine import QuestionType

    kind = prompt.type
    today = datetime.date.today()
    choices = [choice.name for choice in prompt.choices]
    if kind is QuestionType.SELECT_ONE:
        return list(choices)
    if kind in (QuestionType.SELECT_MULTIPLE, QuestionType.RANK):
        return [[name] for name in choices]
    if kind is QuestionType.INTEGER:
        return [5, 1, 0, 20, 100, 1000]
    if kind is QuestionType.DECIMAL:
        return [5.0, 1.0, 0.0, 15.0, 100.0, 1000.0]
    if kind is QuestionType.RANGE:
        return [prompt.parameters.get("start", "0"), 1, 5]
    if kind in (QuestionType.TEXT, QuestionType.BARCODE):
        # Free text first; then the shapes the checklists' constraints ask for: a currency
        # code, and anonymous codes for respondents and documents (W-01, G-01, P-01…).
        return ["selftest", "KES", *(f"{letter}-01" for letter in "WGMDOPS"), "1"]
    if kind is QuestionType.DATE:
        return [today, today - datetime.timedelta(days=365)]
    if kind is QuestionType.TIME:
        return ["09:30:00"]
    if kind is QuestionType.DATETIME:
        return [datetime.datetime.now().astimezone()]
    if kind is QuestionType.ACKNOWLEDGE:
        return [True]
    return []  # attachments and geometry: an auditor may leave them empty


def _answer_screen(session: FormSession, prompts: tuple[QuestionPrompt, ...]) -> None:
    from auditdesk.formengine import AnswerStatus

    for prompt in prompts:
        if prompt.read_only or not session.is_relevant(prompt.path):
            continue
        for candidate in _candidates(prompt):
            if session.answer(prompt.path, candidate).status is AnswerStatus.OK:
                break


def _walk(path: Path) -> _WalkedForm:
    from auditdesk.formengine import FormSession, ScreenKind, load_form

    definition = load_form(path)
    session = FormSession(definition, clock=lambda: datetime.datetime.now().astimezone())
    screens = 0
    screen = session.step_next()
    while screen.kind is not ScreenKind.END:
        screens += 1
        if screens > _MAX_SCREENS:
            raise SelftestFailure(f"{path.name}: no end after {_MAX_SCREENS} screens")
        _answer_screen(session, screen.prompts)
        screen = session.step_next()
    problems = session.finish()
    if problems:
        where, message = next(iter(problems.items()))
        raise SelftestFailure(
            f"{path.name}: {len(problems)} question(s) left unanswered, e.g. {where}: {message}"
        )
    answers: dict[str, JsonValue] = session.instance.to_json()["answers"]
    return _WalkedForm(path, definition, answers, screens)


def _walk_bundled_forms(work: _Workspace) -> str:
    forms = sorted(paths.forms_dir().glob("*.xlsx"))
    if not forms:
        raise SelftestFailure(f"no checklists found in {paths.forms_dir()}")
    work.walked = [_walk(path) for path in forms]
    screens = sum(walked.screens for walked in work.walked)
    answers = sum(len(walked.answers) for walked in work.walked)
    return f"{len(forms)} checklists, {screens} screens, {answers} answers"


# -- audit and scoring -------------------------------------------------------------------


def _store_audit(work: _Workspace) -> str:
    from auditdesk.domain import (
        Audit,
        AuditType,
        FormRecord,
        InstanceDocument,
        RecordKind,
        Site,
        new_uuid,
    )

    if not work.walked:
        raise SelftestFailure("no walked checklist to store")
    with _open_encrypted(work) as repo:
        site = repo.add_site(
            Site(new_uuid(), "Selftest Labelling", "Annotation centre", "KE", headcount=100)
        )
        audit = repo.add_audit(
            Audit(new_uuid(), site.uuid, AuditType.ANNOUNCED, started_on=datetime.date.today())
        )
        for walked in work.walked:
            definition = walked.definition
            snapshot = repo.add_form_snapshot(
                audit.uuid,
                form_id=definition.form_id,
                version=definition.version,
                filename=walked.path.name,
                content=walked.path.read_bytes(),
            )
            # The bundled checklists are named after the evidence source they record.
            kind = RecordKind(walked.path.stem)
            record = repo.add_form_record(
                FormRecord(
                    new_uuid(),
                    audit.uuid,
                    definition.form_id,
                    definition.version,
                    kind,
                    "",
                    consent_given=True,
                    snapshot_id=snapshot.id,
                )
            )
            document: InstanceDocument = {
                "form_id": definition.form_id,
                "version": definition.version,
                "answers": walked.answers,
            }
            repo.save_instance(record.uuid, document)
            if repo.load_instance(record.uuid)["answers"] != walked.answers:
                raise SelftestFailure(f"{walked.path.name}: stored answers read back differently")
        trail = repo.verify_trail(audit.uuid)
        if not trail.ok:
            raise SelftestFailure(f"the audit trail does not verify: {trail}")
    work.audit_uuid = audit.uuid
    return f"{len(work.walked)} records in the encrypted database, trail verified"


def _load_sample(work: _Workspace) -> str:
    from auditdesk.training.samples import list_cases, load_case

    cases = list_cases()
    if not cases:
        raise SelftestFailure("no sample audit is bundled")
    with _open_encrypted(work) as repo:
        work.sample_uuid = load_case(repo, cases[0].id)
        records = repo.list_form_records(work.sample_uuid)
    if len(records) != cases[0].records:
        raise SelftestFailure(f"{cases[0].id}: {len(records)} of {cases[0].records} records loaded")
    return f"{cases[0].id}: {len(records)} records"


def _score(work: _Workspace) -> str:
    from auditdesk.method.stored_audit import assess_stored_audit

    with _open_encrypted(work) as repo:
        assessment = assess_stored_audit(repo, work.sample_uuid, today=datetime.date.today())
    assessed = [area for area in assessment.areas if area.score is not None]
    if not assessed:
        raise SelftestFailure("no area of the sample audit was scored")
    rating = assessment.rating
    if not 0 <= rating.score <= rating.maximum:
        raise SelftestFailure(f"rating {rating.score} outside 0–{rating.maximum}")
    return (
        f"rating {rating.score}/{rating.maximum}, {len(assessed)} areas scored, "
        f"{len(assessment.findings)} findings"
    )


# -- exports, signatures, consolidation --------------------------------------------------


def _signing_identity(work: _Workspace) -> SigningIdentity:
    if work.identity is None:
        from auditdesk.signing import KeyStore

        store = KeyStore(work.folder / "keys")
        key_passphrase = secrets.token_urlsafe(18)
        store.create(
            name="AuditDesk Selftest",
            org="AuditDesk",
            email="selftest@example.org",
            passphrase=key_passphrase,
        )
        work.identity = store.load(key_passphrase)  # read back: the sealed key file works
    return work.identity


def _export(work: _Workspace) -> str:
    from auditdesk.export.run import ExportRequest, export_audit

    identity = _signing_identity(work)
    work.exports.mkdir()
    # The sample carries the training mark; the walked audit is a real one, so the
    # consolidation step has one of each kind to sort.
    requests = {
        work.sample_uuid: ExportRequest(
            xlsx=work.exports / "sample.xlsx", pdf=work.folder / "sample.pdf", identity=identity
        ),
        work.audit_uuid: ExportRequest(xlsx=work.exports / "walked.xlsx", identity=identity),
    }
    with _open_encrypted(work) as repo:
        for audit_uuid, request in requests.items():
            outcome = export_audit(repo, audit_uuid, request)
            unsigned = [file.path.name for file in outcome.files if not file.signed]
            if unsigned:
                raise SelftestFailure(f"exported without a signature: {', '.join(unsigned)}")
    pages = (work.folder / "sample.pdf").read_bytes().count(b"/Type /Page\n")
    return f"2 signed workbooks, a signed {pages}-page PDF report"


def _verify(work: _Workspace) -> str:
    from auditdesk.signing import VerificationStatus, verify_file

    identity = _signing_identity(work)
    # A self-signed identity is trusted when its own certificate is the anchor.
    roots = [identity.certificate]
    files = [
        work.exports / "sample.xlsx",
        work.exports / "walked.xlsx",
        work.folder / "sample.pdf",
    ]
    for path in files:
        result = verify_file(path, roots)
        if result.status is not VerificationStatus.VALID:
            raise SelftestFailure(f"{path.name} reads {result.status.value}: {result.detail}")
    changed = work.folder / "changed.pdf"
    content = bytearray((work.folder / "sample.pdf").read_bytes())
    # Flip one byte inside the first content stream: the signature must no longer hold.
    stream = content.index(b"stream", content.index(b"/Length")) + 10
    content[stream] ^= 0x01
    changed.write_bytes(bytes(content))
    result = verify_file(changed, roots)
    if result.status is VerificationStatus.VALID:
        raise SelftestFailure("a report changed after signing still verifies as valid")
    return f"{len(files)} files valid; a changed report reads {result.status.value}"


def _consolidate(work: _Workspace) -> str:
    from auditdesk.consolidate import InputStatus, consolidate

    identity = _signing_identity(work)
    master = work.folder / "master.xlsx"
    database = work.folder / "reporting.sqlite"
    # Through two worker processes, as a consolidation of many files runs: in a frozen
    # build they are the executable started again, which only works with freeze_support.
    report = consolidate(
        [work.exports], master, trust_roots=[identity.certificate], into=str(database),
        workers=2,
    )
    statuses = {Path(entry.path).name: entry for entry in report.entries}
    walked, sample = statuses.get("walked.xlsx"), statuses.get("sample.xlsx")
    if walked is None or walked.status is not InputStatus.VERIFIED or not walked.consolidated:
        raise SelftestFailure(f"the walked audit's workbook was not consolidated: {walked}")
    if sample is None or sample.status is not InputStatus.TRAINING or sample.consolidated:
        raise SelftestFailure(f"the training sample was not kept out of the master: {sample}")
    if report.audits != 1 or not master.is_file():
        raise SelftestFailure(f"the master holds {report.audits} audits, expected 1")
    if report.read_by_workers == 0:
        raise SelftestFailure("no file was read by a worker process (multiprocessing broken?)")
    if report.database is None or report.database.audits_written != 1:
        raise SelftestFailure(f"the reporting database did not take the audit: {report.database}")
    return ("master and reporting database (read by 2 worker processes): the verified "
            "audit in, the training sample out")


Step = tuple[str, Callable[[_Workspace], str]]

STEPS: tuple[Step, ...] = (
    ("plain database", _plain_database),
    ("encrypted database", _encrypted_database),
    ("walk bundled checklists", _walk_bundled_forms),
    ("store the walked audit", _store_audit),
    ("load the sample audit", _load_sample),
    ("score the sample audit", _score),
    ("export signed workbooks and reports", _export),
    ("verify the exports", _verify),
    ("consolidate", _consolidate),
)


def run_selftest(report: Report = print, *, verbose: bool = False) -> int:
    """Run every step in a temporary folder; 0 when all pass, else 1 naming the failed step.

    ``report`` receives the one-line summary (and, with ``verbose``, a line per step).
    """
    started = time.perf_counter()
    # ignore_cleanup_errors: on Windows a virus scanner may still hold a file we wrote.
    with tempfile.TemporaryDirectory(
        prefix="auditdesk-selftest-", ignore_cleanup_errors=True
    ) as folder:
        work = _Workspace(Path(folder))
        for number, (name, step) in enumerate(STEPS, start=1):
            step_started = time.perf_counter()
            try:
                detail = step(work)
            except Exception as error:  # noqa: BLE001 - any failure is reported by its step
                report(
                    f"selftest: step {number}/{len(STEPS)} '{name}' failed: "
                    f"{type(error).__name__}: {error}"
                )
                return 1
            if verbose:
                elapsed = time.perf_counter() - step_started
                report(f"  ok  {name:<36} {elapsed:5.2f}s  {detail}")
    report(f"selftest: {len(STEPS)} steps passed in {time.perf_counter() - started:.1f}s")
    return 0
