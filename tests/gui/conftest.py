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
        self.key_passphrases: deque[str | None] = deque()
        self.new_keys: deque[object] = deque()  # SigningKeyDetails, or None to cancel
        self.errors: list[tuple[str, str]] = []
        self.asked: list[str] = []
        self.opened_folders: list[Path] = []

    def ask_reason(self, parent: QWidget | None, title: str, question: str) -> str | None:
        self.asked.append(question)
        return self.reasons.popleft() if self.reasons else None

    def ask_passphrase(self, parent: QWidget | None, database: Path, retry: bool) -> str | None:
        self.asked.append(f"passphrase for {database.name} (retry={retry})")
        return self.passphrases.popleft() if self.passphrases else None

    def ask_new_passphrase(self, parent: QWidget | None) -> str | None:
        return self.passphrases.popleft() if self.passphrases else None

    def ask_key_passphrase(self, parent: QWidget | None, signer: str, retry: bool) -> str | None:
        self.asked.append(f"key passphrase for {signer} (retry={retry})")
        return self.key_passphrases.popleft() if self.key_passphrases else None

    def ask_new_signing_key(self, parent: QWidget | None, suggested):
        self.asked.append(f"new signing key for {suggested.name!r}")
        return self.new_keys.popleft() if self.new_keys else None

    def open_folder(self, folder: Path) -> None:
        self.opened_folders.append(folder)

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


@pytest.fixture
def open_desktop(qtbot, tmp_path: Path, dialogs: FakeDialogs):
    """Build the app on a fresh database in ``tmp_path`` and open it, as at start-up."""
    from auditdesk.appoptions import AppOptions
    from auditdesk.qt.app import build_desktop
    from auditdesk.qt.preferences import Preferences

    built = []

    def make(db_name: str = "audits.sqlite"):
        desktop = build_desktop(
            AppOptions(db_path=tmp_path / db_name),
            dialogs=dialogs,
            language="en",
            preferences=Preferences(tmp_path / "interface.ini"),
        )
        qtbot.addWidget(desktop.window)
        desktop.window.resize(1280, 800)
        desktop.window.show()
        assert desktop.opener.open_now(), dialogs.errors
        built.append(desktop)
        return desktop

    yield make
    for desktop in built:
        desktop.runner.wait_for_done(30000)
        desktop.workspace.close()


@pytest.fixture
def wait_for_jobs(qtbot):
    """Let background jobs finish and their results reach the GUI thread."""

    def wait(desktop) -> None:
        qtbot.waitUntil(lambda: desktop.runner.running == 0, timeout=60000)
        qtbot.wait(10)

    return wait


@pytest.fixture
def quick_audit():
    """An audit made through the same core calls the wizard ends with (no typing)."""
    return _quick_audit


def _quick_audit(desktop, checklists=("worker_interview",), headcount: int = 64) -> str:
    import datetime

    from auditdesk.domain import AuditType
    from auditdesk.qt.controllers.audit_setup import NewAuditPlan, SiteDetails, create_audit

    audit = create_audit(
        desktop.workspace.repository,
        desktop.library,
        NewAuditPlan(
            site=SiteDetails(
                "Kazi Data Services", "Mombasa annotation floor", "Kenya", headcount=headcount
            ),
            audit_type=AuditType.ANNOUNCED,
            planned_start=datetime.date(2026, 3, 2),
            planned_end=datetime.date(2026, 3, 4),
            lead_auditor="A. Auditor",
            team=(),
            checklists=tuple(checklists),
        ),
    )
    desktop.workspace.audits_changed.emit()
    return audit.uuid
