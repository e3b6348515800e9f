"""A drawn signature for image questions with the ``signature`` appearance."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QTabletEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from auditdesk.qt import style
from auditdesk.qt.i18n import tr
from auditdesk.qt.interview.base import NewAttachment, QuestionWidget, WidgetServices
from auditdesk.qt.interview.prompt import PromptView


class SignatureCanvas(QWidget):
    """Strokes drawn with a mouse, pen or finger; kept as a pixmap of the drawn lines."""

    drawn = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumSize(QSize(line * 22, line * 7))
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._image = QPixmap(self.minimumSize())
        self._image.fill(QColor("white"))
        self._last: QPoint | None = None
        self.empty = True

    def clear(self) -> None:
        self._image.fill(QColor("white"))
        self.empty = True
        self.update()

    def set_image(self, pixmap: QPixmap) -> None:
        self._image = pixmap.scaled(self.minimumSize(), Qt.AspectRatioMode.KeepAspectRatio)
        self.empty = False
        self.update()

    def draw_line(self, start: QPoint, end: QPoint) -> None:
        """One stroke segment (also how tests and tablets draw)."""
        if self._image.size() != self.size() and self.width() > 0:
            grown = QPixmap(self.size().expandedTo(self._image.size()))
            grown.fill(QColor("white"))
            painter = QPainter(grown)
            painter.drawPixmap(0, 0, self._image)
            painter.end()
            self._image = grown
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(style.INK), 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(start, end)
        painter.end()
        self.empty = False
        self.update()

    def png_bytes(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.drawPixmap(0, 0, self._image)
        painter.setPen(QPen(QColor(style.LINE), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        baseline = self.height() - self.fontMetrics().lineSpacing() * 2
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._last = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is not None:
            point = event.position().toPoint()
            self.draw_line(self._last, point)
            self._last = point

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._last is not None:
            self._last = None
            self.drawn.emit()

    def tabletEvent(self, event: QTabletEvent) -> None:
        event.ignore()  # Qt then sends the pen as mouse events, which draw the same line


class SignatureQuestion(QuestionWidget):
    def __init__(
        self, prompt: PromptView, services: WidgetServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(prompt, parent)
        self._services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.canvas = SignatureCanvas()
        self.canvas.setAccessibleName(
            tr("Signature pad for: {question}").format(question=prompt.label)
        )
        layout.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        self.keep_button = QPushButton(tr("Keep this signature"))
        self.clear_button = QPushButton(tr("Clear and sign again"))
        row.addWidget(self.keep_button)
        row.addWidget(self.clear_button)
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        self.keep_button.clicked.connect(self.keep)
        self.clear_button.clicked.connect(self._clear)
        self.canvas.drawn.connect(lambda: self.status.setText(tr("Not kept yet")))
        self.setFocusProxy(self.keep_button)
        self._filename: str | None = None
        self._show(prompt.value)

    def value(self) -> object:
        return self._filename

    def _show(self, value: object) -> None:
        self._filename = str(value) if value else None
        self.canvas.clear()
        if self._filename:
            content = self._services.load_attachment(self.prompt.path, self._filename)
            pixmap = QPixmap()
            if content and pixmap.loadFromData(content):
                self.canvas.set_image(pixmap)
            self.status.setText(tr("Signed"))
        else:
            self.status.setText("")

    def keep(self) -> None:
        if self.canvas.empty:
            self.status.setText(tr("Draw the signature first"))
            return
        name = "signature-" + datetime.now().strftime("%Y%m%d-%H%M%S") + ".png"
        self._filename = name
        self.status.setText(tr("Signed"))
        self.report(NewAttachment(name, self.canvas.png_bytes(), "image/png"))
        self._last_reported = name

    def _clear(self) -> None:
        had = self._filename is not None
        self.canvas.clear()
        self._filename = None
        self.status.setText("")
        if had:
            self.report(None)
