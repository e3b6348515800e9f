"""The live state the session keeps beside the instance, and how expressions read it.

A *node* is one element in one repeat context: ``(element, indexes)`` where ``indexes``
holds one 1-based index per enclosing repeat (a repeat's own instance included). Its
instance path (``visit[1]/room[3]/photo``) keys answers and flags alike.

:class:`NodeContext` is the engine's :class:`EvaluationContext`: ``${name}`` resolves
relative to the node being computed, as ODK does — the same repeat instance when both
sit in it, every instance (a node-set) when the reference reaches into a repeat from
outside. A question that is not relevant reads as empty.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from auditdesk.formengine.definition import (
    Choice,
    FormDefinition,
    FormElement,
    GroupDef,
    QuestionDef,
    RepeatDef,
    pick_text,
)
from auditdesk.formengine.graph import DependencyGraph
from auditdesk.formengine.instance import FormInstance, path_format
from auditdesk.formengine.values import Value, to_xpath
from auditdesk.formengine.xpath import Expression, NodeSet, XPathValue

Indexes = tuple[int, ...]
Clock = Callable[[], datetime.datetime]


class FormState:
    """Answers (in the instance) plus the flags derived from them, and path arithmetic."""

    def __init__(
        self,
        definition: FormDefinition,
        instance: FormInstance,
        *,
        language: str,
        clock: Clock,
    ) -> None:
        self.definition = definition
        self.graph = DependencyGraph(definition)
        self.instance = instance
        self.language = language
        self.clock = clock
        self.relevant: dict[str, bool] = {}
        self.required: dict[str, bool] = {}
        self.read_only: dict[str, bool] = {}
        self.choices: dict[str, tuple[Choice, ...]] = {}
        self.seen: dict[str, Value | None] = {}
        """The value each node last showed its dependants (empty while not relevant)."""
        self._formats = {e.path: path_format(definition, e.path) for e in definition.elements}
        self._common: dict[tuple[str, str], int] = {}

    # -- paths -----------------------------------------------------------------------

    def path_of(self, element: FormElement, indexes: Indexes) -> str:
        if not indexes:
            return element.path
        return self._formats[element.path].format(*indexes)

    def count_key(self, repeat: RepeatDef, parent_indexes: Indexes) -> str:
        """The key of a repeat's instance count: its instance path without its own index."""
        return self._formats[repeat.path][: -len("[{}]")].format(*parent_indexes)

    def repeat_count(self, repeat: RepeatDef, parent_indexes: Indexes) -> int:
        return self.instance.repeats.get(self.count_key(repeat, parent_indexes), 0)

    def common_depth(self, a: FormElement, b: FormElement) -> int:
        """How many enclosing repeats ``a`` and ``b`` share (a repeat counts as its own)."""
        key = (a.path, b.path)
        depth = self._common.get(key)
        if depth is None:
            depth = 0
            for left, right in zip(a.repeats, b.repeats, strict=False):
                if left != right:
                    break
                depth += 1
            self._common[key] = depth
        return depth

    def expand(self, element: FormElement, prefix: Indexes) -> list[Indexes]:
        """Every existing node of ``element`` whose indexes start with ``prefix``."""
        found = [prefix]
        for depth in range(len(prefix), element.repeat_depth):
            repeat = self.definition.by_path(element.repeats[depth])
            assert isinstance(repeat, RepeatDef)
            found = [
                (*indexes, i)
                for indexes in found
                for i in range(1, self.repeat_count(repeat, indexes) + 1)
            ]
        return found

    def exists(self, element: FormElement, indexes: Indexes) -> bool:
        if len(indexes) != element.repeat_depth:
            return False
        for depth, index in enumerate(indexes):
            repeat = self.definition.by_path(element.repeats[depth])
            assert isinstance(repeat, RepeatDef)
            if not 1 <= index <= self.repeat_count(repeat, indexes[:depth]):
                return False
        return True

    # -- reading -----------------------------------------------------------------------

    def is_relevant(self, element: FormElement, indexes: Indexes) -> bool:
        return self.relevant.get(self.path_of(element, indexes), True)

    def value(self, element: FormElement, indexes: Indexes) -> Value | None:
        """The answer as dependants see it: empty while the question is not relevant."""
        path = self.path_of(element, indexes)
        if not self.relevant.get(path, True):
            return None
        return self.instance.answers.get(path)

    def evaluate(
        self,
        expression: Expression,
        element: FormElement,
        indexes: Indexes,
        *,
        current: Value | None = None,
        use_current: bool = False,
        choice: Choice | None = None,
    ) -> XPathValue:
        context = NodeContext(self, element, indexes, current, use_current, choice)
        try:
            return expression.evaluate(context)
        except (ArithmeticError, ValueError, TypeError, KeyError, RecursionError):
            # A form's arithmetic must never stop an interview: ODK yields empty here too.
            return ""

    def text(self, texts: object) -> str:
        from collections.abc import Mapping

        if not isinstance(texts, Mapping):
            return ""
        return pick_text(texts, self.language, self.definition.settings.default_language)


