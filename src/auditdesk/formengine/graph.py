"""Who depends on whom: the static dependency graph of a form, in topological order.

A vertex is one computed property of one element (``(path, Prop.RELEVANT)``). An edge
``a → b`` says "when a changes, b must be recomputed". Besides the ``${name}``
references of each expression, three rules make ODK's behaviour:

* a group's relevance flows into every child's relevance (and so to all descendants);
* a value is seen as empty while its question is not relevant, so relevance feeds value;
* a ``trigger`` replaces the calculation's own references: only the trigger recalculates.

Constraints are kept as vertices (so tools can ask who a constraint reads) but the
session checks them on demand, as JavaRosa does. The graph is built once per form;
a cycle is a load error naming the questions involved.
"""

from __future__ import annotations

import enum
import graphlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from auditdesk.formengine.definition import (
    FormDefinition,
    FormElement,
    QuestionDef,
    RepeatDef,
)
from auditdesk.formengine.xpath import Expression

OUTPUT_REFERENCE_PATTERN = r"\$\{([^}\s]+)\}"


class Prop(enum.Enum):
    VALUE = "value"
    RELEVANT = "relevant"
    REQUIRED = "required"
    READ_ONLY = "read_only"
    CHOICES = "choice_filter"
    CONSTRAINT = "constraint"
    LABEL = "label"
    COUNT = "repeat_count"


Vertex = tuple[str, Prop]


class CycleError(Exception):
    """Expressions that depend on themselves; ``paths`` are the elements in the loop."""

    def __init__(self, paths: list[str], prop: str) -> None:
        self.paths = paths
        self.prop = prop
        names = " → ".join(p.rsplit("/", 1)[-1] for p in [*paths, paths[0]])
        super().__init__(f"these expressions depend on each other in a cycle: {names}")


class DependencyGraph:
    """Edges between element properties, ranks in topological order, and lookups."""

    def __init__(self, definition: FormDefinition) -> None:
        self._definition = definition
        edges: dict[Vertex, set[Vertex]] = defaultdict(set)
        for element in definition.elements:
            for vertex in _element_vertices(element):
                edges.setdefault(vertex, set())
            for source, target in _element_edges(definition, element):
                edges[source].add(target)
        self._dependents: Mapping[Vertex, tuple[Vertex, ...]] = MappingProxyType(
            {vertex: tuple(targets) for vertex, targets in edges.items() if targets}
        )
        self._rank = _topological_ranks(edges)
        props: dict[str, list[Prop]] = defaultdict(list)
        for element_path, prop in sorted(self._rank, key=self.rank):
            props[element_path].append(prop)
        self._props: Mapping[str, tuple[Prop, ...]] = MappingProxyType(
            {element_path: tuple(found) for element_path, found in props.items()}
        )
        # Keep each vertex's dependents sorted so propagation visits them in order.
        self._dependents = MappingProxyType(
            {v: tuple(sorted(t, key=self.rank)) for v, t in self._dependents.items()}
        )

    def dependents(self, vertex: Vertex) -> tuple[Vertex, ...]:
        """What must be recomputed when ``vertex`` changes (direct dependants only)."""
        return self._dependents.get(vertex, ())

    def rank(self, vertex: Vertex) -> int:
        """Position in a topological order: recompute lower ranks first."""
        return self._rank.get(vertex, 0)

    def transitive_dependents(self, vertex: Vertex) -> set[Vertex]:
        seen: set[Vertex] = set()
        pending = [vertex]
        while pending:
            for target in self.dependents(pending.pop()):
                if target not in seen:
                    seen.add(target)
                    pending.append(target)
        return seen

    def props_of(self, path: str) -> tuple[Prop, ...]:
        """The vertices of one element, in topological order."""
        return self._props.get(path, ())

    def order(self) -> list[Vertex]:
        """Every vertex with an edge, in topological order."""
        return sorted(self._rank, key=self.rank)


def _element_vertices(element: FormElement) -> Iterable[Vertex]:
    """Vertices even without incoming edges: a constant ``required`` must still be computed."""
    path = element.path
    yield path, Prop.RELEVANT
    yield path, Prop.VALUE
    bindings = element.bindings
    for prop, expression in (
        (Prop.REQUIRED, bindings.required),
        (Prop.READ_ONLY, bindings.read_only),
        (Prop.CHOICES, bindings.choice_filter),
        (Prop.COUNT, bindings.repeat_count),
    ):
        if expression is not None:
            yield path, prop


def _element_edges(
    definition: FormDefinition, element: FormElement
) -> Iterable[tuple[Vertex, Vertex]]:
    path = element.path
    bindings = element.bindings
    yield (path, Prop.RELEVANT), (path, Prop.VALUE)
    if element.parent_path:
        yield (element.parent_path, Prop.RELEVANT), (path, Prop.RELEVANT)
    for prop, expression in (
        (Prop.RELEVANT, bindings.relevant),
        (Prop.REQUIRED, bindings.required),
        (Prop.READ_ONLY, bindings.read_only),
        (Prop.CHOICES, bindings.choice_filter),
        (Prop.CONSTRAINT, bindings.constraint),
        (Prop.COUNT, bindings.repeat_count),
    ):
        yield from _reference_edges(definition, expression, (path, prop))
    if isinstance(element, RepeatDef):
        yield (path, Prop.COUNT), (path, Prop.VALUE)
    if bindings.choice_filter is not None:
        # An answer no longer among the filtered choices is dropped, changing the value.
        yield (path, Prop.CHOICES), (path, Prop.VALUE)
    if bindings.trigger:
        for trigger in bindings.trigger:
            yield (_path_of(definition, trigger), Prop.VALUE), (path, Prop.VALUE)
    else:
        yield from _reference_edges(definition, bindings.calculation, (path, Prop.VALUE))
    if isinstance(element, QuestionDef):
        for name in _output_references(element):
            yield (_path_of(definition, name), Prop.VALUE), (path, Prop.LABEL)


def _reference_edges(
    definition: FormDefinition, expression: Expression | None, target: Vertex
) -> Iterable[tuple[Vertex, Vertex]]:
    if expression is None:
        return
    for name in expression.references:
        yield (_path_of(definition, name), Prop.VALUE), target


def _path_of(definition: FormDefinition, name: str) -> str:
    return definition.by_name(name).path


def _output_references(element: FormElement) -> set[str]:
    import re

    pattern = re.compile(OUTPUT_REFERENCE_PATTERN)
    names: set[str] = set()
    for texts in (element.labels, element.hints):
        for text in texts.values():
            if "${" in text:
                names.update(pattern.findall(text))
    return names


def _topological_ranks(edges: Mapping[Vertex, set[Vertex]]) -> dict[Vertex, int]:
    sorter: graphlib.TopologicalSorter[Vertex] = graphlib.TopologicalSorter()
    for source, targets in edges.items():
        sorter.add(source)
        for target in targets:
            sorter.add(target, source)
    try:
        return {vertex: rank for rank, vertex in enumerate(sorter.static_order())}
    except graphlib.CycleError as error:
        cycle: list[Vertex] = list(error.args[1])
        paths: list[str] = []
        for element_path, _prop in cycle:
            if element_path not in paths:
                paths.append(element_path)
        # Name the property that closes the loop on the first element, for the column.
        prop = next(
            (p.value for e, p in cycle if e == paths[0] and p is not Prop.VALUE), "calculation"
        )
        raise CycleError(paths, prop) from None
