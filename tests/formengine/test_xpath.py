"""Evaluating ODK XPath: operators, coercions, functions and dates, against a fake form."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pytest

from auditdesk.formengine.xpath import (
    NodeSet,
    XPathValue,
    compile_expression,
    to_boolean,
    to_number,
    to_string,
)

FIXED_NOW = datetime.datetime(2024, 3, 15, 10, 30, 0)


@dataclass
class FakeContext:
    """What the form engine would answer, held in plain dictionaries."""

    values: Mapping[str, XPathValue] = field(default_factory=dict)
    current_value: XPathValue = ""
    columns: Mapping[str, XPathValue] = field(default_factory=dict)
    labels: Mapping[tuple[str, str], str] = field(default_factory=dict)
    repeat_position: int = 1
    repeats: Mapping[tuple[str, tuple[tuple[str, int], ...]], XPathValue] = field(
        default_factory=dict
    )
    clock: datetime.datetime = FIXED_NOW
    resolved: list[str] = field(default_factory=list)

    def resolve(self, name: str) -> XPathValue:
        self.resolved.append(name)
        return self.values.get(name, "")

    def current(self) -> XPathValue:
        return self.current_value

    def relative(self, name: str) -> XPathValue:
        return self.columns.get(name, "")

    def choice_label(self, question: str, choice: str) -> str:
        return self.labels.get((question, choice), f"?{choice}")

    def position(self) -> int:
        return self.repeat_position

    def indexed_repeat(self, name: str, repeats: Sequence[tuple[str, int]]) -> XPathValue:
        return self.repeats.get((name, tuple(repeats)), "")

    def now(self) -> datetime.datetime:
        return self.clock


FORM: dict[str, XPathValue] = {
    "age": 30.0,
    "age_text": "30",
    "zero": 0.0,
    "empty": "",
    "name": "Amina",
    "langs": "en  fr sw",
    "consent": True,
    "dob": datetime.date(1990, 5, 17),
    "visit": datetime.datetime(2024, 3, 15, 12, 0, 0),
    "ages": NodeSet((12.0, 30.0, 45.0)),
    "sites": NodeSet(("nairobi", "kampala")),
    "none": NodeSet(()),
    "hours": NodeSet((8.0, "", 6.0)),
}


def evaluate(text: str, **overrides: XPathValue) -> XPathValue:
    return compile_expression(text).evaluate(FakeContext(values={**FORM, **overrides}))


def same(actual: XPathValue, expected: XPathValue) -> bool:
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(actual, float) and math.isnan(actual)
    return type(actual) is type(expected) and actual == expected


NAN = math.nan
INF = math.inf

OPERATORS = [
    ("1 + 2 * 3", 7.0),
    ("(1 + 2) * 3", 9.0),
    ("10 - 4 - 3", 3.0),
    ("-${age} + 5", -25.0),
    ("- - 2", 2.0),
    ("7 div 2", 3.5),
    ("7 mod 3", 1.0),
    ("-7 mod 3", -1.0),
    ("1 div 0", INF),
    ("-1 div 0", -INF),
    ("0 div 0", NAN),
    ("5 mod 0", NAN),
    ("${age} * 2", 60.0),
    ("${age_text} + 1", 31.0),
    ("${empty} + 1", NAN),
    ("${name} + 1", NAN),
    ("${consent} + 1", 2.0),
    ("1 = 1 and 2 = 2", True),
    ("1 = 2 or 2 = 2", True),
    ("1 = 2 or 2 = 3 and 1 = 1", False),
    ("1 < 2 = 1", True),  # (1 < 2) = 1: relational binds tighter than equality
    ("3 > 2 > 1", False),  # (3 > 2) > 1 → true > 1 → 1 > 1
    ("'30' > 17", True),
    ("${age_text} > 17", True),
    ("${age_text} > 100", False),
    ("'' > 3", False),
    ("'' < 3", False),
    ("${empty} >= 0", False),
    ("${empty} <= 0", False),
    ("'' = ''", True),
    ("${empty} = ''", True),
    ("${age} = ''", False),
    ("${age} != ''", True),
    ("${age} = '30'", True),
    ("${age} = 30.0", True),
    ("${age_text} = 30", True),
    ("'30.0' = '30'", False),  # two strings compare as strings
    ("${name} = 'Amina'", True),
    ("${name} != 'Amina'", False),
    ("${consent} = 'false'", True),  # a boolean beside a string: the string's truth
    ("${consent} = true()", True),
    ("${empty} = 0", False),
    ("${ages} = 30", True),
    ("${ages} = 31", False),
    ("${ages} != 30", True),  # existential: some node differs
    ("${ages} > 40", True),
    ("${ages} > 50", False),
    ("${ages} < 13", True),
    ("${sites} = 'kampala'", True),
    ("'kampala' = ${sites}", True),
    ("${none} = ''", False),
    ("${none} = true()", False),
    ("${sites} = true()", True),
    ("${ages} = ${sites}", False),
    ("${ages} = ${ages}", True),
]


@pytest.mark.parametrize(("text", "expected"), OPERATORS)
def test_operators_follow_xpath_coercion(text: str, expected: XPathValue) -> None:
    actual = evaluate(text)
    assert same(actual, expected), f"{text} gave {actual!r}, expected {expected!r}"


FUNCTIONS = [
    ("true()", True),
    ("false()", False),
    ("not(${consent})", False),
    ("not(${empty})", True),
    ("not(0)", True),
    ("boolean('0')", True),
    ("boolean(0)", False),
    ("boolean(${none})", False),
    ("boolean-from-string('true')", True),
    ("boolean-from-string('1')", True),
    ("boolean-from-string('yes')", False),
    ("string(3)", "3"),
    ("string(2.5)", "2.5"),
    ("string(1 div 0)", "Infinity"),
    ("string(0 div 0)", "NaN"),
    ("string(${consent})", "true"),
    ("string(${dob})", "1990-05-17"),
    ("selected(${langs}, 'fr')", True),
    ("selected(${langs}, ' sw ')", True),
    ("selected(${langs}, 'f')", False),
    ("selected(${empty}, 'fr')", False),
    ("count-selected(${langs})", 3.0),
    ("count-selected(${empty})", 0.0),
    ("selected-at(${langs}, 0)", "en"),
    ("selected-at(${langs}, 2)", "sw"),
    ("selected-at(${langs}, 3)", ""),
    ("selected-at(${langs}, -1)", ""),
    ("if(${age} > 17, 'adult', 'minor')", "adult"),
    ("if(${empty}, 'yes', 'no')", "no"),
    ("coalesce(${empty}, ${name})", "Amina"),
    ("coalesce(${age}, 5)", 30.0),
    ("coalesce(${empty}, '')", ""),
    ("concat('a', 1, ${consent}, ${empty}, 'z')", "a1truez"),
    ("concat(${sites})", "nairobikampala"),
    ("join(', ', ${sites})", "nairobi, kampala"),
    ("string-length(${name})", 5.0),
    ("string-length('')", 0.0),
    ("substr('abcdef', 2)", "cdef"),
    ("substr('abcdef', 1, 3)", "bc"),
    ("substr('abcdef', 4, 100)", "ef"),
    ("substr('abcdef', -3, 2)", "ab"),
    ("substr('abcdef', 5, 2)", ""),
    ("substring-before('2024-03', '-')", "2024"),
    ("substring-after('2024-03', '-')", "03"),
    ("contains(${name}, 'min')", True),
    ("contains(${name}, 'x')", False),
    ("starts-with(${name}, 'Am')", True),
    ("ends-with(${name}, 'na')", True),
    ("translate('abcabc', 'ab', 'B')", "BcBc"),
    ("normalize-space('  a   b ')", "a b"),
    ("regex('KE-1234', '^[A-Z]{2}-[0-9]{4}$')", True),
    ("regex('ke-1234', '^[A-Z]{2}-[0-9]{4}$')", False),
    ("regex('abc', 'b')", True),  # found anywhere, as JavaRosa's Matcher.find
    ("regex('abc', '(')", False),  # a broken pattern is a failed check, not a crash
    ("number('12.5')", 12.5),
    ("number(' -3 ')", -3.0),
    ("number('1e3')", NAN),
    ("number('abc')", NAN),
    ("number(${empty})", NAN),
    ("number(true())", 1.0),
    ("int(3.9)", 3.0),
    ("int(-3.9)", -3.0),
    ("int('7.2')", 7.0),
    ("int(${empty})", NAN),
    ("round(2.5)", 3.0),
    ("round(-2.5)", -3.0),
    ("round(2.675, 2)", 2.68),
    ("round(1234.5, -2)", 1200.0),
    ("round(1.005, 2)", 1.01),
    ("round(0 div 0, 2)", NAN),
    ("floor(-1.5)", -2.0),
    ("ceiling(1.1)", 2.0),
    ("abs(-4)", 4.0),
    ("pow(2, 10)", 1024.0),
    ("pow(-8, 0.5)", NAN),
    ("sqrt(16)", 4.0),
    ("sum(${ages})", 87.0),
    ("sum(${none})", 0.0),
    ("sum(${hours})", NAN),
    ("count(${ages})", 3.0),
    ("count(${none})", 0.0),
    ("count-non-empty(${hours})", 2.0),
    ("min(${ages})", 12.0),
    ("max(${ages})", 45.0),
    ("max(3, 9, 4)", 9.0),
    ("min(${none})", NAN),
    ("max(${hours})", NAN),
    ("position(..)", 2.0),
    ("position()", 2.0),
]


@pytest.mark.parametrize(("text", "expected"), FUNCTIONS)
def test_functions(text: str, expected: XPathValue) -> None:
    context = FakeContext(values=FORM, repeat_position=2)
    actual = compile_expression(text).evaluate(context)
    assert same(actual, expected), f"{text} gave {actual!r}, expected {expected!r}"


DATES = [
    ("today()", datetime.date(2024, 3, 15)),
    ("now()", FIXED_NOW),
    ("date('2024-01-31')", datetime.date(2024, 1, 31)),
    ("date('2024-02-30')", ""),
    ("date('soon')", ""),
    ("date(0)", datetime.date(1970, 1, 1)),
    ("date(19753)", datetime.date(2024, 1, 31)),
    ("number(date('2024-01-31'))", 19753.0),
    ("date('2024-01-31') + 1", 19754.0),
    ("today() - ${dob}", float((datetime.date(2024, 3, 15) - datetime.date(1990, 5, 17)).days)),
    ("int((today() - ${dob}) div 365.25)", 33.0),
    ("${dob} < '2000-01-01'", True),
    ("${dob} > '2000-01-01'", False),
    ("${dob} = '1990-05-17'", True),
    ("'1990-05-17' = ${dob}", True),
    ("${dob} < today()", True),
    ("${visit} > today()", True),
    ("${dob} >= ${empty}", False),
    ("decimal-date-time('2018-04-24T15:30:00.000-07:00')", 17645.9375),
    ("decimal-date-time(${visit})", 19797.5),
    ("decimal-date-time('not a date')", NAN),
    ("decimal-time('06:00:00')", 0.25),
    ("format-date(${dob}, '%e %b %Y')", "17 May 1990"),
    ("format-date('2024-01-05', '%d/%m/%y')", "05/01/24"),
    ("format-date(date('2024-01-31') + 1, '%Y-%m-%d')", "2024-02-01"),
    ("format-date-time(${visit}, '%H:%M')", "12:00"),
    ("format-date(${empty}, '%Y')", ""),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_dates_count_days_since_1970(text: str, expected: XPathValue) -> None:
    actual = evaluate(text)
    assert same(actual, expected), f"{text} gave {actual!r}, expected {expected!r}"


def test_the_clock_comes_from_the_context() -> None:
    expression = compile_expression("format-date(today(), '%Y-%m-%d')")
    later = FakeContext(clock=datetime.datetime(2031, 12, 1, 8, 0))
    assert expression.evaluate(FakeContext()) == "2024-03-15"
    assert expression.evaluate(later) == "2031-12-01"


def test_current_relative_and_once() -> None:
    context = FakeContext(current_value=42.0, columns={"state": "kisumu", "../x": "up"})
    assert compile_expression(". > 40").evaluate(context) is True
    assert compile_expression("state = 'kisumu'").evaluate(context) is True
    assert compile_expression("../x").evaluate(context) == "up"
    assert compile_expression("string-length()").evaluate(context) == 2.0
    assert compile_expression("once(7)").evaluate(context) == 42.0
    assert compile_expression("once(concat('id-', 7))").evaluate(FakeContext()) == "id-7"


def test_choice_name_looks_up_the_label_of_the_named_question() -> None:
    context = FakeContext(values={"q": "ke"}, labels={("q", "ke"): "Kenya"})
    assert compile_expression("jr:choice-name(${q}, '${q}')").evaluate(context) == "Kenya"
    assert compile_expression("jr:choice-name(${q}, ' ${ q } ')").evaluate(context) == "Kenya"
    assert (
        compile_expression("jr:choice-name('ke', ${q2})").evaluate(
            FakeContext(values={"q2": "${q}"}, labels={("q", "ke"): "Kenya"})
        )
        == "Kenya"
    )
    assert compile_expression("jr:choice-name(${q}, '${q}')").evaluate(FakeContext()) == ""


def test_indexed_repeat_passes_names_and_indexes() -> None:
    context = FakeContext(
        values={"i": 2.0},
        repeats={("hours", (("shift", 2), ("day", 1))): 8.0, ("hours", (("shift", 1),)): 6.0},
    )
    assert compile_expression("indexed-repeat(${hours}, ${shift}, 1)").evaluate(context) == 6.0
    two_levels = "indexed-repeat(${hours}, ${shift}, ${i}, ${day}, 1)"
    assert compile_expression(two_levels).evaluate(context) == 8.0
    assert compile_expression("indexed-repeat(${hours}, ${shift}, 0)").evaluate(context) == ""
    assert compile_expression("indexed-repeat(${hours}, ${shift}, 'x')").evaluate(context) == ""


def test_if_evaluates_only_the_branch_it_takes() -> None:
    context = FakeContext(values={"a": 1.0})
    compile_expression("if(${a} = 1, ${yes}, ${no})").evaluate(context)
    assert context.resolved == ["a", "yes"]


def test_and_or_short_circuit() -> None:
    context = FakeContext()
    compile_expression("${a} = 1 and ${b} = 1").evaluate(context)
    compile_expression("${c} = '' or ${d} = 1").evaluate(context)
    assert context.resolved == ["a", "c"]


def test_volatile_functions_give_fresh_values() -> None:
    random_value = compile_expression("random()").evaluate(FakeContext())
    assert isinstance(random_value, float)
    assert 0.0 <= random_value < 1.0
    first = compile_expression("uuid()").evaluate(FakeContext())
    second = compile_expression("uuid()").evaluate(FakeContext())
    assert isinstance(first, str)
    assert len(first) == 36
    assert first != second


COERCIONS: list[tuple[XPathValue, bool, float, str]] = [
    ("", False, NAN, ""),
    ("0", True, 0.0, "0"),
    ("abc", True, NAN, "abc"),
    (" 4.50 ", True, 4.5, " 4.50 "),
    (0.0, False, 0.0, "0"),
    (NAN, False, NAN, "NaN"),
    (-INF, True, -INF, "-Infinity"),
    (1e21, True, 1e21, "1000000000000000000000"),
    (1e-7, True, 1e-7, "0.0000001"),
    (0.1 + 0.2, True, 0.1 + 0.2, "0.30000000000000004"),
    (True, True, 1.0, "true"),
    (False, False, 0.0, "false"),
    (datetime.date(1970, 1, 2), True, 1.0, "1970-01-02"),
    (datetime.datetime(1970, 1, 1, 18, 0), True, 0.75, "1970-01-01T18:00:00"),
    (NodeSet(()), False, NAN, ""),
    (NodeSet(("7", "8")), True, 7.0, "7"),
]


@pytest.mark.parametrize(("value", "as_boolean", "as_number", "as_string"), COERCIONS)
def test_coercions(value: XPathValue, as_boolean: bool, as_number: float, as_string: str) -> None:
    assert to_boolean(value) is as_boolean
    assert same(to_number(value), as_number)
    assert to_string(value) == as_string
