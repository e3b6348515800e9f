"""A Pratt parser from tokens to nodes; every error names the offending character.

Precedence, loosest first, as XPath 1.0: or, and, = !=, < <= > >=, + -, * div mod,
unary minus, then paths, references, literals, calls and parentheses.
"""

from __future__ import annotations

from collections.abc import Callable

from auditdesk.formengine.xpath import nodes
from auditdesk.formengine.xpath.functions import FUNCTIONS
from auditdesk.formengine.xpath.nodes import FunctionSpec, Node
from auditdesk.formengine.xpath.tokens import Kind, Token, tokenize
from auditdesk.formengine.xpath.values import ExpressionError

Builder = Callable[[Node, Node], Node]

_INFIX: dict[str, tuple[int, Builder]] = {
    "or": (10, nodes.Or),
    "and": (20, nodes.And),
    "=": (30, nodes.Equals),
    "!=": (30, nodes.NotEquals),
    "<": (40, lambda left, right: nodes.Relational(left, right, nodes.less)),
    "<=": (40, lambda left, right: nodes.Relational(left, right, nodes.less_or_equal)),
    ">": (40, lambda left, right: nodes.Relational(left, right, nodes.greater)),
    ">=": (40, lambda left, right: nodes.Relational(left, right, nodes.greater_or_equal)),
    "+": (50, lambda left, right: nodes.Arithmetic(left, right, nodes.add)),
    "-": (50, lambda left, right: nodes.Arithmetic(left, right, nodes.subtract)),
    "*": (60, lambda left, right: nodes.Arithmetic(left, right, nodes.multiply)),
    "div": (60, lambda left, right: nodes.Arithmetic(left, right, nodes.divide)),
    "mod": (60, lambda left, right: nodes.Arithmetic(left, right, nodes.modulo)),
}
_WORD_OPERATORS = frozenset({"or", "and", "div", "mod"})
_UNSUPPORTED = {
    "[": "predicates [...] are not supported; use ${name} references",
    "|": "the node-set union '|' is not supported",
}
_MAX_NESTING = 200  # deeper than any real form; keeps Python's stack safe


