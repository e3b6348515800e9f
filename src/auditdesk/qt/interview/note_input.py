"""Notes (read aloud, nothing to answer) and acknowledgements (a tick that says "OK")."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from auditdesk.qt.i18n import tr
from auditdesk.qt.interview.base import QuestionWidget
from auditdesk.qt.interview.prompt import PromptView

ACKNOWLEDGED = "OK"


class NoteQuestion(QuestionWidget):
    """The label is the whole message; there is no input."""

    takes_input = False

    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def value(self) -> object:
        return self.prompt.value

    def _show(self, value: object) -> None:
        pass


class AcknowledgeQuestion(QuestionWidget):
    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(tr("Acknowledged"))
        self.box.setAccessibleName(prompt.label)
        self.box.setAccessibleDescription(tr("Press 1 or Space to acknowledge"))
        layout.addWidget(self.box)
        self.box.clicked.connect(lambda _: self.report(self.value()))
        self.setFocusProxy(self.box)
        self._show(prompt.value)

    def value(self) -> object:
        return ACKNOWLEDGED if self.box.isChecked() else None

    def _show(self, value: object) -> None:
        self.box.setChecked(value == ACKNOWLEDGED)

    def pick_by_digit(self, digit: int) -> bool:
        if digit != 1 or not self.isEnabled():
            return False
        self.box.setChecked(not self.box.isChecked())
        self.report(self.value())
        return True