class NodeContext:
    """Resolves names for one node; created per evaluation, so it stays small."""

    __slots__ = ("_choice", "_current", "_element", "_indexes", "_state", "_use_current")

    def __init__(
        self,
        state: FormState,
        element: FormElement,
        indexes: Indexes,
        current: Value | None,
        use_current: bool,
        choice: Choice | None,
    ) -> None:
        self._state = state
        self._element = element
        self._indexes = indexes
        self._current = current
        self._use_current = use_current
        self._choice = choice

    def resolve(self, name: str) -> XPathValue:
        state = self._state
        target = state.definition.find(name)
        if target is None:
            return ""
        depth = min(state.common_depth(target, self._element), len(self._indexes))
        if isinstance(target, RepeatDef):
            depth = min(depth, target.repeat_depth - 1)
            return NodeSet("" for _ in state.expand(target, self._indexes[:depth]))
        if isinstance(target, GroupDef):
            return ""
        if target.repeat_depth == depth:
            return to_xpath(state.value(target, self._indexes[:depth]))
        return NodeSet(
            to_xpath(state.value(target, indexes))
            for indexes in state.expand(target, self._indexes[:depth])
        )

    def current(self) -> XPathValue:
        if self._use_current:
            return to_xpath(self._current)
        return to_xpath(self._state.value(self._element, self._indexes))

    def relative(self, name: str) -> XPathValue:
        choice = self._choice
        if choice is not None and "/" not in name:
            if name == "name":
                return choice.name
            if name == "label":
                return self._state.text(choice.labels)
            return choice.extra.get(name, "")
        last = name.rstrip("/").rsplit("/", 1)[-1]
        if last in (".", ""):
            return self.current()
        return self.resolve(last) if last != ".." else ""

    def choice_label(self, question: str, choice: str) -> str:
        element = self._state.definition.find(question)
        if not isinstance(element, QuestionDef):
            return ""
        found = element.choice(choice)
        return self._state.text(found.labels) if found is not None else ""

    def position(self) -> int:
        return self._indexes[-1] if self._indexes else 1

    def indexed_repeat(self, name: str, repeats: Sequence[tuple[str, int]]) -> XPathValue:
        state = self._state
        target = state.definition.find(name)
        if target is None or isinstance(target, GroupDef):
            return ""
        given = {}
        for repeat_name, index in repeats:
            repeat = state.definition.find(repeat_name)
            if repeat is not None:
                given[repeat.path] = index
        shared = min(state.common_depth(target, self._element), len(self._indexes))
        indexes = tuple(
            given.get(path, self._indexes[depth] if depth < shared else 1)
            for depth, path in enumerate(target.repeats)
        )
        if not state.exists(target, indexes):
            return ""
        return to_xpath(state.value(target, indexes))

    def now(self) -> datetime.datetime:
        return self._state.clock()
