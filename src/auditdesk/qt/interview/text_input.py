"""Free text: one line, or several for ``multiline``; also barcode and geopoint as text."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from auditdesk.qt.i18n import tr
from auditdesk.qt.interview.base import QuestionWidget
from auditdesk.qt.interview.prompt import PromptView, appearances

TYPING_PAUSE_MS = 800
"""After this long without a keystroke the text is saved, so a crash loses at most a pause."""


class TextQuestion(QuestionWidget):
    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._multiline = "multiline" in appearances(prompt)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.commit)
        if self._multiline:
            self.editor: QLineEdit | QPlainTextEdit = QPlainTextEdit()
            lines = 5
            self.editor.setMinimumHeight(self.fontMetrics().lineSpacing() * lines)
            self.editor.setTabChangesFocus(True)
            self.editor.textChanged.connect(self._pause.start)
        else:
            self.editor = QLineEdit()
            self.editor.textEdited.connect(lambda _: self._pause.start())
            self.editor.editingFinished.connect(self.commit)
        if prompt.type.value == "geopoint":
            self.editor.setPlaceholderText(tr("Latitude and longitude, e.g. -1.2921 36.8219"))
        self.editor.setAccessibleName(prompt.label)
        self.editor.setAccessibleDescription(prompt.hint)
        layout.addWidget(self.editor)
        self.setFocusProxy(self.editor)
        self._show(prompt.value)

    def value(self) -> object:
        text = (
            self.editor.toPlainText()
            if isinstance(self.editor, QPlainTextEdit)
            else self.editor.text()
        )
        return text if text.strip() else None

    def _show(self, value: object) -> None:
        text = "" if value is None else str(value)
        self.editor.blockSignals(True)
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        else:
            self.editor.setText(text)
        self.editor.blockSignals(False)

    def commit(self) -> None:
        self._pause.stop()
        super().commit()

    def focus_input(self) -> None:
        self.editor.setFocus()
        if isinstance(self.editor, QLineEdit):
            self.editor.selectAll()

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)
