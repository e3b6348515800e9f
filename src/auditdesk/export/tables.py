"""A sheet before it is written: named columns and rows of normalised cell values."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from auditdesk.export.cells import ExcelValue, clean_text, excel_value

_EXACT = 10**15


class SheetKind(enum.StrEnum):
    """What a sheet holds; stored in the manifest so readers never guess from names."""

    ABOUT = "about"
    SCORES = "scores"
    CRITERIA = "criteria"
    FINDINGS = "findings"
    FORM = "form"
    REPEAT = "repeat"
    WORKER_SUMMARY = "worker_summary"
    ANSWERS = "answers"
    TRAIL = "trail"


@dataclass(frozen=True)
class Column:
    header: str
    number_format: str | None = None
    """An Excel number format for the column's numbers (``0.0``, ``0%``)."""
    width: float | None = None
    """Fixed width in characters; measured from the values when ``None``."""


@dataclass
class SheetTable:
    name: str
    kind: SheetKind
    columns: list[Column]
    rows: list[list[ExcelValue]] = field(default_factory=list)
    form_id: str = ""
    form_version: str = ""
    repeat: str = ""
    """The repeat's path in its form (repeat sheets)."""

    def add(self, values: Iterable[object]) -> None:
        row: list[ExcelValue] = []
        for value in values:
            kind = type(value)
            # The common cases inline (this runs for every cell of every sheet).
            if kind is str:
                row.append(clean_text(value) if value else None)  # type: ignore[arg-type]
            elif value is None or (kind is int and -_EXACT < value < _EXACT):  # type: ignore[operator]
                row.append(value)  # type: ignore[arg-type]
            else:
                row.append(excel_value(value))
        self.rows.append(row)

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


class SheetNames:
    """Unique, Excel-valid sheet names (31 characters, no ``[]:*?/\\``, case-insensitive)."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._taken = {name.casefold() for name in reserved}

    def claim(self, wanted: str) -> str:
        base = _FORBIDDEN_IN_SHEET_NAMES.sub("_", wanted).strip("'") or "sheet"
        base = base[:MAX_SHEET_NAME]
        name = base
        number = 2
        while name.casefold() in self._taken:
            suffix = f"~{number}"
            name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
            number += 1
        self._taken.add(name.casefold())
        return name
