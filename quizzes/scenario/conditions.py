"""The `when` language of scenarios: comparisons of variables and score, and/or/not, brackets.

Grammar (lowest precedence first)::

    expr    := and_expr ("or" and_expr)*
    and_expr:= not_expr ("and" not_expr)*
    not_expr:= "not" not_expr | atom
    atom    := "(" expr ")" | NAME OP INTEGER
    OP      := == | != | < | <= | > | >=

Author content is data, never code: this is a hand-written tokenizer and recursive-descent
parser over a closed grammar, with limits on length, nesting and numbers.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

MAX_LENGTH = 500
MAX_DEPTH = 16
MAX_ABS_VALUE = 10**9
SCORE = "score"
KEYWORDS = frozenset({"and", "or", "not"})

_OPERATORS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt,
              "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<int>-?[0-9]+)
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<paren>[()])
""", re.VERBOSE)


class ConditionError(Exception):
    """A condition that cannot be read or evaluated; ``column`` is 1-based (0: unknown)."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        return f"cột {self.column}: {self.message}" if self.column else self.message


@dataclass(frozen=True)
class Compare:
    """``name OP value``."""

    name: str
    op: str
    value: int

    def evaluate(self, values: Mapping[str, float]) -> bool:
        """Compare the named value with the constant."""
        if self.name not in values:
            raise ConditionError(f"không có giá trị cho '{self.name}'", 0)
        return _OPERATORS[self.op](values[self.name], self.value)

    @property
    def names(self) -> frozenset[str]:
        """Return the names the condition reads."""
        return frozenset({self.name})

    def __str__(self) -> str:
        return f"{self.name} {self.op} {self.value}"


@dataclass(frozen=True)
class Not:
    """``not operand``."""

    operand: "Expr"

    def evaluate(self, values: Mapping[str, float]) -> bool:
        """Negate the operand."""
        return not self.operand.evaluate(values)

    @property
    def names(self) -> frozenset[str]:
        """Return the names the condition reads."""
        return self.operand.names

    def __str__(self) -> str:
        return f"not {_wrapped(self.operand)}"


@dataclass(frozen=True)
class _Group:
    """Several operands joined by one keyword."""

    operands: tuple["Expr", ...]
    keyword = ""

    @property
    def names(self) -> frozenset[str]:
        """Return the names the condition reads."""
        return frozenset().union(*(item.names for item in self.operands))

    def __str__(self) -> str:
        return f" {self.keyword} ".join(_wrapped(item) for item in self.operands)


@dataclass(frozen=True)
class And(_Group):
    """``a and b and ...``."""

    keyword = "and"

    def evaluate(self, values: Mapping[str, float]) -> bool:
        """Hold when every operand holds."""
        return all(item.evaluate(values) for item in self.operands)


@dataclass(frozen=True)
class Or(_Group):
    """``a or b or ...``."""

    keyword = "or"

    def evaluate(self, values: Mapping[str, float]) -> bool:
        """Hold when any operand holds."""
        return any(item.evaluate(values) for item in self.operands)


Expr = Compare | Not | And | Or


def _wrapped(expr: Expr) -> str:
    """Write a sub-expression, in brackets unless it is a single comparison."""
    return str(expr) if isinstance(expr, Compare) else f"({expr})"


@dataclass(frozen=True)
class _Token:
    kind: str  # name | int | op | paren | keyword | end
    text: str
    column: int


def tokenize(text: str) -> tuple[_Token, ...]:
    """Split a condition into tokens; raise ConditionError at the first unknown character."""
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"điều kiện quá dài (tối đa {MAX_LENGTH} ký tự)", MAX_LENGTH + 1)
    tokens, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ConditionError(_unknown_character(text, position), position + 1)
        kind = match.lastgroup
        if kind != "space":
            word = match.group()
            kind = "keyword" if kind == "name" and word in KEYWORDS else kind
            tokens.append(_Token(kind, word, position + 1))
        position = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tuple(tokens)


def _unknown_character(text: str, position: int) -> str:
    """Explain a character the language does not have, with a hint for the usual slips."""
    char = text[position]
    if char == "=":
        return "dùng '==' để so sánh bằng"
    if char in "&|!":
        return f"ký tự '{char}' không dùng được; hãy viết and, or, not"
    return f"ký tự không hợp lệ '{char}'"


class _Parser:
    """Recursive-descent parser over a token tuple, with a nesting limit."""

    def __init__(self, tokens: tuple[_Token, ...]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.current
        self.index += 1
        return token

    def at_keyword(self, word: str) -> bool:
        return self.current.kind == "keyword" and self.current.text == word

    def parse(self) -> Expr:
        if self.current.kind == "end":
            raise ConditionError("điều kiện rỗng", 1)
        expr = self.or_expr()
        if self.current.kind != "end":
            raise ConditionError(f"thừa '{self.current.text}' ở đây", self.current.column)
        return expr

    def or_expr(self) -> Expr:
        items = [self.and_expr()]
        while self.at_keyword("or"):
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Expr:
        items = [self.not_expr()]
        while self.at_keyword("and"):
            self.take()
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_expr(self) -> Expr:
        if not self.at_keyword("not"):
            return self.atom()
        token = self.take()
        self.enter(token)
        operand = self.not_expr()
        self.depth -= 1
        return Not(operand)

    def atom(self) -> Expr:
        if self.current.text == "(":
            opening = self.take()
            self.enter(opening)
            expr = self.or_expr()
            if self.current.text != ")":
                raise ConditionError("thiếu dấu ')'", self.current.column)
            self.take()
            self.depth -= 1
            return expr
        return self.comparison()

    def comparison(self) -> Compare:
        name = self.take()
        if name.kind != "name":
            raise ConditionError(f"cần tên biến hoặc '{SCORE}' ở đây", name.column)
        op = self.take()
        if op.kind != "op":
            raise ConditionError(
                f"cần phép so sánh (==, !=, <, <=, >, >=) sau '{name.text}'", op.column)
        number = self.take()
        if number.kind != "int":
            raise ConditionError(f"cần một số nguyên sau '{op.text}'", number.column)
        value = int(number.text)
        if abs(value) > MAX_ABS_VALUE:
            raise ConditionError(f"số quá lớn (tối đa {MAX_ABS_VALUE})", number.column)
        return Compare(name.text, op.text, value)

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(f"điều kiện lồng quá sâu (tối đa {MAX_DEPTH} mức)",
                                 token.column)


@lru_cache(maxsize=1024)
def parse_condition(text: str) -> Expr:
    """Parse a `when` condition into a frozen tree; raise ConditionError with the column."""
    if not isinstance(text, str):
        raise ConditionError("điều kiện phải là văn bản", 0)
    return _Parser(tokenize(text)).parse()
