"""The new-audit wizard: fill it from what is known, create the audit in the background."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from auditdesk.domain import Audit
from auditdesk.jobs import Progress
from auditdesk.qt.controllers.audit_setup import NewAuditPlan, SiteDetails, create_audit
from auditdesk.qt.controllers.form_library import FormLibrary
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import N_, ntr, tr
from auditdesk.qt.labels import label
from auditdesk.qt.progress_dialog import run_with_progress
from auditdesk.qt.screens.new_audit_wizard import NewAuditWizard
from auditdesk.qt.workers import JobRunner

_DESCRIPTIONS = {
    "site_profile": N_("Headcount, pay rates, documents to request."),
    "management_interview": N_("Policies and practice, as management describes them."),
    "document_review": N_("Contracts, payroll sample, working time records."),
    "site_observation": N_("The workplace and the digital task tools, seen first hand."),
    "worker_interview": N_("One worker at a time, anonymous, in their language."),
    "worker_group_interview": N_("Two to five workers together; no personal wages asked."),
}


def sample_advice(headcount: int) -> str:
    """The audit method's recommendation for ``headcount`` workers, in words."""
    from auditdesk.method.sampling import SamplingError, recommend_sample

    try:
        plan = recommend_sample(headcount)
    except SamplingError as error:
        return str(error)
    groups = (
        ntr(
            "{workers} in one group",
            "{workers} in {groups} groups of {sizes}",
            plan.groups,
        ).format(
            workers=plan.in_groups,
            groups=plan.groups,
            sizes=" + ".join(str(size) for size in plan.group_sizes),
        )
        if plan.groups
        else tr("no group interviews")
    )
    return tr(
        "For {headcount} workers, interview {total}: {individual} one to one, and {groups}."
    ).format(headcount=headcount, total=plan.interviews, individual=plan.individual, groups=groups)


class NewAuditController(QObject):
    created = Signal(str)  # the new audit's uuid
    cancelled = Signal()

    def __init__(
        self,
        workspace: Workspace,
        library: FormLibrary,
        wizard: NewAuditWizard,
        dialogs: Dialogs,
        runner: JobRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._library = library
        self._wizard = wizard
        self._dialogs = dialogs
        self._runner = runner
        self._training = workspace.options.training
        wizard.completed.connect(self.create)
        wizard.cancelled.connect(self.cancelled)

    def start(self, based_on_audit: str = "") -> None:
        repository = self._workspace.repository
        profile = repository.get_auditor_profile()
        checklists = [
            (form.form_id, label(form.kind), tr(_DESCRIPTIONS.get(form.form_id, "")))
            for form in self._library.bundled()
        ]
        based_on = self._plan_from(based_on_audit) if based_on_audit else None
        self._wizard.prepare(
            sites=repository.list_sites(),
            checklists=checklists,
            lead_auditor=profile.name if profile else "",
            based_on=based_on,
        )

    def _plan_from(self, audit_uuid: str) -> NewAuditPlan:
        """A new visit to the same site, with the same team and checklists."""
        from pathlib import Path

        repository = self._workspace.repository
        audit = repository.get_audit(audit_uuid)
        site = repository.get_site(audit.site_uuid)
        used = {Path(s.filename).stem for s in repository.list_form_snapshots(audit_uuid)}
        return NewAuditPlan(
            site=SiteDetails(
                organisation=site.organisation,
                name=site.name,
                country=site.country,
                city=site.city,
                sector=site.sector,
                headcount=site.headcount,
                position=site.position,
                existing_uuid=site.uuid,
            ),
            audit_type=audit.audit_type,
            planned_start=None,
            planned_end=None,
            lead_auditor=audit.lead_auditor,
            team=audit.team,
            checklists=tuple(sorted(used)),
        )

    def create(self, plan: NewAuditPlan) -> None:
        from dataclasses import replace

        plan = replace(plan, training=self._training)
        repository = self._workspace.repository

        def work(progress: Progress) -> Audit:
            return create_audit(repository, self._library, plan, progress)

        def done(audit: Audit) -> None:
            self._workspace.audits_changed.emit()
            self.created.emit(audit.uuid)

        run_with_progress(
            self._wizard,
            self._runner,
            work,
            title=tr("Creating the audit"),
            on_success=done,
            on_failure=lambda message, _details: self._dialogs.show_error(
                self._wizard, tr("The audit was not created"), message
            ),
        )
