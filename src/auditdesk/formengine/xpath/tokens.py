"""Splitting expression text into tokens, each remembering where it started."""

from __future__ import annotations

import enum
import re
from typing import NamedTuple

from auditdesk.formengine.xpath.values import ExpressionError


class Kind(enum.Enum):
    NUMBER = "number"
    STRING = "string"
    REFERENCE = "${name}"
    NAME = "name"
    OPERATOR = "operator"
    LPAREN = "("
    RPAREN = ")"
    COMMA = ","
    SLASH = "/"
    DOT = "."
    DOTDOT = ".."
    END = "end of expression"


class Token(NamedTuple):  # a NamedTuple: built many times per parse, and cheap to build
    kind: Kind
    text: str
    offset: int

    def describe(self) -> str:
        if self.kind is Kind.END:
            return "end of expression"
        return repr(self.text)


_SINGLE = {
    "(": Kind.LPAREN,
    ")": Kind.RPAREN,
    ",": Kind.COMMA,
    "/": Kind.SLASH,
}

# One pattern for every token, tried at each position: far faster than a character loop.
# Names are XML NCNames (hence `count-selected` and `a.b` are single names) with one
# optional prefix (`jr:choice-name`). `| [ ]` are tokens only so the parser can explain
# that unions and predicates are unsupported.
_NAME = r"[^\W\d][\w.-]*"
_TOKEN = re.compile(
    rf"""\s*(?:
      (?P<reference>\$\{{[^}}]*\}})
    | (?P<string>'[^']*'|"[^"]*")
    | (?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)
    | (?P<dotdot>\.\.)
    | (?P<dot>\.)
    | (?P<name>{_NAME}(?::{_NAME})?)
    | (?P<operator>!=|<=|>=|[-+*=<>|\[\]])
    | (?P<single>[(),/])
    )""",
    re.VERBOSE,
)
_VALID_NAME = re.compile(_NAME)
_KINDS = {
    "string": Kind.STRING,
    "number": Kind.NUMBER,
    "dotdot": Kind.DOTDOT,
    "dot": Kind.DOT,
    "name": Kind.NAME,
    "operator": Kind.OPERATOR,
}


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text``, ending with an END token; ExpressionError on a stray character."""
    tokens: list[Token] = []
    append = tokens.append
    index = 0
    while True:
        match = _TOKEN.match(text, index)
        if match is None:
            break
        group = match.lastgroup
        assert group is not None
        start = match.start(group)
        token_text = match.group(group)
        if group == "reference":
            name = token_text[2:-1].strip()
            if _VALID_NAME.fullmatch(name) is None:
                raise ExpressionError(f"invalid question name in ${{{name}}}", start)
            append(Token(Kind.REFERENCE, name, start))
        elif group == "string":
            append(Token(Kind.STRING, token_text[1:-1], start))
        elif group == "single":
            append(Token(_SINGLE[token_text], token_text, start))
        else:
            append(Token(_KINDS[group], token_text, start))
        index = match.end()
    rest = text[index:]
    if rest.strip():
        _raise_for_stray(text, index + len(rest) - len(rest.lstrip()))
    tokens.append(Token(Kind.END, "", len(text)))
    return tokens


def _raise_for_stray(text: str, index: int) -> None:
    char = text[index]
    if char in "'\"":
        raise ExpressionError("unterminated string", index)
    if text.startswith("${", index):
        raise ExpressionError("unterminated ${name} reference", index)
    if char == "$":
        raise ExpressionError("'$' must start a ${name} reference", index)
    raise ExpressionError(f"unexpected character {char!r}", index)
