"""Build the bundled checklists: Markdown XLSForm sources + criteria catalogue -> .xlsx.

Sources live in ``forms/src``: one pyxform Markdown file per form (survey, choices and
settings sheets) and ``criteria.csv``, the single catalogue of audit criteria. Each built
workbook gets a ``criteria`` sheet holding the catalogue rows its questions cite, so the
same code always carries the same metadata in every form.

Run ``python -m auditdesk.method.checklist_build`` (``make forms``).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMS_DIR = Path(__file__).resolve().parents[3] / "forms"
CATALOGUE_FILE = "criteria.csv"
SHEET_ORDER = ("survey", "choices", "settings")
CRITERIA_SHEET = "criteria"

EVIDENCE_SOURCES = ("documents", "management", "workers", "observation")
SEVERITIES = ("critical", "major", "minor")
FAIRWORK_THRESHOLDS = ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2")
AREAS = tuple("ABCDEFGHIJKL")
REQUIRED_CRITERION_COLUMNS = (
    "code",
    "area",
    "title::English (en)",
    "evidence",
    "severity",
    "references",
    "guidance",
    "corrective_action",
)
SCORING_COLUMNS = ("compliant_if", "partly_if", "na_if")
EVIDENCE_ONLY_TYPES = frozenset({"image", "text", "note", "file", "audio", "video"})

Table = list[list[str]]


class ChecklistBuildError(Exception):
    """A source or catalogue problem, with the file, sheet, row and column it sits in."""


@dataclass(frozen=True)
class Catalogue:
    columns: tuple[str, ...]
    rows: Mapping[str, Mapping[str, str]]

    def table_for(self, codes: Iterable[str]) -> Table:
        """The catalogue rows for ``codes``, in catalogue order, header first."""
        wanted = set(codes)
        body = [
            [row.get(column, "") for column in self.columns]
            for code, row in self.rows.items()
            if code in wanted
        ]
        return [list(self.columns), *body]


def load_catalogue(path: Path) -> Catalogue:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = tuple(reader.fieldnames or ())
        missing = [c for c in REQUIRED_CRITERION_COLUMNS if c not in columns]
        if missing:
            raise ChecklistBuildError(f"{path}: missing column(s) {', '.join(missing)}")
        rows: dict[str, dict[str, str]] = {}
        for line_no, raw in enumerate(reader, start=2):
            row = {key: (value or "").strip() for key, value in raw.items() if key}
            _check_criterion(path, line_no, row)
            if row["code"] in rows:
                raise ChecklistBuildError(f"{path}: row {line_no}: duplicate code {row['code']}")
            rows[row["code"]] = row
    return Catalogue(columns, rows)


def _check_criterion(path: Path, line_no: int, row: Mapping[str, str]) -> None:
    def fail(column: str, message: str) -> ChecklistBuildError:
        return ChecklistBuildError(f"{path}: row {line_no} column '{column}': {message}")

    for column in REQUIRED_CRITERION_COLUMNS:
        if not row.get(column):
            raise fail(column, "must not be empty")
    code, area = row["code"], row["area"]
    if area not in AREAS or not code.startswith(area) or not code[1:].isdigit():
        raise fail("code", f"code {code!r} must be the area letter A–L followed by a number")
    if row["severity"] not in SEVERITIES:
        raise fail("severity", f"{row['severity']!r} is not one of {', '.join(SEVERITIES)}")
    evidence = row["evidence"].split()
    if not evidence or any(source not in EVIDENCE_SOURCES for source in evidence):
        raise fail("evidence", f"use space-separated words among {' '.join(EVIDENCE_SOURCES)}")
    for threshold in row.get("fairwork", "").split():
        if threshold not in FAIRWORK_THRESHOLDS:
            raise fail("fairwork", f"{threshold!r} is not a Fairwork threshold")
    share = row.get("worker_threshold", "")
    if share:
        try:
            ok = 0.0 <= float(share) <= 1.0
        except ValueError:
            ok = False
        if not ok:
            raise fail("worker_threshold", f"{share!r} must be a share between 0 and 1")


def read_markdown_form(path: Path) -> dict[str, Table]:
    """The survey, choices and settings sheets of a pyxform Markdown form, header first."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import md_to_dict

    try:
        book: dict[str, Any] = md_to_dict(str(path))
    except PyXFormError as error:
        raise ChecklistBuildError(f"{path}: {error}") from error
    sheets: dict[str, Table] = {}
    for sheet in SHEET_ORDER:
        header_rows = book.get(f"{sheet}_header") or []
        if not header_rows:
            raise ChecklistBuildError(f"{path}: sheet '{sheet}' is missing")
        header = [str(column) for column in header_rows[0]]
        body = [[str(row.get(column, "")) for column in header] for row in book[sheet]]
        sheets[sheet] = [header, *body]
    return sheets


def cited_criteria(path: Path, survey: Table, catalogue: Catalogue) -> tuple[list[str], set[str]]:
    """Codes cited by the survey, and those of them that some question scores.

    A question may cite several codes separated by spaces. Scored questions need a
    ``compliant_if``; photos and free text may cite a criterion without one, as evidence
    to quote in findings.
    """
    header = survey[0]
    if "criterion" not in header:
        return [], set()
    col = {
        name: header.index(name)
        for name in ("type", "criterion", *SCORING_COLUMNS)
        if name in header
    }
    cited: list[str] = []
    scored: set[str] = set()
    for row_no, row in enumerate(survey[1:], start=2):
        codes = row[col["criterion"]].split()
        where = f"{path}: sheet 'survey' row {row_no}"
        scoring = {name: row[col[name]] for name in SCORING_COLUMNS if name in col}
        if not codes:
            stray = [name for name, text in scoring.items() if text]
            if stray:
                raise ChecklistBuildError(f"{where} column '{stray[0]}': set without a criterion")
            continue
        for code in codes:
            if code not in catalogue.rows:
                raise ChecklistBuildError(f"{where} column 'criterion': unknown criterion {code!r}")
            if code not in cited:
                cited.append(code)
        if scoring.get("compliant_if"):
            scored.update(codes)
        elif row[col["type"]].split()[0] not in EVIDENCE_ONLY_TYPES:
            raise ChecklistBuildError(f"{where} column 'compliant_if': needed to score {codes[0]}")
    return cited, scored


