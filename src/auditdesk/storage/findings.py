"""Findings and their corrective action plans (CAPs), every change in the audit trail."""

from __future__ import annotations

from dataclasses import asdict, replace

from sqlalchemy import select

from auditdesk.domain import (
    CorrectiveAction,
    Finding,
    FindingStatus,
    JsonValue,
    TrailKind,
    canonical_json,
)
from auditdesk.storage.base import RepositoryBase
from auditdesk.storage.convert import (
    cap_from_row,
    fill_cap_row,
    fill_finding_row,
    finding_from_row,
)
from auditdesk.storage.errors import ChangeRefusedError, RecordNotFoundError
from auditdesk.storage.schema import CorrectiveActionRow, FindingRow


def _plain(value: object) -> JsonValue:
    """A dataclass field as JSON (enums and dates as their text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def _changes(old: object, new: object) -> tuple[str, str]:
    """Old and new values of the fields that differ, as canonical JSON."""
    before, after = asdict(old), asdict(new)  # type: ignore[call-overload]
    keys = [k for k in after if before.get(k) != after[k]]
    return (
        canonical_json({k: _plain(before.get(k)) for k in keys}),
        canonical_json({k: _plain(after[k]) for k in keys}),
    )


class FindingOperations(RepositoryBase):
    def add_finding(self, finding: Finding, *, auditor: str | None = None) -> Finding:
        with self.orm("adding a finding") as transaction:
            row = FindingRow(uuid=finding.uuid)
            fill_finding_row(row, finding)
            transaction.session.add(row)
            transaction.append_trail(
                finding.audit_uuid,
                TrailKind.FINDING_ADDED,
                auditor=self.auditor_or_default(auditor),
                new_json=canonical_json(_plain(asdict(finding))),
                detail={"finding": finding.uuid},
            )
        return finding

    def get_finding(self, finding_uuid: str) -> Finding:
        with self.orm("reading a finding") as transaction:
            row = transaction.session.get(FindingRow, finding_uuid)
            if row is None:
                raise RecordNotFoundError("finding", finding_uuid)
            return finding_from_row(row)

    def list_findings(self, audit_uuid: str) -> list[Finding]:
        with self.orm("listing findings") as transaction:
            rows = transaction.session.scalars(
                select(FindingRow)
                .where(FindingRow.audit_uuid == audit_uuid)
                .order_by(FindingRow.criterion_code, FindingRow.uuid)
            )
            return [finding_from_row(row) for row in rows]

    def update_finding(
        self, finding: Finding, *, auditor: str | None = None, reason: str = ""
    ) -> Finding:
        """Edit a finding; the trail keeps the fields' old and new values."""
        with self.orm("changing a finding") as transaction:
            row = transaction.session.get(FindingRow, finding.uuid)
            if row is None:
                raise RecordNotFoundError("finding", finding.uuid)
            old = finding_from_row(row)
            if old.audit_uuid != finding.audit_uuid:
                raise ChangeRefusedError("A finding cannot move to another audit.")
            if old == finding:
                return finding
            fill_finding_row(row, finding)
            old_json, new_json = _changes(old, finding)
            kind = (
                TrailKind.FINDING_WITHDRAWN
                if finding.status is FindingStatus.WITHDRAWN
                and old.status is not FindingStatus.WITHDRAWN
                else TrailKind.FINDING_CHANGED
            )
            transaction.append_trail(
                finding.audit_uuid,
                kind,
                auditor=self.auditor_or_default(auditor),
                old_json=old_json,
                new_json=new_json,
                reason=reason or finding.withdrawn_reason,
                detail={"finding": finding.uuid},
            )
        return finding

    def withdraw_finding(
        self, finding_uuid: str, reason: str, *, auditor: str | None = None
    ) -> Finding:
        if not reason.strip():
            raise ChangeRefusedError("Give a reason for withdrawing a finding.")
        current = self.get_finding(finding_uuid)
        withdrawn = replace(current, status=FindingStatus.WITHDRAWN, withdrawn_reason=reason)
        return self.update_finding(withdrawn, auditor=auditor, reason=reason)

    # -- corrective action plans ------------------------------------------------------
    def save_corrective_action(
        self, cap: CorrectiveAction, *, auditor: str | None = None
    ) -> CorrectiveAction:
        """Create or update the CAP entry of a finding."""
        with self.orm("saving a corrective action") as transaction:
            finding = transaction.session.get(FindingRow, cap.finding_uuid)
            if finding is None:
                raise RecordNotFoundError("finding", cap.finding_uuid)
            row = transaction.session.get(CorrectiveActionRow, cap.uuid)
            old_json = None
            if row is None:
                row = CorrectiveActionRow(uuid=cap.uuid)
                transaction.session.add(row)
                new_json = canonical_json(_plain(asdict(cap)))
            else:
                old = cap_from_row(row)
                if old == cap:
                    return cap
                old_json, new_json = _changes(old, cap)
            fill_cap_row(row, cap)
            transaction.append_trail(
                finding.audit_uuid,
                TrailKind.CAP_CHANGED,
                auditor=self.auditor_or_default(auditor),
                old_json=old_json,
                new_json=new_json,
                detail={"finding": cap.finding_uuid, "corrective_action": cap.uuid},
            )
        return cap

    def get_corrective_action(self, finding_uuid: str) -> CorrectiveAction | None:
        with self.orm("reading a corrective action") as transaction:
            row = transaction.session.scalars(
                select(CorrectiveActionRow).where(CorrectiveActionRow.finding_uuid == finding_uuid)
            ).first()
            return None if row is None else cap_from_row(row)

    def list_corrective_actions(self, audit_uuid: str) -> list[CorrectiveAction]:
        with self.orm("listing corrective actions") as transaction:
            rows = transaction.session.scalars(
                select(CorrectiveActionRow)
                .join(FindingRow, FindingRow.uuid == CorrectiveActionRow.finding_uuid)
                .where(FindingRow.audit_uuid == audit_uuid)
                .order_by(FindingRow.criterion_code, CorrectiveActionRow.uuid)
            )
            return [cap_from_row(row) for row in rows]
