"""Neutral building blocks of a report page, and small pure helpers the sections share.

Markdown and HTML render these same blocks, so both formats show the same facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..anchors import join_labels, slug  # noqa: F401  (shared with the findings' evidence links)
from ..results import STATUS_ERROR, STATUS_IRREVERSIBLE, STATUS_NEEDS_SERVER, STATUS_OK, OK, Column, Report
from . import _sqldiff


@dataclass(frozen=True)
class Cell:
    text: str = ""
    code: bool = False  # SQL or a value: monospace, shown literally
    differs: bool = False  # differs from the row's first target
    warn: bool = False  # wants attention
    muted: bool = False  # absent, or an expectation rather than an observation
    note: str | None = None  # a smaller second line
    link: bool = False  # an http(s) address
    href: str | None = None  # an anchor on this page ("#columns-pots-pot")
    # code cut into runs changed (True) or not (False) from the row's first column
    segments: tuple[tuple[str, bool], ...] | None = None


ABSENT = Cell("—", muted=True)


@dataclass
class Para:
    parts: list[Cell]


@dataclass
class Heading:
    title: str
    id: str


@dataclass
class Table:
    headers: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)
    row_classes: list[str] = field(default_factory=list)  # "" or e.g. "unavailable"
    row_ids: list[str] = field(default_factory=list)  # "" or an anchor findings link to
    css: str = ""  # a class for the whole table, e.g. "findings"

    def add(self, cells: list[Cell], css: str = "", id: str = "") -> None:
        self.rows.append(cells)
        self.row_classes.append(css)
        self.row_ids.append(id)


@dataclass
class DDLColumn:
    target: str
    label: str
    baseline: bool
    text: str | None  # the statements exactly as Django printed them; None: no DDL
    comparison: _sqldiff.Comparison | None  # of the laid-out text, against the baseline
    missing: str | None = None  # why there is no DDL
    unavailable: bool = False
    targets: list[str] = field(default_factory=list)  # every target this column stands for


@dataclass
class DDLCompare:
    id: str
    title: str
    tables: list[str]
    columns: list[DDLColumn]
    summary: list[Para]

    @property
    def differing(self) -> list[DDLColumn]:
        return [c for c in self.columns if c.comparison and not c.comparison.identical]


@dataclass
class Collapsed:
    """Blocks shown under a title that opens them (HTML: built only when first opened)."""

    id: str
    title: str
    blocks: list[Any]
    note: str = ""


@dataclass
class Section:
    id: str
    title: str
    blocks: list[Any]
    warn: bool = False


# -- small pure helpers --------------------------------------------------------------------

_QUOTES = re.compile(r"[\"`\[\]]")
_SPACES = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([(),])\s*")
URL = re.compile(r"^https?://\S+$")


def normalize(text: str) -> str:
    """Text for "does it differ": case, quoting and spacing are not differences."""
    text = _QUOTES.sub("", text.lower())
    return _AROUND.sub(r"\1", _SPACES.sub(" ", text)).strip()




def group(rows: Iterable, key: Callable) -> dict:
    out: dict = {}
    for row in rows:
        out.setdefault(key(row), []).append(row)
    return out


def column_cell(c: Column) -> str:
    if c.declared is None:
        return "(no column)"
    parts = [c.declared, "NULL" if c.nullable else "NOT NULL"]
    if c.primary_key:
        parts.append("PRIMARY KEY")
    elif c.unique:
        parts.append("UNIQUE")
    if c.check:
        parts.append(c.check if c.check.upper().startswith("CHECK") else f"CHECK ({c.check})")
    return " ".join(parts)


def counts(report: Report) -> dict[str, int]:
    return {
        "targets": len(report.targets),
        "unavailable": sum(t.status != OK for t in report.targets),
        "migrations": sum(d.status == STATUS_OK for d in report.ddl),
        "needs_server": sum(d.status == STATUS_NEEDS_SERVER for d in report.ddl),
        "ddl_errors": sum(d.status == STATUS_ERROR for d in report.ddl),
        "irreversible": sum(d.backwards_status == STATUS_IRREVERSIBLE for d in report.ddl),
        "disagreements": sum(p.agrees is False for p in report.probes),
        "lint": len(report.lint),
    }


class Names:
    """Target names, labels and header cells, in report order."""

    def __init__(self, report: Report):
        self.report = report
        self.known = {t.name: t for t in report.targets}
        labels = {t.name: t.display or t.name for t in report.targets}
        taken = group(labels, key=labels.get)
        # Two targets with one display label (say live and offline) are told apart by name.
        self.labels = {n: lab if len(taken[lab]) == 1 else f"{lab} ({n})"
                       for n, lab in labels.items()}

    def down(self, name: str) -> bool:
        return name in self.known and self.known[name].status != OK

    def label(self, name: str) -> str:
        return self.labels.get(name, name)

    def joined(self, names: Iterable[str]) -> str:
        """"PostgreSQL 14 · 15 · 16" for several targets, in report order."""
        return join_labels(self.label(n) for n in self.order(names))

    def header(self, name: str) -> Cell:
        down = self.down(name)
        return Cell(self.label(name), warn=down, note="⚠ unavailable" if down else None)

    def order(self, seen: Iterable[str], everyone: bool = False) -> list[str]:
        """Report targets (all, or those seen), then any seen name the report does not list."""
        seen = list(dict.fromkeys(seen))
        names = [n for n in self.known if everyone or n in seen]
        return names + [n for n in seen if n not in self.known]

    def why_missing(self, name: str, what: str) -> str:
        t = self.known.get(name)
        if t is not None and t.status != OK:
            return f"⚠ unavailable: {t.reason or 'no reason recorded'}"
        return f"no {what} from this target"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


class Ids:
    def __init__(self, reserved: Iterable[str] = ()):
        self.seen = set(reserved)

    def __call__(self, *parts: str) -> str:
        base = out = slug(*parts)
        n = 1
        while out in self.seen:
            n += 1
            out = f"{base}-{n}"
        self.seen.add(out)
        return out
