"""Issue 7, point 9: a folder of exports of the sample audit, made different ways.

Kwame (certificate from the NGO's CA) exports the bundled sample twice, with one
answer changed in between; Lucía (self-signed) exports a variant of the case, at
another site, whose worker interview form is a second version (one question added,
one dropped). Around them: a copy of the sample still marked as training, one of
Kwame's files edited after signing, a truncated one, and a spreadsheet that is no
AuditDesk export. The master must tell each apart and merge what may be merged.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from consolidate_material import Auditors
from python_calamine import CalamineWorkbook

from auditdesk import paths
from auditdesk.consolidate import InputStatus, Outcome, consolidate
from auditdesk.domain import Audit
from auditdesk.export.run import ExportRequest, export_audit
from auditdesk.signing import SigningIdentity
from auditdesk.storage import open_database
from auditdesk.training.samples import load_case

CASE = "kivuko-nairobi"
FORM = "auditdesk_worker_interview"
ADDED_QUESTION = "commute_minutes"
DROPPED_QUESTION = "home_privacy"
CHANGED_RESPONDENT = "W-03"
CHANGED_QUESTION = "late_pay"


@dataclass(frozen=True)
class SampleExports:
    inbox: Path
    ca_pem: Path
    kwame_audit: str
    lucia_audit: str
    changed_record: str
    changed_path: str
    changed_from: object
    changed_to: str


DAY2_EXPORT = datetime.datetime(2026, 11, 20, 16, 5, tzinfo=datetime.UTC)
FINAL_EXPORT = datetime.datetime(2026, 11, 21, 9, 40, tzinfo=datetime.UTC)


def _export(repo: object, audit: str, target: Path, identity: SigningIdentity,
            now: datetime.datetime | None = None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    export_audit(repo, audit, ExportRequest(xlsx=target, identity=identity, now=now))  # type: ignore[arg-type]


class _AsRealAudit:
    """The sample's data entered as a real audit, as an auditor would have typed it in.

    The store never removes a training mark once set, and the sample loader always sets
    it; this stand-in repository clears it as the audit is created, and passes
    everything else through.
    """

    def __init__(self, repository: object) -> None:
        self._repository = repository

    def add_audit(self, audit: Audit, **options: object) -> Audit:
        add = self._repository.add_audit  # type: ignore[attr-defined]
        return add(dataclasses.replace(audit, training=False), **options)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self._repository, name)


def _load_as_real(repository: object, **options: object) -> str:
    return load_case(_AsRealAudit(repository), CASE, **options)  # type: ignore[arg-type]


def _second_form_version(forms: Path) -> None:
    """worker_interview.xlsx, edited as a form author would: new version, +1 question, -1."""
    path = forms / "worker_interview.xlsx"
    book = openpyxl.load_workbook(path)
    settings = book["settings"]
    headers = [c.value for c in settings[1]]
    settings.cell(2, headers.index("version") + 1, "2026120101")
    survey = book["survey"]
    header = [c.value for c in survey[1]]
    name_at = header.index("name") + 1
    rows = list(survey.iter_rows(min_row=2))
    dropped = next(r[0].row for r in rows if r[name_at - 1].value == DROPPED_QUESTION)
    survey.delete_rows(dropped)
    after = next(r[0].row for r in survey.iter_rows(min_row=2) if r[name_at - 1].value == "shift")
    survey.insert_rows(after + 1)
    survey.cell(after + 1, header.index("type") + 1, "integer")
    survey.cell(after + 1, name_at, ADDED_QUESTION)
    survey.cell(after + 1, header.index("label::English (en)") + 1, "Minutes to get to work")
    book.save(path)


def _variant_case(folder: Path) -> None:
    """The same case at another site: new audit and site UUIDs, another country."""
    shutil.copytree(paths.resources_dir() / "samples" / CASE, folder / CASE)
    case_file = folder / CASE / "case.json"
    case = json.loads(case_file.read_text(encoding="utf-8"))
    case["site"].update(uuid="7d3c1a7e-0000-4000-8000-00000000b0b0", name="Pwani Labelling Hub",
                        country="Tanzania", city="Dar es Salaam")
    case["audit"]["uuid"] = "7d3c1a7e-0000-4000-8000-00000000a0d1"
    case_file.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def sample_exports(tmp_path_factory: pytest.TempPathFactory, auditors: Auditors) -> SampleExports:
    root = tmp_path_factory.mktemp("sample-exports")
    inbox = root / "inbox"
    with open_database(root / "practice.sqlite", daily_backup=False) as repo:
        practice = load_case(repo, CASE)
        _export(repo, practice, inbox / "training" / "kivuko-practice.xlsx", auditors.kwame)
    with open_database(root / "kwame.sqlite", daily_backup=False) as repo:
        kwame_audit = _load_as_real(repo)
        _export(repo, kwame_audit, inbox / "kwame" / "kivuko-day2.xlsx", auditors.kwame,
                DAY2_EXPORT)
        record = next(r for r in repo.list_form_records(kwame_audit)
                      if r.respondent_code == CHANGED_RESPONDENT)
        instance = repo.load_instance(record.uuid)["answers"]
        path = next(p for p in instance if p.endswith(CHANGED_QUESTION))
        before = instance[path]
        changed_to = "often" if before != "often" else "never"
        repo.save_answer(record.uuid, path, changed_to, reason="re-read the interview notes")
        _export(repo, kwame_audit, inbox / "kwame" / "kivuko-final.xlsx", auditors.kwame,
                FINAL_EXPORT)

    forms_v2 = root / "forms-v2"
    shutil.copytree(paths.forms_dir(), forms_v2)
    _second_form_version(forms_v2)
    _variant_case(root / "variant")
    with open_database(root / "lucia.sqlite", daily_backup=False) as repo:
        lucia_audit = _load_as_real(repo, samples_folder=root / "variant", forms_dir=forms_v2)
        _export(repo, lucia_audit, inbox / "lucia" / "pwani.xlsx", auditors.lucia)

    edited = inbox / "kwame" / "kivuko-edited.xlsx"
    shutil.copy(inbox / "kwame" / "kivuko-final.xlsx", edited)
    book = openpyxl.load_workbook(edited)
    book["Answers"]["K2"] = "a value typed in after signing"
    book.save(edited)
    whole = (inbox / "kwame" / "kivuko-day2.xlsx").read_bytes()
    (inbox / "usb-stick").mkdir()
    (inbox / "usb-stick" / "kivuko-copy.xlsx").write_bytes(whole[: len(whole) // 2])
    other = openpyxl.Workbook()
    other.active.append(["site", "score"])
    other.active.append(["Somewhere", 7])
    other.save(inbox / "usb-stick" / "budget.xlsx")
    return SampleExports(inbox, auditors.ca_pem, kwame_audit, lucia_audit, record.uuid, path,
                         before, changed_to)


@pytest.fixture(scope="module")
def master(sample_exports: SampleExports, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from auditdesk.signing.trust import load_trust_files

    target = tmp_path_factory.mktemp("master") / "master.xlsx"
    consolidate([sample_exports.inbox], target,
                trust_roots=load_trust_files([sample_exports.ca_pem]))
    return target


def _sheet(master: Path, name: str) -> list[dict[str, object]]:
    book = CalamineWorkbook.from_path(str(master))
    rows = book.get_sheet_by_name(name).to_python()
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def test_every_file_has_exactly_the_expected_status(sample_exports: SampleExports,
                                                    master: Path) -> None:
    log = {Path(str(r["file"])).relative_to(sample_exports.inbox).as_posix(): r
           for r in _sheet(master, "Import log")}
    assert {name: (r["status"], r["outcome"]) for name, r in log.items()} == {
        "kwame/kivuko-day2.xlsx": ("verified", "superseded"),
        "kwame/kivuko-final.xlsx": ("verified", "added"),
        "kwame/kivuko-edited.xlsx": ("modified", "excluded"),
        "lucia/pwani.xlsx": ("untrusted", "added"),
        "training/kivuko-practice.xlsx": ("training", "excluded"),
        "usb-stick/kivuko-copy.xlsx": ("unreadable", "excluded"),
        "usb-stick/budget.xlsx": ("not_auditdesk", "excluded"),
    }
    assert "sheet 'Answers' changed" in str(log["kwame/kivuko-edited.xlsx"]["reason"])
    assert "Lucía Ortega" in str(log["lucia/pwani.xlsx"]["signer"])


def test_two_audits_one_row_each_with_their_verification(sample_exports: SampleExports,
                                                         master: Path) -> None:
    audits = {r["audit_uuid"]: r for r in _sheet(master, "Audits")}
    assert set(audits) == {sample_exports.kwame_audit, sample_exports.lucia_audit}
    kept = audits[sample_exports.kwame_audit]
    assert (kept["verification"], kept["source_file"]) == ("verified", "kivuko-final.xlsx")
    # The export time the request gave is the one the workbook carries.
    assert kept["exported_at"] == FINAL_EXPORT.replace(tzinfo=None)
    assert audits[sample_exports.lucia_audit]["country"] == "Tanzania"
    assert audits[sample_exports.lucia_audit]["verification"] == "untrusted"


def test_the_changed_answer_is_a_conflict_keyed_by_the_record(sample_exports: SampleExports,
                                                              master: Path) -> None:
    conflicts = _sheet(master, "Conflicts")
    answers = [c for c in conflicts if c["kind"] == "answer"]
    assert [(c["key"], c["field"], c["kept_value"], c["other_value"]) for c in answers] == [
        (sample_exports.changed_record, sample_exports.changed_path, sample_exports.changed_to,
         sample_exports.changed_from),
    ]
    assert answers[0]["kept_file"] == "kivuko-final.xlsx"
    assert answers[0]["other_file"] == "kivuko-day2.xlsx"


def test_the_two_form_versions_merge_into_one_wide_sheet(sample_exports: SampleExports,
                                                         master: Path) -> None:
    book = CalamineWorkbook.from_path(str(master))
    rows = book.get_sheet_by_name("worker_interview").to_python()
    header = rows[0]
    added, dropped = f"profile/{ADDED_QUESTION}", next(
        h for h in header if str(h).endswith("/" + DROPPED_QUESTION)
    )
    # The newest version's order: the new question right after the one it follows there.
    assert header.index(added) == header.index("profile/shift:label") + 1
    by_version: dict[str, list[dict[str, object]]] = {}
    for row in rows[1:]:
        record = dict(zip(header, row, strict=False))
        by_version.setdefault(str(record["_form_version"]), []).append(record)
    assert set(by_version) == {"2026112201", "2026120101"}
    old, new = by_version["2026112201"], by_version["2026120101"]
    assert {r["audit_uuid"] for r in old} == {sample_exports.kwame_audit}
    assert {r["audit_uuid"] for r in new} == {sample_exports.lucia_audit}
    # Blank, not zero, where a version did not ask the question.
    assert all(r[added] == "" for r in old)
    assert all(r[dropped] == "" for r in new)


def test_the_master_answers_table_holds_only_consolidated_audits(
    sample_exports: SampleExports, master: Path
) -> None:
    audits = {r["audit_uuid"] for r in _sheet(master, "Answers")}
    assert audits == {sample_exports.kwame_audit, sample_exports.lucia_audit}


def test_a_second_run_adds_nothing(sample_exports: SampleExports, master: Path,
                                   tmp_path: Path) -> None:
    from auditdesk.signing.trust import load_trust_files

    again = tmp_path / "again.xlsx"
    shutil.copy(master, again)
    report = consolidate([sample_exports.inbox], again,
                         trust_roots=load_trust_files([sample_exports.ca_pem]))
    assert {entry.outcome for entry in report.entries} == {Outcome.UNCHANGED}
    assert report.audits == 2
    assert report.new_conflicts == 0
    assert {e.status for e in report.entries} >= {InputStatus.VERIFIED, InputStatus.TRAINING}


def _every_sheet(master: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(master))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in book.sheet_names}


def test_worker_processes_write_the_same_master_as_one_process(
    sample_exports: SampleExports, tmp_path: Path
) -> None:
    from auditdesk.signing.trust import load_trust_files

    inbox = tmp_path / "inbox"
    shutil.copytree(sample_exports.inbox, inbox)
    shutil.copy(inbox / "kwame" / "kivuko-final.xlsx", inbox / "usb-stick" / "same-bytes.xlsx")
    roots = load_trust_files([sample_exports.ca_pem])
    now = datetime.datetime(2026, 12, 1, 9, 30)
    alone, pooled = tmp_path / "alone.xlsx", tmp_path / "pooled.xlsx"
    assert consolidate([inbox], alone, trust_roots=roots, now=now, workers=0).read_by_workers == 0
    report = consolidate([inbox], pooled, trust_roots=roots, now=now, workers=2)
    assert report.read_by_workers > 0
    assert _every_sheet(pooled) == _every_sheet(alone)
    outcomes = {Path(e.path).name: e.outcome for e in report.entries}
    assert outcomes["same-bytes.xlsx"] is Outcome.DUPLICATE
    assert outcomes["kivuko-day2.xlsx"] is Outcome.SUPERSEDED
    assert report.audits == 2
