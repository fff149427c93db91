"""Columns that differ where it bites: NULL-ability, integer ranges, decimal precision,
string lengths and time precision (from ``report.columns``)."""

from __future__ import annotations

import re

from .. import anchors
from ..results import Column, Finding, Report
from . import rule
from ._common import group, in_order, labels, listed, plural, vendor

_STRINGS = ("CharField", "TextField", "SlugField", "EmailField", "URLField", "FilePathField",
            "FileField", "ImageField", "GenericIPAddressField", "IPAddressField")


def _fields(report: Report) -> dict[tuple[str, str, str], list[Column]]:
    return group((c for c in report.columns if c.declared is not None),
                 key=lambda c: (c.app, c.model, c.field))


def _obj(key) -> str:
    return ".".join(key)


def _by_app(found: dict) -> dict:
    """{(app, signature): [field keys]}: one finding per app and outcome, not per field."""
    out: dict = {}
    for key, signature in found.items():
        out.setdefault((key[0], signature), []).append(key)
    return out


def _loose_on_some(report: Report, applies, loose) -> dict:
    """{field key: the targets (in report order) where ``loose(column)``}, for the fields
    whose first column ``applies`` and that are loose on some targets but not all."""
    found = {}
    for key, cols in _fields(report).items():
        if not applies(cols[0]):
            continue
        targets = tuple(in_order(report, [c.target for c in cols if loose(c)]))
        if targets and len(targets) < len(cols):
            found[key] = targets
    return found


@rule("nullable-differs", "data")
def nullable_differs(report: Report):
    found = {}
    for key, cols in _fields(report).items():
        null = tuple(in_order(report, {c.target for c in cols if c.nullable}))
        if null and len(null) < len({c.target for c in cols}):
            strings = all(c.field_type in _STRINGS for c in cols)
            found[key] = (null, strings)
    for (app, (null, strings)), keys in _by_app(found).items():
        oracle = strings and all(vendor(report, n) == "oracle" for n in null)
        why = ("Oracle stores '' as NULL, so NOT NULL is not enforced there and "
               "filter(field='') matches NULL rows (IS NULL)." if oracle else
               "A row with NULL is accepted on these targets and rejected on the others.")
        fix = ("Treat '' and None alike in code and exports; add a CheckConstraint where an "
               "empty value must be rejected." if oracle else
               "Declare null= explicitly and check the migration that created the column.")
        fields = [_obj(k) for k in keys]
        yield Finding(
            "nullable-differs", "data",
            f"{plural(len(keys), 'column')} of {app} NULL-able on {labels(report, null)} "
            f"only: {listed([f'{k[1]}.{k[2]}' for k in keys])}",
            why, fix, list(null), fields, anchors.columns(keys[0][0], keys[0][1]))


_INT_BITS = {"smallint": 16, "integer": 32, "int": 32, "bigint": 64, "mediumint": 24,
             "tinyint": 8, "serial": 32, "bigserial": 64, "smallserial": 16}


def integer_range(c: Column, vendor_name: str) -> tuple[int, int] | None:
    declared = c.declared.lower()
    number = re.match(r"number\((\d+)\)", declared)
    if number:
        top = 10 ** int(number.group(1)) - 1
        low, high = -top, top
    else:
        word = re.match(r"[a-z]+", declared)
        bits = _INT_BITS.get(word.group(0)) if word else None
        if bits is None:
            return None
        if vendor_name in ("sqlite", "cockroachdb"):
            bits = 64  # SQLite stores any 8-byte integer; CockroachDB's INT is INT8
        if "unsigned" in declared and vendor_name == "mysql":  # SQLite ignores UNSIGNED
            return (0, 2 ** bits - 1)
        low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    if c.check and re.search(r">=\s*0\b", c.check):
        low = 0
    return (low, high)


def _span(r: tuple[int, int]) -> str:
    def num(n):
        return f"{n:,}" if abs(n) < 10 ** 12 else f"{'-' if n < 0 else ''}~{abs(n):.1e}"
    return f"{num(r[0])}…{num(r[1])}"


