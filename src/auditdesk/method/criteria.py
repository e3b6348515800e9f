"""The criteria catalogue and the questions bound to each criterion, read from the forms.

Scoring metadata lives in the XLSForms themselves (see ``forms/README.md``):

* a ``criteria`` sheet, one row per criterion: ``code``, ``area`` (A–L),
  ``title::<Language> (xx)``, ``evidence`` (space-separated among documents, management,
  workers, observation), ``severity`` if failed, ``references``, optional ``fairwork``
  threshold(s) ``1.1`` … ``5.2``, ``guidance``, ``corrective_action``, optional
  ``worker_threshold`` (a share 0–1);
* survey columns on a question: ``criterion`` (one code, or several separated by
  spaces), ``compliant_if`` (an XPath expression where ``.`` is the answer), optional
  ``partly_if`` and ``na_if``. A question with a criterion but no ``compliant_if`` is
  evidence only: it is quoted in findings (an explanation, a photo) but never scored.

The six checklists may each carry the rows of the criteria they touch; rows for one
code are merged, a blank cell giving way to a filled one, and two different non-blank
values for the same column are an error naming both forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from auditdesk.domain import Severity
from auditdesk.formengine.definition import FormDefinition, QuestionDef
from auditdesk.formengine.problems import FormProblem
from auditdesk.formengine.xpath import Expression, ExpressionError, compile_expression
from auditdesk.method.areas import AREA_BY_CODE, DEFAULT_LANGUAGE, FAIRWORK_THRESHOLDS

CRITERIA_SHEET = "criteria"
TRANSLATABLE_COLUMNS = ("title", "guidance", "corrective_action")
PLAIN_COLUMNS = (
    "area",
    "evidence",
    "severity",
    "references",
    "fairwork",
    "worker_threshold",
)
EXPRESSION_COLUMNS = ("compliant_if", "partly_if", "na_if")

_LANGUAGE_IN_HEADER = re.compile(r"\(([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\)\s*$")
_CODE = re.compile(r"([A-L])(\d+)")


class EvidenceSource(StrEnum):
    """The four sources an auditor triangulates (audit-standards §3.2)."""

    DOCUMENTS = "documents"
    MANAGEMENT = "management"
    WORKERS = "workers"
    OBSERVATION = "observation"


class CriteriaError(Exception):
    """Scoring metadata that cannot be used; ``problems`` says where each one is."""

    def __init__(self, problems: Iterable[FormProblem]) -> None:
        self.problems: tuple[FormProblem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def language_of(header_suffix: str) -> str:
    """``English (en)`` → ``en``; a bare ``fr`` stays ``fr``; ``default`` is English."""
    match = _LANGUAGE_IN_HEADER.search(header_suffix)
    if match:
        return match.group(1).lower()
    text = header_suffix.strip().lower()
    return DEFAULT_LANGUAGE if text in ("", "default") else text


def pick_language(texts: Mapping[str, str], language: str) -> str:
    """The text for ``language`` whether keys are ``fr`` or ``Français (fr)``; else English."""
    if not texts:
        return ""
    for wanted in (language, DEFAULT_LANGUAGE):
        for key, text in texts.items():
            if text and (key == wanted or language_of(key) == wanted):
                return text
    for key in ("default", ""):
        if texts.get(key):
            return texts[key]
    return next((text for text in texts.values() if text), "")


@dataclass(frozen=True)
class Criterion:
    """One thing an audit checks, with what failing it means."""

    code: str
    area: str
    titles: Mapping[str, str]
    evidence: tuple[EvidenceSource, ...]
    severity: Severity
    references: str = ""
    fairwork: tuple[str, ...] = ()
    guidance: Mapping[str, str] = field(default_factory=dict)
    corrective_actions: Mapping[str, str] = field(default_factory=dict)
    worker_threshold: float | None = None
    """Share of interviewed workers whose non-compliant answer makes the workers'
    evidence non-compliant (0: a single report decides); ``None`` means the scoring
    policy's default."""
    forms: tuple[str, ...] = ()

    def title(self, language: str = DEFAULT_LANGUAGE) -> str:
        return pick_language(self.titles, language) or self.code

    def corrective_action(self, language: str = DEFAULT_LANGUAGE) -> str:
        return pick_language(self.corrective_actions, language)

    @property
    def sort_key(self) -> tuple[str, int, str]:
        return criterion_sort_key(self.code)


