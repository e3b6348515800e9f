"""Export an audit from the desktop: the dialog's choices become the CLI's export job.

:func:`auditdesk.export.run.export_audit` runs on the job runner with a progress dialog;
it reads the repository from that worker thread, which the repository allows (one
connection behind a re-entrant lock). Nothing here touches a widget off the GUI thread:
the job's outcome comes back through the runner's queued signals.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from auditdesk.jobs import Progress
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.export_dialog import SITE, ExportChoices, ExportDialog, WrittenFile
from auditdesk.qt.i18n import interface_language, tr
from auditdesk.qt.preferences import Preferences
from auditdesk.qt.progress_dialog import run_with_progress
from auditdesk.qt.signing_key_dialog import SigningKeyDetails
from auditdesk.qt.workers import Job, JobRunner

if TYPE_CHECKING:
    from auditdesk.export.run import ExportOutcome, ExportRequest
    from auditdesk.signing.keystore import KeyStore, SigningIdentity

MAX_KEY_ATTEMPTS = 3


class ExportProblem(Exception):
    """A failure the auditor can act on; the job shows ``user_message`` as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def file_stem(site_name: str, day: datetime.date, audience: str) -> str:
    """``Kazi-Data-Services-2026-03-02`` (``-site`` for the company's copy)."""
    name = re.sub(r"[^\w]+", "-", site_name).strip("-") or "audit"
    return f"{name}-{day.isoformat()}" + ("-site" if audience == SITE else "")


def _default_key_store() -> KeyStore:
    from auditdesk.signing.keystore import KeyStore

    return KeyStore()


