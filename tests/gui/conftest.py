"""GUI test set-up: offscreen Qt (see tests/conftest.py) and a scripted stand-in for dialogs."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget


class FakeDialogs:
    """Answers the app's questions from queues the test fills; records what was shown."""

    def __init__(self) -> None:
        self.reasons: deque[str | None] = deque()
        self.passphrases: deque[str | None] = deque()
        self.confirmations: deque[bool] = deque()
        self.files: deque[Path | None] = deque()
        self.save_paths: deque[Path | None] = deque()
        self.errors: list[tuple[str, str]] = []
        self.asked: list[str] = []

    def ask_reason(self, parent: QWidget | None, title: str, question: str) -> str | None:
        self.asked.append(question)
        return self.reasons.popleft() if self.reasons else None

    def ask_passphrase(self, parent: QWidget | None, database: Path, retry: bool) -> str | None:
        self.asked.append(f"passphrase for {database.name} (retry={retry})")
        return self.passphrases.popleft() if self.passphrases else None

    def ask_new_passphrase(self, parent: QWidget | None) -> str | None:
        return self.passphrases.popleft() if self.passphrases else None

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool:
        self.asked.append(question)
        return self.confirmations.popleft() if self.confirmations else True

    def choose_file(self, parent: QWidget | None, title: str, name_filter: str) -> Path | None:
        return self.files.popleft() if self.files else None

    def choose_save_path(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        return self.save_paths.popleft() if self.save_paths else None

    def show_error(self, parent: QWidget | None, title: str, message: str) -> None:
        self.errors.append((title, message))


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()
