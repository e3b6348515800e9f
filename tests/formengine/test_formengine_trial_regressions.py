"""Regressions found by the fuzz trial (``make trials``): every rejection is located."""

from __future__ import annotations

import io
from typing import Any

import pytest

from auditdesk.formengine import FormLoadError, load_form_bytes


def _xlsx(sheets: dict[str, list[list[Any]]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _only_problem(data: bytes) -> Any:
    with pytest.raises(FormLoadError) as caught:
        load_form_bytes(data, suffix=".xlsx", source="form.xlsx")
    (problem,) = caught.value.problems
    return problem


def test_forms_check_names_the_sheet_of_a_duplicate_column_header() -> None:
    problem = _only_problem(_xlsx({
        "survey": [["type", "name", "label"], ["text", "a", "A"]],
        "choices": [["list_name", "name", "label", "label"], ["yn", "yes", "Yes", "Oui"]],
    }))
    assert (problem.sheet, problem.row, problem.column) == ("choices", 1, "label")
    assert "Duplicate column header" in problem.message


def test_forms_check_names_the_header_cell_that_is_not_text() -> None:
    problem = _only_problem(_xlsx({"Sheet1": [["type", "name", 5], ["text", "a", "A"]]}))
    assert (problem.sheet, problem.row, problem.column) == ("Sheet1", 1, "C")
    assert "must be text" in problem.message


def test_forms_check_names_the_header_row_of_a_sheet_missing_a_required_column() -> None:
    problem = _only_problem(_xlsx({"survey": [["kind", "name", "label"], ["text", "a", "A"]]}))
    assert (problem.sheet, problem.row) == ("survey", 1)
    assert "'type'" in problem.message


def test_forms_check_points_at_the_select_question_when_choices_are_missing() -> None:
    problem = _only_problem(_xlsx({
        "survey": [["type", "name", "label"], ["text", "a", "A"], ["select_one yn", "b", "B"]],
    }))
    assert (problem.sheet, problem.row, problem.column) == ("survey", 3, "type")
    assert "choices sheet" in problem.message


@pytest.mark.parametrize("sheet", ["choices", "CHOICES"])
def test_forms_check_points_at_a_choices_header_row_that_lacks_list_name(sheet: str) -> None:
    # pyxform then reads no choices at all and asks for "a choices sheet" without a row.
    problem = _only_problem(_xlsx({
        "survey": [["type", "name", "label"], ["select_one yn", "b", "B"]],
        sheet: [["list", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
    }))
    assert (problem.sheet, problem.row) == (sheet, 1)
    assert "no 'list_name' column" in problem.message


def test_forms_check_points_at_an_old_style_select_when_choices_are_missing() -> None:
    problem = _only_problem(_xlsx({
        "survey": [["Type", "name", "label"], ["text", "a", "A"], ["select one from yn", "b", "B"]],
    }))
    assert (problem.sheet, problem.row, problem.column) == ("survey", 3, "Type")
    assert "choices sheet" in problem.message


def test_forms_check_points_at_the_choice_whose_name_has_spaces() -> None:
    problem = _only_problem(_xlsx({
        "survey": [["type", "name", "label"], ["select_multiple harm", "harms", "Harms"]],
        "choices": [["list name", "name", "label"], ["harm", "quota", "Quotas"],
                    ["harm", "night shifts", "Night shifts"]],
    }))
    assert (problem.sheet, problem.row, problem.column) == ("choices", 3, "name")
    assert "spaces" in problem.message


def test_forms_check_points_at_the_unlabelled_choice_of_an_or_other_list() -> None:
    # pyxform itself fails with a bare KeyError('label') on this form.
    problem = _only_problem(_xlsx({
        "survey": [["type", "name", "label::English"],
                   ["select_one sexes or_other", "sex", "Sex?"]],
        "choices": [["list_name", "name", "label::English"], ["sexes", "male", "Male"],
                    ["sexes", "female", None]],
    }))
    assert (problem.sheet, problem.row, problem.column) == ("choices", 3, "label")
    assert "no label" in problem.message


def test_forms_check_refuses_a_decompression_bomb(decompression_bomb: Any) -> None:
    data = decompression_bomb(120)
    assert len(data) < 2_000_000  # small on disk, 120 MB unpacked
    problem = _only_problem(data)
    assert problem.path == "form.xlsx"
    assert "decompression bomb" in problem.message


def test_forms_check_refuses_a_flood_of_cells() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet><sheetData>"
                         + (b"<row>" + b"<c><v>1</v></c>" * 100 + b"</row>") * 3_100
                         + b"</sheetData></worksheet>")
    assert "more than 300,000 cells" in _only_problem(buffer.getvalue()).message


def test_forms_check_refuses_an_oversized_file_before_reading_it(tmp_path: Any) -> None:
    from auditdesk.formengine import check_form

    huge = tmp_path / "huge.md"
    with huge.open("wb") as stream:
        stream.truncate(25 * 1024 * 1024)  # sparse: costs no disk
    (problem,), _ = check_form(huge)
    assert "at most 21 MB" in problem.message


def test_forms_check_refuses_billion_laughs_without_expanding_them() -> None:
    import zipfile

    # Each entity is ten of the one before: &e9; would be 10^9 "lol"s (3 GB).
    entities = b'<!ENTITY e0 "lol">' + b"".join(
        b'<!ENTITY e%d "%s">' % (level, b"&e%d;" % (level - 1) * 10) for level in range(1, 10)
    )
    laughs = b"<!DOCTYPE workbook [" + entities + b"]>"
    with zipfile.ZipFile(io.BytesIO(_xlsx({"survey": [["type", "name"], ["text", "a"]]}))) as z:
        members = {name: z.read(name) for name in z.namelist()}
    book = members["xl/workbook.xml"]
    root_end = book.index(b">", book.index(b"<workbook")) + 1
    members["xl/workbook.xml"] = (
        book[: book.index(b"<workbook")] + laughs + book[book.index(b"<workbook") : root_end]
        + b"&e9;" + book[root_end:]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    problem = _only_problem(buffer.getvalue())
    assert problem.path == "form.xlsx"
