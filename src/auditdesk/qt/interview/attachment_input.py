"""Photos and files attached to a question, with a preview of images."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from auditdesk.qt.i18n import tr
from auditdesk.qt.interview.base import NewAttachment, QuestionWidget, WidgetServices
from auditdesk.qt.interview.prompt import PromptView
from auditdesk.qt.style import muted

_FILTERS = {
    "image": "Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.heic)",
    "audio": "Audio (*.mp3 *.m4a *.ogg *.wav *.aac)",
    "video": "Video (*.mp4 *.mov *.mkv *.avi *.webm)",
}
PREVIEW_LINES = 10
"""The image preview is about this many lines of text tall, so it scales with the font."""


class AttachmentQuestion(QuestionWidget):
    def __init__(
        self, prompt: PromptView, services: WidgetServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(prompt, parent)
        self._services = services
        self._kind = prompt.type.value
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.attach_button = QPushButton(
            tr("Attach a photo…") if self._kind == "image" else tr("Attach a file…")
        )
        self.attach_button.setAccessibleName(
            tr("Attach a file for: {question}").format(question=prompt.label)
        )
        self.remove_button = QPushButton(tr("Remove"))
        self.remove_button.setAccessibleName(tr("Remove the attached file"))
        row.addWidget(self.attach_button)
        row.addWidget(self.remove_button)
        self.file_label = muted(tr("Nothing attached yet"))
        row.addWidget(self.file_label, 1)
        layout.addLayout(row)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview.setAccessibleName(tr("Preview"))
        self.preview.hide()
        layout.addWidget(self.preview)
        self.attach_button.clicked.connect(self._choose)
        self.remove_button.clicked.connect(self._remove)
        self.setFocusProxy(self.attach_button)
        self._filename: str | None = None
        self._show(prompt.value)

    def value(self) -> object:
        return self._filename

    def _show(self, value: object) -> None:
        self._filename = str(value) if value else None
        self.remove_button.setEnabled(self._filename is not None)
        self.file_label.setText(self._filename or tr("Nothing attached yet"))
        content = (
            self._services.load_attachment(self.prompt.path, self._filename)
            if self._filename
            else None
        )
        self._preview(content)

    def _preview(self, content: bytes | None) -> None:
        pixmap = QPixmap()
        if content and pixmap.loadFromData(content):
            height = self.fontMetrics().lineSpacing() * PREVIEW_LINES
            self.preview.setPixmap(
                pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
            )
            self.preview.show()
        else:
            self.preview.clear()
            self.preview.hide()

    def _choose(self) -> None:
        chosen = self._services.choose_file(
            self, self.attach_button.text().rstrip("…"), _FILTERS.get(self._kind, "")
        )
        if chosen is None:
            return
        self.attach(Path(chosen))

    def attach(self, path: Path) -> None:
        content = path.read_bytes()
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self._filename = path.name
        self.file_label.setText(path.name)
        self.remove_button.setEnabled(True)
        self._preview(content)
        self.report(NewAttachment(path.name, content, mime))
        self._last_reported = path.name  # later commits compare against the stored name

    def _remove(self) -> None:
        self._show(None)
        self.report(None)
