"""Recompute what depends on a change — and nothing else — in dependency order.

A change to one node seeds a work list; each item is a graph vertex at one node
(``(path, Prop.RELEVANT)`` at ``member[2]``). Items are processed by the vertex's
topological rank, so a calculation runs after everything it reads. An item that
really changed enqueues its dependants, expanded to the nodes they concern: the same
repeat instance when both live in it, every instance when a reference reaches into a
repeat from outside. Repeat counts (``repeat_count``) add and remove instances here too.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

from auditdesk.formengine.definition import (
    FormElement,
    GroupDef,
    QuestionDef,
    RepeatDef,
)
from auditdesk.formengine.graph import Prop, Vertex
from auditdesk.formengine.results import ChangeCollector
from auditdesk.formengine.state import FormState, Indexes
from auditdesk.formengine.values import InvalidValue, Value, from_xpath, parse_value
from auditdesk.formengine.xpath import to_boolean, to_number

MAX_REPEAT_COUNT = 10_000
"""A guard against ``repeat_count`` mistakes (``${age} * 1000``) eating all memory."""

_CROSS_INSTANCE_FUNCTIONS = frozenset({"indexed-repeat", "position"})


def node_depth(element: FormElement, prop: Prop) -> int:
    """How many indexes a vertex's node has: a repeat's count lives on its parent."""
    if isinstance(element, RepeatDef) and prop in (Prop.COUNT, Prop.VALUE):
        return element.repeat_depth - 1
    return element.repeat_depth


class Recomputer:
    def __init__(self, state: FormState) -> None:
        self._state = state
        self._graph = state.graph
        self._definition = state.definition
        self._heap: list[tuple[int, int, Vertex, Indexes]] = []
        self._pending: set[tuple[Vertex, Indexes]] = set()
        self._triggered: set[tuple[str, Indexes]] = set()
        self._counter = 0
        self._changes = ChangeCollector()
        self._answered: tuple[str, Indexes] | None = None

    # -- driving -----------------------------------------------------------------------

    def run(
        self,
        seeds: Iterable[tuple[Vertex, Indexes]],
        *,
        answered: tuple[str, Indexes] | None = None,
    ) -> ChangeCollector:
        """Process ``seeds`` and everything they change; returns what changed.

        Changes recorded by :meth:`add_instance` / :meth:`remove_instance` since the last
        run are included. ``answered`` is the node a person just answered: its own
        ``calculation`` must not overwrite the answer (it recalculates when what it reads
        changes, as in ODK).
        """
        changes = self._changes
        self._answered = answered
        for vertex, indexes in seeds:
            self._push(vertex, indexes)
        while self._heap:
            _, _, vertex, indexes = heapq.heappop(self._heap)
            self._pending.discard((vertex, indexes))
            changes.recomputed += 1
            if self._compute(vertex, indexes):
                self.enqueue_dependents(vertex, indexes)
        self._triggered.clear()
        self._answered = None
        self._changes = ChangeCollector()
        return changes

    def seeds_for(
        self, elements: Iterable[FormElement], prefix: Indexes
    ) -> list[tuple[Vertex, Indexes]]:
        """Every vertex of ``elements`` at every existing node under ``prefix``."""
        seeds: list[tuple[Vertex, Indexes]] = []
        for element in elements:
            for prop in self._graph.props_of(element.path):
                if prop is Prop.CONSTRAINT:
                    continue
                depth = node_depth(element, prop)
                for indexes in self._expand(element, prefix, depth):
                    seeds.append(((element.path, prop), indexes))
        return seeds

    def enqueue_dependents(self, vertex: Vertex, indexes: Indexes) -> None:
        source = self._definition.by_path(vertex[0])
        for target in self._graph.dependents(vertex):
            target_path, prop = target
            if prop is Prop.CONSTRAINT:
                continue
            element = self._definition.by_path(target_path)
            shared = min(self._state.common_depth(source, element), len(indexes))
            if _reads_other_instances(element, prop):
                shared = 0
            depth = node_depth(element, prop)
            if depth <= shared:
                nodes = [indexes[:depth]]
            else:
                nodes = self._expand(element, indexes[:shared], depth)
            is_trigger = prop is Prop.VALUE and source.name in element.bindings.trigger
            for node in nodes:
                if is_trigger:
                    self._triggered.add((target_path, node))
                self._push(target, node)

    def _push(self, vertex: Vertex, indexes: Indexes) -> None:
        key = (vertex, indexes)
        if key in self._pending:
            return
        self._pending.add(key)
        self._counter += 1
        heapq.heappush(self._heap, (self._graph.rank(vertex), self._counter, vertex, indexes))

    def _expand(self, element: FormElement, prefix: Indexes, depth: int) -> list[Indexes]:
        if depth == element.repeat_depth:
            return self._state.expand(element, prefix)
        parent = self._definition.parent(element)
        if parent is None:
            return [()]
        return self._state.expand(parent, prefix[:depth]) if depth else [()]

    # -- one vertex at one node ----------------------------------------------------------

    def _compute(self, vertex: Vertex, indexes: Indexes) -> bool:
        element = self._definition.by_path(vertex[0])
        prop = vertex[1]
        if prop is Prop.RELEVANT:
            return self._relevance(element, indexes)
        if prop is Prop.VALUE:
            if isinstance(element, RepeatDef):
                return True  # its instances changed (count or relevance): tell readers
            if isinstance(element, QuestionDef):
                return self._value(element, indexes)
            return False
        if prop is Prop.COUNT:
            assert isinstance(element, RepeatDef)
            return self._count(element, indexes)
        if prop is Prop.LABEL:
            self._changes.labels.add(self._state.path_of(element, indexes))
            return False
        if prop is Prop.CHOICES:
            assert isinstance(element, QuestionDef)
            return self._choices(element, indexes)
        return self._flag(element, prop, indexes)

    def _relevance(self, element: FormElement, indexes: Indexes) -> bool:
        state = self._state
        expression = element.bindings.relevant
        relevant = True
        parent = self._definition.parent(element)
        if parent is not None:
            relevant = state.is_relevant(parent, indexes[: parent.repeat_depth])
        if relevant and expression is not None:
            relevant = to_boolean(state.evaluate(expression, element, indexes))
        path = state.path_of(element, indexes)
        old = state.relevant.get(path)
        if old is relevant:
            return False
        state.relevant[path] = relevant
        if old is not None:
            self._changes.relevance.add(path)
        return True

    def _value(self, question: QuestionDef, indexes: Indexes) -> bool:
        state = self._state
        path = state.path_of(question, indexes)
        relevant = state.relevant.get(path, True)
        bindings = question.bindings
        answers = state.instance.answers
        answered = self._answered == (question.path, indexes)
        if relevant and bindings.calculation is not None and not answered:
            triggered = (question.path, indexes) in self._triggered
            if triggered or not bindings.trigger:
                self._triggered.discard((question.path, indexes))
                result = state.evaluate(bindings.calculation, question, indexes)
                try:
                    computed = from_xpath(question.type, result, question.parameters)
                except InvalidValue:
                    computed = None
                _store(answers, path, computed)
        if bindings.choice_filter is not None and path in answers:
            _store(answers, path, self._keep_available(question, path, answers[path]))
        value = answers.get(path) if relevant else None
        if path in state.seen and state.seen[path] == value:
            return False
        state.seen[path] = value
        self._changes.values.add(path)
        return True

    def _keep_available(self, question: QuestionDef, path: str, value: Value) -> Value | None:
        available = {choice.name for choice in self._state.choices.get(path, question.choices)}
        if isinstance(value, tuple):
            kept = tuple(name for name in value if name in available)
            return kept or None
        return value if value in available else None

    def _choices(self, question: QuestionDef, indexes: Indexes) -> bool:
        state = self._state
        expression = question.bindings.choice_filter
        assert expression is not None
        kept = tuple(
            choice
            for choice in question.choices
            if to_boolean(state.evaluate(expression, question, indexes, choice=choice))
        )
        path = state.path_of(question, indexes)
        old = state.choices.get(path)
        if old is not None and [c.name for c in old] == [c.name for c in kept]:
            return False
        state.choices[path] = kept
        if old is not None:
            self._changes.choices.add(path)
        return True

    def _flag(self, element: FormElement, prop: Prop, indexes: Indexes) -> bool:
        state = self._state
        if prop is Prop.REQUIRED:
            expression, flags = element.bindings.required, state.required
            changed = self._changes.required
        else:
            expression, flags = element.bindings.read_only, state.read_only
            changed = self._changes.read_only
        if expression is None:
            return False
        value = to_boolean(state.evaluate(expression, element, indexes))
        path = state.path_of(element, indexes)
        old = flags.get(path)
        if old is value:
            return False
        flags[path] = value
        if old is not None:
            changed.add(path)
        return True

    def _count(self, repeat: RepeatDef, parent_indexes: Indexes) -> bool:
        state = self._state
        expression = repeat.bindings.repeat_count
        if expression is None:
            return False
        number = to_number(state.evaluate(expression, repeat, parent_indexes))
        wanted = 0 if math.isnan(number) else max(0, min(int(number), MAX_REPEAT_COUNT))
        have = state.repeat_count(repeat, parent_indexes)
        if wanted == have:
            return False
        if wanted > have:
            for _ in range(wanted - have):
                self.add_instance(repeat, parent_indexes)
        else:
            for index in range(have, wanted, -1):
                self.remove_instance(repeat, parent_indexes, index)
        return True

    # -- repeat instances --------------------------------------------------------------

    def add_instance(self, repeat: RepeatDef, parent_indexes: Indexes) -> Indexes:
        """Create the next instance with its defaults; its vertices join the work list."""
        state = self._state
        key = state.count_key(repeat, parent_indexes)
        index = state.instance.repeats.get(key, 0) + 1
        state.instance.repeats[key] = index
        self._changes.repeats.add(key)
        indexes = (*parent_indexes, index)
        subtree = [repeat, *_descendants(repeat)]
        apply_defaults(state, subtree, indexes)
        for vertex, node in self.seeds_for(subtree, indexes):
            self._push(vertex, node)
        return indexes

    def remove_instance(self, repeat: RepeatDef, parent_indexes: Indexes, index: int) -> None:
        """Drop one instance, renumber the later ones, and recompute what read them."""
        state = self._state
        key = state.count_key(repeat, parent_indexes)
        count = state.instance.repeats.get(key, 0)
        if not 1 <= index <= count:
            raise IndexError(f"{key} has no instance {index}")
        for table in (
            state.instance.answers,
            state.relevant,
            state.required,
            state.read_only,
            state.choices,
            state.seen,
            state.instance.repeats,
        ):
            _renumber(table, key, index)  # type: ignore[arg-type]
        state.instance.repeats[key] = count - 1
        self._changes.repeats.add(key)
        subtree = [repeat, *_descendants(repeat)]
        for vertex, node in self.seeds_for(subtree, parent_indexes):
            if len(node) > len(parent_indexes) and node[len(parent_indexes)] >= index:
                self._push(vertex, node)
        for element in subtree:
            if isinstance(element, QuestionDef):
                self.enqueue_dependents((element.path, Prop.VALUE), parent_indexes)
        self.enqueue_dependents((repeat.path, Prop.VALUE), parent_indexes)


def apply_defaults(state: FormState, elements: Iterable[FormElement], indexes: Indexes) -> None:
    """Fill ``default`` values of new nodes (top-level ones, or one new repeat instance)."""
    for element in elements:
        if not isinstance(element, QuestionDef) or element.repeat_depth != len(indexes):
            continue
        bindings = element.bindings
        path = state.path_of(element, indexes)
        value: Value | None = None
        try:
            if bindings.default is not None:
                result = state.evaluate(bindings.default, element, indexes)
                value = from_xpath(element.type, result, element.parameters)
            elif bindings.default_text:
                value = parse_value(element.type, bindings.default_text, element.parameters)
        except InvalidValue:
            value = None
        if value is not None:
            state.instance.answers[path] = value


def _descendants(group: GroupDef) -> list[FormElement]:
    found: list[FormElement] = []
    for child in group.children:
        found.append(child)
        if isinstance(child, GroupDef):
            found.extend(_descendants(child))
    return found


def _reads_other_instances(element: FormElement, prop: Prop) -> bool:
    bindings = element.bindings
    expression = {
        Prop.RELEVANT: bindings.relevant,
        Prop.VALUE: bindings.calculation,
        Prop.REQUIRED: bindings.required,
        Prop.READ_ONLY: bindings.read_only,
        Prop.CHOICES: bindings.choice_filter,
        Prop.COUNT: bindings.repeat_count,
    }.get(prop)
    return expression is not None and not expression.functions.isdisjoint(_CROSS_INSTANCE_FUNCTIONS)


def _store(answers: dict[str, Value], path: str, value: Value | None) -> None:
    if value is None:
        answers.pop(path, None)
    else:
        answers[path] = value


def _renumber(table: dict[str, object], key: str, removed: int) -> None:
    """Remove ``key[removed]`` and everything under it; shift later instances down by one."""
    stem = f"{key}["
    moved: list[tuple[str, object]] = []
    for path in [p for p in table if p.startswith(stem)]:
        close = path.find("]", len(stem))
        rest = path[close + 1 :]
        digits = path[len(stem) : close]
        if close < 0 or not digits.isdigit() or (rest and not rest.startswith("/")):
            continue
        number = int(digits)
        if number < removed:
            continue
        value = table.pop(path)
        if number > removed:
            moved.append((f"{stem}{number - 1}]{rest}", value))
    table.update(moved)
