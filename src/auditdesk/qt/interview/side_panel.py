"""Beside the question: guidance for the auditor, the criterion it checks, where evidence
comes from and the standards it rests on."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from auditdesk.qt.i18n import tr
from auditdesk.qt.layout_tools import clear_layout
from auditdesk.qt.style import SEVERITY_COLOURS, heading, set_role


@dataclass(frozen=True)
class CriterionHelp:
    code: str
    title: str
    severity: str = ""
    severity_label: str = ""
    evidence: str = ""
    references: str = ""
    guidance: str = ""


@dataclass(frozen=True)
class QuestionHelp:
    """What the side panel shows for the current screen; empty parts are hidden."""

    guidance: str = ""
    criteria: tuple[CriterionHelp, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.guidance and not self.criteria


def _caption(title: str) -> QLabel:
    caption = QLabel(title.upper())
    set_role(caption, "muted")
    font = caption.font()
    font.setBold(True)
    caption.setFont(font)
    return caption


def _section(title: str, text: str) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(_caption(title))
    body = QLabel(text)
    body.setWordWrap(True)
    body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    body.setAccessibleName(f"{title}: {text}")
    layout.addWidget(body)
    return box


class SidePanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        set_role(self, "card")
        self.setAccessibleName(tr("Guidance"))
        unit = self.fontMetrics().height()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(unit, unit, unit, unit)
        self._layout.setSpacing(round(unit * 0.8))
        scroll.setWidget(self._content)
        self.shown_help = QuestionHelp()
        self.show_help(QuestionHelp())

    def show_help(self, help_: QuestionHelp) -> None:
        self.shown_help = help_
        clear_layout(self._layout)
        self._layout.addWidget(heading(tr("Guidance"), level=3))
        if help_.empty:
            empty = QLabel(tr("No guidance for this question."))
            set_role(empty, "muted")
            empty.setWordWrap(True)
            self._layout.addWidget(empty)
        if help_.guidance:
            self._layout.addWidget(_section(tr("How to ask"), help_.guidance))
        for criterion in help_.criteria:
            self._layout.addWidget(self._criterion(criterion))
        self._layout.addStretch(1)

    def _criterion(self, criterion: CriterionHelp) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(round(self.fontMetrics().height() * 0.5))
        title = QLabel(f"{criterion.code} · {criterion.title}")
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(_caption(tr("Criterion")))
        layout.addWidget(title)
        if criterion.severity_label:
            badge = QLabel(tr("If not met: {severity}").format(severity=criterion.severity_label))
            colour = SEVERITY_COLOURS.get(criterion.severity, "")
            if colour:
                badge.setStyleSheet(f"color: {colour}; font-weight: bold;")
            layout.addWidget(badge)
        if criterion.guidance:
            layout.addWidget(_section(tr("What to look for"), criterion.guidance))
        if criterion.evidence:
            layout.addWidget(_section(tr("Evidence source"), criterion.evidence))
        if criterion.references:
            layout.addWidget(_section(tr("References"), criterion.references))
        return box
