"""Reading pyxform's output back: survey rows by name, loops, ``or_other``, name sets.

pyxform's JSON has no row numbers; these helpers index the raw survey rows (as
pyxform's backend read them, so row numbers match its messages) by element name and
map each column header to the property it sets, through pyxform's own header parser.
"""

from __future__ import annotations

import itertools
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from auditdesk.formengine.definition import DEFAULT_LANGUAGE, Texts

# pyxform's canonical key (after its aliases) → our property name.
PROPERTY_OF_KEY = {
    "readonly": "read_only",
    "calculate": "calculation",
    "jr:count": "repeat_count",
    "jr:constraintMsg": "constraint_message",
    "jr:requiredMsg": "required_message",
}


def index_rows(
    rows: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, deque[int]], dict[int, Mapping[str, str]]]:
    """Survey rows by element name (in order), and each row's property → column header."""
    from pyxform import aliases
    from pyxform.parsing.sheet_headers import process_header
    from pyxform.question import MultipleChoiceQuestion

    known = set(MultipleChoiceQuestion.get_slot_names())
    header_props: dict[str, str] = {}
    by_name: dict[str, deque[int]] = defaultdict(deque)
    columns: dict[int, Mapping[str, str]] = {}
    for offset, row in enumerate(rows):
        number = offset + 2  # row 1 holds the headers
        props: dict[str, str] = {}
        for header in row:
            prop = header_props.get(header)
            if prop is None:
                _, tokens = process_header(header, "::" in header, aliases.survey_header, known)
                grouped = tokens[0] in ("bind", "control") and len(tokens) > 1
                key = tokens[1] if grouped else tokens[0]
                prop = header_props[header] = PROPERTY_OF_KEY.get(key, key)
            props.setdefault(prop, header)
        columns[number] = MappingProxyType(props)
        name_header = props.get("name")
        if name_header is not None and row.get(name_header):
            by_name[str(row[name_header]).strip()].append(number)
    return by_name, columns


def all_names(children: Iterable[Mapping[str, Any]]) -> Iterable[str]:
    for child in children:
        if child.get("name"):
            yield str(child["name"])
        yield from all_names(child.get("children", ()))
        for column in child.get("columns", ()) if child.get("type") == "loop" else ():
            yield str(column["name"])


def or_other_selects(children: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Selects pyxform gave an ``or_other`` text question: select name → text name."""
    found = {}
    for before, after in itertools.pairwise(children):
        name = before.get("name")
        relevant = (after.get("bind") or {}).get("relevant")
        if after.get("name") == f"{name}_other" and relevant == f"selected(../{name}, 'other')":
            found[str(name)] = str(after["name"])
    return found


def fill_loop_labels(raw: Mapping[str, Any], name: str, labels: Texts) -> dict[str, Any]:
    def fill(text: object) -> object:
        if isinstance(text, dict):
            return {lang: fill_one(str(v), lang) for lang, v in text.items()}
        return fill_one(str(text), DEFAULT_LANGUAGE) if text is not None else None

    def fill_one(text: str, language: str) -> str:
        label = labels.get(language) or next(iter(labels.values()), name)
        return text.replace("%(label)s", label).replace("%(name)s", name)

    copy = dict(raw)
    copy["label"] = fill(raw.get("label"))
    if "children" in raw:
        copy["children"] = [fill_loop_labels(child, name, labels) for child in raw["children"]]
    return copy


def as_list(value: object) -> list[object]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
