"""Choices: one of (radio buttons, a compact list for ``minimal``, a ``likert`` scale) or many.

The first nine choices carry their digit: pressing it picks (or, for several, toggles)
the choice, so an interview can be answered without the mouse.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from auditdesk.qt.i18n import tr
from auditdesk.qt.interview.base import QuestionWidget
from auditdesk.qt.interview.prompt import ChoiceView, PromptView

_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


def _keycap(number: int) -> QLabel:
    cap = QLabel(str(number) if number <= 9 else "")
    cap.setProperty("role", "muted")
    cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
    cap.setMinimumWidth(cap.fontMetrics().horizontalAdvance("0") * 2)
    cap.setAccessibleName("")
    return cap


class _ChoiceButtons(QuestionWidget):
    """Radio buttons or check boxes in a column, each with its digit."""

    many = False

    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self._choices: Sequence[ChoiceView] = tuple(prompt.choices)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.many)
        self.buttons: list[QAbstractButton] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(self.fontMetrics().averageCharWidth())
        layout.setColumnStretch(1, 1)
        for number, choice in enumerate(self._choices, start=1):
            button: QAbstractButton = (
                QCheckBox(choice.label) if self.many else QRadioButton(choice.label)
            )
            button.setAccessibleName(choice.label)
            if number <= 9:
                button.setAccessibleDescription(tr("Press {digit}").format(digit=number))
            self.group.addButton(button, number - 1)
            self.buttons.append(button)
            layout.addWidget(_keycap(number), number - 1, 0)
            layout.addWidget(button, number - 1, 1)
        self.group.idClicked.connect(lambda _: self.report(self.value()))
        if self.buttons:
            self.setFocusProxy(self.buttons[0])
        self._show(prompt.value)

    def _show(self, value: object) -> None:
        chosen = _as_names(value)
        self.group.setExclusive(False)  # an exclusive group cannot uncheck its last button
        for choice, button in zip(self._choices, self.buttons, strict=True):
            button.setChecked(choice.name in chosen)
        self.group.setExclusive(not self.many)

    def value(self) -> object:
        names = [c.name for c, b in zip(self._choices, self.buttons, strict=True) if b.isChecked()]
        if self.many:
            return tuple(names) if names else None
        return names[0] if names else None

    def pick_by_digit(self, digit: int) -> bool:
        if not 1 <= digit <= len(self.buttons) or not self.isEnabled():
            return False
        button = self.buttons[digit - 1]
        if self.many:
            button.setChecked(not button.isChecked())
        else:
            button.setChecked(True)
        button.setFocus()
        self.report(self.value())
        return True

    def focus_input(self) -> None:
        checked = [b for b in self.buttons if b.isChecked()]
        target = checked[0] if checked else (self.buttons[0] if self.buttons else None)
        if target is not None:
            target.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = _DIGIT_KEYS.get(Qt.Key(event.key()))
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if digit is not None and plain and self.pick_by_digit(digit):
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and self.value() is not None:
            self._show(None)
            self.report(None)
            event.accept()
            return
        super().keyPressEvent(event)


class SelectOneQuestion(_ChoiceButtons):
    many = False


class SelectMultipleQuestion(_ChoiceButtons):
    many = True


class LikertQuestion(SelectOneQuestion):
    """A scale laid out in a row, labels under the buttons, digits above."""

    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = self.layout()
        assert isinstance(layout, QGridLayout)
        while layout.count():  # re-seat the buttons; the digit labels go
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and not isinstance(widget, QAbstractButton):
                widget.deleteLater()
        row = QHBoxLayout()
        row.setSpacing(self.fontMetrics().averageCharWidth() * 2)
        for number, button in enumerate(self.buttons, start=1):
            column = QVBoxLayout()
            column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            column.addWidget(_keycap(number), 0, Qt.AlignmentFlag.AlignHCenter)
            text = button.text()
            button.setText("")
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            caption = QLabel(text)
            caption.setWordWrap(True)
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            caption.setBuddy(button)
            caption.setMinimumWidth(self.fontMetrics().averageCharWidth() * 10)
            column.addWidget(caption)
            row.addLayout(column, 1)
        layout.addLayout(row, 0, 0)


class CompactSelectOneQuestion(QuestionWidget):
    """``minimal``: a drop-down list, still answerable with digits and arrow keys."""

    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self._choices = tuple(prompt.choices)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setAccessibleName(prompt.label)
        self.combo.addItem(tr("Choose…"), None)
        for number, choice in enumerate(self._choices, start=1):
            prefix = f"{number}. " if number <= 9 else ""
            self.combo.addItem(prefix + choice.label, choice.name)
        self.combo.setMinimumContentsLength(24)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.combo.activated.connect(lambda _: self.report(self.value()))
        self.combo.installEventFilter(self)
        self.setFocusProxy(self.combo)
        self._show(prompt.value)

    def value(self) -> object:
        data = self.combo.currentData()
        return str(data) if data is not None else None

    def _show(self, value: object) -> None:
        self.combo.blockSignals(True)
        found = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(found, 0))
        self.combo.blockSignals(False)

    def pick_by_digit(self, digit: int) -> bool:
        if not 1 <= digit <= len(self._choices) or not self.isEnabled():
            return False
        self.combo.setCurrentIndex(digit)
        self.report(self.value())
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The combo box would use a digit for its own keyboard search; we pick by number.
        if watched is self.combo and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            digit = _DIGIT_KEYS.get(Qt.Key(event.key()))
            if digit is not None and self.pick_by_digit(digit):
                return True
        return super().eventFilter(watched, event)


def _as_names(value: object) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        return set(value.split()) if " " in value else {value}
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)}
