"""One question on screen: its label, hint, input and the session's message about it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from auditdesk.qt.i18n import tr
from auditdesk.qt.interview.base import QuestionWidget, WidgetServices
from auditdesk.qt.interview.prompt import PromptView
from auditdesk.qt.style import scaled_font, set_role


class QuestionBlock(QFrame):
    def __init__(
        self,
        prompt: PromptView,
        services: WidgetServices,
        *,
        large: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self.setObjectName("questionBlock")
        unit = self.fontMetrics().height()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, round(unit * 0.6))
        layout.setSpacing(round(unit * 0.45))
        label_text = prompt.label or prompt.path.rsplit("/", 1)[-1]
        self.label = QLabel(label_text)
        # ODK labels and hints may use Markdown emphasis (**read this aloud**).
        self.label.setTextFormat(Qt.TextFormat.MarkdownText)
        self.label.setObjectName("questionLabel")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        is_note = prompt.type.value == "note"
        self.label.setFont(scaled_font(self.label.font(), 1.3 if large else 1.1, bold=not is_note))
        layout.addWidget(self.label)
        if prompt.required:
            self.required_mark = QLabel(tr("Required"))
            set_role(self.required_mark, "badge")
            layout.addWidget(self.required_mark, 0, Qt.AlignmentFlag.AlignLeft)
        self.hint = QLabel(prompt.hint)
        self.hint.setTextFormat(Qt.TextFormat.MarkdownText)
        self.hint.setWordWrap(True)
        set_role(self.hint, "muted")
        layout.addWidget(self.hint)
        self.hint.setHidden(not prompt.hint)  # after adding: a parentless label would pop up
        # The registry imports every widget and the form engine's types: loaded with the
        # first question shown, not when the app starts.
        from auditdesk.qt.interview.registry import widget_for

        self.input: QuestionWidget = widget_for(prompt, services)
        self.input.setObjectName("answer:" + prompt.path)
        self.input.set_read_only(prompt.read_only)
        layout.addWidget(self.input)
        self.error = QLabel()
        self.error.setObjectName("questionError")
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.label.setBuddy(self.input)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.error.setAccessibleName(message)

    @property
    def error_text(self) -> str:
        return "" if self.error.isHidden() else self.error.text()
