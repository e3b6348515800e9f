"""Turn pyxform's JSON form into our immutable definition, compiling every expression once.

Problems are collected, not raised one by one, so ``forms check`` lists them all; each
names the survey row and the column as the author wrote it. pyxform's JSON does not
keep row numbers, so rows are matched back by element name in document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from auditdesk.formengine.definition import (
    DEFAULT_LANGUAGE,
    EMPTY_TEXTS,
    Bindings,
    Choice,
    ExtraSheet,
    FormDefinition,
    FormElement,
    FormSettings,
    GroupDef,
    QuestionDef,
    QuestionType,
    RepeatDef,
    SourceRow,
    Texts,
)
from auditdesk.formengine.problems import FormLoadError, FormProblem
from auditdesk.formengine.survey_rows import (
    all_names,
    as_list,
    fill_loop_labels,
    index_rows,
    or_other_selects,
)
from auditdesk.formengine.typemap import classify
from auditdesk.formengine.values import InvalidValue, parse_value
from auditdesk.formengine.xpath import Expression, ExpressionError, compile_expression

# pyxform JSON keys that are XLSForm's own; any other key on an element is an extra column.
_KNOWN_KEYS = frozenset(
    {
        "type",
        "name",
        "label",
        "hint",
        "guidance_hint",
        "bind",
        "control",
        "instance",
        "media",
        "parameters",
        "itemset",
        "list_name",
        "choices",
        "choice_filter",
        "default",
        "trigger",
        "children",
        "query",
        "sms_field",
        "tags",
        "columns",
        "actions",
        "extra_data",
        "flat",
        "__row_number",
        "__row",
    }
)
_OUTPUT_REFERENCE = re.compile(r"\$\{([^}\s]+)\}")
_GENERATED_META = frozenset({"instanceID", "instanceName"})


class DefinitionBuilder:
    def __init__(
        self,
        *,
        source: str,
        survey_rows: Sequence[Mapping[str, Any]],
        settings_rows: Sequence[Mapping[str, Any]],
        external_choices: Sequence[Mapping[str, Any]],
    ) -> None:
        self._source = source
        self._problems: list[FormProblem] = []
        self._rows_by_name, self._columns_by_row = index_rows(survey_rows)
        self._settings_rows = settings_rows
        self._external_rows = external_choices
        self._names: set[str] = set()
        self._languages: dict[str, None] = {}
        self._index = 0
        self._choice_lists: dict[str, tuple[Choice, ...]] = {}

    # -- entry point ---------------------------------------------------------------

    def build(
        self,
        form: Mapping[str, Any],
        *,
        extra_sheets: Mapping[str, ExtraSheet],
        warnings: tuple[str, ...],
    ) -> FormDefinition:
        self._names = set(all_names(form.get("children", ())))
        self._choice_lists = {
            list_name: tuple(self._choice(raw) for raw in rows)
            for list_name, rows in (form.get("choices") or {}).items()
        }
        children = tuple(self._elements(form.get("children", ()), "", ()))
        settings = self._settings(form)
        languages = tuple(self._languages) or (DEFAULT_LANGUAGE,)
        if len(languages) > 1 and DEFAULT_LANGUAGE in languages:
            translated = tuple(lang for lang in languages if lang != DEFAULT_LANGUAGE)
            languages = (*translated, DEFAULT_LANGUAGE)
        definition = FormDefinition.build(
            settings=settings,
            languages=languages,
            children=children,
            choice_lists=self._choice_lists,
            extra_sheets=extra_sheets,
            warnings=warnings,
            source_path=self._source,
        )
        if not self._problems:
            self._check_cycles(definition)
        if self._problems:
            raise FormLoadError(self._problems)
        return definition

    # -- elements ------------------------------------------------------------------

    def _elements(
        self, raw_children: Iterable[Mapping[str, Any]], parent: str, repeats: tuple[str, ...]
    ) -> Iterable[FormElement]:
        raw_list = list(raw_children)
        or_other = or_other_selects(raw_list)
        for raw in raw_list:
            kind = raw.get("type", "")
            name = str(raw.get("name", ""))
            path = f"{parent}/{name}" if parent else name
            if kind == "entity":
                continue  # entity declarations describe server datasets, not questions
            if parent == "meta" and name in _GENERATED_META and not self._rows_by_name.get(name):
                continue  # pyxform's generated submission ids: storage assigns its own
            if kind in ("group", "repeat"):
                element = self._group(raw, kind, name, path, parent, repeats)
                if element is not None:
                    yield element
            elif kind == "loop":
                yield self._loop(raw, name, path, parent, repeats)
            else:
                question = self._question(raw, name, path, parent, repeats, or_other)
                if question is not None:
                    yield question

    def _common(
        self, raw: Mapping[str, Any], name: str, path: str, parent: str, repeats: tuple[str, ...]
    ) -> dict[str, Any]:
        row = self._take_row(name)
        source = SourceRow(row=row, columns=self._columns_by_row.get(row or -1, EMPTY_TEXTS))
        bind: Mapping[str, Any] = raw.get("bind") or {}
        control: Mapping[str, Any] = raw.get("control") or {}
        self._index += 1
        # Texts pyxform generates (or_other's "Specify other.") must not add a language.
        labels = self._texts(raw.get("label"), languages=row is not None)
        hints = self._texts(raw.get("hint"))
        for prop, texts in (("label", labels), ("hint", hints)):
            self._check_output_references(texts, source, prop)
        return {
            "index": self._index,
            "name": name,
            "path": path,
            "parent_path": parent,
            "repeats": repeats,
            "labels": labels,
            "hints": hints,
            "guidance_hints": self._texts(raw.get("guidance_hint")),
            "appearance": str(control.get("appearance", "")),
            "constraint_messages": self._texts(bind.get("jr:constraintMsg")),
            "required_messages": self._texts(bind.get("jr:requiredMsg")),
            "extra": MappingProxyType(
                {k: str(v) for k, v in raw.items() if k not in _KNOWN_KEYS and v is not None}
            ),
            "source": source,
        }

    def _group(
        self,
        raw: Mapping[str, Any],
        kind: str,
        name: str,
        path: str,
        parent: str,
        repeats: tuple[str, ...],
    ) -> GroupDef | None:
        is_repeat = kind == "repeat"
        own_repeats = (*repeats, path) if is_repeat else repeats
        common = self._common(raw, name, path, parent, own_repeats)
        children = tuple(self._elements(raw.get("children", ()), path, own_repeats))
        if name == "meta" and not children and common["source"].row is None:
            return None
        control: Mapping[str, Any] = raw.get("control") or {}
        bindings = self._bindings(raw, common["source"], repeat_count=control.get("jr:count"))
        if is_repeat:
            return RepeatDef(**common, bindings=bindings, children=children)
        return GroupDef(**common, bindings=bindings, children=children)

    def _loop(
        self, raw: Mapping[str, Any], name: str, path: str, parent: str, repeats: tuple[str, ...]
    ) -> GroupDef:
        """``begin loop over list``: one group per choice, labels filled with the choice's."""
        common = self._common(raw, name, path, parent, repeats)
        groups = []
        for column in raw.get("columns", ()):
            column_name = str(column["name"])
            column_labels = self._texts(column.get("label"))
            children = [
                fill_loop_labels(child, column_name, column_labels)
                for child in raw.get("children", ())
            ]
            group_raw = {
                "type": "group",
                "name": column_name,
                "label": column.get("label"),
                "children": children,
            }
            group = self._group(
                group_raw, "group", column_name, f"{path}/{column_name}", path, repeats
            )
            if group is not None:
                groups.append(group)
        return GroupDef(
            **common, bindings=self._bindings(raw, common["source"]), children=tuple(groups)
        )

    def _question(
        self,
        raw: Mapping[str, Any],
        name: str,
        path: str,
        parent: str,
        repeats: tuple[str, ...],
        or_other: Mapping[str, str],
    ) -> QuestionDef | None:
        kind = str(raw.get("type", ""))
        common = self._common(raw, name, path, parent, repeats)
        source: SourceRow = common["source"]
        info = classify(kind)
        if info is None:
            self._problem(source, "type", f"unknown or unsupported question type {kind!r}")
            return None
        parameters = self._parameters(raw.get("parameters"), source)
        relevant_override = None
        if name in or_other.values():
            select_name = next(k for k, v in or_other.items() if v == name)
            relevant_override = f"selected(${{{select_name}}}, 'other')"
        bindings = self._bindings(
            raw, source, relevant_override=relevant_override, qtype=info.type, parameters=parameters
        )
        choices: tuple[Choice, ...] = ()
        list_name = ""
        if info.type.is_select:
            list_name = str(raw.get("list_name") or raw.get("itemset") or "")
            choices = self._choices_of(raw, kind, list_name, source)
        return QuestionDef(
            **common,
            type=info.type,
            bindings=bindings,
            list_name=list_name,
            choices=choices,
            or_other=name in or_other,
            parameters=parameters,
            type_constraint=self._compile(info.constraint, source, "type"),
        )

    def _parameters(self, raw: object, source: SourceRow) -> Mapping[str, str]:
        if isinstance(raw, str):
            # Some question types leave the column unparsed; parse it as pyxform would.
            from pyxform.errors import PyXFormError
            from pyxform.parsing.parameters import parse

            try:
                raw = parse(raw_parameters=raw, row_number=source.row or 0)
            except PyXFormError as error:
                self._problem(source, "parameters", str(error))
                raw = {}
        items = raw.items() if isinstance(raw, dict) else ()
        return MappingProxyType({str(k): str(v) for k, v in items})

    def _choices_of(
        self, raw: Mapping[str, Any], kind: str, list_name: str, source: SourceRow
    ) -> tuple[Choice, ...]:
        if kind == "select one external":
            return self._external_choices(list_name)
        if list_name in self._choice_lists:
            return self._choice_lists[list_name]
        if raw.get("choices"):
            return tuple(self._choice(c) for c in raw["choices"])
        if "." in list_name:
            self._problem(source, "type", f"choices from a file ({list_name!r}) are not supported")
        else:
            self._problem(source, "type", f"no choice list named {list_name!r}")
        return ()

    def _external_choices(self, list_name: str) -> tuple[Choice, ...]:
        from pyxform import aliases
        from pyxform.parsing.sheet_headers import dealias_and_group_headers
        from pyxform.question import Option

        grouped = dealias_and_group_headers(
            sheet_name="external_choices",
            sheet_data=self._external_rows,
            sheet_header=[],
            header_aliases=aliases.list_header,
            header_columns=set(Option.get_slot_names()),
        )
        return tuple(self._choice(row) for row in grouped.data if row.get("list_name") == list_name)

    def _choice(self, raw: Mapping[str, Any]) -> Choice:
        extra = {
            k: str(v)
            for k, v in raw.items()
            if k not in ("name", "label", "media", "list_name", "__row") and v is not None
        }
        return Choice(
            name=str(raw.get("name", "")),
            labels=self._texts(raw.get("label"), languages=True),
            extra=MappingProxyType(extra),
        )

    # -- expressions -----------------------------------------------------------------

    def _bindings(
        self,
        raw: Mapping[str, Any],
        source: SourceRow,
        *,
        repeat_count: object = None,
        relevant_override: str | None = None,
        qtype: QuestionType | None = None,
        parameters: Mapping[str, str] | None = None,
    ) -> Bindings:
        from pyxform.aliases import yes_no

        bind: Mapping[str, Any] = raw.get("bind") or {}

        def flag(key: str, prop: str) -> Expression | None:
            text = str(bind.get(key, "")).strip()
            if not text or yes_no.get(text) is False:
                return None
            return self._compile("true()" if yes_no.get(text) else text, source, prop)

        default_text = str(raw.get("default", "") or "").strip()
        default_expression = None
        if default_text and qtype is not None:
            default_expression, default_text = self._default(
                default_text, qtype, parameters, source
            )
        triggers = tuple(
            str(t).strip().removeprefix("${").removesuffix("}") for t in as_list(raw.get("trigger"))
        )
        for trigger in triggers:
            if trigger not in self._names:
                self._problem(source, "trigger", f"unknown question ${{{trigger}}} in trigger")
        return Bindings(
            relevant=self._compile(relevant_override or bind.get("relevant"), source, "relevant"),
            constraint=self._compile(bind.get("constraint"), source, "constraint"),
            required=flag("required", "required"),
            read_only=flag("readonly", "read_only"),
            calculation=self._compile(bind.get("calculate"), source, "calculation"),
            choice_filter=self._compile(raw.get("choice_filter"), source, "choice_filter"),
            repeat_count=self._compile(repeat_count, source, "repeat_count"),
            default=default_expression,
            default_text=default_text,
            trigger=triggers,
        )

    def _default(
        self,
        text: str,
        qtype: QuestionType,
        parameters: Mapping[str, str] | None,
        source: SourceRow,
    ) -> tuple[Expression | None, str]:
        from pyxform.utils import default_is_dynamic

        if default_is_dynamic(text, qtype.value):
            return self._compile(text, source, "default"), ""
        try:
            parse_value(qtype, text, parameters)
        except InvalidValue as error:
            self._problem(source, "default", f"default {text!r} does not fit: {error}")
            return None, ""
        return None, text

    def _compile(self, text: object, source: SourceRow, prop: str) -> Expression | None:
        if text is None or not str(text).strip():
            return None
        source_text = str(text).strip()
        try:
            expression = compile_expression(source_text)
        except ExpressionError as error:
            self._problem(source, prop, f"{error} in {source_text!r}")
            return None
        unknown = sorted(expression.references - self._names)
        if unknown:
            names = ", ".join(f"${{{n}}}" for n in unknown)
            self._problem(source, prop, f"unknown question {names} in {source_text!r}")
            return None
        return expression

    def _check_output_references(self, texts: Texts, source: SourceRow, prop: str) -> None:
        for text in texts.values():
            for name in _OUTPUT_REFERENCE.findall(text):
                if name not in self._names:
                    self._problem(source, prop, f"unknown question ${{{name}}} in {text!r}")

    def _check_cycles(self, definition: FormDefinition) -> None:
        from auditdesk.formengine.graph import CycleError, DependencyGraph

        try:
            DependencyGraph(definition)
        except CycleError as error:
            first = definition.by_path(error.paths[0])
            self._problem(first.source, error.prop, str(error))

    # -- settings, texts, rows ---------------------------------------------------------

    def _settings(self, form: Mapping[str, Any]) -> FormSettings:
        extra: dict[str, str] = {}
        for row in self._settings_rows[:1]:
            extra = {str(k): str(v) for k, v in row.items() if v is not None}
        source = SourceRow(sheet="settings", row=2 if self._settings_rows else None)
        return FormSettings(
            form_id=str(form.get("id_string") or form.get("name") or ""),
            version=str(form.get("version") or ""),
            title=str(form.get("title") or ""),
            default_language=str(form.get("default_language") or DEFAULT_LANGUAGE),
            instance_name=self._compile(form.get("instance_name"), source, "instance_name"),
            extra=MappingProxyType(extra),
        )

    def _texts(self, raw: object, *, languages: bool = False) -> Texts:
        if raw is None or raw == "":
            return EMPTY_TEXTS
        texts = (
            {str(k): str(v) for k, v in raw.items()}
            if isinstance(raw, dict)
            else {DEFAULT_LANGUAGE: str(raw)}
        )
        if languages:
            for language in texts:
                self._languages.setdefault(language)
        return MappingProxyType(texts)

    def _take_row(self, name: str) -> int | None:
        rows = self._rows_by_name.get(name)
        return rows.popleft() if rows else None

    def _problem(self, source: SourceRow, prop: str, message: str) -> None:
        self._problems.append(
            FormProblem(self._source, source.sheet, source.row, source.column(prop), message)
        )
