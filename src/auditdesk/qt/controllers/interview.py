"""The interview: the screen's intents become session calls, and every answer is stored.

The session (form engine) validates, recomputes and navigates; the repository stores each
answer durably before the status bar says "Saved"; this controller only routes: intents
from :class:`InterviewScreen` to the session and the :class:`RecordStore`, and the state
to draw (:func:`interview_state`) back to the screen.
"""

from __future__ import annotations

import datetime
import mimetypes
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from auditdesk.domain import FormRecord, RecordStatus
from auditdesk.jobs import Progress
from auditdesk.qt.controllers.form_library import FormLibrary
from auditdesk.qt.controllers.interview_help import HelpBuilder
from auditdesk.qt.controllers.interview_view import interview_state
from auditdesk.qt.controllers.open_record import OpenRecord
from auditdesk.qt.controllers.outline import outline
from auditdesk.qt.controllers.position import Position, PositionStore
from auditdesk.qt.controllers.record_store import RecordStore
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import interface_language, ntr, tr
from auditdesk.qt.interview.base import NewAttachment
from auditdesk.qt.progress_dialog import run_with_progress
from auditdesk.qt.screens.interview import InterviewScreen
from auditdesk.qt.workers import JobRunner

if TYPE_CHECKING:
    from auditdesk.formengine import FormDefinition


