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
