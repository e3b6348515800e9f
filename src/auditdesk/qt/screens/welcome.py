"""The first thing a new user sees on an empty database: two clear ways in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from auditdesk.qt.i18n import tr
from auditdesk.qt.style import heading, muted, set_role


class WelcomeScreen(QWidget):
    start_new_audit = Signal()
    explore_sample = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        unit = self.fontMetrics().height()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(unit * 3, unit * 3, unit * 3, unit * 3)
        outer.addStretch(1)
        title = heading(tr("Welcome to AuditDesk"))
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(title)
        intro = muted(
            tr(
                "Guide site visits at data-enrichment workplaces: interviews, document "
                "review and observation, offline, with every answer saved as you go."
            )
        )
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        intro.setFixedWidth(unit * 34)
        # Centred by stretches, not an alignment flag: an aligned word-wrapped label gets
        # the height of one line and loses the rest of its text.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(intro)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addSpacing(unit * 2)

        cards = QHBoxLayout()
        cards.setSpacing(unit * 2)
        cards.addStretch(1)
        self.start_button = self._card(
            cards,
            tr("Start a new audit"),
            tr(
                "Set up a site visit: the site, a sampling plan for interviews, the team "
                "and the checklists to use."
            ),
            primary=True,
        )
        self.sample_button = self._card(
            cards,
            tr("Explore the sample audit"),
            tr(
                "A complete fictional audit of a data-labelling vendor, to learn the tool. "
                "It is marked as training data."
            ),
            primary=False,
        )
        cards.addStretch(1)
        outer.addLayout(cards)
        outer.addStretch(2)
        self.start_button.clicked.connect(self.start_new_audit)
        self.sample_button.clicked.connect(self.explore_sample)
        self.setFocusProxy(self.start_button)

    def _card(self, row: QHBoxLayout, title: str, text: str, *, primary: bool) -> QPushButton:
        unit = self.fontMetrics().height()
        card = QFrame()
        set_role(card, "card")
        card.setFixedWidth(unit * 17)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(unit, unit, unit, unit)
        layout.setSpacing(round(unit * 0.6))
        layout.addWidget(heading(title, level=3))
        description = muted(text)
        layout.addWidget(description, 1)
        button = QPushButton(title)
        button.setAccessibleName(title)
        button.setAccessibleDescription(text)
        if primary:
            set_role(button, "primary")
        layout.addWidget(button)
        row.addWidget(card)
        return button
