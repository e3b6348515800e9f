"""The repository: the one way into an AuditDesk database. It hands out domain objects;
ORM rows stay inside ``auditdesk.storage``.

Open one with ``auditdesk.storage.open_database``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite

from auditdesk.domain import (
    Audit,
    AuditorProfile,
    AuditStatus,
    AuditSummary,
    AuditType,
    FormRecord,
    FormSnapshot,
    JsonValue,
    RecordStatus,
    Site,
    TrailEntry,
    TrailKind,
    TrailVerification,
    canonical_json,
)
from auditdesk.storage import backups
from auditdesk.storage.answers import AnswerOperations
from auditdesk.storage.convert import (
    audit_from_row,
    fill_audit_row,
    fill_site_row,
    now_utc,
    profile_from_row,
    record_from_row,
    site_from_row,
    snapshot_from_row,
    time_text,
    trail_entry_from_stored,
)
from auditdesk.storage.errors import (
    SQLITE_CANTOPEN,
    ChangeRefusedError,
    RecordNotFoundError,
    sqlite_code,
    translate,
)
from auditdesk.storage.findings import FindingOperations
from auditdesk.storage.schema import (
    AppSettingRow,
    AuditorProfileRow,
    AuditRow,
    FormRecordRow,
    FormSnapshotRow,
    SiteRow,
)
from auditdesk.storage.trail import StoredEntry, verify_chain

# A respondent is a code, never a name: one to three capitals, a dash, digits (W-07).
RESPONDENT_CODE = re.compile(r"^[A-Z]{1,3}-\d{1,4}$")

# The audits list is two Core selects compiled once and run on the driver: no join (the
# sites are few) and no per-row ORM or Row objects, so 10,000 audits list in ~30 ms.
_LIST_AUDITS_SQL = str(
    select(
        AuditRow.uuid,
        AuditRow.site_uuid,
        AuditRow.audit_type,
        AuditRow.status,
        AuditRow.started_on,
        AuditRow.ended_on,
        AuditRow.training,
    )
    .order_by(AuditRow.created_at.desc())
    .compile(dialect=sqlite.dialect())
)
_LIST_SITES_SQL = str(
    select(SiteRow.uuid, SiteRow.name, SiteRow.organisation, SiteRow.country).compile(
        dialect=sqlite.dialect()
    )
)


class _DayCache(dict[str | None, date | None]):
    """ISO date text → date, each distinct text parsed once."""

    def __missing__(self, text: str | None) -> date | None:
        day = None if text is None else date.fromisoformat(text)
        self[text] = day
        return day


_AUDIT_TYPES = {member.value: member for member in AuditType}
_AUDIT_STATUSES = {member.value: member for member in AuditStatus}

TRAINING_DATABASE_SETTING = "training_database"
"""Setting that makes every audit added to this database training data (training mode)."""

# Signed audits may only be archived; archived ones never change.
_ALLOWED_FROM = {
    AuditStatus.SIGNED: {AuditStatus.ARCHIVED},
    AuditStatus.ARCHIVED: set(),
}


@dataclass(frozen=True)
class CheckReport:
    integrity: tuple[str, ...]
    foreign_key_problems: tuple[str, ...]
    broken_trails: tuple[TrailVerification, ...]

    @property
    def ok(self) -> bool:
        return (
            self.integrity == ("ok",) and not self.foreign_key_problems and not (self.broken_trails)
        )


class Repository(AnswerOperations, FindingOperations):
    # -- settings and profile ---------------------------------------------------------
    def get_setting(self, key: str, default: JsonValue = None) -> JsonValue:
        with self.orm("reading a setting") as transaction:
            row = transaction.session.get(AppSettingRow, key)
            return default if row is None else json.loads(row.value_json)

    def set_setting(self, key: str, value: JsonValue) -> None:
        with self.orm("saving a setting") as transaction:
            transaction.session.merge(AppSettingRow(key=key, value_json=canonical_json(value)))

    def get_auditor_profile(self) -> AuditorProfile | None:
        with self.orm("reading the auditor profile") as transaction:
            row = transaction.session.scalars(select(AuditorProfileRow).limit(1)).first()
            return None if row is None else profile_from_row(row)

    def save_auditor_profile(self, profile: AuditorProfile) -> AuditorProfile:
        with self.orm("saving the auditor profile") as transaction:
            transaction.session.merge(
                AuditorProfileRow(
                    uuid=profile.uuid,
                    name=profile.name,
                    organisation=profile.organisation,
                    email=profile.email,
                    accreditation=profile.accreditation,
                )
            )
        self.forget_default_auditor()
        return profile

    # -- sites ------------------------------------------------------------------------
    def add_site(self, site: Site) -> Site:
        with self.orm("adding a site") as transaction:
            row = SiteRow(uuid=site.uuid)
            fill_site_row(row, site)
            transaction.session.add(row)
        return site

    def update_site(self, site: Site) -> Site:
        with self.orm("changing a site") as transaction:
            row = transaction.session.get(SiteRow, site.uuid)
            if row is None:
                raise RecordNotFoundError("site", site.uuid)
            fill_site_row(row, site)
        return site

    def get_site(self, site_uuid: str) -> Site:
        with self.orm("reading a site") as transaction:
            row = transaction.session.get(SiteRow, site_uuid)
            if row is None:
                raise RecordNotFoundError("site", site_uuid)
            return site_from_row(row)

    def list_sites(self) -> list[Site]:
        with self.orm("listing sites") as transaction:
            rows = transaction.session.scalars(select(SiteRow).order_by(SiteRow.name))
            return [site_from_row(row) for row in rows]

    # -- training mode ----------------------------------------------------------------
    def is_training_database(self) -> bool:
        return self.get_setting(TRAINING_DATABASE_SETTING, False) is True

    def mark_training_database(self) -> None:
        """Make this a training database: every audit added from now on is training data.

        Done by the front-ends in training mode, so the guarantee does not rest on each
        caller remembering the flag. Refused when the database already holds real audits:
        training work never mixes with them.
        """
        if self.is_training_database():
            return
        real = sum(not summary.training for summary in self.list_audits())
        if real:
            raise ChangeRefusedError(
                f"{self.path} holds {real} real audit(s); training mode needs a database of "
                "its own (`auditdesk --training` without --db uses one)."
            )
        self.set_setting(TRAINING_DATABASE_SETTING, True)

    # -- audits -----------------------------------------------------------------------
    def add_audit(self, audit: Audit, *, auditor: str | None = None) -> Audit:
        if not audit.training and self.is_training_database():
            audit = replace(audit, training=True)
        with self.orm("adding an audit") as transaction:
            row = AuditRow(uuid=audit.uuid, status=audit.status.value)
            row.created_at = time_text(now_utc()) or ""
            fill_audit_row(row, audit)
            transaction.session.add(row)
            transaction.append_trail(
                audit.uuid,
                TrailKind.AUDIT_CREATED,
                auditor=self.auditor_or_default(auditor),
                new_json=canonical_json(audit.status.value),
                detail={"site": audit.site_uuid, "training": audit.training},
            )
        return audit

    def get_audit(self, audit_uuid: str) -> Audit:
        with self.orm("reading an audit") as transaction:
            row = transaction.session.get(AuditRow, audit_uuid)
            if row is None:
                raise RecordNotFoundError("audit", audit_uuid)
            return audit_from_row(row)

    def resolve_audit_uuid(self, prefix: str) -> str:
        """The one audit whose UUID starts with ``prefix`` (typing a full UUID is tedious)."""
        rows = []
        if re.fullmatch(r"[0-9a-fA-F-]{1,36}", prefix):
            with self._lock:
                rows = self.driver.execute(
                    "SELECT uuid FROM audit WHERE uuid LIKE :prefix || '%' LIMIT 2",
                    {"prefix": prefix.lower()},
                ).fetchall()
        if len(rows) != 1:
            raise RecordNotFoundError("single audit matching", repr(prefix))
        return str(rows[0][0])

    def update_audit(self, audit: Audit, *, auditor: str | None = None) -> Audit:
        """Change an audit's details (dates, team, notes); the status has its own call."""
        with self.orm("changing an audit") as transaction:
            row = transaction.session.get(AuditRow, audit.uuid)
            if row is None:
                raise RecordNotFoundError("audit", audit.uuid)
            old = audit_from_row(row)
            if old.status.is_frozen:
                raise ChangeRefusedError(f"Audit {audit.uuid} is {old.status.value}.")
            if old.training and not audit.training:
                audit = replace(audit, training=True)  # the training mark is never removed
            fill_audit_row(row, audit)
            transaction.append_trail(
                audit.uuid, TrailKind.AUDIT_EDITED, auditor=self.auditor_or_default(auditor)
            )
        return audit_from_row(row)

    def set_audit_status(
        self, audit_uuid: str, status: AuditStatus, *, auditor: str | None = None, reason: str = ""
    ) -> Audit:
        with self.orm("changing an audit's status") as transaction:
            row = transaction.session.get(AuditRow, audit_uuid)
            if row is None:
                raise RecordNotFoundError("audit", audit_uuid)
            old = AuditStatus(row.status)
            if old is status:
                return audit_from_row(row)
            allowed = _ALLOWED_FROM.get(old)
            if allowed is not None and status not in allowed:
                raise ChangeRefusedError(
                    f"Audit {audit_uuid} is {old.value}; it cannot become {status.value}."
                )
            row.status = status.value
            transaction.append_trail(
                audit_uuid,
                TrailKind.AUDIT_STATUS,
                auditor=self.auditor_or_default(auditor),
                old_json=canonical_json(old.value),
                new_json=canonical_json(status.value),
                reason=reason,
            )
            audit = audit_from_row(row)
        self.forget_record_info()
        return audit

    def list_audits(self) -> list[AuditSummary]:
        """Light summaries for the audits list, newest first."""
        with self._lock:
            try:
                sites = {row[0]: row[1:] for row in self.driver.execute(_LIST_SITES_SQL).fetchall()}
                rows = self.driver.execute(_LIST_AUDITS_SQL).fetchall()
            except Exception as exc:
                raise self.fail(exc, "listing audits") from exc
        days = _DayCache()
        types, statuses, new = _AUDIT_TYPES, _AUDIT_STATUSES, tuple.__new__
        # Built with tuple.__new__ in one comprehension: this loop is half the cost of
        # listing 10,000 audits.
        return [
            new(
                AuditSummary,
                (
                    uuid,
                    *sites[site_uuid],
                    types[audit_type],
                    statuses[status],
                    days[started_on],
                    days[ended_on],
                    training == 1,
                ),
            )
            for uuid, site_uuid, audit_type, status, started_on, ended_on, training in rows
        ]

    # -- form snapshots ---------------------------------------------------------------
    def add_form_snapshot(
        self,
        audit_uuid: str,
        *,
        form_id: str,
        version: str,
        filename: str,
        content: bytes,
        auditor: str | None = None,
    ) -> FormSnapshot:
        """Keep the exact bytes of a form file for this audit (idempotent per content)."""
        digest = hashlib.sha256(content).hexdigest()
        with self.orm("storing a form snapshot") as transaction:
            existing = transaction.session.scalars(
                select(FormSnapshotRow).where(
                    FormSnapshotRow.audit_uuid == audit_uuid,
                    FormSnapshotRow.sha256 == digest,
                    FormSnapshotRow.filename == filename,
                )
            ).first()
            if existing is not None:
                return snapshot_from_row(existing)
            row = FormSnapshotRow(
                audit_uuid=audit_uuid,
                form_id=form_id,
                version=version,
                filename=filename,
                sha256=digest,
                content=content,
            )
            transaction.session.add(row)
            transaction.append_trail(
                audit_uuid,
                TrailKind.FORM_SNAPSHOT,
                auditor=self.auditor_or_default(auditor),
                detail={"form_id": form_id, "version": version, "sha256": digest},
            )
            return snapshot_from_row(row)

    def list_form_snapshots(self, audit_uuid: str) -> list[FormSnapshot]:
        with self.orm("reading form snapshots") as transaction:
            rows = transaction.session.scalars(
                select(FormSnapshotRow)
                .where(FormSnapshotRow.audit_uuid == audit_uuid)
                .order_by(FormSnapshotRow.id)
            )
            return [snapshot_from_row(row) for row in rows]

    def get_form_snapshot(self, snapshot_id: int) -> FormSnapshot:
        with self.orm("reading a form snapshot") as transaction:
            row = transaction.session.get(FormSnapshotRow, snapshot_id)
            if row is None:
                raise RecordNotFoundError("form snapshot", str(snapshot_id))
            return snapshot_from_row(row)

    # -- form records -----------------------------------------------------------------
    def next_respondent_code(self, audit_uuid: str, prefix: str) -> str:
        with self.orm("numbering respondents") as transaction:
            codes = transaction.session.scalars(
                select(FormRecordRow.respondent_code).where(
                    FormRecordRow.audit_uuid == audit_uuid,
                    FormRecordRow.respondent_code.like(f"{prefix}-%"),
                )
            ).all()
        numbers = [int(code.split("-", 1)[1]) for code in codes if RESPONDENT_CODE.match(code)]
        return f"{prefix}-{max(numbers, default=0) + 1:02d}"

    def add_form_record(self, record: FormRecord, *, auditor: str | None = None) -> FormRecord:
        """Store a new form record; an empty respondent code gets the next free one."""
        if not record.respondent_code:
            code = self.next_respondent_code(record.audit_uuid, record.kind.respondent_prefix)
            record = FormRecord(**{**record.__dict__, "respondent_code": code})
        if not RESPONDENT_CODE.match(record.respondent_code):
            raise ChangeRefusedError(
                f"{record.respondent_code!r} is not a respondent code such as W-07: "
                "respondents are never named."
            )
        with self.orm("adding a form record") as transaction:
            transaction.session.add(
                FormRecordRow(
                    uuid=record.uuid,
                    audit_uuid=record.audit_uuid,
                    snapshot_id=record.snapshot_id,
                    form_id=record.form_id,
                    form_version=record.form_version,
                    kind=record.kind.value,
                    respondent_code=record.respondent_code,
                    consent_given=record.consent_given,
                    started_at=time_text(record.started_at),
                    ended_at=time_text(record.ended_at),
                    status=record.status.value,
                    instance_meta_json="{}",
                )
            )
            transaction.append_trail(
                record.audit_uuid,
                TrailKind.RECORD_CREATED,
                auditor=self.auditor_or_default(auditor),
                record_uuid=record.uuid,
                detail={
                    "form_id": record.form_id,
                    "version": record.form_version,
                    "kind": record.kind.value,
                    "respondent": record.respondent_code,
                    "consent": record.consent_given,
                },
            )
        return record

    def get_form_record(self, record_uuid: str) -> FormRecord:
        with self.orm("reading a form record") as transaction:
            row = transaction.session.get(FormRecordRow, record_uuid)
            if row is None:
                raise RecordNotFoundError("form record", record_uuid)
            return record_from_row(row)

    def list_form_records(self, audit_uuid: str) -> list[FormRecord]:
        with self.orm("listing form records") as transaction:
            rows = transaction.session.scalars(
                select(FormRecordRow)
                .where(FormRecordRow.audit_uuid == audit_uuid)
                .order_by(FormRecordRow.started_at, FormRecordRow.respondent_code)
            )
            return [record_from_row(row) for row in rows]

    def set_record_status(
        self,
        record_uuid: str,
        status: RecordStatus,
        *,
        auditor: str | None = None,
        consent_given: bool | None = None,
        reason: str = "",
    ) -> FormRecord:
        """Move a record along draft → in progress → completed (times filled in)."""
        with self.orm("changing a form record's status") as transaction:
            row = transaction.session.get(FormRecordRow, record_uuid)
            if row is None:
                raise RecordNotFoundError("form record", record_uuid)
            old = RecordStatus(row.status)
            if old is RecordStatus.COMPLETED and status is not old and not reason.strip():
                raise ChangeRefusedError("Give a reason for reopening a completed form record.")
            now = time_text(now_utc())
            row.status = status.value
            if consent_given is not None:
                row.consent_given = consent_given
            if status is not RecordStatus.DRAFT and row.started_at is None:
                row.started_at = now
            if status is RecordStatus.COMPLETED:
                row.ended_at = now
            transaction.append_trail(
                row.audit_uuid,
                TrailKind.RECORD_STATUS,
                auditor=self.auditor_or_default(auditor),
                record_uuid=record_uuid,
                old_json=canonical_json(old.value),
                new_json=canonical_json(status.value),
                reason=reason,
                detail={"consent": row.consent_given},
            )
            record = record_from_row(row)
        self.forget_record_info()
        return record

    # -- trail ------------------------------------------------------------------------
    def record_export(
        self,
        audit_uuid: str,
        *,
        what: str,
        detail: dict[str, JsonValue] | None = None,
        auditor: str | None = None,
    ) -> int:
        """Note an export (xlsx, PDF, signature) in the trail; returns the entry number."""
        with self.orm("noting an export") as transaction:
            if transaction.session.get(AuditRow, audit_uuid) is None:
                raise RecordNotFoundError("audit", audit_uuid)
            return transaction.append_trail(
                audit_uuid,
                TrailKind.EXPORT,
                auditor=self.auditor_or_default(auditor),
                detail={"what": what, **(detail or {})},
            )

    def _stored_trail(self, audit_uuid: str) -> list[StoredEntry]:
        rows = self.driver.execute(
            "SELECT audit_uuid, seq, at, auditor, kind, record_uuid, path, old_value_json, "
            "new_value_json, reason, detail_json, prev_hash, hash FROM trail_entry "
            "WHERE audit_uuid = :audit ORDER BY seq",
            {"audit": audit_uuid},
        ).fetchall()
        return [StoredEntry(*row) for row in rows]

    def list_trail(self, audit_uuid: str) -> list[TrailEntry]:
        with self._lock:
            return [trail_entry_from_stored(entry) for entry in self._stored_trail(audit_uuid)]

    def verify_trail(self, audit_uuid: str) -> TrailVerification:
        """Walk the hash chain; the result names the first broken entry, if any."""
        with self._lock:
            if (
                self.driver.execute(
                    "SELECT 1 FROM audit WHERE uuid = :uuid", {"uuid": audit_uuid}
                ).fetchone()
                is None
            ):
                raise RecordNotFoundError("audit", audit_uuid)
            return verify_chain(audit_uuid, self._stored_trail(audit_uuid))

    # -- maintenance ------------------------------------------------------------------
    def check(self) -> CheckReport:
        """``PRAGMA integrity_check``, ``foreign_key_check`` and every audit's trail."""
        with self._lock:
            try:
                integrity = tuple(
                    str(r[0]) for r in self.driver.execute("PRAGMA integrity_check").fetchall()
                )
                foreign = tuple(
                    f"{r[0]} row {r[1]} points to a missing {r[2]}"
                    for r in self.driver.execute("PRAGMA foreign_key_check").fetchall()
                )
                audits = [
                    str(r[0]) for r in self.driver.execute("SELECT uuid FROM audit").fetchall()
                ]
            except Exception as exc:
                raise self.fail(exc, "checking the database") from exc
        broken = tuple(v for v in (self.verify_trail(a) for a in audits) if not v.ok)
        return CheckReport(integrity, foreign, broken)

    def backup_to(self, target: Path) -> Path:
        """An online copy of the whole database (encrypted like it) at ``target``."""
        with self._lock:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                backups.copy_database(self.driver, target, self._passphrase)
            except Exception as exc:
                # Failing to create or open the copy is about the target, not the database.
                if isinstance(exc, OSError) or sqlite_code(exc) == SQLITE_CANTOPEN:
                    raise translate(
                        exc, target, keyed=self.encrypted, context="writing a backup"
                    ) from exc
                raise self.fail(exc, "writing a backup") from exc
        return target

    def take_rotating_backup(self, reason: str) -> Path:
        with self._lock:
            keep: JsonValue = backups.DEFAULT_KEEP
            # Before an upgrade from revision 0001 there is no settings table yet.
            if self.driver.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_setting'"
            ).fetchone():
                keep = self.get_setting(backups.KEEP_SETTING, backups.DEFAULT_KEEP)
            try:
                return backups.take_backup(
                    self.driver,
                    self.path,
                    self._passphrase,
                    reason=reason,
                    keep=keep if isinstance(keep, int) else backups.DEFAULT_KEEP,
                    folder=self._backup_folder,
                )
            except Exception as exc:
                raise self.fail(exc, "writing a backup") from exc

    def count_audits(self) -> int:
        with self._lock, self._engine.connect() as connection:
            count = connection.execute(select(func.count()).select_from(AuditRow)).scalar_one()
            connection.rollback()
        return int(count)