class InterviewController(QObject):
    record_closed = Signal(str, str)  # audit uuid, record uuid
    record_changed = Signal(str)  # record uuid: answers or status moved on
    message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        library: FormLibrary,
        screen: InterviewScreen,
        dialogs: Dialogs,
        runner: JobRunner,
        positions: PositionStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._library = library
        self._screen = screen
        self._dialogs = dialogs
        self._runner = runner
        self._positions = positions
        self._store = RecordStore(workspace)
        self._help = HelpBuilder()
        self.current: OpenRecord | None = None
        screen.answer_given.connect(self.answer)
        screen.next_requested.connect(self.next)
        screen.back_requested.connect(self.back)
        screen.jump_requested.connect(self.jump)
        screen.language_chosen.connect(self.set_language)
        screen.add_repeat_requested.connect(self.add_repeat)
        screen.remove_repeat_requested.connect(self.remove_repeat)
        screen.note_changed.connect(self.set_note)
        screen.attach_evidence_requested.connect(self.attach_evidence)
        screen.reopen_requested.connect(self.reopen)
        screen.close_requested.connect(self.close)

    # -- opening ------------------------------------------------------------------------
    def open_record(
        self,
        record_uuid: str,
        *,
        path: str = "",
        language: str = "",
        on_ready: Callable[[], None] | None = None,
    ) -> None:
        """Load the record's form (in the background when not yet loaded) and show it."""
        repository = self._workspace.repository
        record = repository.get_form_record(record_uuid)
        snapshot = (
            repository.get_form_snapshot(record.snapshot_id)
            if record.snapshot_id is not None
            else None
        )

        def load(progress: Progress) -> FormDefinition:
            progress.start(1, tr("Loading the checklist"))
            if snapshot is not None:
                definition = self._library.load_snapshot(snapshot)
            else:
                form = self._library.bundled_form(record.kind)
                if form is None:
                    raise LookupError(tr("The checklist of this record is missing."))
                definition = self._library.load_bundled(form)
            self._help.catalogue(definition)
            progress.advance()
            return definition

        def ready(definition: FormDefinition) -> None:
            self._start(record, definition, path, language)
            if on_ready is not None:
                on_ready()

        if snapshot is not None and self._library.is_loaded(snapshot.content):
            ready(load(Progress()))
            return
        run_with_progress(
            self._screen,
            self._runner,
            load,
            title=tr("Loading the checklist"),
            on_success=ready,
            on_failure=lambda message, _details: self._dialogs.show_error(
                self._screen, tr("The checklist could not be loaded"), message
            ),
        )

    def _start(
        self, record: FormRecord, definition: FormDefinition, path: str, language: str
    ) -> None:
        from auditdesk.formengine import FormInstance, FormSession

        repository = self._workspace.repository
        document = repository.load_instance(record.uuid)
        instance = FormInstance.from_json(document, definition)
        audit = repository.get_audit(record.audit_uuid)
        if record.status is not RecordStatus.COMPLETED and not audit.status.is_frozen:
            self._store.prefill(record, definition, instance)
        raw_notes = document.get("notes")
        notes = (
            {str(k): str(v) for k, v in raw_notes.items()} if isinstance(raw_notes, dict) else {}
        )
        profile = repository.get_auditor_profile()
        if language not in definition.languages:  # first opening: the auditor's own language
            language = next(
                (
                    code
                    for code in definition.languages
                    if code.endswith(f"({interface_language()})")
                ),
                "",
            )
        session = FormSession(
            definition,
            instance,
            language=language or None,
            username=profile.name if profile else "",
        )
        current = OpenRecord(
            record=record,
            audit_uuid=record.audit_uuid,
            session=session,
            saved_answers=dict(document["answers"]),
            saved_repeats=dict(document.get("repeats") or {}),
            notes=notes,
            saved_notes=dict(notes),
            frozen_audit=audit.status.is_frozen,
        )
        self.current = current
        if not current.locked_reason():
            self._persist()  # start time, today's date, prefilled figures: stored at once
        current.fill_respondent_code()
        if path:
            try:
                session.jump(path)
            except Exception:  # noqa: BLE001 - a stale position just starts at the top
                session.step_next()
        else:
            session.step_next()
        self._render()

    # -- answering ----------------------------------------------------------------------
    def answer(self, path: str, value: object) -> None:
        from auditdesk.formengine import AnswerStatus

        current = self.current
        if current is None or current.locked_reason():
            return
        if isinstance(value, NewAttachment):
            stored = self._store.store_attachment(current, path, value)
            if stored is None:
                return
            value = stored
        result = current.session.answer(path, value)
        if result.status not in (AnswerStatus.OK, AnswerStatus.REQUIRED_BUT_EMPTY):
            current.errors[path] = result.message or tr("This answer was not accepted.")
            self._screen.show_errors(current.screen_errors())
            self._refresh_navigator()
            return
        current.errors.pop(path, None)
        current.fill_respondent_code()
        self._persist(path)
        if result.status is AnswerStatus.REQUIRED_BUT_EMPTY:
            current.errors[path] = result.message
        self._screen.show_errors(current.screen_errors())
        changes = result.changes
        redraw = (
            changes.relevance
            | changes.choices
            | changes.labels
            | changes.repeats
            | changes.required
            | changes.read_only
        )
        screen = current.session.screen
        on_screen = {p.path for p in screen.prompts}
        shown = {block.prompt.path for block in self._screen.blocks}
        if redraw & (on_screen | {screen.path}) or shown != on_screen:
            self._render(keep_focus=path)  # the screen itself changed: questions came or went
            return
        for changed in changes.values - {path}:
            if changed in on_screen:  # a calculation shown beside the answer
                self._screen.show_value(changed, current.session.value(changed))
        self._refresh_navigator()

    def _persist(self, answered: str | None = None) -> bool:
        current = self.current
        if current is None:
            return False
        stored = self._store.persist(current, answered)
        if stored:
            self.record_changed.emit(current.record.uuid)
        return stored

    # -- moving -------------------------------------------------------------------------
    def next(self) -> None:
        from auditdesk.formengine import ScreenKind

        current = self.current
        if current is None:
            return
        if current.session.screen.kind is ScreenKind.END:
            self.finish()
            return
        if not current.locked_reason():
            blocking = current.blocking_errors()
            if blocking:
                current.errors.update(blocking)
                self._screen.show_errors(current.screen_errors())
                self._refresh_navigator()
                block = self._screen.block(next(iter(blocking)))
                if block is not None:
                    block.input.focus_input()
                return
        current.session.step_next()
        self._render()

    def back(self) -> None:
        from auditdesk.formengine import ScreenKind

        current = self.current
        if current is None:
            return
        if current.session.step_previous().kind is ScreenKind.BEGINNING:
            current.session.step_next()
        self._render()

    def jump(self, path: str) -> None:
        from auditdesk.formengine import SessionError

        current = self.current
        if current is None:
            return
        try:
            current.session.jump(path)
        except SessionError:
            return
        self._render()

    def set_language(self, language: str) -> None:
        current = self.current
        if current is None or language == current.session.language:
            return
        current.session.set_language(language)
        self._render()

    # -- repeats ------------------------------------------------------------------------
    def add_repeat(self) -> None:
        current = self.current
        if current is None or current.locked_reason():
            return
        count_key = current.repeat_count_key()
        if count_key is None:
            return
        new_path, _changes = current.session.add_repeat(count_key)
        self._persist()
        current.session.jump(new_path)
        self._render()

    def remove_repeat(self) -> None:
        from auditdesk.formengine import SessionError

        current = self.current
        if current is None or current.locked_reason():
            return
        place = current.repeat_instance()
        if place is None:
            return
        instance_path, item = place
        if not self._dialogs.confirm(
            self._screen,
            tr("Remove"),
            tr("Remove this {item} and every answer in it?").format(item=item.lower()),
            tr("Remove"),
        ):
            return
        current.session.remove_repeat(instance_path)
        current.errors = {
            p: m for p, m in current.errors.items() if not p.startswith(instance_path)
        }
        self._persist()
        try:  # the next instance moved into this place; if there is none, the repeat's end
            current.session.jump(instance_path)
        except SessionError:
            current.session.jump(instance_path.rsplit("[", 1)[0])
        self._render()

    # -- evidence -----------------------------------------------------------------------
    def set_note(self, text: str) -> None:
        current = self.current
        if current is None or current.locked_reason():
            return
        path = current.evidence_path()
        if text.strip():
            current.notes[path] = text
        else:
            current.notes.pop(path, None)
        self._persist()

    def attach_evidence(self) -> None:
        current = self.current
        if current is None or current.locked_reason():
            return
        chosen = self._dialogs.choose_file(self._screen, tr("Attach evidence"), "")
        if chosen is None:
            return
        mime = mimetypes.guess_type(chosen.name)[0] or "application/octet-stream"
        path = current.evidence_path()
        attachment = NewAttachment(chosen.name, chosen.read_bytes(), mime)
        if self._store.store_attachment(current, path, attachment) is not None:
            self._screen.evidence.show_files(self._store.file_names(current, path))

    def load_attachment(self, path: str, filename: str) -> bytes | None:
        """A stored file's bytes, for a question widget's preview."""
        return None if self.current is None else self._store.content(self.current, path, filename)

    # -- finishing, reopening, closing --------------------------------------------------
    def finish(self) -> None:
        from auditdesk.storage import StorageError

        current = self.current
        if current is None:
            return
        if current.record.status is RecordStatus.COMPLETED and not current.reason:
            self.close()
            return
        problems = current.session.finish()
        self._persist()
        if problems:
            current.errors = dict(problems)
            self._render(
                extra_end=ntr(
                    "{count} question still needs attention: open the list of questions to "
                    "go there.",
                    "{count} questions still need attention: open the list of questions to "
                    "go there.",
                    len(problems),
                ).format(count=len(problems))
            )
            self._screen.open_navigator()
            return
        try:
            current.record = self._workspace.repository.set_record_status(
                current.record.uuid,
                RecordStatus.COMPLETED,
                consent_given=current.consent(),
                reason=current.reason,
            )
        except StorageError as error:
            self._workspace.save_failed.emit(error.user_message)
            return
        self._workspace.saved.emit(datetime.datetime.now().astimezone())
        self.message.emit(tr("{record} is completed.").format(record=current.title()))
        self.record_changed.emit(current.record.uuid)
        self.close()

    def reopen(self) -> None:
        from auditdesk.storage import StorageError

        current = self.current
        if current is None or current.frozen_audit:
            return
        reason = self._dialogs.ask_reason(
            self._screen,
            tr("Reopen a completed record"),
            tr(
                "Why do answers of this completed record need to change? The reason is "
                "recorded in the audit trail with every change."
            ),
        )
        if not reason:
            return
        try:
            current.record = self._workspace.repository.set_record_status(
                current.record.uuid, RecordStatus.IN_PROGRESS, reason=reason
            )
        except StorageError as error:
            self._dialogs.show_error(self._screen, tr("Not reopened"), error.user_message)
            return
        current.reason = reason  # every change until it is completed again carries it
        self.record_changed.emit(current.record.uuid)
        self._render()

    def flush(self) -> None:
        """Store what the screen still holds (text being typed, the evidence note)."""
        if self.current is not None:
            self._screen.commit_pending()
            self._persist()

    def release(self) -> None:
        """Store what is typed and let go of the record; the saved position stays, so
        reopening this database returns to the question (used before it closes)."""
        self.flush()
        self.current = None

    def close(self) -> None:
        current = self.current
        if current is None:
            return
        self._screen.commit_pending()
        self._persist()
        self.current = None
        self._positions.save(Position(audit=current.audit_uuid))
        self.record_closed.emit(current.audit_uuid, current.record.uuid)

    # -- drawing ------------------------------------------------------------------------
    def _render(self, *, keep_focus: str = "", extra_end: str = "") -> None:
        current = self.current
        assert current is not None
        screen = current.session.screen
        files = self._store.file_names(current, current.evidence_path()) if screen.prompts else ()
        state = interview_state(current, self._help, files, extra_end)
        self._screen.show_state(state, focus=not keep_focus)
        if keep_focus:
            block = self._screen.block(keep_focus)
            if block is not None:
                block.input.focus_input()
            else:
                self._screen.focus_first_question()
        self._positions.save(
            Position(current.audit_uuid, current.record.uuid, screen.path, current.session.language)
        )

    def _refresh_navigator(self) -> None:
        current = self.current
        assert current is not None
        self._screen.navigator.set_entries(
            outline(current.session, current.session.screen.path, current.errors)
        )