def parse(text: str) -> Node:
    """The node tree of ``text``; ExpressionError on anything not in the ODK subset."""
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.index]  # never past END: advance() stops there

    def peek_next(self) -> Token:
        return self.tokens[min(self.index + 1, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind is not Kind.END:
            self.index += 1
        return token

    def expect(self, kind: Kind, what: str) -> Token:
        token = self.peek()
        if token.kind is not kind:
            raise ExpressionError(f"expected {what}, found {token.describe()}", token.offset)
        return self.advance()

    def parse(self) -> Node:
        if self.peek().kind is Kind.END:
            raise ExpressionError("empty expression", 0)
        node = self.expression(0)
        token = self.peek()
        if token.kind is not Kind.END:
            raise ExpressionError(self._unexpected(token), token.offset)
        return node

    def expression(self, min_power: int) -> Node:
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise ExpressionError("expression is nested too deeply", self.peek().offset)
        left = self.unary()
        while True:
            token = self.peek()
            operator = self._infix_operator(token)
            if operator is None:
                break
            power, build = _INFIX[operator]
            if power <= min_power:  # left-associative: equal power ends this operand
                break
            self.advance()
            left = build(left, self.expression(power))
        self.depth -= 1
        return left

    def _infix_operator(self, token: Token) -> str | None:
        if token.kind is Kind.OPERATOR:
            if token.text in _UNSUPPORTED:
                raise ExpressionError(_UNSUPPORTED[token.text], token.offset)
            return token.text if token.text in _INFIX else None
        if token.kind is Kind.NAME and token.text in _WORD_OPERATORS:
            return token.text
        return None

    def unary(self) -> Node:
        token = self.peek()
        if token.kind is Kind.OPERATOR and token.text == "-":
            self.advance()
            operand = self.unary()
            if isinstance(operand, nodes.Literal) and isinstance(operand.value, float):
                return nodes.Literal(-operand.value)
            return nodes.Negate(operand)
        return self.primary()

    def primary(self) -> Node:
        token = self.peek()
        kind = token.kind
        if kind is Kind.NUMBER:
            self.advance()
            return nodes.Literal(float(token.text))
        if kind is Kind.STRING:
            self.advance()
            return nodes.Literal(token.text)
        if kind is Kind.REFERENCE:
            self.advance()
            if self.peek().kind is Kind.SLASH:
                raise ExpressionError("a path after ${name} is not supported", self.peek().offset)
            return nodes.Reference(token.text)
        if kind is Kind.LPAREN:
            self.advance()
            inner = self.expression(0)
            self.expect(Kind.RPAREN, "')'")
            return inner
        if kind is Kind.NAME and self.peek_next().kind is Kind.LPAREN:
            return self.call()
        if kind in (Kind.NAME, Kind.DOT, Kind.DOTDOT, Kind.SLASH):
            return self.path()
        raise ExpressionError(self._unexpected(token, "a value"), token.offset)

    def _unexpected(self, token: Token, wanted: str | None = None) -> str:
        if token.kind is Kind.END:
            return f"expected {wanted or 'more'} before the end of the expression"
        if wanted:
            return f"expected {wanted}, found {token.describe()}"
        return f"unexpected {token.describe()}"

    def path(self) -> Node:
        steps: list[str] = []
        if self.peek().kind is Kind.SLASH:
            self.advance()
            steps.append("")  # absolute: joined, it gives the leading '/'
        while True:
            token = self.peek()
            if token.kind not in (Kind.NAME, Kind.DOT, Kind.DOTDOT):
                raise ExpressionError(self._unexpected(token, "a name in the path"), token.offset)
            if token.kind is Kind.NAME and self.peek_next().kind is Kind.LPAREN:
                raise ExpressionError(
                    "a function call inside a path is not supported", token.offset
                )
            steps.append(self.advance().text)
            if self.peek().kind is not Kind.SLASH:
                break
            self.advance()
        if steps == ["."]:
            return nodes.Current()
        return nodes.Relative("/".join(steps))

    def call(self) -> Node:
        name_token = self.advance()
        name = name_token.text
        spec = FUNCTIONS.get(name)
        if spec is None:
            raise ExpressionError(f"unknown function '{name}'", name_token.offset)
        self.advance()  # the '('
        args: list[Node] = []
        if self.peek().kind is not Kind.RPAREN:
            while True:
                args.append(self.expression(0))
                if self.peek().kind is not Kind.COMMA:
                    break
                self.advance()
        self.expect(Kind.RPAREN, f"',' or ')' in {name}()")
        _check_arity(spec, args, name_token.offset)
        if spec.ignores_args:
            args = []
        elif spec.implicit_current and not args:
            args = [nodes.Current()]
        if spec.lazy is not None:
            return nodes.LazyCall(name, spec.lazy, tuple(args))
        assert spec.eager is not None
        return nodes.eager_call(name, spec.eager, tuple(args))


def _check_arity(spec: FunctionSpec, args: list[Node], offset: int) -> None:
    count = len(args)
    if spec.max_args is None:
        expected = f"at least {spec.min_args}"
    elif spec.min_args == spec.max_args:
        expected = str(spec.min_args)
    else:
        expected = f"{spec.min_args} to {spec.max_args}"
    too_few = count < spec.min_args
    too_many = spec.max_args is not None and count > spec.max_args
    if too_few or too_many:
        noun = "argument" if expected == "1" else "arguments"
        raise ExpressionError(f"{spec.name}() takes {expected} {noun}, got {count}", offset)
    if spec.name == "indexed-repeat":
        _check_indexed_repeat(args, offset)


def _check_indexed_repeat(args: list[Node], offset: int) -> None:
    if len(args) % 2 == 0:
        raise ExpressionError(
            "indexed-repeat() takes ${name} then pairs of ${repeat} and index", offset
        )
    for position in (0, *range(1, len(args), 2)):
        if not isinstance(args[position], nodes.Reference):
            what = "first argument" if position == 0 else f"argument {position + 1}"
            raise ExpressionError(f"indexed-repeat(): the {what} must be a ${{name}}", offset)
