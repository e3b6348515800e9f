"""The audits list: show, open, duplicate as a new visit, archive, load the sample."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from auditdesk.domain import AuditStatus
from auditdesk.jobs import Progress
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import tr
from auditdesk.qt.progress_dialog import run_with_progress
from auditdesk.qt.screens.audits_home import AuditsHome
from auditdesk.qt.workers import JobRunner


def sample_cases() -> list[str]:
    """The bundled sample cases that read cleanly (a broken one must not hide the others)."""
    from auditdesk.training.case_files import CASE_FILE, SampleCaseError
    from auditdesk.training.samples import read_sample, samples_dir

    found = []
    for case_file in sorted(samples_dir().glob(f"*/{CASE_FILE}")):
        try:
            found.append(read_sample(case_file.parent.name).id)
        except SampleCaseError:
            continue
    return found


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

    def load_samples(self, runner: JobRunner, *, then_open: bool = True) -> None:
        """Install the bundled sample audits in the background, then open the first one."""
        repository = self._workspace.repository

        def work(progress: Progress) -> list[str]:
            from auditdesk.training.samples import load_case

            return [load_case(repository, case, progress=progress) for case in sample_cases()]

        def done(audit_uuids: list[str]) -> None:
            self._workspace.audits_changed.emit()
            if audit_uuids and then_open:
                self.audit_opened.emit(audit_uuids[0])
            elif not audit_uuids:
                self._dialogs.show_error(
                    self._home, tr("No sample"), tr("This build has no sample audit.")
                )

        run_with_progress(
            self._home,
            runner,
            work,
            title=tr("Loading the sample audit"),
            on_success=done,
            on_failure=lambda message, _details: self._dialogs.show_error(
                self._home, tr("The sample audit could not be loaded"), message
            ),
        )

    def show_quick_list(self) -> bool:
        """Before the database opens: the list read without SQLAlchemy, when it can be.

        The repository's own list replaces it as soon as the database is open.
        """
        import os

        from auditdesk.storage.quick_list import PASSPHRASE_ENV, read_audit_summaries

        if self._workspace.is_open:
            return False
        passphrase = os.environ.get(PASSPHRASE_ENV) or None
        audits = read_audit_summaries(self._workspace.options.db_path, passphrase)
        if audits is None:
            return False
        self._home.audits.set_audits(audits)
        self._home.show_welcome(not audits)
        return True

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
