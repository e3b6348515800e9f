"""Consolidation rules on small hand-made exports: duplicates, versions, overdue, safety."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest
from export_builder import FakeAudit, FakeFinding, FakeRecord, write_export
from python_calamine import CalamineWorkbook

from auditdesk.consolidate import ConsolidationError, InputStatus, Outcome, consolidate
from auditdesk.consolidate.versions import union_columns
from auditdesk.jobs import Cancelled, CancelToken, Progress

UTC = datetime.UTC
FORM = ("auditdesk_wages", "1")


def _sheet(master: Path, name: str) -> list[dict[str, object]]:
    rows = CalamineWorkbook.from_path(str(master)).get_sheet_by_name(name).to_python()
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def _audit(uuid: str = "11111111-aaaa", **changes: object) -> FakeAudit:
    audit = FakeAudit(
        uuid,
        records=(
            FakeRecord("rec-1", FORM[0], {"paid_on_time": "yes", "hours": 48}),
            FakeRecord("rec-2", FORM[0], {"paid_on_time": "no", "hours": 60}, respondent="W-02"),
        ),
        questions={FORM: ("paid_on_time", "hours")},
    )
    return audit.with_(**changes)


def test_exports_of_one_audit_disagreeing_show_side_by_side_keyed_by_uuid(tmp_path: Path) -> None:
    first = _audit()
    # The later export lists its records the other way round and changed one answer:
    # matching by row position would report every value of both records.
    later = _audit(
        exported_at=datetime.datetime(2026, 3, 5, tzinfo=UTC),
        records=(
            FakeRecord("rec-2", FORM[0], {"paid_on_time": "no", "hours": 60}, respondent="W-02"),
            FakeRecord("rec-1", FORM[0], {"paid_on_time": "yes", "hours": 52}),
        ),
    )
    write_export(tmp_path / "in" / "later.xlsx", later)
    write_export(tmp_path / "in" / "first.xlsx", first)
    report = consolidate([tmp_path / "in"], tmp_path / "master.xlsx", trust_roots=[])
    outcomes = {Path(e.path).name: e.outcome for e in report.entries}
    assert outcomes == {"first.xlsx": Outcome.SUPERSEDED, "later.xlsx": Outcome.ADDED}
    conflicts = _sheet(tmp_path / "master.xlsx", "Conflicts")
    assert [(c["key"], c["field"], c["kept_value"], c["other_value"], c["kept_file"])
            for c in conflicts] == [("rec-1", "hours", 52.0, 48.0, "later.xlsx")]
    answers = _sheet(tmp_path / "master.xlsx", "Answers")
    assert sorted((a["record_uuid"], a["question_path"], a["value"]) for a in answers) == [
        ("rec-1", "hours", 52.0), ("rec-1", "paid_on_time", "yes"),
        ("rec-2", "hours", 60.0), ("rec-2", "paid_on_time", "no"),
    ]


def test_the_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = write_export(tmp_path / "a" / "audit.xlsx", _audit())
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "copy.xlsx").write_bytes(path.read_bytes())
    report = consolidate([tmp_path / "a", tmp_path / "b"], tmp_path / "m.xlsx", trust_roots=[])
    assert [e.outcome for e in report.entries] == [Outcome.ADDED, Outcome.DUPLICATE]
    assert "audit.xlsx" in report.entries[1].reason
    assert report.conflicts == 0


def test_union_of_versions_follows_the_newest_and_keeps_dropped_columns_near_neighbours() -> None:
    assert union_columns([
        ("1", ("_uuid", "a", "b", "old", "c")),
        ("10", ("_uuid", "a", "new", "b", "c")),
        ("2", ("_uuid", "a", "b", "c", "legacy")),
    ]) == ["_uuid", "a", "new", "b", "old", "c", "legacy"]


def test_a_question_another_version_lacks_is_blank_not_zero(tmp_path: Path) -> None:
    v1 = _audit("aaaaaaaa-v1", records=(
        FakeRecord("r-v1", FORM[0], {"paid_on_time": "yes", "hours": 40}),
    ))
    v2 = _audit("bbbbbbbb-v2", records=(
        FakeRecord("r-v2", FORM[0], {"hours": 0, "bonus/none": 1}, form_version="2"),
    ), questions={(FORM[0], "2"): ("hours", "bonus/none")})
    write_export(tmp_path / "in" / "v1.xlsx", v1)
    write_export(tmp_path / "in" / "v2.xlsx", v2)
    consolidate([tmp_path / "in"], tmp_path / "m.xlsx", trust_roots=[])
    rows = {r["_uuid"]: r for r in _sheet(tmp_path / "m.xlsx", "wages")}
    # A dropped question stays where it stood in its own version: before "hours".
    assert list(rows["r-v1"])[-3:] == ["paid_on_time", "hours", "bonus/none"]
    assert (rows["r-v1"]["_form_version"], rows["r-v2"]["_form_version"]) == ("1", "2")
    assert rows["r-v1"]["bonus/none"] == ""
    assert rows["r-v2"]["paid_on_time"] == ""
    assert rows["r-v2"]["hours"] == 0.0


def test_overdue_corrective_actions_are_counted_against_the_given_day(tmp_path: Path) -> None:
    findings = (
        FakeFinding("f-late", "B2", plan_due=datetime.date(2026, 3, 10)),
        FakeFinding("f-on-time", "B3", plan_due=datetime.date(2026, 4, 30)),
        FakeFinding("f-closed", "B4", plan_due=datetime.date(2026, 1, 1), cap_status="closed"),
        FakeFinding("f-progress", "B5", cap_status="in_progress",
                    plan_due=datetime.date(2026, 1, 1), verify_due=datetime.date(2026, 3, 31)),
    )
    write_export(tmp_path / "in" / "a.xlsx", _audit(findings=findings))
    consolidate([tmp_path / "in"], tmp_path / "m.xlsx", trust_roots=[],
                today=datetime.date(2026, 4, 1))
    overdue = {f["finding_uuid"]: (f["overdue"], f["days_overdue"])
               for f in _sheet(tmp_path / "m.xlsx", "Findings")}
    assert overdue == {"f-late": ("yes", 22.0), "f-on-time": ("no", ""),
                       "f-closed": ("no", ""), "f-progress": ("yes", 1.0)}
    assert _sheet(tmp_path / "m.xlsx", "Audits")[0]["overdue_actions"] == 2.0


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    audit = _audit(site_name="=cmd|' /C calc'!A0", records=(
        FakeRecord("r1", FORM[0], {"paid_on_time": "+1-1", "hours": "@SUM(A1)"}),
        FakeRecord("r2", FORM[0], {"paid_on_time": "#N/A", "hours": "# of hours"}),
    ))
    write_export(tmp_path / "in" / "a.xlsx", audit)
    consolidate([tmp_path / "in"], tmp_path / "m.xlsx", trust_roots=[])
    book = openpyxl.load_workbook(tmp_path / "m.xlsx")
    formulas = [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    texts = {cell.value: cell for row in book["Answers"].iter_rows() for cell in row}
    assert {"+1-1", "@SUM(A1)", "#N/A"} <= set(texts)
    # An error-looking text stays the auditor's text, not Excel's #N/A error value.
    assert texts["#N/A"].data_type == "s"
    assert texts["#N/A"].quotePrefix
    assert not texts["# of hours"].quotePrefix
    assert book["Audits"]["B2"].value == "=cmd|' /C calc'!A0"
    assert book["Audits"]["B2"].quotePrefix


def test_a_newer_format_version_is_named_and_kept_out(tmp_path: Path) -> None:
    path = write_export(tmp_path / "in" / "future.xlsx", _audit())
    book = openpyxl.load_workbook(path)
    manifest = book["_manifest"]
    for row in manifest.iter_rows():
        if row[0].value == "format_version":
            row[1].value = 2
    book.save(path)
    report = consolidate([tmp_path / "in"], tmp_path / "m.xlsx", trust_roots=[])
    (entry,) = report.entries
    assert entry.status is InputStatus.UNSUPPORTED_VERSION
    assert "format version 2 is newer" in entry.reason
    assert report.audits == 0


def test_training_workbooks_are_flagged_never_consolidated_as_real(tmp_path: Path) -> None:
    write_export(tmp_path / "in" / "practice.xlsx", _audit(training=True))
    write_export(tmp_path / "in" / "real.xlsx", _audit("22222222-real"))
    report = consolidate([tmp_path / "in"], tmp_path / "m.xlsx", trust_roots=[])
    statuses = {Path(e.path).name: e.status for e in report.entries}
    assert statuses == {"practice.xlsx": InputStatus.TRAINING, "real.xlsx": InputStatus.UNSIGNED}
    assert [a["audit_uuid"] for a in _sheet(tmp_path / "m.xlsx", "Audits")] == ["22222222-real"]


def test_an_existing_master_gets_only_new_or_newer_audits(tmp_path: Path) -> None:
    master = tmp_path / "master.xlsx"
    write_export(tmp_path / "week1" / "a.xlsx", _audit("aaaaaaaa-1"))
    write_export(tmp_path / "week1" / "b.xlsx", _audit("bbbbbbbb-2"))
    consolidate([tmp_path / "week1"], master, trust_roots=[])
    newer_b = _audit("bbbbbbbb-2", exported_at=datetime.datetime(2026, 3, 9, tzinfo=UTC),
                     site_name="Renamed site")
    older_a = _audit("aaaaaaaa-1", exported_at=datetime.datetime(2026, 2, 1, tzinfo=UTC))
    write_export(tmp_path / "week2" / "b-again.xlsx", newer_b)
    write_export(tmp_path / "week2" / "a-old.xlsx", older_a)
    write_export(tmp_path / "week2" / "c.xlsx", _audit("cccccccc-3"))
    report = consolidate([tmp_path / "week1", tmp_path / "week2"], master, trust_roots=[])
    outcomes = {Path(e.path).name: e.outcome for e in report.entries}
    assert outcomes == {
        "a.xlsx": Outcome.UNCHANGED, "b.xlsx": Outcome.UNCHANGED,
        "b-again.xlsx": Outcome.REPLACED, "a-old.xlsx": Outcome.SUPERSEDED,
        "c.xlsx": Outcome.ADDED,
    }
    audits = {a["audit_uuid"]: a for a in _sheet(master, "Audits")}
    assert sorted(audits) == ["aaaaaaaa-1", "bbbbbbbb-2", "cccccccc-3"]
    assert audits["bbbbbbbb-2"]["site_name"] == "Renamed site"
    answers = _sheet(master, "Answers")
    assert len(answers) == 3 * 4  # each audit's four answers once, none doubled
    wide = _sheet(master, "wages")
    assert sorted(r["audit_uuid"] for r in wide) == sorted(["aaaaaaaa-1", "bbbbbbbb-2",
                                                            "cccccccc-3"] * 2)
    assert any(c["field"] == "site_name" for c in _sheet(master, "Conflicts"))


def test_a_file_that_is_not_a_master_is_never_overwritten(tmp_path: Path) -> None:
    write_export(tmp_path / "in" / "a.xlsx", _audit())
    book = openpyxl.Workbook()
    book.active["A1"] = "the NGO's budget"
    book.save(tmp_path / "budget.xlsx")
    before = (tmp_path / "budget.xlsx").read_bytes()
    with pytest.raises(ConsolidationError, match="not an AuditDesk master"):
        consolidate([tmp_path / "in"], tmp_path / "budget.xlsx", trust_roots=[])
    assert (tmp_path / "budget.xlsx").read_bytes() == before


def test_cancelling_leaves_no_master(tmp_path: Path) -> None:
    for n in range(3):
        write_export(tmp_path / "in" / f"{n}.xlsx", _audit(f"{n}0000000-x"))
    token = CancelToken()

    def stop_after_first(done: int, total: int, message: str) -> None:
        if done >= 1:
            token.cancel()

    with pytest.raises(Cancelled):
        consolidate([tmp_path / "in"], tmp_path / "m.xlsx", trust_roots=[],
                    progress=Progress(callback=stop_after_first, token=token))
    assert not (tmp_path / "m.xlsx").exists()


def test_answers_beyond_excels_row_limit_continue_on_further_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditdesk.consolidate import master_layout

    monkeypatch.setattr(master_layout, "MAX_DATA_ROWS", 3)
    write_export(tmp_path / "in" / "a.xlsx", _audit("aaaaaaaa-1"))
    write_export(tmp_path / "in" / "b.xlsx", _audit("bbbbbbbb-2"))
    master = tmp_path / "m.xlsx"
    consolidate([tmp_path / "in"], master, trust_roots=[])
    sizes = [len(_sheet(master, name)) for name in ("Answers", "Answers 2", "Answers 3")]
    assert sizes == [3, 3, 2]
    write_export(tmp_path / "more" / "c.xlsx", _audit("cccccccc-3"))
    consolidate([tmp_path / "in", tmp_path / "more"], master, trust_roots=[])
    book = CalamineWorkbook.from_path(str(master))
    names = [n for n in book.sheet_names if n.startswith("Answers")]
    assert names == ["Answers", "Answers 2", "Answers 3", "Answers 4"]
    assert sum(len(_sheet(master, n)) for n in names) == 12


class _DeadWorkers:
    """A process pool whose worker died: every result raises BrokenProcessPool."""

    def submit(self, *_: object) -> object:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        future: Future[object] = Future()
        future.set_exception(BrokenProcessPool("a worker process was killed"))
        return future

    def shutdown(self, **_: object) -> None:
        pass


def test_a_lost_worker_process_costs_no_file_its_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditdesk.consolidate import reading

    write_export(tmp_path / "in" / "a.xlsx", _audit("aaaaaaaa-1"))
    write_export(tmp_path / "in" / "b.xlsx", _audit("bbbbbbbb-2"))
    monkeypatch.setattr(reading, "_pool", lambda *_: _DeadWorkers())
    report = consolidate([tmp_path / "in"], tmp_path / "m.xlsx", trust_roots=[], workers=2)
    assert report.read_by_workers == 0
    assert [(e.status, e.outcome) for e in report.entries] == [
        (InputStatus.UNSIGNED, Outcome.ADDED), (InputStatus.UNSIGNED, Outcome.ADDED)]
    assert {a["audit_uuid"] for a in _sheet(tmp_path / "m.xlsx", "Answers")} == {
        "aaaaaaaa-1", "bbbbbbbb-2"}


def test_classifying_one_file_gives_its_answers_keyed_by_record_and_question(
    tmp_path: Path,
) -> None:
    from auditdesk.consolidate import classify_file

    path = write_export(tmp_path / "a.xlsx", _audit())

    classified = classify_file(path, trust_roots=[])

    assert classified.entry.status is InputStatus.UNSIGNED
    assert classified.bundle is not None
    answers = {(a.record_uuid, a.question_path): a.value for a in classified.bundle.answers}
    assert answers == {
        ("rec-1", "paid_on_time"): "yes", ("rec-1", "hours"): 48,
        ("rec-2", "paid_on_time"): "no", ("rec-2", "hours"): 60,
    }
