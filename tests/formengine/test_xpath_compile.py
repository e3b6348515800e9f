"""Compiling ODK XPath: errors that say where, and what an expression reads."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditdesk.formengine.xpath import (
    Expression,
    ExpressionError,
    NodeSet,
    XPathValue,
    compile_expression,
)

ERRORS = [
    ("", "empty expression", 0),
    ("${age} >", "expected a value before the end of the expression", 8),
    ("${age} > > 3", "expected a value, found '>'", 9),
    ("(1 + 2", "expected ')', found end of expression", 6),
    ("1 + 2)", "unexpected ')'", 5),
    ("foo(1)", "unknown function 'foo'", 0),
    ("1 + jr:foo(1)", "unknown function 'jr:foo'", 4),
    ("'abc", "unterminated string", 0),
    ("${age", "unterminated ${name} reference", 0),
    ("${} = 1", "invalid question name in ${}", 0),
    ("$age", "'$' must start a ${name} reference", 0),
    ("1 # 2", "unexpected character '#'", 2),
    ("not()", "not() takes 1 argument, got 0", 0),
    ("  selected(${a})", "selected() takes 2 arguments, got 1", 2),
    ("substr('a')", "substr() takes 2 to 3 arguments, got 1", 0),
    ("if(1, 2)", "if() takes 3 arguments, got 2", 0),
    ("coalesce(1)", "coalesce() takes at least 2 arguments, got 1", 0),
    ("today(1)", "today() takes 0 arguments, got 1", 0),
    ("concat(1, 2", "expected ',' or ')' in concat(), found end of expression", 11),
    ("indexed-repeat(${a}, ${r})", "indexed-repeat() takes 3 to 7 arguments, got 2", 0),
    ("indexed-repeat(${a}, ${r}, 1, ${s})", "indexed-repeat() takes ${name} then pairs", 0),
    ("indexed-repeat('a', ${r}, 1)", "indexed-repeat(): the first argument must be", 0),
    ("indexed-repeat(${a}, 'r', 1)", "indexed-repeat(): the argument 2 must be", 0),
    ("/data/item[1]", "predicates [...] are not supported", 10),
    ("${a} | ${b}", "the node-set union '|' is not supported", 5),
    ("1 ]", "unexpected ']'", 2),
    ("state/", "expected a name in the path before the end of the expression", 6),
]


@pytest.mark.parametrize(("text", "message", "offset"), ERRORS)
def test_errors_name_the_problem_and_where(text: str, message: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text)
    assert caught.value.message.startswith(message)
    assert caught.value.offset == offset
    assert str(caught.value).endswith(f" at character {offset + 1}")


def test_error_text_reads_as_a_sentence() -> None:
    with pytest.raises(ExpressionError, match=r"^unknown function 'foo' at character 7$"):
        compile_expression("round(foo(1))")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        compile_expression("(" * 5000 + "1" + ")" * 5000)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        compile_expression("-" * 5000 + "1")


METADATA = [
    ("${age} > 17 and selected(${langs}, 'fr')", {"age", "langs"}, {"selected"}),
    ("jr:choice-name(${q}, '${q}')", {"q"}, {"jr:choice-name"}),
    ("jr:choice-name(${a}, '${other}')", {"a", "other"}, {"jr:choice-name"}),
    ("concat('${not_a_reference}', ${b})", {"b"}, {"concat"}),
    (
        "indexed-repeat(${hours}, ${shift}, position(..) - 1)",
        {"hours", "shift"},
        {"indexed-repeat", "position"},
    ),
    ("if(${a}, sum(${b}), count(${c}))", {"a", "b", "c"}, {"if", "sum", "count"}),
    (". > 3", set(), set()),
    ("state = ${state}", {"state"}, set()),
]


@pytest.mark.parametrize(("text", "references", "functions"), METADATA)
def test_references_and_functions(text: str, references: set[str], functions: set[str]) -> None:
    expression = compile_expression(text)
    assert expression.references == frozenset(references)
    assert expression.functions == frozenset(functions)
    assert expression.source == text


def test_flags_for_current_relative_and_volatile() -> None:
    assert compile_expression(". > 3").uses_current
    assert compile_expression("once(uuid())").uses_current
    assert compile_expression("string-length() < 5").uses_current
    assert not compile_expression("string-length(${a}) < 5").uses_current
    assert not compile_expression("position(..)").uses_current
    assert compile_expression("state = ${s} and ../x = 1").relative_paths == {"state", "../x"}
    assert compile_expression("position(..)").relative_paths == frozenset()
    for volatile in ("today()", "now() > ${t}", "random()", "concat('id', uuid())"):
        assert compile_expression(volatile).volatile, volatile
    assert not compile_expression("date('2024-01-01')").volatile


def test_names_may_contain_dashes_dots_and_digits() -> None:
    expression = compile_expression("${q-1.b_2} - 1 + ${x}-2")
    assert expression.references == frozenset({"q-1.b_2", "x"})
    assert compile_expression("div - mod").relative_paths == {"div", "mod"}
    assert compile_expression("6 div 2 mod 2").functions == frozenset()


def test_expressions_are_immutable_hashable_and_memoised() -> None:
    first = compile_expression("${a} + 1")
    assert compile_expression("${a} + 1") is first
    assert first == Expression("${a} + 1", first._root)
    assert len({first, compile_expression("${a} + 1"), compile_expression("${a} + 2")}) == 2
    with pytest.raises(AttributeError):
        first.source = "${b}"  # type: ignore[misc]


class _AnythingContext:
    """Answers every name with a value drawn by hypothesis."""

    def __init__(self, value: XPathValue) -> None:
        self.value = value

    def resolve(self, name: str) -> XPathValue:
        return self.value

    def current(self) -> XPathValue:
        return self.value

    def relative(self, name: str) -> XPathValue:
        return self.value

    def choice_label(self, question: str, choice: str) -> str:
        return choice

    def position(self) -> int:
        return 1

    def indexed_repeat(self, name: str, repeats: Sequence[tuple[str, int]]) -> XPathValue:
        return self.value

    def now(self) -> datetime.datetime:
        return datetime.datetime(2024, 1, 1)


_SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "12", "-3.5", "2024-02-29", "2024-02-29T10:00:00Z", "a b"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
_VALUES = st.one_of(_SCALARS, st.lists(_SCALARS, max_size=3).map(lambda v: NodeSet(v)))
_CALLS = [
    "${a} + ${a}", "${a} - 1", "${a} * ${a}", "${a} div ${a}", "${a} mod ${a}", "-${a}",
    "${a} = ${a}", "${a} != 1", "${a} < 'x'", "${a} >= today()", "${a} and ${a} or ${a}",
    "selected(${a}, ${a})", "count-selected(${a})", "selected-at(${a}, ${a})",
    "jr:choice-name(${a}, '${q}')", "if(${a}, ${a}, 1)", "coalesce(${a}, ${a})",
    "concat(${a}, ${a})", "string-length(${a})", "substr(${a}, ${a}, ${a})",
    "contains(${a}, ${a})", "starts-with(${a}, ${a})", "ends-with(${a}, ${a})",
    "regex(${a}, ${a})", "number(${a})", "int(${a})", "round(${a}, ${a})", "round(${a})",
    "sum(${a})", "count(${a})", "min(${a}, ${a})", "max(${a})", "date(${a})",
    "decimal-date-time(${a})", "decimal-time(${a})", "once(${a})",
    "indexed-repeat(${a}, ${r}, ${a})", "string(${a})", "boolean(${a})",
    "translate(${a}, ${a}, ${a})", "normalize-space(${a})", "floor(${a})", "ceiling(${a})",
    "abs(${a})", "pow(${a}, ${a})", "sqrt(${a})", "join(${a}, ${a})",
    "boolean-from-string(${a})", "format-date(${a}, '%Y %b %e %H:%M:%S.%3')",
    "substring-before(${a}, ${a})", "count-non-empty(${a})", "not(${a})",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(value=_VALUES, text=st.sampled_from(_CALLS))
def test_evaluation_never_raises_on_odd_values(value: XPathValue, text: str) -> None:
    result = compile_expression(text).evaluate(_AnythingContext(value))
    assert isinstance(result, str | float | bool | datetime.date | NodeSet)