class ExportController(QObject):
    exported = Signal(object)  # ExportOutcome

    def __init__(
        self,
        workspace: Workspace,
        dialogs: Dialogs,
        runner: JobRunner,
        preferences: Preferences,
        key_store: Callable[[], KeyStore] = _default_key_store,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dialogs = dialogs
        self._runner = runner
        self._preferences = preferences
        self.key_store = key_store
        """Where the signing key is found (the auditor's key store unless replaced)."""
        self.dialog: ExportDialog | None = None
        self._audit_uuid = ""
        self._site_name = ""
        self._day = datetime.date.today()
        self._suggested: tuple[str, str] = ("", "")
        self._fresh_identity: SigningIdentity | None = None
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None

    # -- the dialog ------------------------------------------------------------------

    def open_dialog(self, audit_uuid: str, parent: QWidget | None) -> ExportDialog:
        repository = self._workspace.repository
        audit = repository.get_audit(audit_uuid)
        site = repository.get_site(audit.site_uuid)
        self._audit_uuid = audit_uuid
        self._site_name = site.name
        self._day = audit.started_on or audit.planned_start or datetime.date.today()
        self._fresh_identity = None
        subtitle = " · ".join(part for part in (site.name, site.organisation) if part)
        if audit.training:
            subtitle += "\n" + tr("Training audit: every page is marked as fictional data.")
        dialog = ExportDialog(subtitle, parent)
        self.dialog = dialog
        self._suggest_paths("confidential")
        dialog.set_language(interface_language())
        self._show_key_state()
        dialog.audience_changed.connect(self._audience_changed)
        dialog.choose_path_requested.connect(self._choose_path)
        dialog.create_key_requested.connect(self.create_key)
        dialog.export_requested.connect(self.export)
        dialog.open_folder_requested.connect(self._open_folder)
        dialog.finished.connect(self._forget_key)
        dialog.open()
        return dialog

    def _folder(self) -> Path:
        last = self._preferences.export_folder
        return last if last is not None and last.is_dir() else documents_folder()

    def _suggest_paths(self, audience: str) -> None:
        assert self.dialog is not None
        stem = self._folder() / file_stem(self._site_name, self._day, audience)
        xlsx, pdf = stem.with_name(stem.name + ".xlsx"), stem.with_name(stem.name + ".pdf")
        self.dialog.set_paths(xlsx, pdf)
        self._suggested = (str(xlsx), str(pdf))

    def _audience_changed(self, audience: str) -> None:
        """New default names for the other audience, unless the auditor typed their own."""
        dialog = self.dialog
        if dialog is None:
            return
        if (dialog.xlsx_path.text(), dialog.pdf_path.text()) == self._suggested:
            self._suggest_paths(audience)

    def _choose_path(self, kind: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        current = Path((dialog.xlsx_path if kind == "xlsx" else dialog.pdf_path).text())
        title, name_filter = (
            (tr("Save the workbook"), tr("Excel workbooks (*.xlsx)"))
            if kind == "xlsx"
            else (tr("Save the PDF report"), tr("PDF documents (*.pdf)"))
        )
        chosen = self._dialogs.choose_save_path(dialog, title, current, name_filter)
        if chosen is not None:
            suffix = "." + kind
            if chosen.suffix.lower() != suffix:
                chosen = chosen.with_name(chosen.name + suffix)
            dialog.set_path(kind, chosen)

    def _open_folder(self, folder: Path | None) -> None:
        if folder is not None:
            self._dialogs.open_folder(folder)

    def _forget_key(self) -> None:
        self._fresh_identity = None  # the private key stays in memory no longer than needed

    # -- the signing key -------------------------------------------------------------

    def _show_key_state(self) -> None:
        if self.dialog is None:
            return
        store = self.key_store()
        if store.has_identity():
            from auditdesk.signing.certificates import CertificateSummary

            subject = CertificateSummary.of(store.certificate()).subject
            text = tr("Signs as {subject}.").format(subject=subject)
            self.dialog.set_key_state(text, has_key=True)
        else:
            text = tr(
                "No signing key on this computer yet. Create one here, or at a terminal "
                "with: auditdesk keys new --name NAME --org ORGANISATION --email EMAIL"
            )
            self.dialog.set_key_state(text, has_key=False)

    def create_key(self) -> None:
        from auditdesk.signing.errors import SigningError

        profile = self._workspace.repository.get_auditor_profile()
        suggested = SigningKeyDetails(
            profile.name if profile else "",
            profile.organisation if profile else "",
            profile.email if profile else "",
        )
        details = self._dialogs.ask_new_signing_key(self.dialog, suggested)
        if details is None:
            return
        try:
            self._fresh_identity = self.key_store().create(
                name=details.name,
                org=details.organisation,
                email=details.email,
                passphrase=details.passphrase,
            )
        except SigningError as error:
            self._dialogs.show_error(self.dialog, tr("No signing key made"), str(error))
            return
        self._show_key_state()

    def _identity(self) -> SigningIdentity | None:
        """The auditor's identity, unlocked with their passphrase; None when they stop."""
        from auditdesk.signing.certificates import CertificateSummary
        from auditdesk.signing.errors import SigningError, WrongPassphraseError

        if self._fresh_identity is not None:
            return self._fresh_identity
        store = self.key_store()
        if not store.has_identity():
            self._dialogs.show_error(
                self.dialog,
                tr("No signing key"),
                tr("Create a signing key first, or export without signing."),
            )
            return None
        subject = CertificateSummary.of(store.certificate()).subject
        for attempt in range(MAX_KEY_ATTEMPTS):
            passphrase = self._dialogs.ask_key_passphrase(self.dialog, subject, attempt > 0)
            if passphrase is None:
                return None
            try:
                return store.load(passphrase)
            except WrongPassphraseError:
                continue
            except SigningError as error:
                self._dialogs.show_error(self.dialog, tr("Not signed"), str(error))
                return None
        self._dialogs.show_error(
            self.dialog, tr("Not signed"), tr("Too many wrong passphrases for the signing key.")
        )
        return None

    # -- the export ------------------------------------------------------------------

    def export(self, choices: ExportChoices) -> bool:
        """Start the export job; False when the choices stop it before it starts."""
        dialog = self.dialog
        if dialog is None:
            return False
        request = self._request(choices)
        if request is None:
            return False
        targets = [path for path in (request.xlsx, request.pdf) if path is not None]
        existing = [path for path in targets if path.exists()]
        if existing and not self._dialogs.confirm(
            dialog,
            tr("Replace files"),
            tr("These files exist already and will be replaced:\n{files}").format(
                files="\n".join(str(path) for path in existing)
            ),
            tr("Replace"),
        ):
            return False
        if choices.sign:
            identity = self._identity()
            if identity is None:
                return False
            from dataclasses import replace

            request = replace(request, identity=identity)
        try:
            for path in targets:
                path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._dialogs.show_error(
                dialog,
                tr("Not exported"),
                tr("Cannot create the folder: {error}").format(error=error.strerror or error),
            )
            return False
        self._run(request, dialog)
        return True

    def _request(self, choices: ExportChoices) -> ExportRequest | None:
        from auditdesk.export.audience import Audience
        from auditdesk.export.audit_data import ExportSettings
        from auditdesk.export.run import ExportRequest

        if choices.xlsx is None and choices.pdf is None:
            self._dialogs.show_error(
                self.dialog, tr("Not exported"), tr("Choose a workbook, a PDF report or both.")
            )
            return None
        try:
            return ExportRequest(
                xlsx=choices.xlsx,
                pdf=choices.pdf,
                settings=ExportSettings(Audience(choices.audience), choices.language),
            )
        except ValueError:
            self._dialogs.show_error(
                self.dialog,
                tr("Not exported"),
                tr("The workbook's name must end in .xlsx and the report's in .pdf."),
            )
            return None

    def _run(self, request: ExportRequest, dialog: ExportDialog) -> None:
        repository = self._workspace.repository
        audit_uuid = self._audit_uuid

        def work(progress: Progress) -> ExportOutcome:
            from auditdesk.export.files import ExportWriteError
            from auditdesk.export.run import export_audit
            from auditdesk.formengine.problems import FormLoadError
            from auditdesk.method.criteria import CriteriaError
            from auditdesk.method.evidence import EvidenceError

            try:
                return export_audit(repository, audit_uuid, request, progress)
            except (FormLoadError, CriteriaError, EvidenceError, ExportWriteError) as error:
                raise ExportProblem(str(error)) from error

        def succeeded(outcome: ExportOutcome) -> None:
            dialog.set_busy(False)
            if outcome.files:
                self._preferences.export_folder = outcome.files[0].path.parent
            dialog.show_done([WrittenFile(file.path, file.signed) for file in outcome.files])
            self.exported.emit(outcome)

        def failed(message: str, _details: str) -> None:
            dialog.set_busy(False)
            self._dialogs.show_error(dialog, tr("The export failed"), message)

        dialog.set_busy(True)
        self.job, self.progress = run_with_progress(
            dialog,
            self._runner,
            work,
            title=tr("Exporting the audit"),
            on_success=succeeded,
            on_failure=failed,
            on_cancelled=lambda: dialog.set_busy(False),
        )
