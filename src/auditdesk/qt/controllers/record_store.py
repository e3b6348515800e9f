"""What the interview writes: answers (durably, as given), notes, attachments, prefills.

Each answer goes through the repository's durable ``save_answer`` when it is the only
change; when a change moves several values (calculations, a repeat added or removed, a
note) the whole instance is stored in one transaction with ``save_instance``.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from auditdesk.domain import FormRecord, JsonValue, RecordStatus
from auditdesk.qt.controllers.open_record import OpenRecord
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.interview.base import NewAttachment

if TYPE_CHECKING:
    from auditdesk.formengine import FormDefinition, FormInstance


class RecordStore:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def prefill(
        self, record: FormRecord, definition: FormDefinition, instance: FormInstance
    ) -> None:
        """Copy the figures this form takes from the audit's other records (site profile).

        Prefilled questions are read-only in the session, so they are set before it starts,
        and refreshed at every opening until the record is completed.
        """
        from auditdesk.formengine.prefill import prefill_sources, prefill_values

        wanted = {source.form for source in prefill_sources(definition)}
        if not wanted:
            return
        repository = self._workspace.repository
        donors: dict[str, dict[str, Any]] = {}
        for other in repository.list_form_records(record.audit_uuid):
            if other.uuid == record.uuid or other.snapshot_id is None:
                continue
            stem = Path(repository.get_form_snapshot(other.snapshot_id).filename).stem
            if stem in wanted and stem not in donors:
                answers = repository.load_instance(other.uuid)["answers"]
                donors[stem] = {
                    path.rsplit("/", 1)[-1]: value
                    for path, value in answers.items()
                    if "[" not in path
                }
        values, _problems = prefill_values(definition, donors)
        instance.answers.update(values)

    def persist(self, current: OpenRecord, answered: str | None = None) -> bool:
        """Store what changed since the last save; True once it is on disk."""
        from auditdesk.storage import StorageError

        instance = current.session.instance
        answers = instance.json_answers()
        repeats = dict(instance.repeats)
        changed = {
            path
            for path in answers.keys() | current.saved_answers.keys()
            if answers.get(path) != current.saved_answers.get(path)
        }
        same_rest = repeats == current.saved_repeats and current.notes == current.saved_notes
        if not changed and same_rest:
            return True
        repository = self._workspace.repository
        try:
            if changed == {answered} and same_rest:
                assert answered is not None
                value = cast(JsonValue, answers.get(answered))
                repository.save_answer(current.record.uuid, answered, value, reason=current.reason)
            else:
                document: dict[str, Any] = instance.to_json()
                document["notes"] = dict(current.notes)
                repository.save_instance(
                    current.record.uuid,
                    document,  # type: ignore[arg-type]
                    reason=current.reason,
                )
            if current.record.status is RecordStatus.DRAFT:
                current.record = repository.set_record_status(
                    current.record.uuid, RecordStatus.IN_PROGRESS
                )
        except StorageError as error:
            self._workspace.save_failed.emit(error.user_message)
            return False
        current.saved_answers = answers
        current.saved_repeats = repeats
        current.saved_notes = dict(current.notes)
        self._workspace.saved.emit(datetime.datetime.now().astimezone())
        return True

    def store_attachment(
        self, current: OpenRecord, path: str, attachment: NewAttachment
    ) -> str | None:
        """Keep a file inside the database; its name is then the question's answer."""
        from auditdesk.storage import StorageError

        try:
            stored = self._workspace.repository.add_attachment(
                current.record.uuid,
                path,
                attachment.filename,
                attachment.mime_type,
                attachment.content,
            )
        except StorageError as error:
            self._workspace.save_failed.emit(error.user_message)
            return None
        self._workspace.saved.emit(datetime.datetime.now().astimezone())
        return stored.filename

    def file_names(self, current: OpenRecord, path: str) -> tuple[str, ...]:
        return tuple(
            attachment.filename
            for attachment in self._workspace.repository.list_attachments(current.record.uuid)
            if attachment.question_path == path
        )

    def content(self, current: OpenRecord, path: str, filename: str) -> bytes | None:
        repository = self._workspace.repository
        for attachment in reversed(repository.list_attachments(current.record.uuid)):
            if attachment.question_path == path and attachment.filename == filename:
                return repository.get_attachment_content(attachment.uuid)
        return None
