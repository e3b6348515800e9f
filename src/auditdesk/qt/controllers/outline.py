"""The navigator's outline of a form, read from the session's public answers and flags.

Groups and repeat instances become headings; each relevant question a line marked
answered, required-but-empty or not accepted. Questions hidden by skip logic are left
out, as they are from the interview itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from auditdesk.qt.interview.navigator import Mark, NavigatorEntry

if TYPE_CHECKING:  # the form engine loads with the first interview, not at start-up
    from auditdesk.formengine import FormSession, QuestionDef
    from auditdesk.formengine.definition import FormElement


def outline(
    session: FormSession, current_path: str, errors: Mapping[str, str]
) -> tuple[NavigatorEntry, ...]:
    """Every relevant group and question of the form, in order, with its mark."""
    return tuple(_walk(session, session.definition.children, (), 0, current_path, errors))


def _label(session: FormSession, element: FormElement) -> str:
    from auditdesk.formengine.definition import pick_text

    text = pick_text(element.labels, session.language, session.definition.settings.default_language)
    return _plain(text) or element.name


def _plain(text: str) -> str:
    """Labels may carry Markdown emphasis; the outline shows plain words, first line only."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first.replace("**", "").replace("__", "").replace("*", "").strip()


def _walk(
    session: FormSession,
    elements: tuple[FormElement, ...],
    indexes: tuple[int, ...],
    depth: int,
    current: str,
    errors: Mapping[str, str],
) -> Iterator[NavigatorEntry]:
    from auditdesk.formengine import GroupDef, QuestionDef, RepeatDef
    from auditdesk.formengine.instance import path_format

    definition = session.definition
    for element in elements:
        if isinstance(element, RepeatDef):
            count_key = path_format(definition, element.path).rsplit("[", 1)[0].format(*indexes)
            if not _relevant(session, count_key, element, indexes):
                continue
            for index in range(1, session.repeat_count(count_key) + 1):
                instance = (*indexes, index)
                instance_path = path_format(definition, element.path).format(*instance)
                yield NavigatorEntry(
                    instance_path, f"{_label(session, element)} {index}", depth, Mark.GROUP
                )
                yield from _walk(session, element.children, instance, depth + 1, current, errors)
            continue
        path = path_format(definition, element.path).format(*indexes)
        if isinstance(element, GroupDef):
            if not session.is_relevant(path):
                continue
            children = list(_walk(session, element.children, indexes, depth + 1, current, errors))
            if not children:
                continue
            if element.labels:
                yield NavigatorEntry(
                    path, _label(session, element), depth, Mark.GROUP, path == current
                )
                yield from children
            else:  # an unlabelled group only structures the form: no heading
                yield from (_shift(entry) for entry in children)
        elif isinstance(element, QuestionDef):
            if element.type.is_computed or not session.is_relevant(path):
                continue
            yield NavigatorEntry(
                path,
                _question_label(session, path, element),
                depth,
                _mark(session, path, element, errors),
                path == current,
            )


def _relevant(
    session: FormSession, count_key: str, element: FormElement, indexes: tuple[int, ...]
) -> bool:
    from auditdesk.formengine.instance import path_format

    parent = element.parent_path
    if not parent:
        return True
    parent_path = path_format(session.definition, parent).format(*indexes)
    return session.is_relevant(parent_path)


def _shift(entry: NavigatorEntry) -> NavigatorEntry:
    return NavigatorEntry(
        entry.path, entry.label, max(0, entry.depth - 1), entry.mark, entry.current
    )


def _question_label(session: FormSession, path: str, question: QuestionDef) -> str:
    return _plain(session.prompt(path).label) or question.name


def _mark(
    session: FormSession, path: str, question: QuestionDef, errors: Mapping[str, str]
) -> Mark:
    from auditdesk.formengine.definition import QuestionType

    value = session.value(path)
    if path in errors:
        return Mark.MISSING if value is None else Mark.INVALID
    if question.type is QuestionType.NOTE:
        return Mark.NOTE
    return Mark.ANSWERED if value is not None else Mark.OPEN
