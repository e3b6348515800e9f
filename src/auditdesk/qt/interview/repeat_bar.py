"""Repeats in plain words: "Sampled payslip 2 of 3", "Add another sampled payslip"."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from auditdesk.qt.i18n import tr
from auditdesk.qt.style import set_role


@dataclass(frozen=True)
class RepeatPlace:
    """Where the current screen sits in a repeat, and what may be done there."""

    item: str
    """What one instance is, in the form's words ("Sampled payslip")."""
    index: int
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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(
            round(unit * 0.8), round(unit * 0.4), round(unit * 0.8), round(unit * 0.4)
        )
        self.place_label = QLabel()
        font = self.place_label.font()
        font.setBold(True)
        self.place_label.setFont(font)
        layout.addWidget(self.place_label, 1)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        layout.addWidget(self.add_button)
        layout.addWidget(self.remove_button)
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(self.remove_requested)
        self.hide()

    def show_place(self, place: RepeatPlace | None) -> None:
        if place is None:
            self.hide()
            return
        item = place.item or tr("Item")
        self.place_label.setText(
            tr("{item} {index} of {count}").format(item=item, index=place.index, count=place.count)
        )
        self.add_button.setText(tr("Add another {item}").format(item=_lower_first(item)))
        self.add_button.setAccessibleName(self.add_button.text())
        self.remove_button.setText(tr("Remove this {item}").format(item=_lower_first(item)))
        self.remove_button.setAccessibleName(self.remove_button.text())
        self.add_button.setVisible(place.can_add)
        self.remove_button.setVisible(place.can_remove)
        self.show()
