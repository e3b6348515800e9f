"""The parsed form of an expression: small immutable nodes that evaluate themselves.

Each operator gets its own node class so evaluation is one method call per node with no
dispatch on operator names at run time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditdesk.formengine.xpath.coercion import (
    compare,
    to_boolean,
    to_number,
    values_equal,
    values_not_equal,
)
from auditdesk.formengine.xpath.context import EvaluationContext
from auditdesk.formengine.xpath.values import XPathValue


class Node:
    __slots__ = ()

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        raise NotImplementedError

    def children(self) -> tuple[Node, ...]:
        return ()

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children():
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Literal(Node):
    value: XPathValue

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return self.value


@dataclass(frozen=True, slots=True)
class Reference(Node):
    """``${name}``."""

    name: str

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return context.resolve(self.name)


@dataclass(frozen=True, slots=True)
class Current(Node):
    """``.``."""

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return context.current()


@dataclass(frozen=True, slots=True)
class Relative(Node):
    """A bare path such as ``state`` or ``../name``, as written."""

    path: str

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return context.relative(self.path)


@dataclass(frozen=True, slots=True)
class Binary(Node):
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Or(Binary):
    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return to_boolean(self.left.evaluate(context)) or to_boolean(self.right.evaluate(context))


@dataclass(frozen=True, slots=True)
class And(Binary):
    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return to_boolean(self.left.evaluate(context)) and to_boolean(self.right.evaluate(context))


@dataclass(frozen=True, slots=True)
class Equals(Binary):
    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return values_equal(self.left.evaluate(context), self.right.evaluate(context))


@dataclass(frozen=True, slots=True)
class NotEquals(Binary):
    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return values_not_equal(self.left.evaluate(context), self.right.evaluate(context))


@dataclass(frozen=True, slots=True)
class Relational(Binary):
    """``<``, ``<=``, ``>``, ``>=``; numbers on both sides (the usual case) skip coercion."""

    test: Callable[[float, float], bool]

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        left = self.left.evaluate(context)
        right = self.right.evaluate(context)
        if type(left) is float and type(right) is float:
            return self.test(left, right)
        return compare(self.test, left, right)


@dataclass(frozen=True, slots=True)
class Arithmetic(Binary):
    operation: Callable[[float, float], float]

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return self.operation(
            to_number(self.left.evaluate(context)), to_number(self.right.evaluate(context))
        )


@dataclass(frozen=True, slots=True)
class Negate(Node):
    operand: Node

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return -to_number(self.operand.evaluate(context))

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)


def add(left: float, right: float) -> float:
    return left + right


def subtract(left: float, right: float) -> float:
    return left - right


def multiply(left: float, right: float) -> float:
    return left * right


def divide(left: float, right: float) -> float:
    """IEEE division as XPath defines it: x div 0 is ±Infinity, 0 div 0 is NaN."""
    if right == 0:
        if left != left or left == 0:
            return math.nan
        return math.copysign(math.inf, left) * math.copysign(1.0, right)
    return left / right


def modulo(left: float, right: float) -> float:
    """XPath ``mod`` keeps the sign of the dividend (Java's %), unlike Python's %."""
    if right == 0 or math.isinf(left) or left != left or right != right:
        return math.nan
    if math.isinf(right):
        return left
    return math.fmod(left, right)


def less(left: float, right: float) -> bool:
    return left < right


def less_or_equal(left: float, right: float) -> bool:
    return left <= right


def greater(left: float, right: float) -> bool:
    return left > right


def greater_or_equal(left: float, right: float) -> bool:
    return left >= right


EagerImplementation = Callable[[EvaluationContext, list[XPathValue]], XPathValue]
LazyImplementation = Callable[[EvaluationContext, tuple[Node, ...]], XPathValue]


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """One entry in the function table.

    ``eager`` implementations receive evaluated arguments; ``lazy`` ones receive the
    argument nodes (``if`` and ``coalesce`` evaluate only the branch they need,
    ``indexed-repeat`` needs the names, not the values, of its references).
    """

    name: str
    min_args: int
    max_args: int | None
    eager: EagerImplementation | None = None
    lazy: LazyImplementation | None = None
    volatile: bool = False
    implicit_current: bool = False  # called without arguments it reads '.', as string-length()
    reads_current: bool = False  # reads '.' whatever its arguments (once)
    ignores_args: bool = False  # position(..): the path only says "this repeat"


@dataclass(frozen=True, slots=True)
class EagerCall(Node):
    name: str
    implementation: EagerImplementation
    args: tuple[Node, ...]

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return self.implementation(context, [arg.evaluate(context) for arg in self.args])

    def children(self) -> tuple[Node, ...]:
        return self.args


# The common arities spelled out: a list display is cheaper than a comprehension.
@dataclass(frozen=True, slots=True)
class EagerCall1(EagerCall):
    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return self.implementation(context, [self.args[0].evaluate(context)])


@dataclass(frozen=True, slots=True)
class EagerCall2(EagerCall):
    def evaluate(self, context: EvaluationContext) -> XPathValue:
        args = self.args
        return self.implementation(context, [args[0].evaluate(context), args[1].evaluate(context)])


def eager_call(name: str, implementation: EagerImplementation, args: tuple[Node, ...]) -> EagerCall:
    node_class = {1: EagerCall1, 2: EagerCall2}.get(len(args), EagerCall)
    return node_class(name, implementation, args)


@dataclass(frozen=True, slots=True)
class LazyCall(Node):
    name: str
    implementation: LazyImplementation
    args: tuple[Node, ...]

    def evaluate(self, context: EvaluationContext) -> XPathValue:
        return self.implementation(context, self.args)

    def children(self) -> tuple[Node, ...]:
        return self.args
