"""Replay a form author's answers through a session: the engine behind ``auditdesk forms try``.

Input answers use question *names* (groups are not spelled out); a repeat is a list of
objects, one per instance: ``{"age": 34, "member": [{"code": "A"}, {"code": "B"}]}``;
select_multiple answers are lists of choice names. Answers are given in form order, as
a person would, so skip logic sees earlier answers first.

Output names are the question name, prefixed inside repeats with each repeat's name and
1-based index: ``member[2]/code``. Values of questions that are not relevant are left
out, as ODK leaves them out of submissions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from auditdesk.formengine.definition import FormDefinition, FormElement, GroupDef, RepeatDef
from auditdesk.formengine.instance import split_instance_path
from auditdesk.formengine.results import AnswerStatus
from auditdesk.formengine.session import FormSession
from auditdesk.formengine.values import to_json


def display_name(definition: FormDefinition, instance_path: str) -> str:
    """``household/member[2]/details/code`` → ``member[2]/code`` (repeats and name only)."""
    path, indexes = split_instance_path(instance_path)
    element = definition.by_path(path)
    parts = [
        f"{definition.by_path(repeat).name}[{index}]"
        for repeat, index in zip(element.repeats, indexes, strict=False)
        if repeat != element.path
    ]
    if isinstance(element, RepeatDef) and len(indexes) == element.repeat_depth:
        return "/".join([*parts, f"{element.name}[{indexes[-1]}]"])
    return "/".join([*parts, element.name])


def dry_run(
    definition: FormDefinition,
    answers: Mapping[str, Any],
    *,
    language: str | None = None,
    clock: Callable[[], datetime.datetime] | None = None,
) -> dict[str, Any]:
    """``{"form_id", "version", "relevant", "values", "errors", "complete"}`` for ``answers``."""
    options: dict[str, Any] = {"language": language}
    if clock is not None:
        options["clock"] = clock
    session = FormSession(definition, **options)
    errors: dict[str, str] = {}
    _replay(session, definition.children, answers, "", errors)
    for path, message in session.finish().items():
        errors.setdefault(display_name(definition, path), message)
    return {
        "form_id": definition.form_id,
        "version": definition.version,
        "relevant": [display_name(definition, p) for p in session.relevant_paths()],
        "values": {
            display_name(definition, path): to_json(value)
            for path, value in session.output_values().items()
        },
        "errors": errors,
        "complete": not errors,
    }


def _replay(
    session: FormSession,
    elements: tuple[FormElement, ...],
    given: object,
    prefix: str,
    errors: dict[str, str],
) -> None:
    """Answer ``given`` for ``elements`` in form order; ``prefix`` is the repeat instance path."""
    if not isinstance(given, Mapping):
        errors[prefix or "answers"] = "expected an object of answers by question name"
        return
    known: set[str] = set()
    for element in _in_order(elements):
        known.add(element.name)
        if element.name not in given:
            continue
        path = element.path if not prefix else f"{prefix}/{_relative(element, prefix)}"
        if isinstance(element, RepeatDef):
            _replay_repeat(session, element, given[element.name], path, errors)
        elif not isinstance(element, GroupDef):
            result = session.answer(path, given[element.name])
            if result.status is not AnswerStatus.OK:
                errors[display_name(session.definition, path)] = result.message
    for name in given:
        if name not in known:
            where = f"{prefix}/{name}" if prefix else name
            errors[where] = f"no question named {name!r} here in the form"


def _replay_repeat(
    session: FormSession, repeat: RepeatDef, items: object, count_key: str, errors: dict[str, str]
) -> None:
    name = display_name(session.definition, count_key)
    if not isinstance(items, list):
        errors[name] = "a repeat's answers must be a list of objects, one per instance"
        return
    counted = repeat.bindings.repeat_count is not None
    for number, item in enumerate(items, start=1):
        if counted:
            if number > session.repeat_count(count_key):
                errors[f"{name}[{number}]"] = "more instances than the form's repeat_count"
                return
            instance_path = f"{count_key}[{number}]"
        else:
            instance_path, _ = session.add_repeat(count_key)
        _replay(session, repeat.children, item, instance_path, errors)


def _in_order(elements: tuple[FormElement, ...]) -> list[FormElement]:
    """Questions and repeats at this level, plain groups flattened away."""
    found: list[FormElement] = []
    for element in elements:
        if isinstance(element, GroupDef) and not isinstance(element, RepeatDef):
            found.extend(_in_order(element.children))
        else:
            found.append(element)
    return found


def _relative(element: FormElement, prefix: str) -> str:
    """The element's path below the repeat instance ``prefix`` (groups included)."""
    repeat_path, _ = split_instance_path(prefix)
    return element.path[len(repeat_path) + 1 :]
