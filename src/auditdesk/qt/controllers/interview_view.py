"""From the open record's session to what the interview screen draws."""

from __future__ import annotations

from auditdesk.qt.controllers.interview_help import HelpBuilder
from auditdesk.qt.controllers.open_record import OpenRecord
from auditdesk.qt.controllers.outline import outline
from auditdesk.qt.i18n import ntr, tr
from auditdesk.qt.interview.navigator import Mark
from auditdesk.qt.interview.repeat_bar import RepeatPlace
from auditdesk.qt.interview.screen_state import InterviewState


def language_name(code: str) -> str:
    """``Français (fr)`` → ``Français``; a bare ``default`` is the form's only language."""
    if code == "default":
        return tr("Form language")
    return code.rsplit(" (", 1)[0] if code.endswith(")") else code


def interview_state(
    current: OpenRecord,
    help_builder: HelpBuilder,
    evidence_files: tuple[str, ...],
    extra_end: str = "",
) -> InterviewState:
    from auditdesk.formengine import ScreenKind

    session = current.session
    screen = session.screen
    entries = outline(session, screen.path, current.errors)
    asked = [e for e in entries if e.mark not in (Mark.GROUP, Mark.NOTE)]
    locked = current.locked_reason()
    repeat, end_message = None, ""
    if screen.kind is ScreenKind.REPEAT_PROMPT:
        repeat, end_message = _repeat_prompt(current, locked)
    elif screen.kind is ScreenKind.END:
        end_message = (
            tr("End of the checklist.")
            + " "
            + (extra_end or tr("Press Finish (or Enter) to mark this record as completed."))
        )
    else:
        repeat = _repeat_place(current, locked)
    evidence_path = current.evidence_path() if screen.prompts else ""
    return InterviewState(
        record_title=current.title(),
        section=current.section(screen),
        prompts=screen.prompts,
        errors=current.screen_errors(),
        answered=sum(1 for e in asked if e.mark is Mark.ANSWERED),
        total=len(asked),
        repeat=repeat,
        help=help_builder.for_prompts(session.definition, screen.prompts, session.language),
        at_start=current.at_start(),
        at_end=screen.kind is ScreenKind.END,
        language=session.language,
        languages=tuple((code, language_name(code)) for code in session.languages),
        locked_reason=locked,
        can_reopen=bool(locked) and not current.frozen_audit,
        evidence_note=current.notes.get(evidence_path, ""),
        evidence_files=evidence_files,
        end_message=end_message,
        navigator=entries,
    )


def _repeat_prompt(current: OpenRecord, locked: str) -> tuple[RepeatPlace, str]:
    """The "add another?" screen after a repeat's instances."""
    from auditdesk.formengine.definition import pick_text

    session = current.session
    screen = session.screen
    definition = session.definition
    element = screen.element
    item = (
        pick_text(element.labels, session.language, definition.settings.default_language)
        if element
        else ""
    )
    count = session.repeat_count(screen.path)
    place = RepeatPlace(
        item=item or tr("Item"), index=0, count=count, can_add=not locked, can_remove=False
    )
    message = (
        ntr(
            "{count} recorded so far. Add another, or press Enter to go on.",
            "{count} recorded so far. Add another, or press Enter to go on.",
            count,
        ).format(count=count)
        if count
        else tr("None recorded yet. Add one, or press Enter to go on.")
    )
    return place, message


def _repeat_place(current: OpenRecord, locked: str) -> RepeatPlace | None:
    """Where a question inside a repeat sits: "Sampled payslip 2 of 3"."""
    place = current.repeat_instance()
    if place is None:
        return None
    instance_path, item = place
    session = current.session
    element = session.screen.element
    counted = False
    if element is not None:
        repeat = session.definition.by_path(element.repeats[-1])
        counted = repeat.bindings.repeat_count is not None  # the form sets the number
    return RepeatPlace(
        item=item,
        index=int(instance_path.rsplit("[", 1)[1].rstrip("]")),
        count=session.repeat_count(instance_path.rsplit("[", 1)[0]),
        can_add=not locked and not counted,
        can_remove=not locked and not counted,
    )
