"""The order of screens in a filled form, and which of them skip logic currently shows.

Stops are listed in form order: each question that is asked (not calculations or
metadata), each ``field-list`` group as one stop, each repeat instance's contents, and
after a repeat without ``repeat_count`` a prompt to add another instance. The list is
rebuilt on each move, because answers can add repeat instances and change relevance.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from auditdesk.formengine.definition import FormElement, GroupDef, QuestionDef, RepeatDef
from auditdesk.formengine.prompts import ScreenKind
from auditdesk.formengine.state import FormState, Indexes


@dataclass(frozen=True, slots=True)
class Stop:
    kind: ScreenKind
    element: FormElement
    indexes: Indexes
    path: str
    relevant: bool


def stops(state: FormState) -> list[Stop]:
    """Every stop in form order, relevant or not."""
    return list(_walk(state, state.definition.children, ()))


def _walk(state: FormState, elements: tuple[FormElement, ...], indexes: Indexes) -> Iterator[Stop]:
    for element in elements:
        if isinstance(element, QuestionDef):
            if _is_asked(element):
                yield _stop(state, ScreenKind.QUESTION, element, indexes)
        elif isinstance(element, RepeatDef):
            for index in range(1, state.repeat_count(element, indexes) + 1):
                instance = (*indexes, index)
                if element.is_field_list:
                    yield _field_list(state, element, instance)
                else:
                    yield from _walk(state, element.children, instance)
            if element.bindings.repeat_count is None:
                parent = state.definition.parent(element)
                relevant = parent is None or state.is_relevant(parent, indexes)
                yield Stop(
                    ScreenKind.REPEAT_PROMPT,
                    element,
                    indexes,
                    state.count_key(element, indexes),
                    relevant,
                )
        elif isinstance(element, GroupDef):
            if element.is_field_list:
                yield _field_list(state, element, indexes)
            else:
                yield from _walk(state, element.children, indexes)


def _stop(state: FormState, kind: ScreenKind, element: FormElement, indexes: Indexes) -> Stop:
    return Stop(
        kind, element, indexes, state.path_of(element, indexes), state.is_relevant(element, indexes)
    )


def _field_list(state: FormState, group: GroupDef, indexes: Indexes) -> Stop:
    stop = _stop(state, ScreenKind.FIELD_LIST, group, indexes)
    shown = stop.relevant and any(True for _ in field_list_questions(state, group, indexes))
    return Stop(stop.kind, group, indexes, stop.path, shown)


def field_list_questions(
    state: FormState, group: GroupDef, indexes: Indexes
) -> Iterator[tuple[QuestionDef, Indexes]]:
    """The relevant, asked questions of a field-list group (nested groups flattened)."""
    for child in group.children:
        if isinstance(child, QuestionDef):
            if _is_asked(child) and state.is_relevant(child, indexes):
                yield child, indexes
        elif isinstance(child, RepeatDef):
            for index in range(1, state.repeat_count(child, indexes) + 1):
                yield from field_list_questions(state, child, (*indexes, index))
        elif isinstance(child, GroupDef):
            yield from field_list_questions(state, child, indexes)


def _is_asked(question: QuestionDef) -> bool:
    return not question.type.is_computed


def find_stop(all_stops: list[Stop], path: str) -> int | None:
    """The stop showing ``path``: itself, or the field-list / repeat that contains it."""
    for position, stop in enumerate(all_stops):
        if stop.path == path:
            return position
    best: int | None = None
    for position, stop in enumerate(all_stops):
        if stop.kind is ScreenKind.FIELD_LIST and path.startswith(f"{stop.path}/"):
            return position
        if best is None and stop.path.startswith(f"{path}/"):
            best = position  # a group or repeat instance: its first stop
    return best