@rule("integer-range-differs", "behaviour")
def integer_range_differs(report: Report):
    found = {}
    for key, cols in _fields(report).items():
        if "Integer" not in cols[0].field_type and "Auto" not in cols[0].field_type:
            continue
        ranges = {c.target: integer_range(c, vendor(report, c.target)) for c in cols}
        if None in ranges.values() or len(set(ranges.values())) < 2:
            continue
        found[key] = tuple((r, tuple(in_order(report, [n for n in ranges if ranges[n] == r])))
                           for r in dict.fromkeys(ranges[n] for n in in_order(report, ranges)))
    for (app, groups), keys in _by_app(found).items():
        # Affected: the targets outside the largest group of one range.
        usual = max(groups, key=lambda g: len(g[1]))[0]
        odd = in_order(report, [n for r, names in groups if r != usual for n in names])
        ranges = "; ".join(f"{_span(r)} on {labels(report, names)}" for r, names in groups)
        yield Finding(
            "integer-range-differs", "behaviour",
            f"integer range differs for {plural(len(keys), 'column')} of {app}: "
            f"{listed([f'{k[1]}.{k[2]}' for k in keys])}",
            f"A value that one target stores overflows or is rejected on another ({ranges}).",
            "Keep values within the narrowest range (Django's validators use it in "
            "full_clean), or pick BigIntegerField / a CheckConstraint that every target enforces.",
            odd, [_obj(k) for k in keys], anchors.columns(keys[0][0], keys[0][1]))


@rule("decimal-inexact", "data")
def decimal_inexact(report: Report):
    found = _loose_on_some(report, lambda col: col.field_type == "DecimalField",
                           lambda col: "(" not in col.declared)
    for (app, loose), keys in _by_app(found).items():
        yield Finding(
            "decimal-inexact", "data",
            f"DecimalField without fixed precision on {labels(report, loose)}: "
            f"{listed([_obj(k) for k in keys])}",
            "Without a precision the column keeps any number of digits, and SQL arithmetic "
            "(sums, F() expressions) on SQLite uses 8-byte floats, so amounts can round.",
            "Do exact arithmetic in Python, or store integer minor units (cents) in a "
            "BigIntegerField.", list(loose), [_obj(k) for k in keys],
            anchors.columns(keys[0][0], keys[0][1]))


@rule("length-unenforced", "behaviour")
def length_unenforced(report: Report):
    found = _loose_on_some(report, lambda col: re.match(r"(var)?char\(\d+\)", col.declared.lower()),
                           lambda col: vendor(report, col.target) == "sqlite")
    for (app, loose), keys in _by_app(found).items():
        yield Finding(
            "length-unenforced", "behaviour",
            f"max_length not enforced on {labels(report, loose)} for "
            f"{plural(len(keys), 'column')} of {app}: {listed([f'{k[1]}.{k[2]}' for k in keys])}",
            "SQLite ignores VARCHAR(n), so a too-long value saved in tests is rejected (or, "
            "on MySQL without strict mode, truncated) in production.",
            "Validate lengths before saving (full_clean, form or serializer validation), and run "
            "the tests on the production backend too.",
            list(loose), [_obj(k) for k in keys], anchors.columns(keys[0][0], keys[0][1]))


_DEFAULT_PRECISION = {"postgresql": 6, "oracle": 6, "cockroachdb": 6, "mysql": 0}


def time_precision(c: Column, vendor_name: str) -> int | None:
    digits = re.search(r"\((\d)\)", c.declared)
    if digits:
        return int(digits.group(1))
    return _DEFAULT_PRECISION.get(vendor_name)  # SQLite: text, any precision


@rule("time-precision-differs", "data")
def time_precision_differs(report: Report):
    found = {}
    for key, cols in _fields(report).items():
        if cols[0].field_type not in ("DateTimeField", "TimeField"):
            continue
        precision = {c.target: time_precision(c, vendor(report, c.target)) for c in cols}
        known = {n: p for n, p in precision.items() if p is not None}
        if len(set(known.values())) > 1:
            top = max(known.values())
            found[key] = tuple(in_order(report, [n for n, p in known.items() if p < top]))
    for (app, coarse), keys in _by_app(found).items():
        yield Finding(
            "time-precision-differs", "data",
            f"fractional seconds cut on {labels(report, coarse)}: {listed([_obj(k) for k in keys])}",
            "The column keeps fewer fractional digits there, so a saved value reads back "
            "different and equality filters on it stop matching.",
            "Truncate times to the coarsest precision before saving, or migrate the column "
            "to microsecond precision.", list(coarse), [_obj(k) for k in keys],
            anchors.columns(keys[0][0], keys[0][1]))