def criterion_sort_key(code: str) -> tuple[str, int, str]:
    """A2 before A10: the area letter, the number, then the code as written."""
    match = _CODE.fullmatch(code)
    if match:
        return match.group(1), int(match.group(2)), code
    return code[:1], 10**6, code


@dataclass(frozen=True)
class Binding:
    """One question scored (or quoted) for one criterion."""

    form_id: str
    question: QuestionDef
    criterion: str
    compliant_if: Expression | None = None
    partly_if: Expression | None = None
    na_if: Expression | None = None

    @property
    def scored(self) -> bool:
        return self.compliant_if is not None


@dataclass(frozen=True)
class Catalogue:
    """All criteria of an audit's forms and, per form, the questions bound to them."""

    criteria: Mapping[str, Criterion]
    bindings: Mapping[str, tuple[Binding, ...]]

    def bindings_for(self, form_id: str) -> tuple[Binding, ...]:
        return self.bindings.get(form_id, ())

    def criterion(self, code: str) -> Criterion:
        try:
            return self.criteria[code]
        except KeyError:
            raise KeyError(f"no criterion {code!r} in the audit's forms") from None

    def in_area(self, area: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria.values() if c.area == area)


def read_catalogue(definitions: Iterable[FormDefinition]) -> Catalogue:
    """Merge the criteria sheets of ``definitions`` and bind their questions.

    Raises CriteriaError listing every problem (unknown area or severity, bad share,
    conflicting rows, a question naming an unknown criterion, an expression that does
    not compile), each with the form file, sheet, row and column.
    """
    forms = tuple(definitions)
    problems: list[FormProblem] = []
    rows: dict[str, _MergedRow] = {}
    for definition in forms:
        for index, row in enumerate(definition.extra_sheets.get(CRITERIA_SHEET, ())):
            _merge_row(rows, definition, index + 2, row, problems)
    criteria = {code: _criterion(merged, problems) for code, merged in rows.items()}
    bindings: dict[str, tuple[Binding, ...]] = {}
    for definition in forms:
        bindings[definition.form_id] = tuple(_bind_form(definition, criteria, problems))
    if problems:
        raise CriteriaError(problems)
    ordered = dict(sorted(criteria.items(), key=lambda item: criterion_sort_key(item[0])))
    return Catalogue(criteria=MappingProxyType(ordered), bindings=MappingProxyType(bindings))


@dataclass
class _MergedRow:
    code: str
    values: dict[str, str]
    origin: dict[str, tuple[str, int]]
    """Column → (form file, row) that gave its value, for conflict messages."""
    forms: list[str]
    first: tuple[str, int]


def _where(definition: FormDefinition) -> str:
    return definition.source_path or definition.form_id


def _merge_row(
    rows: dict[str, _MergedRow],
    definition: FormDefinition,
    row_number: int,
    row: Mapping[str, str],
    problems: list[FormProblem],
) -> None:
    where = _where(definition)
    cells = {str(k).strip(): str(v).strip() for k, v in row.items() if v is not None}
    code = cells.get("code", "")
    if not code:
        if any(cells.values()):
            problems.append(
                FormProblem(where, CRITERIA_SHEET, row_number, "code", "criterion has no code")
            )
        return
    merged = rows.setdefault(code, _MergedRow(code, {}, {}, [], (where, row_number)))
    if definition.form_id not in merged.forms:
        merged.forms.append(definition.form_id)
    for column, value in cells.items():
        if column == "code" or not value:
            continue
        known = merged.values.get(column)
        if known is None:
            merged.values[column] = value
            merged.origin[column] = (where, row_number)
        elif known != value:
            other_form, other_row = merged.origin[column]
            problems.append(
                FormProblem(
                    where,
                    CRITERIA_SHEET,
                    row_number,
                    column,
                    f"criterion {code}: {value!r} conflicts with {known!r} "
                    f"in {other_form} (sheet {CRITERIA_SHEET!r} row {other_row})",
                )
            )


