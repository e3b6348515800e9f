"""The audit overview: records with their progress now, scores and sampling a moment later.

Scoring reads every record and loads every checklist, so it runs on the job runner; the
records list is shown at once from the repository.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from auditdesk.domain import AuditStatus, RecordKind, RecordStatus
from auditdesk.jobs import Progress
from auditdesk.qt.controllers.audit_setup import add_interview
from auditdesk.qt.controllers.form_library import BUNDLED_ORDER, FormLibrary
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import N_, ntr, tr
from auditdesk.qt.labels import label
from auditdesk.qt.models.audit_list_model import date_range_text
from auditdesk.qt.screens.audit_overview import (
    AssessmentSummary,
    AuditOverviewScreen,
    CoverageLine,
    OverviewState,
    RecordLine,
)
from auditdesk.qt.workers import JobRunner

if TYPE_CHECKING:
    from auditdesk.formengine import FormDefinition
    from auditdesk.method.result import AuditAssessment
    from auditdesk.method.sampling import SamplingProgress

_DIMENSIONS = {
    "contract_type": N_("Contract types"),
    "gender": N_("Genders"),
    "shift": N_("Shifts"),
    "work_type": N_("Kinds of work"),
}
_GROUP_CATEGORIES = {"not_woman": N_("other than women (group)")}
"""Categories the method counts for groups that no form's choice list names."""

_RECORD_ORDER = {kind: index for index, kind in enumerate(BUNDLED_ORDER)}


@dataclass(frozen=True)
class Assessed:
    """What the background job hands back to the GUI thread."""

    audit_uuid: str
    assessment: AuditAssessment | None
    sampling: SamplingProgress | None
    sampling_problem: str
    choice_labels: dict[str, dict[str, str]]


