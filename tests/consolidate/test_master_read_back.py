"""An incremental run reads the previous master back: its answers are streamed one
audit at a time (a thousand audits' master would not fit in memory read whole), decoded
only where a newer export must be compared with them, and a master saved again by a
spreadsheet program still reads."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest
from export_builder import TRICKY_ANSWERS, FakeAudit, FakeRecord, write_export
from hypothesis import example, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from auditdesk.consolidate import Outcome, consolidate
from auditdesk.consolidate.streamed_sheets import RowEncoder, decode_rows

UTC = datetime.UTC
FORM = ("auditdesk_wages", "1")
TRICKY = TRICKY_ANSWERS


def _audit(uuid: str, hours: float, exported_at: datetime.datetime) -> FakeAudit:
    return FakeAudit(
        uuid,
        records=(FakeRecord("rec-1", FORM[0], {**TRICKY, "hours": hours}),),
        questions={FORM: tuple(TRICKY)},
        exported_at=exported_at,
    )


def _sheet(master: Path, name: str) -> list[dict[str, object]]:
    rows = CalamineWorkbook.from_path(str(master)).get_sheet_by_name(name).to_python()
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


_VALUES = st.one_of(
    st.none(), st.text(max_size=8), st.booleans(), st.integers(-(10**14), 10**14),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=datetime.date(1901, 1, 1)),
    st.datetimes(min_value=datetime.datetime(1901, 1, 1)).map(lambda d: d.replace(microsecond=0)),
    st.times().map(lambda t: t.replace(microsecond=0)),
)


def _as_written(value: object) -> object:
    """What a spreadsheet keeps of a value: no empty text, no control characters."""
    if isinstance(value, str):
        kept = "".join(c for c in value if c in "\t\n\r" or c >= " ")
        return kept or None
    return value


@settings(max_examples=300)
@given(st.lists(st.lists(_VALUES, max_size=6), max_size=4))
@example([["\x1f", "kept"], ["\x1f"]])  # text of control characters only: an empty cell
def test_rows_decode_to_the_values_they_were_encoded_from(rows: list[list[object]]) -> None:
    xml = "".join(map(RowEncoder().encode, rows)).encode("utf-8")

    decoded = list(decode_rows(xml))

    expected = [[_as_written(v) for v in row] for row in rows]
    for row in expected:
        while row and row[-1] is None:
            row.pop()
    assert decoded == expected


def test_a_newer_export_is_compared_with_the_answers_the_master_holds(tmp_path: Path) -> None:
    master = tmp_path / "master.xlsx"
    write_export(tmp_path / "week1" / "a.xlsx",
                 _audit("aaaaaaaa-1", 48, datetime.datetime(2026, 3, 1, tzinfo=UTC)))
    write_export(tmp_path / "week1" / "b.xlsx",
                 _audit("bbbbbbbb-2", 40, datetime.datetime(2026, 3, 1, tzinfo=UTC)))
    consolidate([tmp_path / "week1"], master, trust_roots=[])
    write_export(tmp_path / "week2" / "a-again.xlsx",
                 _audit("aaaaaaaa-1", 52.5, datetime.datetime(2026, 3, 8, tzinfo=UTC)))

    report = consolidate([tmp_path / "week2"], master, trust_roots=[])

    assert [e.outcome for e in report.entries] == [Outcome.REPLACED]
    conflicts = [c for c in _sheet(master, "Conflicts") if c["field"] == "hours"]
    assert [(c["kept_value"], c["other_value"]) for c in conflicts] == [(52.5, 48.0)]
    # Only the changed answer differs: the tricky texts and the date read back as written.
    assert len(_sheet(master, "Conflicts")) == 1
    answers = {(a["audit_uuid"], a["question_path"]): a["value"] for a in _sheet(master, "Answers")}
    assert answers[("aaaaaaaa-1", "hours")] == 52.5
    assert answers[("bbbbbbbb-2", "markup")] == TRICKY["markup"]
    assert answers[("bbbbbbbb-2", "formula")] == TRICKY["formula"]
    assert len(answers) == 2 * len(TRICKY)


def test_a_master_saved_again_by_a_spreadsheet_program_still_takes_new_audits(
    tmp_path: Path,
) -> None:
    master = tmp_path / "master.xlsx"
    write_export(tmp_path / "week1" / "a.xlsx",
                 _audit("aaaaaaaa-1", 48, datetime.datetime(2026, 3, 1, tzinfo=UTC)))
    consolidate([tmp_path / "week1"], master, trust_roots=[])
    before = _sheet(master, "Answers")
    book = openpyxl.load_workbook(master)  # rewrites every sheet its own way (cell refs)
    book.save(master)
    write_export(tmp_path / "week2" / "b.xlsx",
                 _audit("bbbbbbbb-2", 40, datetime.datetime(2026, 3, 1, tzinfo=UTC)))

    report = consolidate([tmp_path / "week2"], master, trust_roots=[])

    assert report.incremental
    after = _sheet(master, "Answers")
    assert [row for row in after if row["audit_uuid"] == "aaaaaaaa-1"] == before
    assert sum(1 for row in after if row["audit_uuid"] == "bbbbbbbb-2") == len(TRICKY)


def test_a_master_as_written_is_never_read_whole_for_its_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditdesk.consolidate import master_reader

    master = tmp_path / "master.xlsx"
    write_export(tmp_path / "week1" / "a.xlsx",
                 _audit("aaaaaaaa-1", 48, datetime.datetime(2026, 3, 1, tzinfo=UTC)))
    consolidate([tmp_path / "week1"], master, trust_roots=[])
    read_whole = master_reader._SheetReader.whole
    asked: list[str] = []

    def whole(self: master_reader._SheetReader, name: str) -> object:
        asked.append(name)
        return read_whole(self, name)

    monkeypatch.setattr(master_reader._SheetReader, "whole", whole)
    content = master_reader.read_master(master)

    assert "Answers" not in asked
    bundle = content.bundles["aaaaaaaa-1"]
    assert {a.question_path: a.value for a in content.loaded(bundle).answers}["days"] == 6