def form_evidence_source(path: Path, settings: Table) -> str:
    header, values = settings[0], (settings[1] if len(settings) > 1 else [])
    source = dict(zip(header, values, strict=False)).get("evidence_source", "")
    if source not in EVIDENCE_SOURCES:
        raise ChecklistBuildError(
            f"{path}: sheet 'settings' column 'evidence_source': {source!r} is not one of "
            f"{' '.join(EVIDENCE_SOURCES)}"
        )
    return source


def build_workbook(sheets: Mapping[str, Table], out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name, table in sheets.items():
        sheet = book.create_sheet(name)
        for row in table:
            sheet.append([cell if cell != "" else None for cell in row])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                # Expressions such as "=" must stay text, never become Excel formulas.
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        for index, column in enumerate(zip(*table, strict=False), start=1):
            # Wide enough to read, narrow enough that long guidance wraps instead of
            # pushing every other column off screen.
            longest = max(len(value) for value in column)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(10, min(60, longest + 2))
            if longest > 60:
                for cell in sheet[letter][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(out)


def read_workbook(path: Path) -> dict[str, Table]:
    """Every sheet of a workbook as text rows, trailing empty cells and rows dropped."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets: dict[str, Table] = {}
        for sheet in book.worksheets:
            rows = [
                ["" if value is None else str(value) for value in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            sheets[sheet.title] = [_trim(row) for row in rows if any(row)]
        return sheets
    finally:
        book.close()


def _trim(row: Sequence[str]) -> list[str]:
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return list(row[:end])


def validate_with_pyxform(path: Path) -> list[str]:
    """Parse and convert the built form with pyxform; return its warnings."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    try:
        result = convert(xlsform=str(path), validate=False)
    except PyXFormError as error:
        raise ChecklistBuildError(f"{path}: {error}") from error
    return [str(warning) for warning in result.warnings]


@dataclass(frozen=True)
class BuiltForm:
    name: str
    path: Path
    source: str
    criteria: tuple[str, ...]
    warnings: tuple[str, ...]
    written: bool


@dataclass(frozen=True)
class FormPlan:
    """What one source builds into: its sheets, evidence source and scored criteria."""

    sheets: dict[str, Table]
    evidence: str
    scored: frozenset[str]


def plan_form(source: Path, catalogue: Catalogue) -> FormPlan:
    """The sheets the built workbook must hold, with the form's evidence source."""
    sheets = read_markdown_form(source)
    cited, scored = cited_criteria(source, sheets["survey"], catalogue)
    evidence = form_evidence_source(source, sheets["settings"])
    sheets[CRITERIA_SHEET] = catalogue.table_for(cited)
    return FormPlan(sheets, evidence, frozenset(scored))


def build_all(forms_dir: Path = FORMS_DIR, out_dir: Path | None = None) -> list[BuiltForm]:
    """Build every ``forms_dir/src/*.md`` into ``out_dir`` (default ``forms_dir``).

    A workbook is rewritten only when its contents change, so rebuilding leaves git clean.
    """
    src = forms_dir / "src"
    out_dir = out_dir or forms_dir
    catalogue = load_catalogue(src / CATALOGUE_FILE)
    built: list[BuiltForm] = []
    sources_per_code: dict[str, set[str]] = {}
    for source in sorted(src.glob("*.md")):
        plan = plan_form(source, catalogue)
        sheets, evidence = plan.sheets, plan.evidence
        out = out_dir / f"{source.stem}.xlsx"
        written = not out.exists() or _normalised(read_workbook(out)) != _normalised(sheets)
        if written:
            build_workbook(sheets, out)
        codes = tuple(row[0] for row in sheets[CRITERIA_SHEET][1:])
        for code in plan.scored:
            sources_per_code.setdefault(code, set()).add(evidence)
        warnings = tuple(validate_with_pyxform(out))
        built.append(BuiltForm(source.stem, out, evidence, codes, warnings, written))
    _check_evidence(src / CATALOGUE_FILE, catalogue, sources_per_code)
    return built


def _normalised(sheets: Mapping[str, Table]) -> dict[str, Table]:
    return {name: [_trim(row) for row in table if any(row)] for name, table in sheets.items()}


def _check_evidence(path: Path, catalogue: Catalogue, used: Mapping[str, set[str]]) -> None:
    """Each criterion's declared evidence must be exactly the sources that ask about it."""
    problems = []
    for code, row in catalogue.rows.items():
        declared = set(row["evidence"].split())
        asked = used.get(code, set())
        if not asked:
            problems.append(f"{code}: no question in any form scores it")
        elif declared != asked:
            problems.append(
                f"{code}: evidence says {' '.join(sorted(declared))} but questions come from "
                f"{' '.join(sorted(asked))}"
            )
    if problems:
        raise ChecklistBuildError(f"{path}: column 'evidence':\n  " + "\n  ".join(problems))


def main(argv: Sequence[str] | None = None) -> int:
    del argv
    try:
        built = build_all()
    except ChecklistBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for form in built:
        state = "rebuilt" if form.written else "up to date"
        print(f"{form.path.name}: {state}, {len(form.criteria)} criteria ({form.source})")
        for warning in form.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
