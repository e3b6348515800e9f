"""Which widget shows which question: by type, refined by an appearance word.

A form author's ``appearance`` picks a variant (``minimal`` → a drop-down, ``likert`` →
a scale, ``signature`` → a drawing pad, ``multiline`` → a text box); anything unknown
falls back to the type's plain widget, as ODK Collect does.
"""

from __future__ import annotations

from collections.abc import Callable

from auditdesk.formengine.definition import QuestionType
from auditdesk.qt.interview.attachment_input import AttachmentQuestion
from auditdesk.qt.interview.base import QuestionWidget, WidgetServices
from auditdesk.qt.interview.choice_input import (
    CompactSelectOneQuestion,
    LikertQuestion,
    SelectMultipleQuestion,
    SelectOneQuestion,
)
from auditdesk.qt.interview.date_input import DateQuestion, DateTimeQuestion, TimeQuestion
from auditdesk.qt.interview.note_input import AcknowledgeQuestion, NoteQuestion
from auditdesk.qt.interview.number_input import NumberQuestion, RangeQuestion
from auditdesk.qt.interview.prompt import PromptView, appearances
from auditdesk.qt.interview.signature_pad import SignatureQuestion
from auditdesk.qt.interview.text_input import TextQuestion

WidgetFactory = Callable[[PromptView, WidgetServices], QuestionWidget]

_REGISTRY: dict[tuple[QuestionType, str], WidgetFactory] = {}


def register(qtype: QuestionType, factory: WidgetFactory, appearance: str = "") -> None:
    """Use ``factory`` for ``qtype`` (only with ``appearance`` when one is given)."""
    _REGISTRY[(qtype, appearance)] = factory


def widget_for(prompt: PromptView, services: WidgetServices) -> QuestionWidget:
    for word in sorted(appearances(prompt)):
        factory = _REGISTRY.get((prompt.type, word))
        if factory is not None:
            return factory(prompt, services)
    factory = _REGISTRY.get((prompt.type, ""))
    if factory is None:  # a type the engine shows but no widget knows: still answerable
        factory = _REGISTRY[(QuestionType.TEXT, "")]
    return factory(prompt, services)


def _plain(cls: type[QuestionWidget]) -> WidgetFactory:
    return lambda prompt, _services: cls(prompt)


for _type in (
    QuestionType.TEXT,
    QuestionType.BARCODE,
    QuestionType.GEOPOINT,
    QuestionType.GEOTRACE,
    QuestionType.GEOSHAPE,
):
    register(_type, _plain(TextQuestion))
register(QuestionType.INTEGER, _plain(NumberQuestion))
register(QuestionType.DECIMAL, _plain(NumberQuestion))
register(QuestionType.RANGE, _plain(RangeQuestion))
register(QuestionType.SELECT_ONE, _plain(SelectOneQuestion))
register(QuestionType.SELECT_ONE, _plain(CompactSelectOneQuestion), "minimal")
register(QuestionType.SELECT_ONE, _plain(CompactSelectOneQuestion), "autocomplete")
register(QuestionType.SELECT_ONE, _plain(LikertQuestion), "likert")
register(QuestionType.SELECT_MULTIPLE, _plain(SelectMultipleQuestion))
register(QuestionType.RANK, _plain(SelectMultipleQuestion))
register(QuestionType.DATE, _plain(DateQuestion))
register(QuestionType.TIME, _plain(TimeQuestion))
register(QuestionType.DATETIME, _plain(DateTimeQuestion))
register(QuestionType.NOTE, _plain(NoteQuestion))
register(QuestionType.ACKNOWLEDGE, _plain(AcknowledgeQuestion))
for _type in (QuestionType.IMAGE, QuestionType.FILE, QuestionType.AUDIO, QuestionType.VIDEO):
    register(_type, AttachmentQuestion)
register(QuestionType.IMAGE, SignatureQuestion, "signature")
