"""The summary charts of a consolidation: area scores across sites, findings by country."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter

from auditdesk.consolidate import SummaryFigures
from auditdesk.qt.i18n import tr

SEVERITIES = ("critical", "major", "minor")


def _view(chart: Any, name: str) -> Any:
    from PySide6.QtCharts import QChartView

    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(name)
    view.setMinimumHeight(260)
    return view


def area_scores_chart(figures: SummaryFigures) -> Any:
    """Average, lowest and highest score per area across the consolidated sites."""
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QHorizontalBarSeries,
        QValueAxis,
    )

    series = QHorizontalBarSeries()
    for label, pick in (
        (tr("Lowest"), "lowest"),
        (tr("Average"), "average"),
        (tr("Highest"), "highest"),
    ):
        bars = QBarSet(label)
        for area in figures.areas:
            value = getattr(area, pick)
            bars.append(float(value) if value is not None else 0.0)
        series.append(bars)
    chart = QChart()
    chart.setTitle(tr("Area scores across sites"))
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([area.code for area in figures.areas])
    values = QValueAxis()
    values.setRange(0, 100)
    values.setLabelFormat("%d")
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(values)
    described = "; ".join(
        f"{a.code} {a.name}: {'–' if a.average is None else a.average}" for a in figures.areas
    )
    return _view(chart, tr("Area scores across sites: ") + described)


def findings_chart(figures: SummaryFigures) -> Any:
    """Open findings stacked by severity, one bar per country."""
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QStackedBarSeries,
        QValueAxis,
    )

    series = QStackedBarSeries()
    countries = list(figures.findings_by_country)
    highest = 1
    for severity in SEVERITIES:
        bars = QBarSet(tr(severity))
        for country in countries:
            bars.append(figures.findings_by_country[country][severity])
        series.append(bars)
    for counts in figures.findings_by_country.values():
        highest = max(highest, sum(counts.values()))
    chart = QChart()
    chart.setTitle(tr("Open findings by severity and country"))
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(countries)
    values = QValueAxis()
    values.setRange(0, highest)
    values.setLabelFormat("%d")
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)
    described = "; ".join(
        f"{country}: " + ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)
        for country, counts in figures.findings_by_country.items()
    )
    return _view(chart, tr("Open findings by country: ") + described)