def _criterion(merged: _MergedRow, problems: list[FormProblem]) -> Criterion:
    values = merged.values

    def problem(column: str, message: str) -> None:
        form, at = merged.origin.get(column, merged.first)
        problems.append(FormProblem(form, CRITERIA_SHEET, at, column, message))

    area = values.get("area", "").upper()
    if area not in AREA_BY_CODE:
        problem("area", f"criterion {merged.code}: area must be one of A–L, got {area!r}")
    severity_text = values.get("severity", "").lower()
    try:
        severity = Severity(severity_text)
    except ValueError:
        problem(
            "severity",
            f"criterion {merged.code}: severity must be critical, major or minor, "
            f"got {severity_text!r}",
        )
        severity = Severity.MAJOR
    evidence: list[EvidenceSource] = []
    for word in values.get("evidence", "").lower().split():
        try:
            evidence.append(EvidenceSource(word))
        except ValueError:
            problem(
                "evidence",
                f"criterion {merged.code}: unknown evidence source {word!r} "
                "(use documents, management, workers, observation)",
            )
    fairwork = tuple(values.get("fairwork", "").replace(";", " ").replace(",", " ").split())
    for threshold in fairwork:
        if threshold not in FAIRWORK_THRESHOLDS:
            problem(
                "fairwork",
                f"criterion {merged.code}: Fairwork threshold must be one of "
                f"{', '.join(FAIRWORK_THRESHOLDS)}, got {threshold!r}",
            )
    return Criterion(
        code=merged.code,
        area=area,
        titles=_translations(values, "title"),
        evidence=tuple(dict.fromkeys(evidence)),
        severity=severity,
        references=values.get("references", ""),
        fairwork=tuple(t for t in fairwork if t in FAIRWORK_THRESHOLDS),
        guidance=_translations(values, "guidance"),
        corrective_actions=_translations(values, "corrective_action"),
        worker_threshold=_share(merged.code, values.get("worker_threshold", ""), problem),
        forms=tuple(merged.forms),
    )


def _translations(values: Mapping[str, str], base: str) -> Mapping[str, str]:
    texts: dict[str, str] = {}
    for column, value in values.items():
        name, _, suffix = column.partition("::")
        if name.strip() == base and value:
            texts[language_of(suffix)] = value
    return MappingProxyType(texts)


def _share(code: str, text: str, problem: Callable[[str, str], None]) -> float | None:
    if not text:
        return None
    try:
        share = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        share = -1.0
    if not 0 <= share <= 1:
        problem(
            "worker_threshold",
            f"criterion {code}: worker_threshold must be a share from 0 to 1 "
            f"(e.g. 0.2 or 20%; 0 means a single report decides), got {text!r}",
        )
        return None
    return share


def _bind_form(
    definition: FormDefinition, criteria: Mapping[str, Criterion], problems: list[FormProblem]
) -> Iterable[Binding]:
    where = _where(definition)
    for question in definition.questions():
        codes = question.extra.get("criterion", "").replace(",", " ").split()
        if not codes:
            continue
        row = question.source.row
        expressions: dict[str, Expression | None] = {}
        for column in EXPRESSION_COLUMNS:
            text = question.extra.get(column, "").strip()
            expressions[column] = None
            if text:
                try:
                    expressions[column] = compile_expression(text)
                except ExpressionError as error:
                    problems.append(
                        FormProblem(
                            where,
                            question.source.sheet,
                            row,
                            column,
                            f"question {question.name!r}: {error}",
                        )
                    )
        for code in codes:
            if code not in criteria:
                problems.append(
                    FormProblem(
                        where,
                        question.source.sheet,
                        row,
                        "criterion",
                        f"question {question.name!r} names criterion {code!r}, "
                        f"which no {CRITERIA_SHEET!r} sheet of the audit's forms defines",
                    )
                )
                continue
            yield Binding(
                form_id=definition.form_id,
                question=question,
                criterion=code,
                compliant_if=expressions["compliant_if"],
                partly_if=expressions["partly_if"],
                na_if=expressions["na_if"],
            )
