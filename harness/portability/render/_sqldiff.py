"""Token-level comparison of two SQL texts, shared by the Markdown and HTML renderers.

Whitespace is not compared: a layout change alone is not a difference worth pointing at.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from pygments.lexers._sql_builtins import DATATYPES, KEYWORDS
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

# Django's DDL needs few token kinds, and pygments' SqlLexer (a large RegexLexer state
# machine) was most of a report's run time: one regex pass, pygments' token types and
# word lists. The HTML page colours with the same rules and pygments' styles (_colour.py).
SQL_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<comment>--[^\n]*)
      | (?P<string>'(?:[^']|'')*')
      | (?P<name>"[^"]*"|`[^`]*`)
      | (?P<number>\d+(?:\.\d+)?(?![\w$]))
      | (?P<word>[^\W\d][\w$#]*)
      | (?P<punct>[(),;.])
      | (?P<operator>.)""",
    re.VERBOSE | re.DOTALL,
)
SQL_KEYWORDS = frozenset(KEYWORDS)
SQL_DATATYPES = frozenset(DATATYPES) | {"NVARCHAR2", "VARCHAR2", "NUMBER", "NCLOB", "BLOB", "CLOB",
                                         "LONGTEXT", "LONGBLOB", "TINYINT", "DATETIME", "BOOL"}
KIND_TYPES = {"space": Text.Whitespace, "comment": Comment.Single, "string": String.Single,
              "name": Name, "number": Number, "punct": Punctuation, "operator": Operator}
TokenType = Any  # a pygments token type, such as Token.Keyword
_SPACE = re.compile(r"\s+")


@dataclass
class Comparison:
    """``other`` tokenized, with what differs from ``base`` marked."""

    tokens: list[tuple[TokenType, str]]
    changed: list[bool]  # per token: differs from base
    gaps: dict[int, str] = field(default_factory=dict)  # token index -> base text missing before it
    changes: list[tuple[str, str]] = field(default_factory=list)  # (base text, other text)

    @property
    def identical(self) -> bool:
        return not self.changes

    @property
    def text(self) -> str:
        return "".join(value for _, value in self.tokens)


def word_type(word: str) -> TokenType:
    upper = word.upper()
    return Keyword if upper in SQL_KEYWORDS else Name.Builtin if upper in SQL_DATATYPES else Name


# Markdown and HTML compare the same texts, and one baseline meets every target: lexing
# dominates a report's run time, so both are memoized (results are never mutated).
@functools.lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[tuple[int, TokenType, str], ...]:
    tokens = []
    for match in SQL_TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        ttype = word_type(value) if kind == "word" else KIND_TYPES[kind]
        tokens.append((match.start(), ttype, value))
    return tuple(tokens)


def plain(text: str) -> Comparison:
    tokens = [(ttype, value) for _, ttype, value in tokenize(text)]
    return Comparison(tokens, [False] * len(tokens))


def _span(text: str, toks, lo: int, hi: int) -> str:
    if lo >= hi:
        return ""
    start = toks[lo][0]
    end = toks[hi - 1][0] + len(toks[hi - 1][2])
    return _SPACE.sub(" ", text[start:end]).strip()


@functools.lru_cache(maxsize=8192)
def compare(base: str, other: str) -> Comparison:
    base_toks, other_toks = tokenize(base), tokenize(other)
    # Compare words only; indices map back to the full token lists.
    bw = [t for t in base_toks if not t[2].isspace()]
    ow_index = [i for i, t in enumerate(other_toks) if not t[2].isspace()]
    ow = [other_toks[i] for i in ow_index]
    matcher = difflib.SequenceMatcher(None, [t[2] for t in bw], [t[2] for t in ow], autojunk=False)
    word_changed = [False] * len(ow)
    gaps: dict[int, str] = {}
    changes: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for j in range(j1, j2):
            word_changed[j] = True
        old, new = _span(base, bw, i1, i2), _span(other, ow, j1, j2)
        changes.append((old, new))
        if tag == "delete":
            gaps[ow_index[j1] if j1 < len(ow_index) else len(other_toks)] = old
    changed = [False] * len(other_toks)
    for j, i in enumerate(ow_index):
        changed[i] = word_changed[j]
    # Whitespace between two changed words joins their highlight, within a line.
    for k in range(len(ow_index) - 1):
        if word_changed[k] and word_changed[k + 1]:
            for i in range(ow_index[k] + 1, ow_index[k + 1]):
                changed[i] = "\n" not in other_toks[i][2]
    tokens = [(ttype, value) for _, ttype, value in other_toks]
    return Comparison(tokens, changed, gaps, changes)


@functools.lru_cache(maxsize=8192)
def layout(text: str, indent: str = "    ") -> str:
    """One column definition per line in CREATE TABLE statements, so targets line up.

    Only whitespace between tokens changes (never inside quotes or strings), and only at
    the top-level parenthesis of the column list.
    """
    out: list[str] = []
    words: list[str] = []  # the statement's keywords so far
    depth, pending = 0, False
    for _, ttype, value in tokenize(text):
        if pending:
            pending = False
            if value.isspace() and "\n" not in value:
                out.append("\n" + indent)
                continue
            out.append("\n" + indent)
        out.append(value)
        if ttype in Keyword and len(words) < 2:
            words.append(value.upper())
        if ttype not in Punctuation:
            continue
        table = words == ["CREATE", "TABLE"]
        for char in value:
            if char == "(":
                depth += 1
                pending = table and depth == 1
            elif char == ")":
                depth = max(depth - 1, 0)
            elif char == ",":
                pending = table and depth == 1
            elif char == ";" and depth == 0:
                words, pending = [], False
    return "".join(out)


def shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
