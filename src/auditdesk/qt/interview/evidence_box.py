"""The auditor's own evidence on any question: a note and attached files.

Folded under a single line until wanted, so the question stays the first thing seen;
the line says when a note or files are already there.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from auditdesk.qt.i18n import ntr, tr
from auditdesk.qt.interview.text_input import TYPING_PAUSE_MS
from auditdesk.qt.style import set_role


class EvidenceBox(QWidget):
    note_changed = Signal(str)
    attach_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.toggle = QToolButton()
        self.toggle.setObjectName("evidenceToggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setAccessibleName(tr("Evidence for this question"))
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.panel = QFrame()
        set_role(self.panel, "card")
        inner = QVBoxLayout(self.panel)
        unit = self.fontMetrics().height()
        inner.setContentsMargins(
            round(unit * 0.6), round(unit * 0.5), round(unit * 0.6), round(unit * 0.5)
        )
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
        layout.addWidget(self.panel)
        self.panel.setVisible(False)
        self.toggle.toggled.connect(self._unfold)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.flush)
        self.note.textChanged.connect(self._pause.start)
        self.attach_button.clicked.connect(self.attach_requested)
        self._reported = ""
        self._files: tuple[str, ...] = ()
        self._caption()

    def _unfold(self, shown: bool) -> None:
        self.panel.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown:
            self.note.setFocus()

    def show_evidence(self, note: str, files: Sequence[str]) -> None:
        self._pause.stop()
        self.note.blockSignals(True)
        self.note.setPlainText(note)
        self.note.blockSignals(False)
        self._reported = note
        self.show_files(files)
        self.toggle.setChecked(False)

    def show_files(self, files: Sequence[str]) -> None:
        self._files = tuple(files)
        if files:
            self.files_label.setText(
                ntr("{count} file: {names}", "{count} files: {names}", len(files)).format(
                    count=len(files), names=", ".join(files)
                )
            )
        else:
            self.files_label.setText(tr("No files attached"))
        self._caption()

    def _caption(self) -> None:
        parts = []
        if self._reported.strip():
            parts.append(tr("note"))
        if self._files:
            parts.append(
                ntr("{count} file", "{count} files", len(self._files)).format(
                    count=len(self._files)
                )
            )
        text = tr("Evidence for this question")
        self.toggle.setText(f"{text} ({', '.join(parts)})" if parts else text)

    def flush(self) -> None:
        """Report the note now if it changed (also called before leaving the screen)."""
        self._pause.stop()
        text = self.note.toPlainText()
        if text != self._reported:
            self._reported = text
            self._caption()
            self.note_changed.emit(text)
