"""The master's long sheets (Answers, per-form) as spreadsheets show them.

Their rows are streamed as worksheet XML rather than through openpyxl's cell objects,
so these tests open the master the way an NGO would (openpyxl fully loaded,
LibreOffice) and check that what they show is what the auditors exported: dates as
dates, formula-like text as quoted text, spaces and markup characters intact, the
filter over every row.
"""

from __future__ import annotations

import csv
import datetime
import subprocess
from pathlib import Path

import openpyxl
import pytest
from export_builder import TRICKY_ANSWERS, FakeAudit, FakeRecord, write_export
from python_calamine import CalamineWorkbook

from auditdesk.consolidate import consolidate

FORM = ("auditdesk_wages", "1")
TRICKY = TRICKY_ANSWERS


@pytest.fixture
def master(tmp_path: Path) -> Path:
    audit = FakeAudit(
        "22222222-bbbb",
        records=(FakeRecord("rec-1", FORM[0], TRICKY), FakeRecord("rec-2", FORM[0], {"hours": 40})),
        questions={FORM: tuple(TRICKY)},
    )
    write_export(tmp_path / "in" / "audit.xlsx", audit)
    consolidate([tmp_path / "in"], tmp_path / "master.xlsx", trust_roots=[])
    return tmp_path / "master.xlsx"


def _answers_by_path(rows: list[list[object]]) -> dict[object, object]:
    header = rows[0]
    path, value, record = (header.index(n) for n in ("question_path", "value", "record_uuid"))
    return {row[path]: row[value] for row in rows[1:] if row[record] == "rec-1"}


def test_openpyxl_shows_the_exported_answers_with_their_types_and_styles(master: Path) -> None:
    book = openpyxl.load_workbook(master)
    sheet = book["Answers"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    shown = _answers_by_path(rows)
    assert shown["formula"] == TRICKY["formula"]
    assert shown["spaces"] == TRICKY["spaces"]
    assert shown["markup"] == TRICKY["markup"]
    assert shown["night"] == TRICKY["night"]
    assert shown["hours"] == TRICKY["hours"]
    assert shown["paid_on"] == datetime.datetime(2026, 2, 27)
    cells = {row[rows[0].index("question_path")].value: row[rows[0].index("value")]
             for row in sheet.iter_rows(min_row=2)}
    formula = cells["formula"]
    assert formula.data_type == "s"
    assert formula.quotePrefix
    assert cells["paid_on"].is_date
    assert sheet.auto_filter.ref == f"A1:N{len(rows)}"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold


def test_the_form_sheet_streams_its_rows_after_its_header(master: Path) -> None:
    book = CalamineWorkbook.from_path(str(master))
    rows = book.get_sheet_by_name("wages").to_python()
    header = rows[0]
    by_record = {row[header.index("_uuid")]: row for row in rows[1:]}
    assert set(by_record) == {"rec-1", "rec-2"}
    assert by_record["rec-1"][header.index("markup")] == TRICKY["markup"]
    assert by_record["rec-2"][header.index("hours")] == 40
    assert by_record["rec-2"][header.index("markup")] == ""  # not asked: blank, never 0
    opened = openpyxl.load_workbook(master)["wages"]
    assert opened.auto_filter.ref is not None
    assert opened.auto_filter.ref.endswith(str(len(rows)))


def test_libreoffice_reads_the_answers_sheet_as_written(
    master: Path, tmp_path: Path, soffice: str
) -> None:
    out = tmp_path / "csv"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
         "false,-1", "--outdir", str(out), str(master)],
        capture_output=True, check=True, timeout=240,
    )
    with (out / "master-Answers.csv").open(encoding="utf-8", newline="") as handle:
        shown = _answers_by_path([list(row) for row in csv.reader(handle)])
    assert shown["formula"] == TRICKY["formula"]
    assert shown["spaces"] == TRICKY["spaces"]
    assert shown["markup"] == TRICKY["markup"]
    assert shown["night"] == TRICKY["night"]
    assert shown["paid_on"] == "2026-02-27"
    assert float(shown["hours"]) == TRICKY["hours"]  # type: ignore[arg-type]


def test_a_full_disk_while_streaming_rows_keeps_the_previous_master(
    master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import threading

    from auditdesk.consolidate import ConsolidationError
    from auditdesk.consolidate.deflated_zip import MemberStream

    before = master.read_bytes()
    newer = FakeAudit("33333333-cccc", records=(FakeRecord("rec-9", FORM[0], {"hours": 50}),),
                      questions={FORM: ("hours",)})
    write_export(tmp_path / "in" / "newer.xlsx", newer)
    written = MemberStream._put

    def write_until_full(self: MemberStream, data: bytes) -> None:
        if threading.current_thread().name == "master-writer":  # the streamed rows
            raise OSError(errno.ENOSPC, "No space left on device")
        written(self, data)

    monkeypatch.setattr(MemberStream, "_put", write_until_full)
    with pytest.raises(ConsolidationError, match="No space left on device") as raised:
        consolidate([tmp_path / "in"], master, trust_roots=[])
    assert str(master) in str(raised.value)
    assert master.read_bytes() == before
    assert [p.name for p in master.parent.iterdir() if p.name.startswith(".")] == []
