"""Scores: the assessment the overview computed, arranged for the scores screen."""

from __future__ import annotations

from PySide6.QtCore import QObject

from auditdesk.qt.controllers.overview import Assessed, OverviewController
from auditdesk.qt.i18n import interface_language, tr
from auditdesk.qt.screens.scores import (
    AlertView,
    AreaView,
    PrincipleView,
    ScoresScreen,
    ScoresState,
)


def scores_state(result: Assessed, language: str) -> ScoresState:
    from auditdesk.method.areas import FAIRWORK_PRINCIPLES, area_name

    assessment = result.assessment
    if assessment is None:
        return ScoresState((), 0, 10, "", (), (), tr("No answers yet: nothing to score."))
    rating = assessment.rating
    met = {t.code: t.met for t in rating.thresholds}
    principles = tuple(
        PrincipleView(
            name=principle.name(language),
            basic=met.get(f"{principle.code}.1", False),
            advanced=met.get(f"{principle.code}.2", False),
        )
        for principle in FAIRWORK_PRINCIPLES
    )
    note = (
        tr("Capped by the zero-tolerance alert ({points} points before the cap).").format(
            points=rating.points
        )
        if rating.capped
        else tr("One point per Fairwork threshold met; an advanced point needs the basic one.")
    )
    areas = tuple(
        AreaView(
            code=area.code,
            name=area_name(area.code, language),
            score=area.score,
            detail=tr("{compliant} met · {partly} partly · {failed} not met · {na} n/a").format(
                compliant=area.compliant,
                partly=area.partly,
                failed=area.non_compliant,
                na=area.not_applicable,
            ),
        )
        for area in assessment.areas
    )
    return ScoresState(
        alerts=tuple(
            AlertView(f"{a.criterion} · {a.title}", a.evidence) for a in assessment.alerts
        ),
        rating=rating.score,
        maximum=rating.maximum,
        rating_note=note,
        principles=principles,
        areas=areas,
    )


class ScoresController(QObject):
    def __init__(
        self, overview: OverviewController, screen: ScoresScreen, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._overview = overview
        self._screen = screen
        overview.assessed.connect(self._show)

    def show(self) -> None:
        if self._overview.last is not None:
            self._show(self._overview.last)
        else:
            self._overview.assess()

    def _show(self, result: Assessed) -> None:
        self._screen.show_scores(scores_state(result, interface_language()))
