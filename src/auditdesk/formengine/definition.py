"""The immutable form definition: what an XLSForm says, parsed and compiled once.

Everything here is frozen (dataclasses, tuples, read-only mappings) so a definition can
be shared by many sessions and threads. Texts that can be translated (labels, hints,
messages) are ``Mapping[language, text]``; a form without translated columns has the
single language ``"default"``.

Paths are Kobo-style: the names of the enclosing groups and repeats joined by ``/``
(``household/member/age``), without repeat indexes. Instance paths (with indexes) are
the business of :mod:`auditdesk.formengine.instance`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from auditdesk.formengine.xpath import Expression

DEFAULT_LANGUAGE = "default"

Texts = Mapping[str, str]
"""A translatable text: language → text."""

EMPTY_TEXTS: Texts = MappingProxyType({})


def _no_texts() -> Texts:
    return EMPTY_TEXTS


class QuestionType(enum.Enum):
    """What kind of answer a question takes (XLSForm types, after pyxform's aliases)."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    RANGE = "range"
    SELECT_ONE = "select_one"
    SELECT_MULTIPLE = "select_multiple"
    RANK = "rank"
    DATE = "date"
    TIME = "time"
    DATETIME = "dateTime"
    NOTE = "note"
    ACKNOWLEDGE = "acknowledge"
    CALCULATE = "calculate"
    HIDDEN = "hidden"
    IMAGE = "image"
    FILE = "file"
    AUDIO = "audio"
    VIDEO = "video"
    GEOPOINT = "geopoint"
    GEOTRACE = "geotrace"
    GEOSHAPE = "geoshape"
    BARCODE = "barcode"
    # Metadata: filled by the session, never asked.
    START = "start"
    END = "end"
    TODAY = "today"
    DEVICEID = "deviceid"
    USERNAME = "username"
    AUDIT = "audit"
    PROPERTY = "property"
    """Other device properties (phone number, SIM serial, email): empty on a desktop."""

    @property
    def is_metadata(self) -> bool:
        return self in _METADATA

    @property
    def is_select(self) -> bool:
        return self in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE, QuestionType.RANK)

    @property
    def is_attachment(self) -> bool:
        return self in _ATTACHMENTS

    @property
    def is_computed(self) -> bool:
        """Never shown as a prompt: its value comes from the form or the device."""
        return self in _COMPUTED


_METADATA = frozenset(
    {
        QuestionType.START,
        QuestionType.END,
        QuestionType.TODAY,
        QuestionType.DEVICEID,
        QuestionType.USERNAME,
        QuestionType.AUDIT,
        QuestionType.PROPERTY,
    }
)
_ATTACHMENTS = frozenset(
    {QuestionType.IMAGE, QuestionType.FILE, QuestionType.AUDIO, QuestionType.VIDEO}
)
_COMPUTED = _METADATA | {QuestionType.CALCULATE, QuestionType.HIDDEN}


@dataclass(frozen=True, slots=True)
class Choice:
    """One row of the choices sheet; ``extra`` holds every other column (filters, scores)."""

    name: str
    labels: Texts
    extra: Mapping[str, str] = field(default_factory=_no_texts)


@dataclass(frozen=True, slots=True)
class Bindings:
    """The compiled expressions of one element; ``None`` where the column is empty."""

    relevant: Expression | None = None
    constraint: Expression | None = None
    required: Expression | None = None
    read_only: Expression | None = None
    calculation: Expression | None = None
    choice_filter: Expression | None = None
    repeat_count: Expression | None = None
    default: Expression | None = None
    """A dynamic default (``${x}``, ``today()``), evaluated when the node is created."""
    default_text: str = ""
    """A literal default, parsed with the question's type."""
    trigger: tuple[str, ...] = ()
    """Names whose change recalculates this element (and nothing else does)."""

    def expressions(self) -> Iterator[tuple[str, Expression]]:
        """Each compiled expression with the name of the property it computes."""
        for prop in (
            "relevant",
            "constraint",
            "required",
            "read_only",
            "calculation",
            "choice_filter",
            "repeat_count",
            "default",
        ):
            expression = getattr(self, prop)
            if expression is not None:
                yield prop, expression


NO_BINDINGS = Bindings()


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRow:
    """Where an element was written: sheet row (1-based, header is row 1) and columns."""

    sheet: str = "survey"
    row: int | None = None
    columns: Mapping[str, str] = field(default_factory=_no_texts)
    """Property (``relevant``, ``calculation``…) → the column header as the author wrote it."""

    def column(self, prop: str) -> str:
        return self.columns.get(prop, prop)


