"""Numbers: whole numbers, decimals, and ``range`` questions with their bounds."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from auditdesk.qt.i18n import tr
from auditdesk.qt.interview.base import QuestionWidget
from auditdesk.qt.interview.prompt import PromptView
from auditdesk.qt.interview.text_input import TYPING_PAUSE_MS
from auditdesk.qt.style import muted

_INTEGER = r"-?\d{0,15}"
_DECIMAL = r"-?\d{0,15}([.,]\d{0,10})?"


class NumberQuestion(QuestionWidget):
    """A typed number; a comma is read as a decimal point, as French and Spanish write it."""

    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self._decimal = prompt.type.value == "decimal"
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QLineEdit()
        self.editor.setValidator(
            QRegularExpressionValidator(QRegularExpression(_DECIMAL if self._decimal else _INTEGER))
        )
        self.editor.setPlaceholderText(tr("A number") if self._decimal else tr("A whole number"))
        self.editor.setAccessibleName(prompt.label)
        self.editor.setMaximumWidth(self.fontMetrics().averageCharWidth() * 24)
        layout.addWidget(self.editor)
        layout.addStretch(1)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.commit)
        self.editor.textEdited.connect(lambda _: self._pause.start())
        self.editor.editingFinished.connect(self.commit)
        self.setFocusProxy(self.editor)
        self._show(prompt.value)

    def value(self) -> object:
        text = self.editor.text().strip().replace(",", ".")
        if text in ("", "-", "."):
            return None
        try:
            return float(text) if self._decimal else int(text)
        except ValueError:
            return None

    def _show(self, value: object) -> None:
        self.editor.setText("" if value is None else str(value))

    def commit(self) -> None:
        self._pause.stop()
        super().commit()

    def focus_input(self) -> None:
        self.editor.setFocus()
        self.editor.selectAll()

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)


def _parameter(prompt: PromptView, name: str, default: float) -> float:
    try:
        return float(prompt.parameters.get(name, default))
    except (TypeError, ValueError):
        return default


class RangeQuestion(QuestionWidget):
    """A bounded number with a step; one step below the start means "not answered"."""

    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        start = _parameter(prompt, "start", 1)
        end = _parameter(prompt, "end", 10)
        step = _parameter(prompt, "step", 1) or 1
        self._whole = all(float(x).is_integer() for x in (start, end, step))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self._whole:
            self.spin: QSpinBox | QDoubleSpinBox = QSpinBox()
            self.spin.setRange(int(start - step), int(end))
            self.spin.setSingleStep(int(step))
        else:
            self.spin = QDoubleSpinBox()
            self.spin.setDecimals(max(1, len(str(step).split(".")[-1])))
            self.spin.setRange(start - step, end)
            self.spin.setSingleStep(step)
        self._empty = start - step
        self.spin.setSpecialValueText(tr("Not answered"))
        self.spin.setAccessibleName(prompt.label)
        self.spin.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        layout.addWidget(self.spin)
        bounds = muted(tr("From {start} to {end}").format(start=_fmt(start), end=_fmt(end)))
        layout.addWidget(bounds)
        layout.addStretch(1)
        self.spin.editingFinished.connect(self.commit)
        self.spin.valueChanged.connect(lambda _: self.commit())
        self.setFocusProxy(self.spin)
        self._show(prompt.value)

    def value(self) -> object:
        number = self.spin.value()
        if number <= self._empty:
            return None
        return int(number) if self._whole else float(number)

    def _show(self, value: object) -> None:
        self.spin.blockSignals(True)
        target = self._empty if value is None else float(str(value))
        if isinstance(self.spin, QSpinBox):
            self.spin.setValue(int(target))
        else:
            self.spin.setValue(target)
        self.spin.blockSignals(False)

    def focus_input(self) -> None:
        self.spin.setFocus()
        self.spin.selectAll()


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
