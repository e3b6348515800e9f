"""The record being filled: its session, what has reached the disk, and what it looks like.

Plain Python over the form engine's public session: no Qt, so the interview controller
stays a thin router of intents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditdesk.domain import FormRecord, RecordStatus
from auditdesk.qt.i18n import tr
from auditdesk.qt.labels import label

if TYPE_CHECKING:
    from auditdesk.formengine import FormSession, Screen

RESPONDENT_QUESTION = "respondent_code"
"""The worker interviews ask for the respondent code; the app fills in the record's own."""
CONSENT_QUESTIONS = ("consent", "group_consent")


@dataclass
class OpenRecord:
    record: FormRecord
    audit_uuid: str
    session: FormSession
    saved_answers: dict[str, Any]
    saved_repeats: dict[str, int]
    notes: dict[str, str]
    saved_notes: dict[str, str]
    frozen_audit: bool
    reason: str = ""
    """Why a completed record was reopened; every change until it is completed carries it."""
    errors: dict[str, str] = field(default_factory=dict)
    """Messages about answers not accepted (or required and empty), by instance path."""

    # -- state --------------------------------------------------------------------------
    def locked_reason(self) -> str:
        """Why answers cannot change now; empty when they can."""
        if self.frozen_audit:
            return tr("This audit is signed or archived: its answers can no longer change.")
        if self.record.status is RecordStatus.COMPLETED and not self.reason:
            return tr(
                "This record is completed. To change an answer, reopen it and say why: "
                "the reason is kept in the audit trail."
            )
        return ""

    def title(self) -> str:
        return f"{label(self.record.kind)} · {self.record.respondent_code}"

    def screen_errors(self) -> dict[str, str]:
        return {
            p.path: self.errors[p.path]
            for p in self.session.screen.prompts
            if p.path in self.errors
        }

    def blocking_errors(self) -> dict[str, str]:
        """Required questions left empty and answers not accepted on the current screen."""
        found: dict[str, str] = {}
        for prompt in self.session.screen.prompts:
            if prompt.path in self.errors:
                found[prompt.path] = self.errors[prompt.path]
            elif prompt.required and prompt.value is None and not prompt.read_only:
                found[prompt.path] = prompt.required_message
        return found

    def consent(self) -> bool | None:
        """The worker's informed consent, for forms that ask for it."""
        for name in CONSENT_QUESTIONS:
            question = self.session.definition.find(name)
            if question is not None and not question.repeat_depth:
                return self.session.value(question.path) == "yes"
        return None

    def fill_respondent_code(self) -> None:
        """Answer the form's respondent-code question with the record's anonymous code."""
        question = self.session.definition.find(RESPONDENT_QUESTION)
        if question is None or question.repeat_depth:
            return
        path = question.path
        if (
            self.session.is_relevant(path)
            and self.session.value(path) is None
            and self.record.respondent_code
        ):
            self.session.answer(path, self.record.respondent_code)

    # -- where the screen is ------------------------------------------------------------
    def evidence_path(self) -> str:
        """The question an evidence note or file belongs to (the group for a field list)."""
        screen = self.session.screen
        return screen.prompts[0].path if len(screen.prompts) == 1 else screen.path

    def repeat_instance(self) -> tuple[str, str] | None:
        """The innermost repeat instance around the screen: (instance path, item name)."""
        from auditdesk.formengine import RepeatDef
        from auditdesk.formengine.definition import pick_text
        from auditdesk.formengine.instance import path_format, split_instance_path

        screen = self.session.screen
        element = screen.element
        if element is None or not element.repeats:
            return None
        definition = self.session.definition
        repeat = definition.by_path(element.repeats[-1])
        if not isinstance(repeat, RepeatDef):
            return None
        _, indexes = split_instance_path(screen.path)
        instance_path = path_format(definition, repeat.path).format(*indexes[: repeat.repeat_depth])
        item = (
            pick_text(repeat.labels, self.session.language, definition.settings.default_language)
            or repeat.name
        )
        return instance_path, item

    def repeat_count_key(self) -> str | None:
        """The repeat an "add another" on this screen adds to (``payslip``, ``v[1]/room``)."""
        from auditdesk.formengine import ScreenKind

        screen = self.session.screen
        if screen.kind is ScreenKind.REPEAT_PROMPT:
            return screen.path
        place = self.repeat_instance()
        return None if place is None else place[0].rsplit("[", 1)[0]

    def at_start(self) -> bool:
        """Whether Back has nowhere to go: step back, look, and return to the same place."""
        from auditdesk.formengine import ScreenKind

        here = self.session.screen
        if here.kind is ScreenKind.END or not here.path:
            return False
        at_start = self.session.step_previous().kind is ScreenKind.BEGINNING
        self.session.jump(here.path)
        return at_start

    def section(self, screen: Screen) -> str:
        """The groups around the screen, outermost first, joined with " › "."""
        from auditdesk.formengine import GroupDef
        from auditdesk.formengine.definition import pick_text

        definition = self.session.definition
        names: list[str] = []
        element = screen.element
        parent_path = element.parent_path if element is not None else ""
        if isinstance(element, GroupDef):
            parent_path = element.path
        while parent_path:
            group = definition.by_path(parent_path)
            text = pick_text(
                group.labels, self.session.language, definition.settings.default_language
            )
            if text:
                names.append(text)
            parent_path = group.parent_path
        return " › ".join(reversed(names))
