"""Repeats in plain words: "Sampled payslip 2 of 3", "Add another sampled payslip"."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from auditdesk.qt.i18n import tr
from auditdesk.qt.style import set_role


@dataclass(frozen=True)
class RepeatPlace:
    """Where the current screen sits in a repeat, and what may be done there."""

    item: str
    """What one instance is, in the form's words ("Sampled payslip")."""
    index: int
    """1-based place of the screen's instance; 0 on the "add another?" screen after them."""
    count: int
    can_add: bool = True
    can_remove: bool = True


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


class RepeatBar(QFrame):
    add_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repeatBar")
        set_role(self, "card")
        unit = self.fontMetrics().height()
        # Two rows: the place, then the buttons, so long item names never squeeze them.
        outer = QVBoxLayout(self)
        margin = round(unit * 0.6)
        outer.setContentsMargins(round(unit * 0.8), margin, round(unit * 0.8), margin)
        outer.setSpacing(round(unit * 0.4))
        self.place_label = QLabel()
        self.place_label.setWordWrap(True)
        font = self.place_label.font()
        font.setBold(True)
        self.place_label.setFont(font)
        outer.addWidget(self.place_label)
        buttons = QHBoxLayout()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(self.remove_requested)
        self.hide()

    def show_place(self, place: RepeatPlace | None) -> None:
        if place is None:
            self.hide()
            return
        item = place.item or tr("Item")
        if place.index:
            self.place_label.setText(
                tr("{item} {index} of {count}").format(
                    item=item, index=place.index, count=place.count
                )
            )
        else:
            self.place_label.setText(item)
        self.add_button.setText(tr("Add another {item}").format(item=_lower_first(item)))
        self.add_button.setAccessibleName(self.add_button.text())
        self.remove_button.setText(tr("Remove this {item}").format(item=_lower_first(item)))
        self.remove_button.setAccessibleName(self.remove_button.text())
        self.add_button.setVisible(place.can_add)
        self.remove_button.setVisible(place.can_remove)
        self.show()
