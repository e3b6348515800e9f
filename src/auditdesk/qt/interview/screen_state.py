"""Everything the interview screen draws, computed by the controller from the session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from auditdesk.qt.interview.navigator import NavigatorEntry
from auditdesk.qt.interview.prompt import PromptView
from auditdesk.qt.interview.repeat_bar import RepeatPlace
from auditdesk.qt.interview.side_panel import QuestionHelp


@dataclass(frozen=True)
class InterviewState:
    record_title: str
    section: str
    """The groups around the screen, outermost first, joined with " › "."""
    prompts: tuple[PromptView, ...]
    errors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    answered: int = 0
    total: int = 0
    repeat: RepeatPlace | None = None
    help: QuestionHelp = field(default_factory=QuestionHelp)
    at_start: bool = False
    at_end: bool = False
    language: str = ""
    languages: tuple[tuple[str, str], ...] = ()
    """(code, name) of each form language."""
    locked_reason: str = ""
    """Why answers cannot change now (record completed, audit signed); empty when they can."""
    can_reopen: bool = False
    evidence_note: str = ""
    evidence_files: tuple[str, ...] = ()
    end_message: str = ""
    """Shown instead of questions at the end of the form."""
    navigator: tuple[NavigatorEntry, ...] = ()
