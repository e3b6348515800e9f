"""Splitting expression text into tokens, each remembering where it started."""

from __future__ import annotations

import enum
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Token:
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
_OPERATOR_CHARS = "+-*=<>|[]"  # | [ ] only so the parser can explain they are unsupported
_TWO_CHAR_OPERATORS = ("!=", "<=", ">=")


_DIGITS = frozenset("0123456789")  # str.isdigit() would also accept '²', which float() refuses


def _is_name_start(char: str) -> bool:
    return char.isalpha() or char == "_"


def _is_name_char(char: str) -> bool:
    # XML NCName characters, which is why `count-selected` and `a.b` are single names.
    return char.isalnum() or char in "_-."


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text``, ending with an END token; ExpressionError on a stray character."""
    tokens: list[Token] = []
    length = len(text)
    index = 0
    while index < length:
        char = text[index]
        if char.isspace():
            index += 1
            continue
        start = index
        if char == "$":
            index = _reference_end(text, index)
            tokens.append(Token(Kind.REFERENCE, text[start + 2 : index - 1].strip(), start))
        elif char in "'\"":
            closing = text.find(char, index + 1)
            if closing < 0:
                raise ExpressionError("unterminated string", start)
            tokens.append(Token(Kind.STRING, text[index + 1 : closing], start))
            index = closing + 1
        elif char in _DIGITS or (char == "." and text[index + 1 : index + 2] in _DIGITS):
            index = _number_end(text, index)
            tokens.append(Token(Kind.NUMBER, text[start:index], start))
        elif char == ".":
            if text.startswith("..", index):
                tokens.append(Token(Kind.DOTDOT, "..", start))
                index += 2
            else:
                tokens.append(Token(Kind.DOT, ".", start))
                index += 1
        elif _is_name_start(char):
            index = _name_end(text, index)
            tokens.append(Token(Kind.NAME, text[start:index], start))
        elif text.startswith(_TWO_CHAR_OPERATORS, index):
            tokens.append(Token(Kind.OPERATOR, text[index : index + 2], start))
            index += 2
        elif char in _SINGLE:
            tokens.append(Token(_SINGLE[char], char, start))
            index += 1
        elif char in _OPERATOR_CHARS:
            tokens.append(Token(Kind.OPERATOR, char, start))
            index += 1
        else:
            raise ExpressionError(f"unexpected character {char!r}", start)
    tokens.append(Token(Kind.END, "", length))
    return tokens


def _reference_end(text: str, index: int) -> int:
    if not text.startswith("${", index):
        raise ExpressionError("'$' must start a ${name} reference", index)
    closing = text.find("}", index + 2)
    if closing < 0:
        raise ExpressionError("unterminated ${name} reference", index)
    name = text[index + 2 : closing].strip()
    if not name or not _is_name_start(name[0]) or not all(_is_name_char(c) for c in name):
        raise ExpressionError(f"invalid question name in ${{{name}}}", index)
    return closing + 1


def _number_end(text: str, index: int) -> int:
    length = len(text)
    while index < length and text[index] in _DIGITS:
        index += 1
    if index < length and text[index] == ".":
        index += 1
        while index < length and text[index] in _DIGITS:
            index += 1
    return index


def _name_end(text: str, index: int) -> int:
    length = len(text)
    while index < length and _is_name_char(text[index]):
        index += 1
    # One namespace prefix, as in jr:choice-name.
    if index + 1 < length and text[index] == ":" and _is_name_start(text[index + 1]):
        index += 1
        while index < length and _is_name_char(text[index]):
            index += 1
    return index
