"""Findings: edits, withdrawals and hand-made findings go to the repository (with the trail).

A derived finding lives only in the assessment until the auditor first changes it; the
first edit stores it (marked as derived, so the method keeps matching it to its criterion)
together with its corrective action.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from auditdesk.domain import CorrectiveAction, Finding, FindingStatus, new_uuid
from auditdesk.qt.controllers.overview import Assessed, OverviewController
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import interface_language, tr
from auditdesk.qt.screens.findings import NEW_KEY, FindingEdit, FindingsScreen, FindingView

if TYPE_CHECKING:
    from auditdesk.method.findings import AssessedFinding


def _key(finding: AssessedFinding) -> str:
    return finding.uuid or f"derived:{finding.criterion}"


def _quote(finding: AssessedFinding) -> tuple[str, ...]:
    lines = []
    for answer in finding.evidence:
        who = f" ({answer.respondent_code})" if answer.respondent_code else ""
        lines.append(f"“{answer.label or answer.question}”: {answer.answer}{who}")
    lines.extend(finding.contradictions)
    return tuple(lines)


def view_of(finding: AssessedFinding) -> FindingView:
    cap = finding.cap
    return FindingView(
        key=_key(finding),
        criterion=finding.criterion,
        area=finding.area,
        severity=finding.severity,
        title=finding.title,
        origin=finding.origin.value,
        withdrawn=finding.withdrawn,
        withdrawn_reason=finding.withdrawn_reason,
        evidence_text=finding.evidence_text,
        quoted=_quote(finding),
        action=cap.action,
        responsible=cap.responsible_party,
        plan_due=cap.plan_due,
        verify_due=cap.verify_due,
        cap_status=cap.status,
        verification_note=cap.verification_note,
        due_text=tr("next audit") if cap.at_next_audit else cap.due,
    )


class FindingsController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        overview: OverviewController,
        screen: FindingsScreen,
        dialogs: Dialogs,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._overview = overview
        self._screen = screen
        self._dialogs = dialogs
        self._findings: dict[str, AssessedFinding] = {}
        self._select = ""
        overview.assessed.connect(self._show)
        screen.saved.connect(self.save)
        screen.withdraw_requested.connect(self.withdraw)

    def show(self) -> None:
        if self._overview.last is not None:
            self._show(self._overview.last)
        else:
            self._overview.assess()

    def _show(self, result: Assessed) -> None:
        assessment = result.assessment
        if assessment is None:
            self._findings = {}
            self._screen.show_findings([], [])
            return
        self._findings = {_key(f): f for f in assessment.findings}
        language = interface_language()
        criteria = [
            (code, criterion.title(language))
            for code, criterion in assessment.catalogue.criteria.items()
        ]
        self._screen.show_findings(
            [view_of(f) for f in assessment.findings], criteria, select=self._select
        )

    def save(self, edit: FindingEdit) -> None:
        from auditdesk.storage import StorageError

        if not edit.title and edit.key == NEW_KEY:
            self._dialogs.show_error(self._screen, tr("Not saved"), tr("Give the finding a title."))
            return
        try:
            finding_uuid = self._store(edit)
        except StorageError as error:
            self._workspace.save_failed.emit(error.user_message)
            return
        self._workspace.saved.emit(datetime.datetime.now().astimezone())
        self._select = finding_uuid
        self._overview.assess()

    def _store(self, edit: FindingEdit) -> str:
        repository = self._workspace.repository
        audit_uuid = self._overview.audit_uuid
        known = self._findings.get(edit.key)
        if known is None or known.uuid is None:
            stored = repository.add_finding(
                Finding(
                    uuid=new_uuid(),
                    audit_uuid=audit_uuid,
                    criterion_code=edit.criterion,
                    severity=edit.severity,
                    title=edit.title or (known.title if known else edit.criterion),
                    evidence=edit.evidence_text,
                    derived=known is not None,
                )
            )
            finding_uuid, cap_uuid = stored.uuid, None
        else:
            current = repository.get_finding(known.uuid)
            repository.update_finding(
                replace(
                    current,
                    severity=edit.severity,
                    title=edit.title or current.title,
                    evidence=edit.evidence_text,
                )
            )
            finding_uuid, cap_uuid = known.uuid, known.cap.uuid
        repository.save_corrective_action(
            CorrectiveAction(
                uuid=cap_uuid or new_uuid(),
                finding_uuid=finding_uuid,
                action=edit.action,
                responsible_party=edit.responsible,
                plan_due=edit.plan_due,
                verify_due=edit.verify_due,
                status=edit.cap_status,
                verification_note=edit.verification_note,
            )
        )
        return finding_uuid

    def withdraw(self, key: str) -> None:
        from auditdesk.storage import StorageError

        known = self._findings.get(key)
        if known is None or known.status is FindingStatus.WITHDRAWN:
            return
        reason = self._dialogs.ask_reason(
            self._screen,
            tr("Withdraw finding"),
            tr("Why is this finding withdrawn? The reason is kept in the audit trail."),
        )
        if not reason:
            return
        try:
            finding_uuid = known.uuid or self._store(self._screen.edit())
            self._workspace.repository.withdraw_finding(finding_uuid, reason)
        except StorageError as error:
            self._workspace.save_failed.emit(error.user_message)
            return
        self._workspace.saved.emit(datetime.datetime.now().astimezone())
        self._select = finding_uuid
        self._overview.assess()
