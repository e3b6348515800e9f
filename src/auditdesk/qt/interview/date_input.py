"""Dates, times and date-times, each allowed to stay empty until answered."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QHBoxLayout, QTimeEdit, QWidget

from auditdesk.domain.values import as_date
from auditdesk.qt.i18n import tr
from auditdesk.qt.interview.base import QuestionWidget
from auditdesk.qt.interview.prompt import PromptView

# Qt's date editors cannot be empty; their minimum, shown as "Not answered", stands for
# an empty answer (the usual Qt idiom). Real answers are never this early.
_EMPTY_DATE = QDate(1900, 1, 1)
_EMPTY_DATETIME = QDateTime(_EMPTY_DATE, QTime(0, 0))


class DateQuestion(QuestionWidget):
    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QDateEdit()
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd")
        self.editor.setMinimumDate(_EMPTY_DATE)
        self.editor.setSpecialValueText(tr("Not answered"))
        self.editor.setAccessibleName(prompt.label)
        self.editor.setMinimumWidth(self.fontMetrics().averageCharWidth() * 18)
        layout.addWidget(self.editor)
        layout.addStretch(1)
        self.editor.editingFinished.connect(self.commit)
        self.editor.dateChanged.connect(lambda _: self._popup_commit())
        self.setFocusProxy(self.editor)
        self._show(prompt.value)

    def _popup_commit(self) -> None:
        if not self.editor.hasFocus():  # chosen in the calendar pop-up rather than typed
            self.commit()

    def value(self) -> object:
        chosen = self.editor.date()
        if chosen <= _EMPTY_DATE:
            return None
        return datetime.date(chosen.year(), chosen.month(), chosen.day())

    def _show(self, value: object) -> None:
        parsed = as_date(value)
        self.editor.blockSignals(True)
        if parsed is None:
            self.editor.setDate(_EMPTY_DATE)
        else:
            self.editor.setDate(QDate(parsed.year, parsed.month, parsed.day))
        self.editor.blockSignals(False)

    def focus_input(self) -> None:
        self.editor.setFocus()
        if self.value() is None:
            today = datetime.date.today()
            self.editor.blockSignals(True)
            self.editor.setDate(QDate(today.year, today.month, today.day))
            self.editor.blockSignals(False)
            self.editor.setSelectedSection(QDateTimeEdit.Section.YearSection)


class TimeQuestion(QuestionWidget):
    """A time of day; empty until the auditor changes it or types one."""

    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QTimeEdit()
        self.editor.setDisplayFormat("HH:mm")
        self.editor.setAccessibleName(prompt.label)
        self.editor.setMinimumWidth(self.fontMetrics().averageCharWidth() * 12)
        layout.addWidget(self.editor)
        layout.addStretch(1)
        self._answered = False
        self.editor.timeChanged.connect(lambda _: self._mark())
        self.editor.editingFinished.connect(self.commit)
        self.setFocusProxy(self.editor)
        self._show(prompt.value)

    def _mark(self) -> None:
        self._answered = True

    def value(self) -> object:
        if not self._answered:
            return None
        chosen = self.editor.time()
        return datetime.time(chosen.hour(), chosen.minute())

    def _show(self, value: object) -> None:
        self.editor.blockSignals(True)
        parsed: datetime.time | None = None
        if isinstance(value, datetime.time):
            parsed = value
        elif isinstance(value, str) and value:
            try:
                parsed = datetime.time.fromisoformat(value)
            except ValueError:
                parsed = None
        self._answered = parsed is not None
        self.editor.setTime(QTime(parsed.hour, parsed.minute) if parsed else QTime(0, 0))
        self.editor.blockSignals(False)


class DateTimeQuestion(QuestionWidget):
    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QDateTimeEdit()
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.editor.setMinimumDateTime(_EMPTY_DATETIME)
        self.editor.setSpecialValueText(tr("Not answered"))
        self.editor.setAccessibleName(prompt.label)
        self.editor.setMinimumWidth(self.fontMetrics().averageCharWidth() * 22)
        layout.addWidget(self.editor)
        layout.addStretch(1)
        self.editor.editingFinished.connect(self.commit)
        self.setFocusProxy(self.editor)
        self._show(prompt.value)

    def value(self) -> object:
        chosen = self.editor.dateTime()
        if chosen <= _EMPTY_DATETIME:
            return None
        day, moment = chosen.date(), chosen.time()
        return datetime.datetime(
            day.year(), day.month(), day.day(), moment.hour(), moment.minute()
        ).astimezone()

    def _show(self, value: object) -> None:
        self.editor.blockSignals(True)
        parsed: datetime.datetime | None = None
        if isinstance(value, datetime.datetime):
            parsed = value
        elif isinstance(value, str) and value:
            try:
                parsed = datetime.datetime.fromisoformat(value)
            except ValueError:
                parsed = None
        if parsed is None:
            self.editor.setDateTime(_EMPTY_DATETIME)
        else:
            self.editor.setDateTime(
                QDateTime(
                    QDate(parsed.year, parsed.month, parsed.day),
                    QTime(parsed.hour, parsed.minute),
                )
            )
        self.editor.blockSignals(False)
