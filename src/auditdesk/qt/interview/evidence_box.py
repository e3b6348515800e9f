"""The auditor's own evidence on any question: a note and attached files."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditdesk.qt.i18n import ntr, tr
from auditdesk.qt.interview.text_input import TYPING_PAUSE_MS
from auditdesk.qt.style import set_role


class EvidenceBox(QGroupBox):
    note_changed = Signal(str)
    attach_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Evidence for this question"), parent)
        self.setObjectName("evidenceBox")
        self.setCheckable(True)
        self.setChecked(False)  # folded until wanted: the question comes first
        layout = QVBoxLayout(self)
        self._inner = QWidget()
        inner = QVBoxLayout(self._inner)
        inner.setContentsMargins(0, 0, 0, 0)
        self.note = QPlainTextEdit()
        self.note.setObjectName("evidenceNote")
        self.note.setPlaceholderText(
            tr("Your note: what you saw or were shown, document references, quotes")
        )
        self.note.setAccessibleName(tr("Evidence note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        inner.addWidget(self.note)
        row = QHBoxLayout()
        self.attach_button = QPushButton(tr("Attach evidence…"))
        row.addWidget(self.attach_button)
        self.files_label = QLabel()
        set_role(self.files_label, "muted")
        self.files_label.setWordWrap(True)
        row.addWidget(self.files_label, 1)
        inner.addLayout(row)
        layout.addWidget(self._inner)
        self._inner.setVisible(False)
        self.toggled.connect(self._inner.setVisible)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.flush)
        self.note.textChanged.connect(self._pause.start)
        self.attach_button.clicked.connect(self.attach_requested)
        self._reported = ""

    def show_evidence(self, note: str, files: Sequence[str]) -> None:
        self._pause.stop()
        self.note.blockSignals(True)
        self.note.setPlainText(note)
        self.note.blockSignals(False)
        self._reported = note
        self.show_files(files)
        has_any = bool(note or files)
        self.setChecked(has_any)
        self.setTitle(tr("Evidence for this question") + (" ✓" if has_any else ""))

    def show_files(self, files: Sequence[str]) -> None:
        if files:
            self.files_label.setText(
                ntr("{count} file: {names}", "{count} files: {names}", len(files)).format(
                    count=len(files), names=", ".join(files)
                )
            )
        else:
            self.files_label.setText(tr("No files attached"))

    def flush(self) -> None:
        """Report the note now if it changed (also called before leaving the screen)."""
        self._pause.stop()
        text = self.note.toPlainText()
        if text != self._reported:
            self._reported = text
            self.note_changed.emit(text)