class OverviewController(QObject):
    record_opened = Signal(str)
    assessed = Signal(object)  # Assessed: the findings and scores screens reuse it

    def __init__(
        self,
        workspace: Workspace,
        library: FormLibrary,
        screen: AuditOverviewScreen,
        dialogs: Dialogs,
        runner: JobRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._library = library
        self._screen = screen
        self._dialogs = dialogs
        self._runner = runner
        self.audit_uuid = ""
        self.last: Assessed | None = None
        screen.record_opened.connect(self.record_opened)
        screen.add_worker_interview.connect(lambda: self.add_interview(RecordKind.WORKER_INTERVIEW))
        screen.add_group_interview.connect(
            lambda: self.add_interview(RecordKind.WORKER_GROUP_INTERVIEW)
        )

    def show(self, audit_uuid: str, *, select: str = "", assess: bool = True) -> None:
        repository = self._workspace.repository
        audit = repository.get_audit(audit_uuid)
        site = repository.get_site(audit.site_uuid)
        counts = repository.answer_counts(audit_uuid)
        records = sorted(
            repository.list_form_records(audit_uuid),
            key=lambda r: (_RECORD_ORDER[r.kind], r.respondent_code),
        )
        if audit_uuid != self.audit_uuid:
            self.last = None
        self.audit_uuid = audit_uuid
        subtitle = " · ".join(
            part
            for part in (
                site.organisation,
                f"{site.city + ', ' if site.city else ''}{site.country}",
                label(audit.audit_type),
                date_range_text(audit.started_on, audit.ended_on),
                label(audit.status),
            )
            if part
        )
        self._screen.show_overview(
            OverviewState(
                title=site.name,
                subtitle=subtitle,
                records=tuple(
                    RecordLine(
                        uuid=r.uuid,
                        title=label(r.kind),
                        respondent=r.respondent_code,
                        status=label(r.status),
                        answered=counts.get(r.uuid, 0),
                        completed=r.status is RecordStatus.COMPLETED,
                    )
                    for r in records
                ),
                training=audit.training,
                frozen=audit.status in (AuditStatus.SIGNED, AuditStatus.ARCHIVED),
            )
        )
        if select:
            self._screen.select_record(select)
        if assess:
            self.assess()

    def assess(self) -> None:
        """Score the audit and count the sample in the background."""
        audit_uuid = self.audit_uuid
        repository = self._workspace.repository
        language = _short_language()

        def work(progress: Progress) -> Assessed:
            from auditdesk.method.result import assess_audit
            from auditdesk.method.sampling import SamplingError, sampling_progress
            from auditdesk.method.stored_audit import read_stored_audit

            progress.start(2, tr("Scoring"))
            stored = read_stored_audit(repository, audit_uuid)
            progress.advance()
            assessment = None
            if stored.evidence.records:
                assessment = assess_audit(
                    stored.evidence,
                    report_date=stored.report_date(datetime.date.today()),
                    stored_findings=stored.findings,
                    corrective_actions=stored.corrective_actions,
                    language=language,
                )
            sampling, problem = None, ""
            try:
                sampling = sampling_progress(stored.evidence)
            except SamplingError:
                problem = tr(
                    "Record the site's headcount in the site profile to get a sampling plan."
                )
            labels = _choice_labels(stored.evidence.definitions.values(), language)
            progress.advance()
            return Assessed(audit_uuid, assessment, sampling, problem, labels)

        self._runner.start(
            work,
            name=tr("Scoring"),
            on_success=self._assessed,
            on_failure=lambda message, _details: self._screen.show_summary(
                AssessmentSummary(problem=message)
            ),
        )

    def _assessed(self, result: Assessed) -> None:
        if result.audit_uuid != self.audit_uuid:
            return  # the auditor has moved on to another audit
        self.last = result
        self._screen.show_summary(summarise(result))
        self.assessed.emit(result)

    def add_interview(self, kind: RecordKind) -> None:
        from auditdesk.storage import StorageError

        try:
            record = add_interview(self._workspace.repository, self._library, self.audit_uuid, kind)
        except (StorageError, LookupError) as error:
            message = getattr(error, "user_message", str(error))
            self._dialogs.show_error(self._screen, tr("Not added"), message)
            return
        self._workspace.audits_changed.emit()
        self.show(self.audit_uuid, select=record.uuid, assess=False)
        self.record_opened.emit(record.uuid)


def _short_language() -> str:
    from auditdesk.qt.i18n import interface_language

    return interface_language()


def _choice_labels(
    definitions: Iterable[FormDefinition], language: str
) -> dict[str, dict[str, str]]:
    """Per coverage question, choice name → label, for readable coverage lines."""
    from auditdesk.formengine.definition import QuestionDef, pick_text
    from auditdesk.method.sampling import COVERAGE_DIMENSIONS

    found: dict[str, dict[str, str]] = {}
    for definition in definitions:
        wanted = next(
            (lang for lang in definition.languages if lang.endswith(f"({language})")),
            definition.settings.default_language,
        )
        for dimension in COVERAGE_DIMENSIONS:
            question = definition.find(dimension)
            if isinstance(question, QuestionDef):
                labels = found.setdefault(dimension, {})
                for choice in question.choices:
                    labels.setdefault(
                        choice.name,
                        pick_text(choice.labels, wanted, definition.settings.default_language),
                    )
    return found


def summarise(result: Assessed) -> AssessmentSummary:
    assessment = result.assessment
    rating = findings = ""
    alert_lines: tuple[str, ...] = ()
    if assessment is not None:
        rating = tr("Rating {score} / {maximum}").format(score=assessment.rating.score, maximum=10)
        alert_lines = tuple(f"{a.criterion} · {a.title}" for a in assessment.alerts)
        open_findings = [f for f in assessment.findings if not f.withdrawn]
        findings = ntr("{count} finding", "{count} findings", len(open_findings)).format(
            count=len(open_findings)
        )
    sampling_text = result.sampling_problem
    coverage: list[CoverageLine] = []
    if result.sampling is not None:
        progress = result.sampling
        plan = progress.plan
        sampling_text = (
            tr(
                "Plan for {headcount} workers: {individual} one-to-one interviews and "
                "{in_groups} workers in groups ({groups} planned)."
            )
            + " "
            + ntr(
                "Done: {individual_done} one to one, and {groups_done} group of "
                "{in_groups_done} workers.",
                "Done: {individual_done} one to one, and {groups_done} groups with "
                "{in_groups_done} workers in all.",
                progress.groups_done,
            )
        ).format(
            headcount=plan.headcount,
            individual=plan.individual,
            in_groups=plan.in_groups,
            groups=plan.groups,
            individual_done=progress.individual_done,
            groups_done=progress.groups_done,
            in_groups_done=progress.workers_in_groups_done,
        )
        known = {d: tuple(labels) for d, labels in result.choice_labels.items()}
        missing = progress.uncovered(known)
        for dimension, title in _DIMENSIONS.items():
            labels = result.choice_labels.get(dimension, {})
            heard = progress.coverage.get(dimension, {})
            labels = {**{k: tr(v) for k, v in _GROUP_CATEGORIES.items()}, **labels}
            reached = ", ".join(
                f"{labels.get(name, name)} {count}" for name, count in heard.items() if count
            )
            gaps = ", ".join(labels.get(name, name) for name in missing.get(dimension, ()))
            coverage.append(CoverageLine(tr(title), reached or tr("nobody yet"), gaps))
    return AssessmentSummary(
        sampling=sampling_text,
        coverage=tuple(coverage),
        rating=rating,
        alerts=alert_lines,
        findings=findings,
    )
