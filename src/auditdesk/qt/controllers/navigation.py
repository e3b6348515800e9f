"""Which screen follows which: the one place that knows how the screens connect.

It also brings the auditor back where they were: the position (audit, record, question)
is saved at every move, and read once when the database opens.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from auditdesk.qt.controllers.audits import AuditsController
from auditdesk.qt.controllers.interview import InterviewController
from auditdesk.qt.controllers.new_audit import NewAuditController
from auditdesk.qt.controllers.overview import OverviewController
from auditdesk.qt.controllers.position import Position, PositionStore
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.main_window import MainWindow
from auditdesk.qt.workers import JobRunner


class Navigation(QObject):
    def __init__(
        self,
        window: MainWindow,
        workspace: Workspace,
        positions: PositionStore,
        audits: AuditsController,
        new_audit: NewAuditController,
        overview: OverviewController,
        interview: InterviewController,
        runner: JobRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._workspace = workspace
        self._positions = positions
        self._audits = audits
        self._new_audit = new_audit
        self._overview = overview
        self._interview = interview
        self.audit_uuid = ""
        audits.audit_opened.connect(self.open_audit)
        audits.new_audit_wanted.connect(self.new_audit)
        audits.duplicate_wanted.connect(self.new_audit)
        audits.sample_wanted.connect(lambda: audits.load_samples(runner))
        new_audit.created.connect(self.open_audit)
        new_audit.cancelled.connect(lambda: window.show_section("audits"))
        overview.record_opened.connect(self.open_record)
        interview.record_closed.connect(self._record_closed)
        interview.message.connect(window.show_message)
        window.section_shown.connect(self._section_shown)
        workspace.opened.connect(self.restore)

    def new_audit(self, based_on: str = "") -> None:
        self._new_audit.start(based_on)
        self._window.show_section("new_audit")

    def open_audit(self, audit_uuid: str) -> None:
        if self._interview.current is not None:
            self._interview.close()
        self.audit_uuid = audit_uuid
        self._overview.show(audit_uuid)
        self._window.set_audit_open(True)
        self._window.show_section("overview")
        self._positions.save(Position(audit=audit_uuid))

    def open_record(self, record_uuid: str, path: str = "", language: str = "") -> None:
        self._interview.open_record(
            record_uuid,
            path=path,
            language=language,
            on_ready=lambda: self._window.show_section("interview"),
        )

    def leave_database(self) -> None:
        """Before the database closes: keep what is typed, show the audits list."""
        self._interview.release()
        self.audit_uuid = ""
        self._window.set_audit_open(False)
        self._window.show_section("audits")

    def restore(self) -> None:
        """Reopen the audit, record and question the auditor was on (after any exit)."""
        from auditdesk.storage import RecordNotFoundError

        position = self._positions.load()
        if position is None:
            return
        try:
            self.open_audit(position.audit)
            if position.record:
                self.open_record(position.record, position.path, position.language)
        except RecordNotFoundError:
            self._positions.clear()
            self._window.show_section("audits")

    def _record_closed(self, audit_uuid: str, record_uuid: str) -> None:
        self._overview.show(audit_uuid, select=record_uuid)
        self._window.show_section("overview")

    def _section_shown(self, key: str) -> None:
        if key != "interview" and self._interview.current is not None:
            self._interview.flush()  # an answer being typed is kept when the auditor looks away
        if key == "interview" and self._interview.current is None:
            self._window.show_section("overview" if self.audit_uuid else "audits")
