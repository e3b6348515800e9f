"""Finding where a problem is when the message that reports it does not say.

Some of pyxform's messages name no sheet or row: a duplicate or non-text column
header breaks its reader before any row is read, and a select question whose list
has no choices sheet is reported without its row. The fuzz trial (``make trials``)
found these; here we look the place up ourselves so every such problem is located.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from auditdesk.formengine.problems import FormProblem

_DUPLICATE_HEADER = re.compile(r"Duplicate column header: (.+)$")
_SELECT_TYPE = re.compile(r"^\s*(select_one|select_multiple|rank)[ _]", re.IGNORECASE)


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


def select_row_without_choices(
    source: str, survey_rows: Sequence[Mapping[str, Any]], message: str
) -> FormProblem | None:
    """pyxform says a choices sheet is missing: point at the first question needing one."""
    for offset, row in enumerate(survey_rows):
        if _SELECT_TYPE.match(str(row.get("type", ""))):
            return FormProblem(source, "survey", offset + 2, "type", message)
    return None
