"""The audits list: show, open, duplicate as a new visit, archive, load the sample."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from auditdesk.domain import AuditStatus
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import tr
from auditdesk.qt.screens.audits_home import AuditsHome


class AuditsController(QObject):
    audit_opened = Signal(str)
    new_audit_wanted = Signal()
    sample_wanted = Signal()
    duplicate_wanted = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        home: AuditsHome,
        dialogs: Dialogs,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._home = home
        self._dialogs = dialogs
        home.audits.open_requested.connect(self.audit_opened)
        home.audits.archive_requested.connect(self.archive)
        home.audits.duplicate_requested.connect(self.duplicate_wanted)
        home.audits.new_audit_requested.connect(self.new_audit_wanted)
        home.welcome.start_new_audit.connect(self.new_audit_wanted)
        home.welcome.explore_sample.connect(self.sample_wanted)
        workspace.opened.connect(self.refresh)
        workspace.audits_changed.connect(self.refresh)

    def refresh(self) -> None:
        audits = self._workspace.repository.list_audits()
        self._home.audits.set_audits(audits)
        self._home.show_welcome(not audits)

    def archive(self, audit_uuid: str) -> None:
        repository = self._workspace.repository
        audit = repository.get_audit(audit_uuid)
        site = repository.get_site(audit.site_uuid)
        question = tr(
            "Archive the audit of {site}? It is kept, unchanged, and hidden from the list "
            "unless you filter for archived audits."
        ).format(site=site.name)
        if not self._dialogs.confirm(self._home, tr("Archive audit"), question, tr("Archive")):
            return
        self._guarded(lambda: repository.set_audit_status(audit_uuid, AuditStatus.ARCHIVED))
        self._workspace.audits_changed.emit()

    def _guarded(self, action: Callable[[], object]) -> bool:
        from auditdesk.storage import StorageError

        try:
            action()
        except StorageError as error:
            self._dialogs.show_error(self._home, tr("Not done"), error.user_message)
            return False
        return True
