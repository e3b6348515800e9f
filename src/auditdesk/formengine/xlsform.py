"""Load an XLSForm (``.xlsx``, ``.xlsm``, ``.xls``, pyxform Markdown ``.md``) into a definition.

pyxform does the XLSForm work: its backends read the sheets and ``workbook_to_json``
applies XLSForm's aliases, translations, groups and checks. We never build the XForm
XML (slow, and we do not need it). What pyxform does not keep we read ourselves: the
extra sheets (scoring metadata) and where each element was written (sheet row), so
every problem names file, sheet, row and column.

Every failure becomes a :class:`FormLoadError`; a broken file never escapes as a
traceback.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from auditdesk.formengine.builder import DefinitionBuilder
from auditdesk.formengine.definition import ExtraSheet, FormDefinition
from auditdesk.formengine.limits import file_too_large, xlsx_over_limits
from auditdesk.formengine.locate import header_problem, pyxform_crash, unlocated_pyxform_error
from auditdesk.formengine.problems import FormLoadError, FormProblem

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".md")

_ROW_IN_MESSAGE = re.compile(r"\[row\s*:\s*(\d+)\]\s*")
_SHEET_IN_MESSAGE = re.compile(r"[Oo]n the '([^']+)' sheet|headers provided for sheet: '([^']+)'")
_SHEET_PREFIX = re.compile(r"^\s*On the '[^']+' sheet, ")
_COLUMN_IN_MESSAGE = re.compile(r"the '([^']+)' (?:value|column)")


def load_form(path: str | Path) -> FormDefinition:
    """Read, convert and compile one XLSForm; raises :class:`FormLoadError` on any problem."""
    source = str(path)
    file_path = Path(path)
    suffix = file_path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _error(source, f"not an XLSForm: expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        too_large = file_too_large(file_path.stat().st_size)
        if too_large:
            raise _error(source, too_large)
        data = file_path.read_bytes()
    except OSError as error:
        raise _error(source, f"cannot read the file: {error.strerror or error}") from None
    return load_form_bytes(data, suffix=suffix, source=source, stem=file_path.stem)


def load_form_bytes(
    data: bytes, *, suffix: str, source: str = "<form>", stem: str = "form"
) -> FormDefinition:
    """Like :func:`load_form` for a form held in memory; ``suffix`` says its format."""
    workbook = _read_workbook(data, suffix, source, stem)
    found_warnings: list[str] = []
    form_json = _pyxform_json(workbook, source, stem, found_warnings)
    extra_sheets = _read_extra_sheets(data, suffix, workbook, source)
    builder = DefinitionBuilder(
        source=source,
        survey_rows=workbook.survey or (),
        settings_rows=workbook.settings or (),
        external_choices=workbook.external_choices or (),
    )
    try:
        return builder.build(form_json, extra_sheets=extra_sheets, warnings=tuple(found_warnings))
    except FormLoadError:
        raise
    except Exception as error:  # noqa: BLE001 - a form shape we did not foresee is still a form problem
        message = f"the form engine cannot use this form ({type(error).__name__}: {error})"
        raise _error(source, message) from None


def check_form(path: str | Path) -> tuple[list[FormProblem], list[str]]:
    """Problems and pyxform warnings of one form, for ``auditdesk forms check``."""
    try:
        definition = load_form(path)
    except FormLoadError as error:
        return list(error.problems), []
    return [], list(definition.warnings)


def _error(source: str, message: str, sheet: str | None = None) -> FormLoadError:
    return FormLoadError([FormProblem(source, sheet, None, None, message)])


def _read_workbook(data: bytes, suffix: str, source: str, stem: str) -> Any:
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import DefinitionData, SupportedFileTypes

    file_type = SupportedFileTypes(suffix)
    reader = SupportedFileTypes.get_processors()[file_type]
    if suffix in (".xlsx", ".xlsm") and not zipfile.is_zipfile(io.BytesIO(data)):
        raise _error(source, f"not a readable {suffix} workbook (the file is not a zip archive)")
    refused = xlsx_over_limits(data) if suffix in (".xlsx", ".xlsm") else file_too_large(len(data))
    if refused:
        raise _error(source, f"refused before reading: {refused}")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, extensions).
            warnings.simplefilter("ignore")
            sheets = reader(io.BytesIO(data))
        return DefinitionData(fallback_form_name=stem, **sheets)
    except PyXFormError as error:
        located = header_problem(data, source, str(error)) if suffix != ".md" else None
        if located is not None:
            raise FormLoadError([located]) from None
        raise _error(source, f"not a readable {suffix} workbook: {_strip(str(error))}") from None
    except Exception as error:  # noqa: BLE001 - any reader failure is a broken file, not a crash
        located = header_problem(data, source, str(error)) if suffix != ".md" else None
        if located is not None:
            raise FormLoadError([located]) from None
        raise _error(
            source, f"not a readable {suffix} workbook ({type(error).__name__}: {error})"
        ) from None


def _pyxform_json(
    workbook: Any, source: str, stem: str, found_warnings: list[str]
) -> dict[str, Any]:
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json

    try:
        result: dict[str, Any] = workbook_to_json(
            workbook_dict=workbook, fallback_form_name=stem, warnings=found_warnings
        )
    except PyXFormError as error:
        problem = pyxform_problem(source, str(error))
        if problem.row is None:
            problem = unlocated_pyxform_error(source, workbook, problem) or problem
        raise FormLoadError([problem]) from None
    except Exception as error:  # noqa: BLE001 - pyxform trips on some malformed sheets
        message = f"pyxform could not read the form ({type(error).__name__}: {error})"
        located = pyxform_crash(source, workbook, error, message)
        raise (FormLoadError([located]) if located else _error(source, message)) from None
    return result


def pyxform_problem(source: str, message: str) -> FormProblem:
    """Locate pyxform's ``[row : N] On the 'survey' sheet, the 'x' value …`` messages."""
    row_match = _ROW_IN_MESSAGE.search(message)
    sheet_match = _SHEET_IN_MESSAGE.search(message)
    column_match = _COLUMN_IN_MESSAGE.search(message)
    row = int(row_match.group(1)) if row_match else None
    if sheet_match and sheet_match.group(2) and row is None:
        row = 1  # a message about a sheet's headers: they are its first row
    sheet_name = sheet_match.group(1) or sheet_match.group(2) if sheet_match else None
    sheet = sheet_name or ("survey" if row is not None else None)
    column = column_match.group(1) if column_match else None
    return FormProblem(source, sheet, row, column, _strip(message))


