"""Each criterion's guidance and framework references, for explaining a disagreement.

They come from the ``criteria`` sheets the bundled checklists carry (``forms/README.md``).
Only those few text columns are needed, so the sheets are read with python-calamine
directly rather than loading the forms through pyxform (70 ms instead of seconds).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from auditdesk import paths
from auditdesk.method.criteria import CRITERIA_SHEET, pick_language


@dataclass(frozen=True)
class CriterionGuide:
    code: str
    area: str
    title: str
    severity: str
    guidance: str
    references: str


def read_criteria_guide(
    forms_dir: Path | None = None, language: str = "en"
) -> dict[str, CriterionGuide]:
    """Guidance by criterion code from every checklist in ``forms_dir`` (first row wins)."""
    from python_calamine import CalamineError, CalamineWorkbook

    guide: dict[str, CriterionGuide] = {}
    for form in sorted((forms_dir or paths.forms_dir()).glob("*.xlsx")):
        try:
            workbook = CalamineWorkbook.from_path(str(form))
            if CRITERIA_SHEET not in workbook.sheet_names:
                continue
            rows = workbook.get_sheet_by_name(CRITERIA_SHEET).to_python()
        except (CalamineError, OSError, ValueError):
            continue  # a damaged checklist only costs the explanation, never the comparison
        if not rows:
            continue
        headers = [str(cell) for cell in rows[0]]
        for row in rows[1:]:
            values = {h: str(v) for h, v in zip(headers, row, strict=False) if v not in (None, "")}
            code = values.get("code", "")
            if code and code not in guide:
                guide[code] = CriterionGuide(
                    code=code,
                    area=values.get("area", ""),
                    title=pick_language(_translations(values, "title"), language),
                    severity=values.get("severity", ""),
                    guidance=pick_language(_translations(values, "guidance"), language),
                    references=values.get("references", ""),
                )
    return guide


def _translations(values: Mapping[str, str], base: str) -> dict[str, str]:
    """``title::English (en)`` and ``title`` columns → texts by language suffix."""
    found = {}
    for header, value in values.items():
        if header == base:
            found["default"] = value
        elif header.startswith(base + "::"):
            found[header.removeprefix(base + "::")] = value
    return found
