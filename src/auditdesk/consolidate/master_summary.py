"""The master's ``Summary`` sheet: headline counts, two tables and their native charts.

The charts stay readable however many sites there are: area scores are summarised
across sites (average, lowest, highest per area) and findings are counted by country
and severity, instead of one bar per site.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from auditdesk.consolidate import master_layout as layout
from auditdesk.consolidate.master_cells import new_sheet
from auditdesk.consolidate.model import AuditBundle, InputStatus, MasterContent

SEVERITIES = ("critical", "major", "minor")


@dataclass(frozen=True)
class AreaSummary:
    code: str
    name: str
    sites: int
    average: float | None
    lowest: float | None
    highest: float | None


@dataclass(frozen=True)
class SummaryFigures:
    """What the Summary sheet and the GUI's charts show."""

    audits: int
    files: int
    statuses: dict[InputStatus, int]
    overdue_actions: int
    conflicts: int
    areas: list[AreaSummary] = field(default_factory=list)
    findings_by_country: dict[str, dict[str, int]] = field(default_factory=dict)


def summary_figures(
    content: MasterContent, bundles: Sequence[AuditBundle], today: datetime.date
) -> SummaryFigures:
    scores: dict[str, list[float]] = {}
    for bundle in bundles:
        for area in bundle.areas:
            if area.score is not None:
                scores.setdefault(area.code, []).append(area.score)
    areas = [
        AreaSummary(
            code,
            content.area_names.get(code, code),
            len(scores.get(code, [])),
            round(sum(values) / len(values), 1) if (values := scores.get(code)) else None,
            min(values) if values else None,
            max(values) if values else None,
        )
        for code in sorted(content.area_names)
    ]
    by_country: dict[str, dict[str, int]] = {}
    overdue = 0
    for bundle in bundles:
        counts = by_country.setdefault(bundle.facts.country or "?", dict.fromkeys(SEVERITIES, 0))
        for finding in bundle.findings:
            if finding.status == "open" and finding.severity in counts:
                counts[finding.severity] += 1
            if layout.days_overdue(finding, today) is not None:
                overdue += 1
    return SummaryFigures(
        audits=len(bundles),
        files=len(content.log),
        statuses=dict(Counter(entry.status for entry in content.log)),
        overdue_actions=overdue,
        conflicts=len(content.conflicts),
        areas=areas,
        findings_by_country=dict(sorted(by_country.items())),
    )


def write_summary(
    workbook: Any,
    content: MasterContent,
    bundles: Sequence[AuditBundle],
    *,
    today: datetime.date,
    now: datetime.datetime,
) -> SummaryFigures:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font


    figures = summary_figures(content, bundles, today)
    sheet, cells = new_sheet(workbook, layout.SUMMARY, ["AuditDesk consolidated master", ""],
                             {"AuditDesk consolidated master": 34})
    sheet.freeze_panes = None
    bold = Font(bold=True)

    def heading(text: str) -> None:
        cell = cells.text(text)
        cell.font = bold
        sheet.append([])
        sheet.append([cell])

    rows = 1
    for label, value in (
        ("Written at (UTC)", now.replace(tzinfo=None, microsecond=0)),
        ("Overdue counted on", today),
        ("Audits consolidated", figures.audits),
        ("Files in the import log", figures.files),
        ("Overdue corrective actions", figures.overdue_actions),
        ("Conflicts between exports", figures.conflicts),
    ):
        sheet.append(cells.row((label, value)))
        rows += 1
    heading("Files by status")
    rows += 2
    for status in InputStatus:
        if figures.statuses.get(status):
            sheet.append(cells.row((status.label, figures.statuses[status])))
            rows += 1

    heading("Area scores across sites (0–100)")
    sheet.append([cells.header(h) for h in ("Area", "Sites", "Average", "Lowest", "Highest")])
    rows += 3
    area_header = rows
    for area in figures.areas:
        sheet.append(cells.row(
            (f"{area.code} {area.name}", area.sites, area.average, area.lowest, area.highest)
        ))
        rows += 1
    if figures.areas:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Area scores across sites"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        chart.x_axis.scaling.orientation = "maxMin"
        chart.height, chart.width = 11.0, 18.0
        chart.add_data(Reference(sheet, min_col=3, max_col=5, min_row=area_header,
                                 max_row=rows), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=area_header + 1, max_row=rows))
        sheet.add_chart(chart, "H2")

    heading("Open findings by severity and country")
    sheet.append([cells.header(h) for h in ("Country", *SEVERITIES)])
    rows += 3
    country_header = rows
    for country, counts in figures.findings_by_country.items():
        sheet.append(cells.row((country, *(counts[s] for s in SEVERITIES))))
        rows += 1
    if figures.findings_by_country:
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = "Open findings by severity and country"
        chart.height, chart.width = 9.0, 18.0
        chart.add_data(Reference(sheet, min_col=2, max_col=4, min_row=country_header,
                                 max_row=rows), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=country_header + 1,
                                       max_row=rows))
        sheet.add_chart(chart, "H26")
    return figures
