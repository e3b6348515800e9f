"""Small helpers for layouts that are rebuilt as the content changes."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item of ``layout`` (nested layouts included)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()  # deletion waits for the event loop; hidden at once
            widget.deleteLater()
        child = item.layout()
        if child is not None:
            clear_layout(child)
