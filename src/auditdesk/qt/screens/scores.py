"""Scores: zero-tolerance alerts first, then the 0–10 rating and a chart of the area scores."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from auditdesk.qt import style
from auditdesk.qt.i18n import tr
from auditdesk.qt.layout_tools import clear_layout
from auditdesk.qt.screens.layout import ScreenFrame
from auditdesk.qt.style import heading, muted, scaled_font, set_role


@dataclass(frozen=True)
class AlertView:
    title: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class AreaView:
    code: str
    name: str
    score: float | None
    detail: str


@dataclass(frozen=True)
class PrincipleView:
    name: str
    basic: bool
    advanced: bool


@dataclass(frozen=True)
class ScoresState:
    alerts: tuple[AlertView, ...]
    rating: int
    maximum: int
    rating_note: str
    principles: tuple[PrincipleView, ...]
    areas: tuple[AreaView, ...]
    empty_reason: str = ""


class ScoresScreen(ScreenFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Scores"),
            tr(
                "Area scores from 0 to 100 and a Fairwork-style rating from 0 to 10, "
                "recomputed from the answers."
            ),
            parent,
        )
        unit = self.fontMetrics().height()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        scroll.setWidget(content)
        self.content = QVBoxLayout(content)
        self.content.setContentsMargins(0, 0, round(unit * 0.5), 0)
        self.content.setSpacing(unit)
        self.body.addWidget(scroll, 1)
        self.alerts = QVBoxLayout()
        self.alerts.setSpacing(round(unit * 0.5))
        self.content.addLayout(self.alerts)

        row = QHBoxLayout()
        row.setSpacing(unit)
        rating_card = QFrame()
        set_role(rating_card, "card")
        rating_layout = QVBoxLayout(rating_card)
        rating_layout.setContentsMargins(unit, unit, unit, unit)
        rating_layout.addWidget(heading(tr("Rating"), level=3))
        self.rating = QLabel()
        self.rating.setObjectName("ratingValue")
        self.rating.setFont(scaled_font(self.rating.font(), 2.6, bold=True))
        rating_layout.addWidget(self.rating)
        self.rating_note = muted("")
        rating_layout.addWidget(self.rating_note)
        self.principles = QGridLayout()
        self.principles.setHorizontalSpacing(unit)
        self.principles.setColumnStretch(0, 1)
        rating_layout.addLayout(self.principles)
        rating_layout.addStretch(1)
        rating_card.setMinimumWidth(unit * 19)
        rating_card.setFixedHeight(unit * 20)
        row.addWidget(rating_card, 0)

        chart_card = QFrame()
        set_role(chart_card, "card")
        self.chart_layout = QVBoxLayout(chart_card)
        self.chart_layout.setContentsMargins(unit, unit, unit, unit)
        self.chart_layout.addWidget(heading(tr("Areas"), level=3))
        self.chart_holder = QVBoxLayout()
        self.chart_layout.addLayout(self.chart_holder, 1)
        chart_card.setFixedHeight(unit * 20)
        row.addWidget(chart_card, 1)
        self.content.addLayout(row)

        self.area_table = QGridLayout()
        self.area_table.setHorizontalSpacing(unit)
        self.area_table.setVerticalSpacing(round(unit * 0.3))
        self.area_table.setColumnStretch(1, 1)
        table_card = QFrame()
        set_role(table_card, "card")
        table_layout = QVBoxLayout(table_card)
        table_layout.setContentsMargins(unit, unit, unit, unit)
        table_layout.addWidget(heading(tr("Criteria by area"), level=3))
        table_layout.addLayout(self.area_table)
        self.content.addWidget(table_card)
        self.content.addStretch(1)
        self.chart_view: QWidget | None = None

    def show_scores(self, state: ScoresState) -> None:
        clear_layout(self.alerts)
        for alert in state.alerts:
            frame = QFrame()
            set_role(frame, "alert")
            layout = QVBoxLayout(frame)
            title = QLabel("⚠ " + tr("Zero-tolerance alert: {title}").format(title=alert.title))
            title.setWordWrap(True)
            title.setFont(scaled_font(title.font(), 1.05, bold=True))
            title.setStyleSheet(f"color: {style.DANGER};")
            layout.addWidget(title)
            for line in alert.evidence:
                text = QLabel(line)
                text.setWordWrap(True)
                layout.addWidget(text)
            self.alerts.addWidget(frame)
        if state.empty_reason:
            self.rating.setText("–")
            self.rating_note.setText(state.empty_reason)
        else:
            self.rating.setText(f"{state.rating} / {state.maximum}")
            self.rating_note.setText(state.rating_note)
        clear_layout(self.principles)
        if state.principles:
            self.principles.addWidget(muted(tr("Fairwork principle"), wrap=False), 0, 0)
            self.principles.addWidget(muted(tr("Basic"), wrap=False), 0, 1)
            self.principles.addWidget(muted(tr("Advanced"), wrap=False), 0, 2)
        for index, principle in enumerate(state.principles, start=1):
            self.principles.addWidget(QLabel(principle.name), index, 0)
            for column, met in ((1, principle.basic), (2, principle.advanced)):
                mark = QLabel("✓" if met else "–")
                mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
                mark.setStyleSheet(f"color: {style.OK if met else style.MUTED};")
                mark.setAccessibleName(tr("met") if met else tr("not met"))
                self.principles.addWidget(mark, index, column)
        self._show_chart(state.areas)
        clear_layout(self.area_table)
        for row, area in enumerate(state.areas):
            self.area_table.addWidget(QLabel(area.code), row, 0)
            self.area_table.addWidget(QLabel(area.name), row, 1)
            score = QLabel("–" if area.score is None else f"{area.score:.0f}")
            score.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.area_table.addWidget(score, row, 2)
            self.area_table.addWidget(muted(area.detail, wrap=False), row, 3)

    def _show_chart(self, areas: tuple[AreaView, ...]) -> None:
        # QtCharts is imported here, when scores are first drawn, not at start-up.
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSeries,
            QBarSet,
            QChart,
            QChartView,
            QValueAxis,
        )

        scored = list(areas)
        bars = QBarSet(tr("Score"))
        bars.setColor(QColor(style.ACCENT))
        bars.setBorderColor(QColor(style.ACCENT))
        for area in scored:
            bars.append(area.score if area.score is not None else 0.0)
        series = QBarSeries()
        series.append(bars)
        series.setBarWidth(0.6)
        chart = QChart()
        chart.addSeries(series)
        chart.legend().hide()
        chart.setBackgroundVisible(False)
        chart.setMargins(chart.margins().__class__(0, 0, 0, 0))
        categories = QBarCategoryAxis()
        categories.append([a.code for a in scored])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setTickCount(6)
        values.setLabelFormat("%d")
        values.setGridLineColor(QColor(style.LINE))
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        if self.chart_view is None:
            self.chart_view = QChartView()
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_holder.addWidget(self.chart_view)
        view = self.chart_view
        assert isinstance(view, QChartView)
        old = view.chart()
        view.setChart(chart)  # the view does not delete the chart it showed before
        if old is not None:
            old.deleteLater()
        view.setAccessibleName(
            tr("Area scores: ")
            + "; ".join(
                f"{a.code} {a.name} {'–' if a.score is None else round(a.score)}" for a in areas
            )
        )
