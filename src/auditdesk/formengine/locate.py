"""Finding where a problem is when the message that reports it does not say.

Some of pyxform's messages name no sheet or row: a duplicate or non-text column
header breaks its reader before any row is read; a select question whose list has no
choices (no choices sheet, or one whose header row lacks a mandatory column) is
reported without its row, and so is a choice name with spaces in a select_multiple
list; a choice without a label in an ``or_other`` list crashes pyxform with a bare
``KeyError``. The fuzz trial (``make trials``) found these; here we look the place up
ourselves in the rows pyxform read, so every such problem is located.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from auditdesk.formengine.problems import FormProblem

_DUPLICATE_HEADER = re.compile(r"Duplicate column header: (.+)$")
_CHOICE_WITH_SPACES = re.compile(r"See \[(.*)\] in \[(.*)\]\s*$", re.DOTALL)
_NO_CHOICES = "There should be a choices sheet"
_CHOICES_REQUIRED = ("list_name", "name", "label")


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header_rows(data: bytes) -> dict[str, list[Any]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    headers: dict[str, list[Any]] = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(nrows=1)
        headers[name] = list(rows[0]) if rows else []
    return headers


def header_problem(data: bytes, source: str, message: str) -> FormProblem | None:
    """The sheet and column of a header that broke pyxform's reader, if one did."""
    try:
        headers = _header_rows(data)
    except Exception:  # noqa: BLE001 - an unreadable file keeps its first message
        return None
    duplicate = _DUPLICATE_HEADER.search(message)
    for sheet, cells in headers.items():
        seen: set[str] = set()
        for index, cell in enumerate(cells):
            if duplicate is None and cell not in (None, "") and not isinstance(cell, str):
                return FormProblem(
                    source, sheet, 1, _column_letter(index),
                    f"a column header must be text, not {cell!r}",
                )
            text = cell.strip() if isinstance(cell, str) else ""
            if duplicate is not None and text and text in seen and text == duplicate.group(1):
                return FormProblem(source, sheet, 1, text, message.strip())
            seen.add(text)
    return None


def unlocated_pyxform_error(
    source: str, workbook: Any, problem: FormProblem
) -> FormProblem | None:
    """Place a pyxform message that names no row, when it is one we can place."""
    if _NO_CHOICES in problem.message:
        return _choices_header_problem(source, workbook, problem.message) or (
            _select_row_without_choices(source, workbook.survey or (), problem.message)
        )
    spaces = _CHOICE_WITH_SPACES.search(problem.message)
    if spaces is not None and problem.message.startswith("Choice names with spaces"):
        return _choice_row(source, workbook, spaces.group(2), spaces.group(1), problem.message)
    return None


def pyxform_crash(source: str, workbook: Any, error: Exception, message: str) -> FormProblem | None:
    """Place an exception pyxform raised by accident (not a ``PyXFormError``), if we can."""
    if isinstance(error, KeyError) and error.args == ("label",):
        # pyxform reads every label of an ``or_other`` list and trips on a choice without one.
        return _choice_without_label(source, workbook, message)
    return None


def _header_key(header: object) -> str:
    """A header as pyxform reads it (case-blind, aliases resolved, ``label::fr`` → label),
    spelt as its messages spell it (``list_name``)."""
    from pyxform import aliases

    key = str(header).strip().lower().split(":", 1)[0].strip()
    return str(aliases.list_header.get(key, key)).replace(" ", "_")


def _sheet_named(workbook: Any, name: str) -> str | None:
    """The sheet's name as written in the file (pyxform matches names case-blind)."""
    return next((title for title in workbook.sheet_names or () if title.lower() == name), None)


def _choices_rows(workbook: Any) -> tuple[str | None, list[tuple[int, dict[str, Any]]]]:
    """The choices sheet's name and its rows by sheet row, keyed by :func:`_header_key`."""
    rows = []
    for offset, row in enumerate(workbook.choices or ()):  # blank rows are kept: row = offset + 2
        keyed: dict[str, Any] = {}
        for header, value in row.items():
            keyed.setdefault(_header_key(header), value)
        rows.append((offset + 2, keyed))
    return _sheet_named(workbook, "choices"), rows


def _choices_header_problem(source: str, workbook: Any, message: str) -> FormProblem | None:
    """A choices sheet pyxform could not use because its header lacks a mandatory column."""
    sheet = _sheet_named(workbook, "choices")
    if sheet is None:
        return None
    headers = {_header_key(h) for row in workbook.choices_header or () for h in row if h}
    missing = [column for column in _CHOICES_REQUIRED if column not in headers]
    if not missing:
        return None  # the header is whole: the choices for the select are what is missing
    names = ", ".join(repr(column) for column in missing)
    return FormProblem(source, sheet, 1, None, f"the header row has no {names} column; {message}")


def _select_row_without_choices(
    source: str, survey_rows: Sequence[Mapping[str, Any]], message: str
) -> FormProblem | None:
    """pyxform found no choices for a select: point at the first select needing some."""
    from pyxform import aliases

    selects = (*(f"{alias} " for alias in aliases.select), "rank ")
    for offset, row in enumerate(survey_rows):
        header = next((h for h in row if str(h).strip().lower() == "type"), None)
        kind = str(row.get(header, "")).strip().lower() if header is not None else ""
        if kind.startswith(selects) and "external" not in kind and "file" not in kind:
            return FormProblem(source, "survey", offset + 2, header, message)
    return None


def _choice_row(
    source: str, workbook: Any, list_name: str, choice: str, message: str
) -> FormProblem | None:
    sheet, rows = _choices_rows(workbook)
    for number, row in rows:
        if str(row.get("list_name", "")).strip() == list_name and (
            str(row.get("name", "")).strip() == choice.strip()
        ):
            return FormProblem(source, sheet, number, "name", message)
    return None


def _choice_without_label(source: str, workbook: Any, message: str) -> FormProblem | None:
    sheet, rows = _choices_rows(workbook)
    for number, row in rows:
        if row.get("list_name") and row.get("name") and not str(row.get("label", "")).strip():
            return FormProblem(
                source, sheet, number, "label", f"this choice has no label; {message}"
            )
    return None