@dataclass(frozen=True, slots=True, kw_only=True)
class FormElement:
    """What questions, groups and repeats share."""

    index: int
    """Position in document order (the root is never an element)."""
    name: str
    path: str
    parent_path: str
    """``""`` for a top-level element."""
    repeats: tuple[str, ...]
    """Paths of the repeats around this element, outermost first (a repeat includes itself)."""
    labels: Texts = field(default_factory=_no_texts)
    hints: Texts = field(default_factory=_no_texts)
    guidance_hints: Texts = field(default_factory=_no_texts)
    appearance: str = ""
    bindings: Bindings = NO_BINDINGS
    constraint_messages: Texts = field(default_factory=_no_texts)
    required_messages: Texts = field(default_factory=_no_texts)
    extra: Mapping[str, str] = field(default_factory=_no_texts)
    """Survey columns XLSForm does not define (``criterion``, ``compliant_if``…), verbatim."""
    source: SourceRow = field(default_factory=SourceRow)

    @property
    def repeat_depth(self) -> int:
        return len(self.repeats)


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionDef(FormElement):
    type: QuestionType
    list_name: str = ""
    choices: tuple[Choice, ...] = ()
    or_other: bool = False
    parameters: Mapping[str, str] = field(default_factory=_no_texts)
    type_constraint: Expression | None = None
    """A check implied by the type itself (``phone number``, ``percentage``)."""

    def choice(self, name: str) -> Choice | None:
        for choice in self.choices:
            if choice.name == name:
                return choice
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupDef(FormElement):
    children: tuple[FormElement, ...] = ()

    @property
    def is_field_list(self) -> bool:
        return "field-list" in self.appearance.split()


@dataclass(frozen=True, slots=True, kw_only=True)
class RepeatDef(GroupDef):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class FormSettings:
    form_id: str
    version: str = ""
    title: str = ""
    default_language: str = DEFAULT_LANGUAGE
    instance_name: Expression | None = None
    extra: Mapping[str, str] = field(default_factory=_no_texts)
    """Other settings-sheet columns, verbatim."""


ExtraSheet = tuple[Mapping[str, str], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FormDefinition:
    """A loaded form: settings, the element tree, choices, and lookups by name and path."""

    settings: FormSettings
    languages: tuple[str, ...]
    children: tuple[FormElement, ...]
    choice_lists: Mapping[str, tuple[Choice, ...]]
    extra_sheets: Mapping[str, ExtraSheet]
    warnings: tuple[str, ...]
    source_path: str
    _by_path: Mapping[str, FormElement] = field(repr=False)
    _by_name: Mapping[str, FormElement] = field(repr=False)
    _elements: tuple[FormElement, ...] = field(repr=False)

    @classmethod
    def build(
        cls,
        *,
        settings: FormSettings,
        languages: tuple[str, ...],
        children: tuple[FormElement, ...],
        choice_lists: Mapping[str, tuple[Choice, ...]],
        extra_sheets: Mapping[str, ExtraSheet],
        warnings: tuple[str, ...] = (),
        source_path: str = "",
    ) -> FormDefinition:
        elements = tuple(_walk(children))
        by_name: dict[str, FormElement] = {}
        for element in elements:
            # pyxform guarantees unique names where ${name} must resolve; keep the first.
            by_name.setdefault(element.name, element)
        return cls(
            settings=settings,
            languages=languages,
            children=children,
            choice_lists=MappingProxyType(dict(choice_lists)),
            extra_sheets=MappingProxyType(dict(extra_sheets)),
            warnings=warnings,
            source_path=source_path,
            _by_path=MappingProxyType({e.path: e for e in elements}),
            _by_name=MappingProxyType(by_name),
            _elements=elements,
        )

    @property
    def form_id(self) -> str:
        return self.settings.form_id

    @property
    def version(self) -> str:
        return self.settings.version

    @property
    def elements(self) -> tuple[FormElement, ...]:
        """Every group, repeat and question in document order."""
        return self._elements

    def questions(self) -> Iterator[QuestionDef]:
        for element in self._elements:
            if isinstance(element, QuestionDef):
                yield element

    def by_path(self, path: str) -> FormElement:
        try:
            return self._by_path[path]
        except KeyError:
            raise KeyError(f"no element at path {path!r} in form {self.form_id!r}") from None

    def by_name(self, name: str) -> FormElement:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"no element named {name!r} in form {self.form_id!r}") from None

    def find(self, name_or_path: str) -> FormElement | None:
        return self._by_path.get(name_or_path) or self._by_name.get(name_or_path)

    def match_language(self, wanted: str) -> str | None:
        """The form language meant by ``wanted``: exact, its code (``fr``), or its name."""
        if wanted in self.languages:
            return wanted
        folded = wanted.strip().casefold()
        for language in self.languages:
            name, _, code = language.partition("(")
            if folded in (code.rstrip(")").strip().casefold(), name.strip().casefold()):
                return language
        return None

    def parent(self, element: FormElement) -> GroupDef | None:
        parent = self._by_path.get(element.parent_path)
        return parent if isinstance(parent, GroupDef) else None


def _walk(children: tuple[FormElement, ...]) -> Iterator[FormElement]:
    for child in children:
        yield child
        if isinstance(child, GroupDef):
            yield from _walk(child.children)


def pick_text(texts: Texts, language: str, default_language: str = DEFAULT_LANGUAGE) -> str:
    """The text in ``language``, falling back as ODK does: untranslated, default, any."""
    if not texts:
        return ""
    for key in (language, DEFAULT_LANGUAGE, default_language):
        text = texts.get(key)
        if text:
            return text
    return next(iter(texts.values()))
