"""The interview: the screen's intents become session calls, and every answer is stored.

The session (form engine) validates, recomputes and navigates; the repository stores each
answer durably before the status bar says "Saved"; this controller only moves values
between them and tells the screen what to draw.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Signal

from auditdesk.domain import FormRecord, JsonValue, RecordStatus
from auditdesk.jobs import Progress
from auditdesk.qt.controllers.form_library import FormLibrary
from auditdesk.qt.controllers.interview_help import HelpBuilder
from auditdesk.qt.controllers.outline import outline
from auditdesk.qt.controllers.position import Position, PositionStore
from auditdesk.qt.controllers.workspace import Workspace
from auditdesk.qt.dialogs import Dialogs
from auditdesk.qt.i18n import ntr, tr
from auditdesk.qt.interview.base import NewAttachment
from auditdesk.qt.interview.navigator import Mark
from auditdesk.qt.interview.repeat_bar import RepeatPlace
from auditdesk.qt.interview.screen_state import InterviewState
from auditdesk.qt.labels import label
from auditdesk.qt.progress_dialog import run_with_progress
from auditdesk.qt.screens.interview import InterviewScreen
from auditdesk.qt.workers import JobRunner

if TYPE_CHECKING:
    from auditdesk.formengine import FormDefinition, FormSession, Screen

RESPONDENT_QUESTION = "respondent_code"
"""The worker interviews ask for the respondent code; the app fills in the record's own."""
CONSENT_QUESTIONS = ("consent", "group_consent")


