"""Cell values as the workbook stores them, and their canonical text for the sheet hashes.

Two rules live here because the writer and every reader must agree on them exactly:

**What is written.** Text is always a text cell, never a formula: a value starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or one that reads as an error
value (``#N/A``; :func:`is_formula_trap`), is stored unchanged as a text cell
marked with Excel's *quote prefix* (what Excel itself does when a user types
``'=1+2``), so spreadsheets show it as text and a reader gets the original value back
without any un-escaping. Numbers are written with the 16 significant digits openpyxl
writes, datetimes to the whole second, in UTC, without a time zone; integers beyond
Excel's 15 exact digits are written as text so no digit is lost.

**What is hashed.** :func:`canonical_cell` turns a value *as a reader returns it*
(openpyxl and python-calamine differ: ``1`` vs ``1.0``, a midnight ``datetime`` vs a
``date``, ``None`` vs ``""``) into one text; :func:`canonical_row` and
:func:`SheetHasher` chain those into a SHA-256 per sheet. See docs/workbook-format.md.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Final

ExcelValue = str | int | float | datetime.date | datetime.datetime | None
"""What a data cell may hold once normalised (no booleans, no formulas, no time zones)."""

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
ERROR_LITERALS: Final = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!")
)
"""Texts a spreadsheet would read as an error value rather than as the text typed
(in any letter case: Excel takes ``#n/a`` for ``#N/A``)."""
TRAP_STARTS: Final = frozenset(FORMULA_TRIGGERS) | {"#"}
"""First characters of every :func:`is_formula_trap` text (a cheap test to run first)."""
MAX_CELL_TEXT: Final = 32_767
"""Excel's limit on the characters of one cell."""
TRUNCATION_MARK: Final = " […]"
_MAX_EXACT_INTEGER: Final = 10**15
# XML 1.0 cannot carry these control characters at all (openpyxl refuses them).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SECOND = datetime.timedelta(seconds=1)


def is_formula_trap(text: str) -> bool:
    """Would a spreadsheet take this text for a formula or an error value if typed in?

    Such text is written as a text cell with the quote prefix (the audit exports and
    the consolidated master follow this one rule).
    """
    return text.startswith(FORMULA_TRIGGERS) or (
        text[:1] == "#" and text.upper() in ERROR_LITERALS
    )


def clean_text(text: str) -> str:
    """Text a workbook can hold: XML-illegal control characters dropped, Excel's length kept."""
    if text.isprintable() and len(text) <= MAX_CELL_TEXT:
        return text  # the common case, without a regular expression
    if _ILLEGAL_XML.search(text):
        text = _ILLEGAL_XML.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return text


def utc_naive(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` in UTC without a zone (Excel has none), to the whole second."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def excel_value(value: object) -> ExcelValue:
    """Normalise a Python value to what the workbook stores (see the module docstring)."""
    if value is None or isinstance(value, str):
        return clean_text(value) if value else None
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, int):
        return value if abs(value) < _MAX_EXACT_INTEGER else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        # openpyxl writes "%.16g": keep exactly the double a reader will parse back.
        return float(f"{value:.16g}")
    if isinstance(value, datetime.datetime):
        return utc_naive(value)
    if isinstance(value, datetime.date):
        return value
    return clean_text(str(value))


def _number_text(number: float) -> str:
    if number.is_integer() and abs(number) < 2**53:
        return str(int(number))
    return repr(number)


def canonical_cell(value: object) -> str:
    """One text per cell value, whichever reader produced it ("" for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return f"s:{value}" if value else ""
    if isinstance(value, bool):
        return "b:1" if value else "b:0"
    if isinstance(value, int | float):
        return "n:" + _number_text(float(value))
    if isinstance(value, datetime.datetime):
        # Readers round an Excel serial differently below the second.
        moment = (value.replace(tzinfo=None) + _SECOND / 2).replace(microsecond=0)
        if moment.time() == datetime.time(0):
            return "d:" + moment.date().isoformat()
        return "d:" + moment.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return "d:" + value.isoformat()
    if isinstance(value, datetime.time):
        return "t:" + value.replace(microsecond=0).isoformat(timespec="seconds")
    return f"x:{value}"


# json.dumps(cells, ensure_ascii=False, separators=(",", ":")) for a list of strings, in
# the form of its C string encoder: the same bytes, a third of the time per row.
_json_string: Callable[[str], str] = json.encoder.encode_basestring


_EMPTY_PIECE: Final = '""'
_PIECE_MEMO_LIMIT: Final = 200_000
# Texts, numbers and dates repeat all through a sheet (answers, paths, labels), so their
# JSON pieces are remembered: verifying a workbook hashes every cell of every sheet,
# and this keeps the hash from costing more than reading the cells did. Bounded.
# One dict for every kind, so that a row is looked up without a Python loop; what
# goes in must never equal a value with another canonical text (see distinct_as_key).
_pieces: dict[object, str] = {None: _EMPTY_PIECE, "": _EMPTY_PIECE}
_NUMBER_KINDS: Final = (int, float)
_MOMENT_KINDS: Final = (datetime.datetime, datetime.date, datetime.time)


def distinct_as_key(value: object) -> bool:
    """May ``value`` key a cache of how it is written, without meeting an equal value
    that is written differently?

    Not a bool, nor a number equal to one (``True == 1 == 1.0`` but ``"b:1" != "n:1"``),
    nor NaN (never equal to itself), nor a moment with a zone (``10:00Z ==
    12:00+02:00``, but the canonical text keeps the clock time).
    """
    kind = type(value)
    if kind is str:
        return True
    if kind in _NUMBER_KINDS:
        return value not in (0, 1) and value == value
    if kind in _MOMENT_KINDS:
        return getattr(value, "tzinfo", None) is None
    return False


def _piece(value: object) -> str:
    if type(value) is str:
        piece = _json_string(f"s:{value}")
    else:
        piece = _json_string(canonical_cell(value))
    if distinct_as_key(value):
        if len(_pieces) >= _PIECE_MEMO_LIMIT:
            _pieces.clear()
            _pieces.update({None: _EMPTY_PIECE, "": _EMPTY_PIECE})
        _pieces[value] = piece
    return piece


def canonical_row(values: Iterable[object]) -> str:
    """A row as one line: the JSON array of its canonical cells, trailing empties dropped."""
    cells = values if isinstance(values, list | tuple) else list(values)
    try:
        line = ",".join(map(_pieces.get, cells))  # type: ignore[arg-type]
    except TypeError:  # a value not remembered yet (its piece is None)
        line = ",".join([_pieces.get(value) or _piece(value) for value in cells])
    # A piece is a JSON string, any quote inside it escaped: a line ending in ,"" ends
    # in an empty cell.
    while line.endswith(',""'):
        line = line[:-3]
    if line == _EMPTY_PIECE:
        return "[]"
    return f"[{line}]"


class SheetHasher:
    """SHA-256 over a sheet's rows from row 1, trailing empty rows not counted."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._pending_empty = 0
        self.rows = 0

    def add_row(self, values: Iterable[object]) -> None:
        line = canonical_row(values)
        if line == "[]":
            self._pending_empty += 1
            return
        if self._pending_empty:
            self._digest.update(b"[]\n" * self._pending_empty)
            self.rows += self._pending_empty
            self._pending_empty = 0
        self._digest.update(line.encode("utf-8") + b"\n")
        self.rows += 1

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def sheet_hash(rows: Iterable[Sequence[object]]) -> str:
    """The canonical hash of a sheet given its rows as a reader returns them.

    The same bytes as :class:`SheetHasher` is given, hashed in one call: the verifier
    hashes every row of every sheet, and one update per row cost a fifth of that.
    """
    lines = list(map(canonical_row, rows))
    while lines and lines[-1] == "[]":
        lines.pop()
    lines.append("")  # every line ends with a line break
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
