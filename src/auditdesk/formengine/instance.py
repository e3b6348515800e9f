"""A filled-in form: typed answers by instance path, repeat counts, and the form it belongs to.

Instance paths
    The element's path with a 1-based index after every repeat: ``age`` (top level),
    ``household/head_name`` (inside a group), ``member[2]/age`` (second instance of the
    repeat ``member``), ``visit[1]/room[3]/photo`` (nested repeats). A repeat's own count
    is keyed by its path without its index: ``member``, ``visit[1]/room``.

JSON shape (stable: storage persists exactly these pairs)::

    {
      "form_id": "wage_audit",
      "version": "2024061201",
      "answers": {"age": 34, "member[1]/name_code": "W-17", "langs": ["en", "fr"]},
      "repeats": {"member": 2}
    }

Answer values are JSON-typed by question type (:mod:`auditdesk.formengine.values`):
text/select_one → string, integer → int, decimal → float, select_multiple → list of
choice names, date ``"YYYY-MM-DD"``, time ``"HH:MM:SS"``, dateTime ISO 8601, geopoint
``"lat lon alt acc"``, media → an attachment reference string, acknowledge ``"OK"``.
Empty answers are absent. The session is the only writer of a live instance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from auditdesk.formengine.definition import FormDefinition, QuestionDef
from auditdesk.formengine.values import InvalidValue, JsonValue, Value, parse_value, to_json

_INDEX = re.compile(r"\[(\d+)\]")


class InstanceFormatError(ValueError):
    """JSON that is not an instance of the given form; the message names the path."""


def split_instance_path(instance_path: str) -> tuple[str, tuple[int, ...]]:
    """``visit[1]/room[3]/photo`` → (``visit/room/photo``, (1, 3))."""
    indexes = tuple(int(i) for i in _INDEX.findall(instance_path))
    return _INDEX.sub("", instance_path), indexes


def path_format(definition: FormDefinition, path: str) -> str:
    """A ``str.format`` template turning repeat indexes into an instance path."""
    parts = []
    prefix = ""
    for segment in path.split("/"):
        prefix = f"{prefix}/{segment}" if prefix else segment
        element = definition.find(prefix)
        is_repeat = element is not None and element.path in element.repeats
        escaped = segment.replace("{", "{{").replace("}", "}}")
        parts.append(f"{escaped}[{{}}]" if is_repeat else escaped)
    return "/".join(parts)


@dataclass
class FormInstance:
    """Answers keyed by instance path, and how many instances each repeat has."""

    form_id: str
    version: str
    answers: dict[str, Value] = field(default_factory=dict)
    repeats: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "form_id": self.form_id,
            "version": self.version,
            "answers": {path: to_json(value) for path, value in self.answers.items()},
            "repeats": dict(self.repeats),
        }

    def json_answers(self) -> dict[str, JsonValue]:
        return {path: to_json(value) for path, value in self.answers.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], definition: FormDefinition) -> FormInstance:
        """Parse JSON made by :meth:`to_json` against ``definition`` (types, known paths)."""
        if not isinstance(data, Mapping):
            raise InstanceFormatError("an instance must be a JSON object")
        answers_raw = data.get("answers", {})
        repeats_raw = data.get("repeats", {})
        if not isinstance(answers_raw, Mapping) or not isinstance(repeats_raw, Mapping):
            raise InstanceFormatError("'answers' and 'repeats' must be JSON objects")
        form_id = str(data.get("form_id", definition.form_id))
        if form_id != definition.form_id:
            raise InstanceFormatError(
                f"this instance belongs to form {form_id!r}, not {definition.form_id!r}"
            )
        repeats: dict[str, int] = {}
        for repeat_path, count in repeats_raw.items():
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise InstanceFormatError(f"{repeat_path}: a repeat count must be a whole number")
            repeats[str(repeat_path)] = count
        answers: dict[str, Value] = {}
        for instance_path, raw in answers_raw.items():
            _check_instances_exist(str(instance_path), repeats)
            value = _parse_answer(definition, str(instance_path), raw)
            if value is not None:
                answers[str(instance_path)] = value
        return cls(
            form_id=form_id,
            version=str(data.get("version", definition.version)),
            answers=answers,
            repeats=repeats,
        )


def _check_instances_exist(instance_path: str, repeats: Mapping[str, int]) -> None:
    """``visit[2]/room[3]/q`` needs ``visit`` ≥ 2 and ``visit[2]/room`` ≥ 3 instances."""
    prefix = ""
    for segment in instance_path.split("/"):
        match = _INDEX.search(segment)
        if match is not None:
            count_key = f"{prefix}{segment[: match.start()]}"
            if int(match.group(1)) > repeats.get(count_key, 0):
                raise InstanceFormatError(
                    f"{instance_path}: {count_key!r} has {repeats.get(count_key, 0)} instances"
                )
        prefix = f"{prefix}{segment}/"


def _parse_answer(definition: FormDefinition, instance_path: str, raw: object) -> Value | None:
    path, _ = split_instance_path(instance_path)
    element = definition.find(path)
    if not isinstance(element, QuestionDef) or element.path != path:
        raise InstanceFormatError(f"{instance_path}: no such question in {definition.form_id!r}")
    try:
        return parse_value(element.type, raw, element.parameters)
    except InvalidValue as error:
        raise InstanceFormatError(f"{instance_path}: {error}") from None