@dataclass
class _Open:
    """The record being filled and what has reached the disk so far."""

    record: FormRecord
    audit_uuid: str
    session: FormSession
    saved_answers: dict[str, Any]
    saved_repeats: dict[str, int]
    notes: dict[str, str]
    saved_notes: dict[str, str]
    frozen_audit: bool
    reason: str = ""
    errors: dict[str, str] = field(default_factory=dict)


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
        self._help = HelpBuilder()
        self.current: _Open | None = None
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
            self._prefill(record, definition, instance)
        raw_notes = document.get("notes")
        notes = (
            {str(k): str(v) for k, v in raw_notes.items()} if isinstance(raw_notes, dict) else {}
        )
        languages = definition.languages
        chosen = language if language in languages else None
        profile = repository.get_auditor_profile()
        session = FormSession(
            definition,
            instance,
            language=chosen,
            username=profile.name if profile else "",
        )
        self.current = _Open(
            record=record,
            audit_uuid=record.audit_uuid,
            session=session,
            saved_answers=dict(document["answers"]),
            saved_repeats=dict(document.get("repeats") or {}),
            notes=notes,
            saved_notes=dict(notes),
            frozen_audit=audit.status.is_frozen,
        )
        if not self._locked_reason():
            self._persist()  # start time, today's date, prefilled figures: stored at once
        self._fill_respondent_code()
        if path:
            try:
                session.jump(path)
            except Exception:  # noqa: BLE001 - a stale position just starts at the top
                session.step_next()
        else:
            session.step_next()
        self._render()

    def _prefill(self, record: FormRecord, definition: FormDefinition, instance: Any) -> None:
        """Copy the figures this form takes from the audit's other records (site profile).

        Prefilled questions are read-only in the session, so they are set before it starts,
        and refreshed at every opening until the record is completed.
        """
        from pathlib import Path

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

    # -- answering ----------------------------------------------------------------------
    def answer(self, path: str, value: object) -> None:
        from auditdesk.formengine import AnswerStatus

        current = self.current
        if current is None or self._locked_reason():
            return
        if isinstance(value, NewAttachment):
            stored = self._store_attachment(path, value)
            if stored is None:
                return
            value = stored
        result = current.session.answer(path, value)
        if result.status in (AnswerStatus.OK, AnswerStatus.REQUIRED_BUT_EMPTY):
            current.errors.pop(path, None)
            self._fill_respondent_code()
            self._persist(path)
            if result.status is AnswerStatus.REQUIRED_BUT_EMPTY:
                current.errors[path] = result.message
            self._screen.show_errors(self._screen_errors())
            redraw = (
                result.changes.relevance
                | result.changes.choices
                | result.changes.labels
                | result.changes.repeats
                | result.changes.required
                | result.changes.read_only
            )
            on_screen = {p.path for p in current.session.screen.prompts}
            if redraw & (on_screen | {current.session.screen.path}) or self._shown_paths() != (
                on_screen
            ):
                self._render(keep_focus=path)
            else:
                for changed in result.changes.values - {path}:
                    if changed in on_screen:
                        self._screen.show_value(changed, current.session.value(changed))
                self._refresh_navigator()
        else:
            current.errors[path] = result.message or tr("This answer was not accepted.")
            self._screen.show_errors(self._screen_errors())
            self._refresh_navigator()

    def _fill_respondent_code(self) -> None:
        """Answer the form's respondent-code question with the record's anonymous code."""
        current = self.current
        if current is None:
            return
        definition = current.session.definition
        question = definition.find(RESPONDENT_QUESTION)
        if question is None or question.repeat_depth:
            return
        path = question.path
        if (
            current.session.is_relevant(path)
            and current.session.value(path) is None
            and current.record.respondent_code
        ):
            current.session.answer(path, current.record.respondent_code)

    def _store_attachment(self, path: str, attachment: NewAttachment) -> str | None:
        from auditdesk.storage import StorageError

        current = self.current
        assert current is not None
        try:
            stored = self._workspace.repository.add_attachment(
                current.record.uuid,
                path,
                attachment.filename,
                attachment.mime_type,
                attachment.content,
                auditor=None,
            )
        except StorageError as error:
            self._workspace.save_failed.emit(error.user_message)
            return None
        return stored.filename

    def _persist(self, answered: str | None = None) -> bool:
        """Store what changed since the last save; True once it is on disk."""
        from auditdesk.storage import StorageError

        current = self.current
        if current is None:
            return False
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
        self.record_changed.emit(current.record.uuid)
        return True

    # -- moving -------------------------------------------------------------------------
    def next(self) -> None:
        from auditdesk.formengine import ScreenKind

        current = self.current
        if current is None:
            return
        screen = current.session.screen
        if screen.kind is ScreenKind.END:
            self.finish()
            return
        if not self._locked_reason():
            blocking = self._blocking_errors(screen)
            if blocking:
                current.errors.update(blocking)
                self._screen.show_errors(self._screen_errors())
                self._refresh_navigator()
                first = next(iter(blocking))
                block = self._screen.block(first)
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

    def _blocking_errors(self, screen: Screen) -> dict[str, str]:
        """Required questions left empty and answers not accepted on this screen."""
        current = self.current
        assert current is not None
        found: dict[str, str] = {}
        for prompt in screen.prompts:
            if prompt.path in current.errors:
                found[prompt.path] = current.errors[prompt.path]
            elif prompt.required and prompt.value is None and not prompt.read_only:
                found[prompt.path] = prompt.required_message
        return found

    def set_language(self, language: str) -> None:
        current = self.current
        if current is None or language == current.session.language:
            return
        current.session.set_language(language)
        self._render()

    # -- repeats ------------------------------------------------------------------------
    def add_repeat(self) -> None:
        current = self.current
        if current is None or self._locked_reason():
            return
        count_key = self._repeat_count_key()
        if count_key is None:
            return
        new_path, _changes = current.session.add_repeat(count_key)
        self._persist()
        current.session.jump(new_path)
        self._render()

    def remove_repeat(self) -> None:
        current = self.current
        if current is None or self._locked_reason():
            return
        place = self._repeat_instance()
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
        from auditdesk.formengine import SessionError

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

    def _repeat_count_key(self) -> str | None:
        from auditdesk.formengine import ScreenKind

        current = self.current
        assert current is not None
        screen = current.session.screen
        if screen.kind is ScreenKind.REPEAT_PROMPT:
            return screen.path
        place = self._repeat_instance()
        if place is None:
            return None
        return place[0].rsplit("[", 1)[0]

    def _repeat_instance(self) -> tuple[str, str] | None:
        """The innermost repeat instance around the screen: (instance path, item name)."""
        from auditdesk.formengine import RepeatDef
        from auditdesk.formengine.definition import pick_text
        from auditdesk.formengine.instance import path_format, split_instance_path

        current = self.current
        assert current is not None
        screen = current.session.screen
        element = screen.element
        if element is None or not element.repeats:
            return None
        definition = current.session.definition
        repeat = definition.by_path(element.repeats[-1])
        if not isinstance(repeat, RepeatDef):
            return None
        _, indexes = split_instance_path(screen.path)
        depth = repeat.repeat_depth
        instance_path = path_format(definition, repeat.path).format(*indexes[:depth])
        item = (
            pick_text(repeat.labels, current.session.language, definition.settings.default_language)
            or repeat.name
        )
        return instance_path, item

    # -- evidence -----------------------------------------------------------------------
    def _evidence_path(self) -> str:
        current = self.current
        assert current is not None
        screen = current.session.screen
        return screen.prompts[0].path if len(screen.prompts) == 1 else screen.path

    def set_note(self, text: str) -> None:
        current = self.current
        if current is None or self._locked_reason():
            return
        path = self._evidence_path()
        if text.strip():
            current.notes[path] = text
        else:
            current.notes.pop(path, None)
        self._persist()

    def attach_evidence(self) -> None:
        current = self.current
        if current is None or self._locked_reason():
            return
        chosen = self._dialogs.choose_file(self._screen, tr("Attach evidence"), "")
        if chosen is None:
            return
        import mimetypes

        content = chosen.read_bytes()
        mime = mimetypes.guess_type(chosen.name)[0] or "application/octet-stream"
        if (
            self._store_attachment(self._evidence_path(), NewAttachment(chosen.name, content, mime))
            is not None
        ):
            self._workspace.saved.emit(datetime.datetime.now().astimezone())
            self._screen.evidence.show_files(self._evidence_files())

    def _evidence_files(self) -> tuple[str, ...]:
        current = self.current
        assert current is not None
        path = self._evidence_path()
        return tuple(
            a.filename
            for a in self._workspace.repository.list_attachments(current.record.uuid)
            if a.question_path == path
        )

    def load_attachment(self, path: str, filename: str) -> bytes | None:
        current = self.current
        if current is None:
            return None
        repository = self._workspace.repository
        for attachment in reversed(repository.list_attachments(current.record.uuid)):
            if attachment.question_path == path and attachment.filename == filename:
                return repository.get_attachment_content(attachment.uuid)
        return None

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
                    "{count} question still needs attention: open the list of questions to go "
                    "there.",
                    "{count} questions still need attention: open the list of questions to go "
                    "there.",
                    len(problems),
                ).format(count=len(problems))
            )
            self._screen.open_navigator()
            return
        consent = self._consent()
        try:
            current.record = self._workspace.repository.set_record_status(
                current.record.uuid,
                RecordStatus.COMPLETED,
                consent_given=consent,
                reason=current.reason,
            )
        except StorageError as error:
            self._workspace.save_failed.emit(error.user_message)
            return
        self._workspace.saved.emit(datetime.datetime.now().astimezone())
        self.message.emit(tr("{record} is completed.").format(record=self._record_title()))
        self.record_changed.emit(current.record.uuid)
        self.close()

    def _consent(self) -> bool | None:
        current = self.current
        assert current is not None
        for name in CONSENT_QUESTIONS:
            question = current.session.definition.find(name)
            if question is not None and not question.repeat_depth:
                return current.session.value(question.path) == "yes"
        return None

    def reopen(self) -> None:
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
        from auditdesk.storage import StorageError

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
    def _locked_reason(self) -> str:
        current = self.current
        if current is None:
            return ""
        if current.frozen_audit:
            return tr("This audit is signed or archived: its answers can no longer change.")
        if current.record.status is RecordStatus.COMPLETED and not current.reason:
            return tr(
                "This record is completed. To change an answer, reopen it and say why: "
                "the reason is kept in the audit trail."
            )
        return ""

    def _record_title(self) -> str:
        current = self.current
        assert current is not None
        record = current.record
        return f"{label(record.kind)} · {record.respondent_code}"

    def _screen_errors(self) -> dict[str, str]:
        current = self.current
        assert current is not None
        return {
            p.path: current.errors[p.path]
            for p in current.session.screen.prompts
            if p.path in current.errors
        }

    def _shown_paths(self) -> set[str]:
        return {block.prompt.path for block in self._screen.blocks}

    def _render(self, *, keep_focus: str = "", extra_end: str = "") -> None:
        from auditdesk.formengine import ScreenKind
        from auditdesk.formengine.definition import pick_text

        current = self.current
        assert current is not None
        session = current.session
        screen = session.screen
        definition = session.definition
        entries = outline(session, screen.path, current.errors)
        asked = [e for e in entries if e.mark not in (Mark.GROUP, Mark.NOTE)]
        answered = sum(1 for e in asked if e.mark is Mark.ANSWERED)
        locked = self._locked_reason()
        repeat: RepeatPlace | None = None
        end_message = ""
        if screen.kind is ScreenKind.REPEAT_PROMPT:
            element = screen.element
            item = (
                pick_text(element.labels, session.language, definition.settings.default_language)
                if element
                else ""
            )
            count = session.repeat_count(screen.path)
            repeat = RepeatPlace(
                item=item or tr("Item"), index=0, count=count, can_add=not locked, can_remove=False
            )
            end_message = (
                ntr(
                    "{count} recorded so far. Add another, or press Enter to go on.",
                    "{count} recorded so far. Add another, or press Enter to go on.",
                    count,
                ).format(count=count)
                if count
                else tr("None recorded yet. Add one, or press Enter to go on.")
            )
        elif screen.kind is ScreenKind.END:
            end_message = (
                tr("End of the checklist.")
                + " "
                + (extra_end or tr("Press Finish (or Enter) to mark this record as completed."))
            )
        else:
            place = self._repeat_instance()
            if place is not None:
                instance_path, item = place
                count_key = instance_path.rsplit("[", 1)[0]
                index = int(instance_path.rsplit("[", 1)[1].rstrip("]"))
                counted = False
                if screen.element is not None:
                    repeat_def = definition.by_path(screen.element.repeats[-1])
                    counted = repeat_def.bindings.repeat_count is not None
                repeat = RepeatPlace(
                    item=item,
                    index=index,
                    count=session.repeat_count(count_key),
                    can_add=not locked and not counted,
                    can_remove=not locked and not counted,
                )
        evidence_path = self._evidence_path() if screen.prompts else ""
        state = InterviewState(
            record_title=self._record_title(),
            section=self._section(screen),
            prompts=screen.prompts,
            errors={
                p.path: current.errors[p.path] for p in screen.prompts if p.path in current.errors
            },
            answered=answered,
            total=len(asked),
            repeat=repeat,
            help=self._help.for_prompts(definition, screen.prompts, session.language),
            at_start=self._at_start(),
            at_end=screen.kind is ScreenKind.END,
            language=session.language,
            languages=tuple((code, _language_name(code)) for code in session.languages),
            locked_reason=locked,
            can_reopen=bool(locked) and not current.frozen_audit,
            evidence_note=current.notes.get(evidence_path, ""),
            evidence_files=self._evidence_files() if evidence_path else (),
            end_message=end_message,
            navigator=entries,
        )
        self._screen.show_state(state, focus=not keep_focus)
        if keep_focus:
            block = self._screen.block(keep_focus)
            if block is not None:
                block.input.focus_input()
            else:
                self._screen.focus_first_question()
        self._positions.save(
            Position(current.audit_uuid, current.record.uuid, screen.path, session.language)
        )

    def _refresh_navigator(self) -> None:
        current = self.current
        assert current is not None
        self._screen.navigator.set_entries(
            outline(current.session, current.session.screen.path, current.errors)
        )

    def _at_start(self) -> bool:
        """Whether Back has nowhere to go: step back, look, and return to the same place."""
        from auditdesk.formengine import ScreenKind

        current = self.current
        assert current is not None
        session = current.session
        here = session.screen
        if here.kind is ScreenKind.END or not here.path:
            return False
        at_start = session.step_previous().kind is ScreenKind.BEGINNING
        session.jump(here.path)
        return at_start

    def _section(self, screen: Screen) -> str:
        from auditdesk.formengine import GroupDef
        from auditdesk.formengine.definition import pick_text

        current = self.current
        assert current is not None
        definition = current.session.definition
        names: list[str] = []
        element = screen.element
        parent_path = element.parent_path if element is not None else ""
        if element is not None and isinstance(element, GroupDef):
            parent_path = element.path
        while parent_path:
            group = definition.by_path(parent_path)
            text = pick_text(
                group.labels, current.session.language, definition.settings.default_language
            )
            if text:
                names.append(text)
            parent_path = group.parent_path
        return " › ".join(reversed(names))


def _language_name(code: str) -> str:
    """``Français (fr)`` → ``Français``; a bare ``default`` is the form's only language."""
    if code == "default":
        return tr("Form language")
    return code.rsplit(" (", 1)[0] if code.endswith(")") else code
