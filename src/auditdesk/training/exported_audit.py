"""What calibration needs from an exported audit workbook: criterion results and findings.

The workbook layout is the contract in ``docs/workbook-format.md``: sheets are found by
the kind the ``_manifest`` gives them (``about``, ``criteria``, ``findings``), columns by
their header text. The per-criterion results are read as exported (the ``Criteria``
sheet), never re-scored, so a trainee is compared on exactly what they handed in.

Consolidation reads the same workbooks for other sheets (``Answers``, form sheets); its
header-addressed :class:`~auditdesk.consolidate.export_reader.Table` is reused here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditdesk.consolidate.export_reader import LayoutError, Table, text
from auditdesk.export.workbook_manifest import (
    MANIFEST_SHEET,
    ManifestError,
    WorkbookManifest,
    read_manifest_cells,
)
from auditdesk.method.evidence import Outcome

Rows = Sequence[Sequence[object]]

RESULT_CODES = tuple(outcome.value for outcome in Outcome)


class CalibrationInputError(ValueError):
    """A file that is not a readable AuditDesk audit workbook; the message names it."""


@dataclass(frozen=True)
class CriterionCall:
    """One criterion as the auditor's export graded it."""

    code: str
    area: str
    title: str
    severity: str
    result: Outcome


@dataclass(frozen=True)
class FindingCall:
    """One standing (not withdrawn) finding of the export."""

    criterion: str
    severity: str
    title: str


@dataclass(frozen=True)
class ExportedAudit:
    path: Path
    audit_uuid: str
    site_name: str
    lead_auditor: str
    training: bool
    criteria: Mapping[str, CriterionCall]
    findings: Mapping[str, FindingCall]
    """By criterion code; a criterion with several findings keeps its most severe."""

    @property
    def label(self) -> str:
        return self.path.name


_SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2}


def read_exported_audit(path: Path) -> ExportedAudit:
    """Read ``path``; raises :class:`CalibrationInputError` naming file, sheet and column."""
    try:
        sheets = _read_sheets(path)
        return _from_sheets(path, sheets)
    except (LayoutError, ManifestError) as error:
        raise CalibrationInputError(f"{path}: {error}") from None


def _read_sheets(path: Path) -> dict[str, Rows]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        return {
            name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in workbook.sheet_names
        }
    except (CalamineError, OSError, ValueError) as error:
        raise CalibrationInputError(f"{path}: not a readable workbook ({error})") from None


def _from_sheets(path: Path, sheets: Mapping[str, Rows]) -> ExportedAudit:
    manifest_rows = sheets.get(MANIFEST_SHEET)
    if manifest_rows is None:
        raise CalibrationInputError(
            f"{path}: not an AuditDesk audit workbook (no {MANIFEST_SHEET} sheet); "
            "export the audit with `auditdesk export UUID --xlsx FILE`"
        )
    manifest = WorkbookManifest.from_bytes(read_manifest_cells(manifest_rows).manifest_bytes)
    by_kind = {entry.kind: entry.name for entry in reversed(manifest.sheets)}

    def sheet(kind: str) -> tuple[str, Rows]:
        name = by_kind.get(kind)
        if name is None or name not in sheets:
            raise LayoutError(f"the workbook has no '{kind}' sheet")
        return name, sheets[name]

    about = _about(*sheet("about"))
    return ExportedAudit(
        path=path,
        audit_uuid=manifest.audit_uuid,
        site_name=about.get("site_name", ""),
        lead_auditor=about.get("lead_auditor", ""),
        training=manifest.training,
        criteria=_criteria(*sheet("criteria")),
        findings=_findings(*sheet("findings")),
    )


def _about(name: str, rows: Rows) -> dict[str, str]:
    table = Table(name, rows)
    field_at, value_at = table.column("field"), table.column("value")
    return {
        text(_cell(row, field_at)): text(_cell(row, value_at))
        for row in table.rows
        if text(_cell(row, field_at))
    }


def _criteria(name: str, rows: Rows) -> dict[str, CriterionCall]:
    table = Table(name, rows)
    at = table.columns(("criterion", "area", "title", "severity", "result"))
    found: dict[str, CriterionCall] = {}
    for number, row in enumerate(table.rows, start=2):
        code, area, title, severity, result = (text(_cell(row, i)) for i in at)
        if not code:
            continue
        if result not in RESULT_CODES:
            raise LayoutError(
                f"sheet '{name}', row {number}, column 'result': {result!r} is not one of "
                + ", ".join(RESULT_CODES)
            )
        found[code] = CriterionCall(code, area, title, severity, Outcome(result))
    return found


def _findings(name: str, rows: Rows) -> dict[str, FindingCall]:
    table = Table(name, rows)
    at = table.columns(("criterion", "severity", "title", "status"))
    found: dict[str, FindingCall] = {}
    for row in table.rows:
        code, severity, title, status = (text(_cell(row, i)) for i in at)
        if not code or status == "withdrawn":
            continue
        known = found.get(code)
        if known is None or _SEVERITY_RANK.get(severity, 9) < _SEVERITY_RANK.get(known.severity, 9):
            found[code] = FindingCall(code, severity, title)
    return found


def _cell(row: Sequence[object], index: int) -> object:
    return row[index] if index < len(row) else None
