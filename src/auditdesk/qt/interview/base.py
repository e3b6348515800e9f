"""The contract every question widget keeps with the interview screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from auditdesk.qt.interview.prompt import PromptView


@dataclass(frozen=True)
class NewAttachment:
    """A file the auditor attached or drew; the controller stores it and answers its name."""

    filename: str
    content: bytes = field(repr=False)
    mime_type: str


FileChooser = Callable[[QWidget, str, str], Path | None]
"""``(parent, title, name filter) -> chosen file or None``: a file dialog, or a test's answer."""

AttachmentLoader = Callable[[str, str], bytes | None]
"""``(question path, file name) -> the stored bytes`` for previews of earlier answers."""


@dataclass(frozen=True)
class WidgetServices:
    """What some widgets need from outside: injected so tests never open a real dialog."""

    choose_file: FileChooser
    load_attachment: AttachmentLoader


class QuestionWidget(QWidget):
    """Shows one prompt's input and reports the auditor's answer.

    ``answered`` carries the typed value (``None`` for cleared) the moment an answer is
    given: a click on a choice, leaving a text field, a pause in typing. Widgets never
    check constraints or relevance; the session does and the block shows its message.
    """

    answered = Signal(object)
    takes_input = True
    """False for widgets with nothing to type or pick (notes): focus goes to Next."""

    def __init__(self, prompt: PromptView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self._last_reported: object = prompt.value

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        """Show ``value`` (from the session) without reporting it back as an answer."""
        self._last_reported = value
        self._show(value)

    def _show(self, value: object) -> None:
        raise NotImplementedError

    def focus_input(self) -> None:
        """Put the keyboard focus where the auditor types or picks."""
        self.setFocus()

    def pick_by_digit(self, digit: int) -> bool:
        """Choice widgets pick their ``digit``-th choice; others decline."""
        return False

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def commit(self) -> None:
        """Report the current value if it differs from what was last reported."""
        current = self.value()
        if current != self._last_reported:
            self._last_reported = current
            self.answered.emit(current)

    def report(self, value: object) -> None:
        """Report ``value`` now (choices, attachments: every change is an answer)."""
        self._last_reported = value
        self.answered.emit(value)
