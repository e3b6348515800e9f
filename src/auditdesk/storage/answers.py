"""Answers and attachments of form records: the path every keystroke takes.

``save_answer`` is the hot path: one ``BEGIN IMMEDIATE``, a read of the old value, one
pre-compiled INSERT … ON CONFLICT (or DELETE for a cleared answer), one trail row, one
durable COMMIT, all on the long-lived driver connection; no ORM unit of work.
"""

from __future__ import annotations

import hashlib
import json
from typing import cast

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql import ClauseElement

from auditdesk.domain import (
    AnswerValue,
    Attachment,
    InstanceDocument,
    JsonValue,
    RecordStatus,
    SavedAnswer,
    TrailKind,
    canonical_json,
    new_uuid,
)
from auditdesk.storage.base import RecordInfo, RepositoryBase
from auditdesk.storage.convert import attachment_from_row, json_object, now_utc, time_text
from auditdesk.storage.errors import ChangeRefusedError, RecordNotFoundError
from auditdesk.storage.schema import AnswerRow, AttachmentRow, FormRecordRow


def _compiled(statement: ClauseElement) -> str:
    """Compile a Core statement once to driver SQL with named parameters."""
    return str(statement.compile(dialect=sqlite.dialect(paramstyle="named")))


_upsert = sqlite_insert(AnswerRow).values(
    record_uuid=bindparam("record_uuid"),
    path=bindparam("path"),
    value_json=bindparam("value_json"),
    updated_at=bindparam("updated_at"),
)
UPSERT_ANSWER_SQL = _compiled(
    _upsert.on_conflict_do_update(
        index_elements=[AnswerRow.record_uuid, AnswerRow.path],
        set_={"value_json": _upsert.excluded.value_json, "updated_at": _upsert.excluded.updated_at},
    )
)
SELECT_ANSWER_SQL = _compiled(
    select(AnswerRow.value_json).where(
        AnswerRow.record_uuid == bindparam("record_uuid"), AnswerRow.path == bindparam("path")
    )
)
DELETE_ANSWER_SQL = _compiled(
    delete(AnswerRow).where(
        AnswerRow.record_uuid == bindparam("record_uuid"), AnswerRow.path == bindparam("path")
    )
)
SELECT_ANSWERS_SQL = _compiled(
    select(AnswerRow.path, AnswerRow.value_json)
    .where(AnswerRow.record_uuid == bindparam("record_uuid"))
    .order_by(AnswerRow.id)
)


