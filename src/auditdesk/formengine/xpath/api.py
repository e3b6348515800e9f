"""compile_expression and the compiled Expression the form engine keeps and evaluates."""

from __future__ import annotations

import functools

from auditdesk.formengine.xpath.coercion import to_boolean, to_number, to_string
from auditdesk.formengine.xpath.context import EvaluationContext
from auditdesk.formengine.xpath.fn_special import quoted_reference
from auditdesk.formengine.xpath.functions import FUNCTIONS
from auditdesk.formengine.xpath.nodes import Current, EagerCall, LazyCall, Node, Reference, Relative
from auditdesk.formengine.xpath.parser import parse
from auditdesk.formengine.xpath.values import ExpressionError, NodeSet, XPathValue

__all__ = [
    "EvaluationContext",
    "Expression",
    "ExpressionError",
    "NodeSet",
    "XPathValue",
    "compile_expression",
    "to_boolean",
    "to_number",
    "to_string",
]


class Expression:
    """A compiled expression: immutable, hashable (by source), cheap to evaluate.

    ``references`` are the ``${name}`` it reads (for the dependency graph), including
    the question named in ``jr:choice-name(x, '${q}')`` and the names inside
    ``indexed-repeat``; ``relative_paths`` the bare paths (``state`` in a choice_filter);
    ``uses_current`` whether it reads ``.``; ``volatile`` whether it calls now(), today(),
    random() or uuid() and so must be recomputed on demand rather than on change.
    """

    __slots__ = (
        "_root",
        "functions",
        "references",
        "relative_paths",
        "source",
        "uses_current",
        "volatile",
    )

    _root: Node
    source: str
    references: frozenset[str]
    relative_paths: frozenset[str]
    uses_current: bool
    volatile: bool
    functions: frozenset[str]

    def __init__(self, source: str, root: Node) -> None:
        references: set[str] = set()
        relative_paths: set[str] = set()
        functions: set[str] = set()
        uses_current = False
        for node in root.walk():
            if isinstance(node, Reference):
                references.add(node.name)
            elif isinstance(node, Relative):
                relative_paths.add(node.path)
            elif isinstance(node, Current):
                uses_current = True
            elif isinstance(node, EagerCall | LazyCall):
                functions.add(node.name)
                if node.name == "jr:choice-name":
                    question = quoted_reference(node.args[1])
                    if question is not None:
                        references.add(question)
        specs = [FUNCTIONS[name] for name in functions]
        set_attribute = object.__setattr__
        set_attribute(self, "source", source)
        set_attribute(self, "_root", root)
        set_attribute(self, "references", frozenset(references))
        set_attribute(self, "relative_paths", frozenset(relative_paths))
        set_attribute(self, "functions", frozenset(functions))
        set_attribute(self, "uses_current", uses_current or any(s.reads_current for s in specs))
        set_attribute(self, "volatile", any(spec.volatile for spec in specs))

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        """The value for this context; type problems give NaN or "" and never raise."""
        return self._root.evaluate(context)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Expression is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expression) and other.source == self.source

    def __hash__(self) -> int:
        return hash(("Expression", self.source))

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"


@functools.lru_cache(maxsize=8192)
def compile_expression(text: str) -> Expression:
    """Parse ``text`` once; ExpressionError on a syntax error, unknown function or arity.

    Memoised: forms repeat the same relevance and constraint text many times.
    """
    try:
        root = parse(text)
    except RecursionError:
        raise ExpressionError("expression is nested too deeply", None) from None
    return Expression(text, root)