def _strip(message: str) -> str:
    message = _ROW_IN_MESSAGE.sub("", message)
    return _SHEET_PREFIX.sub("", message).strip()


def _read_extra_sheets(
    data: bytes, suffix: str, workbook: Any, source: str
) -> Mapping[str, ExtraSheet]:
    """Sheets XLSForm does not define, as rows of ``{header: text}``; pyxform drops them."""
    from pyxform import constants

    names = [
        name
        for name in (workbook.sheet_names or ())
        if name.lower() not in constants.SUPPORTED_SHEET_NAMES
    ]
    # pyxform reads a lone, oddly named sheet as the survey: then there is nothing extra.
    if not names or len(workbook.sheet_names) == 1:
        return MappingProxyType({})
    try:
        raw = _markdown_sheets(data, names) if suffix == ".md" else _excel_sheets(data, names)
    except Exception as error:  # noqa: BLE001 - an unreadable extra sheet is a form problem
        message = f"cannot read the extra sheets ({type(error).__name__}: {error})"
        raise _error(source, message) from None
    return MappingProxyType({name: _rows_to_records(rows) for name, rows in raw.items()})


def _excel_sheets(data: bytes, names: Sequence[str]) -> dict[str, list[list[Any]]]:
    # calamine reads these sheets ~15x faster than a second openpyxl pass would.
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in names}


def _markdown_sheets(data: bytes, names: Sequence[str]) -> dict[str, list[list[Any]]]:
    # pyxform's own Markdown table reader, so extra sheets parse exactly like the others.
    from pyxform.xls2json_backends import _md_table_to_ss_structure

    sheets = _md_table_to_ss_structure(data.decode("utf-8"))
    return {name: [list(row) for row in sheets.get(name, [])] for name in names}


def _rows_to_records(rows: list[list[Any]]) -> ExtraSheet:
    from pyxform.xls2json_backends import xlsx_value_to_str

    if not rows:
        return ()
    headers = [_cell_text(xlsx_value_to_str, cell) for cell in rows[0]]
    records = []
    for row in rows[1:]:
        record = {
            header: text
            for header, cell in zip(headers, row, strict=False)
            if header and (text := _cell_text(xlsx_value_to_str, cell))
        }
        if record:
            records.append(MappingProxyType(record))
    return tuple(records)


def _cell_text(convert: Any, cell: Any) -> str:
    if cell is None or cell == "":
        return ""
    text: str = convert(cell.strip() if isinstance(cell, str) else cell)
    return text.strip()