class AnswerOperations(RepositoryBase):
    def _check_not_frozen(self, record_uuid: str) -> RecordInfo:
        info = self.record_info(record_uuid)
        if info.audit_status.is_frozen:
            raise ChangeRefusedError(
                f"The audit of record {record_uuid} is {info.audit_status.value}: its answers "
                "can no longer change."
            )
        return info

    def _check_answer_change(self, record_uuid: str, reason: str) -> RecordInfo:
        info = self._check_not_frozen(record_uuid)
        _require_reason_if_completed(info, reason)
        return info

    def save_answer(
        self,
        record_uuid: str,
        path: str,
        value: AnswerValue | JsonValue,
        *,
        auditor: str | None = None,
        reason: str = "",
    ) -> SavedAnswer:
        """Store one answer durably; the returned confirmation means it is on disk.

        ``None`` clears the answer. An unchanged value writes nothing.
        """
        new_json = None if value is None else canonical_json(value)
        with self.raw("saving an answer") as transaction:
            info = self._check_answer_change(record_uuid, reason)
            who = self.auditor_or_default(auditor)
            key = {"record_uuid": record_uuid, "path": path}
            row = self.driver.execute(SELECT_ANSWER_SQL, key).fetchone()
            old_json = None if row is None else str(row[0])
            saved_at = now_utc()
            seq = None
            if old_json != new_json:
                self._write_answer(record_uuid, path, new_json, time_text(saved_at) or "")
                seq = transaction.append_trail(
                    info.audit_uuid,
                    TrailKind.ANSWER,
                    auditor=who,
                    record_uuid=record_uuid,
                    path=path,
                    old_json=old_json,
                    new_json=new_json,
                    reason=reason,
                )
        return SavedAnswer(record_uuid, path, value, saved_at, seq is not None, seq)

    def _write_answer(
        self, record_uuid: str, path: str, value_json: str | None, saved_at: str
    ) -> None:
        if value_json is None:
            self.driver.execute(DELETE_ANSWER_SQL, {"record_uuid": record_uuid, "path": path})
        else:
            self.driver.execute(
                UPSERT_ANSWER_SQL,
                {
                    "record_uuid": record_uuid,
                    "path": path,
                    "value_json": value_json,
                    "updated_at": saved_at,
                },
            )

    def _answer_texts(self, record_uuid: str) -> dict[str, str]:
        rows = self.driver.execute(SELECT_ANSWERS_SQL, {"record_uuid": record_uuid}).fetchall()
        return {str(path): str(text) for path, text in rows}

    def get_answers(self, record_uuid: str) -> dict[str, JsonValue]:
        """Every answer of a record by path (``rep[2]/q``), in the order first given."""
        with self._lock:
            self.record_info(record_uuid)
            texts = self._answer_texts(record_uuid)
        return {path: cast(JsonValue, json.loads(text)) for path, text in texts.items()}

    def save_instance(
        self,
        record_uuid: str,
        instance: InstanceDocument,
        *,
        auditor: str | None = None,
        reason: str = "",
    ) -> int:
        """Make the stored answers equal the engine's instance JSON, in one transaction.

        Returns how many answers changed; each change gets its own trail entry.
        """
        with self.raw("saving a form instance") as transaction:
            # Saving an unchanged instance of a completed record is harmless: the reason
            # is asked for only once something would actually change.
            info = self._check_not_frozen(record_uuid)
            who = self.auditor_or_default(auditor)
            form_id, _ = self._record_form(record_uuid)
            if instance["form_id"] != form_id:
                raise ChangeRefusedError(
                    f"This instance is of form {instance['form_id']!r}, but record "
                    f"{record_uuid} holds form {form_id!r}."
                )
            old = self._answer_texts(record_uuid)
            new = {path: canonical_json(value) for path, value in instance["answers"].items()}
            saved_at = time_text(now_utc()) or ""
            changed = 0
            for path in [*new, *(p for p in old if p not in new)]:
                old_json, new_json = old.get(path), new.get(path)
                if old_json == new_json:
                    continue
                _require_reason_if_completed(info, reason)
                self._write_answer(record_uuid, path, new_json, saved_at)
                transaction.append_trail(
                    info.audit_uuid,
                    TrailKind.ANSWER,
                    auditor=who,
                    record_uuid=record_uuid,
                    path=path,
                    old_json=old_json,
                    new_json=new_json,
                    reason=reason,
                )
                changed += 1
            meta = {k: v for k, v in instance.items() if k not in ("answers", "form_id")}
            self.driver.execute(
                "UPDATE form_record SET instance_meta_json = :meta WHERE uuid = :uuid",
                {"meta": json.dumps(meta, sort_keys=True, ensure_ascii=False), "uuid": record_uuid},
            )
        return changed

    def _record_form(self, record_uuid: str) -> tuple[str, str]:
        row = self.driver.execute(
            "SELECT form_id, instance_meta_json FROM form_record WHERE uuid = :uuid",
            {"uuid": record_uuid},
        ).fetchone()
        if row is None:
            raise RecordNotFoundError("form record", record_uuid)
        return str(row[0]), str(row[1])

    def load_instance(self, record_uuid: str) -> InstanceDocument:
        """The record's instance JSON as the form engine reads it."""
        with self._lock:
            form_id, meta_text = self._record_form(record_uuid)
            version_row = self.driver.execute(
                "SELECT form_version FROM form_record WHERE uuid = :uuid", {"uuid": record_uuid}
            ).fetchone()
            answers = self.get_answers(record_uuid)
        meta = json_object(meta_text)
        repeats = meta.get("repeats")
        document: dict[str, object] = dict(meta)
        document.update(
            form_id=form_id,
            version=str(meta.get("version") or version_row[0]),
            answers=answers,
            repeats=repeats if isinstance(repeats, dict) else {},
        )
        return cast(InstanceDocument, document)

    def answer_counts(self, audit_uuid: str) -> dict[str, int]:
        """Answers per form record of an audit."""
        with self._lock:
            rows = self.driver.execute(
                "SELECT r.uuid, count(a.id) FROM form_record r LEFT JOIN answer a "
                "ON a.record_uuid = r.uuid WHERE r.audit_uuid = :audit GROUP BY r.uuid",
                {"audit": audit_uuid},
            ).fetchall()
        return {str(uuid): int(count) for uuid, count in rows}

    # -- attachments --------------------------------------------------------------------
    def add_attachment(
        self,
        record_uuid: str,
        question_path: str,
        filename: str,
        mime_type: str,
        content: bytes,
        *,
        caption: str = "",
        auditor: str | None = None,
    ) -> Attachment:
        """Keep a photo or document inside the database (encrypted with it)."""
        digest = hashlib.sha256(content).hexdigest()
        with self.orm("adding an attachment") as transaction:
            info = self._check_not_frozen(record_uuid)
            row = AttachmentRow(
                uuid=new_uuid(),
                record_uuid=record_uuid,
                question_path=question_path,
                filename=filename,
                mime_type=mime_type,
                sha256=digest,
                size=len(content),
                caption=caption,
                created_at=time_text(now_utc()),
                content=content,
            )
            transaction.session.add(row)
            transaction.append_trail(
                info.audit_uuid,
                TrailKind.ATTACHMENT_ADDED,
                auditor=self.auditor_or_default(auditor),
                record_uuid=record_uuid,
                path=question_path,
                detail={"attachment": row.uuid, "filename": filename, "sha256": digest},
            )
            attachment = attachment_from_row(row)
        return attachment

    def list_attachments(self, record_uuid: str) -> list[Attachment]:
        with self.orm("listing attachments") as transaction:
            rows = transaction.session.scalars(
                select(AttachmentRow)
                .where(AttachmentRow.record_uuid == record_uuid)
                .order_by(AttachmentRow.created_at)
            )
            return [attachment_from_row(row) for row in rows]

    def list_audit_attachments(self, audit_uuid: str) -> list[Attachment]:
        with self.orm("listing attachments") as transaction:
            rows = transaction.session.scalars(
                select(AttachmentRow)
                .join(FormRecordRow, FormRecordRow.uuid == AttachmentRow.record_uuid)
                .where(FormRecordRow.audit_uuid == audit_uuid)
                .order_by(AttachmentRow.created_at)
            )
            return [attachment_from_row(row) for row in rows]

    def get_attachment_content(self, attachment_uuid: str) -> bytes:
        with self._lock:
            row = self.driver.execute(
                "SELECT content FROM attachment WHERE uuid = :uuid", {"uuid": attachment_uuid}
            ).fetchone()
        if row is None:
            raise RecordNotFoundError("attachment", attachment_uuid)
        return bytes(row[0])

    def set_attachment_caption(self, attachment_uuid: str, caption: str) -> None:
        with self.orm("changing a caption") as transaction:
            row = transaction.session.get(AttachmentRow, attachment_uuid)
            if row is None:
                raise RecordNotFoundError("attachment", attachment_uuid)
            row.caption = caption


def _require_reason_if_completed(info: RecordInfo, reason: str) -> None:
    if info.status is RecordStatus.COMPLETED and not reason.strip():
        raise ChangeRefusedError(
            "This form record is completed: give a reason for changing an answer."
        )
