"""Null and empty strings: what '' and None become in each string-like column, both ways.

Per field kind and ``null`` setting, one scratch table with a ``label`` and a ``value``
column; the labels name the rows a filter matched ("empty" saved '', "none" saved None).
"""

from __future__ import annotations

import functools

from django.db import models

from harness.portability.results import CaseRow

from .catalog import stored_columns
from ..declared import emits_null
from .scratch import (
    attempt,
    created_tables,
    describe,
    error_detail,
    error_name,
    scratch_model,
    scratch_registry,
    raw_select,
    where_clause,
)

# Kind -> (short table tag, field factory); each factory gets null=... and unique=...
STRING_KINDS = {
    "CharField": ("char", lambda **kw: models.CharField(max_length=40, **kw)),
    "TextField": ("text", lambda **kw: models.TextField(**kw)),
    "SlugField": ("slug", lambda **kw: models.SlugField(db_index=False, **kw)),
    "EmailField": ("email", lambda **kw: models.EmailField(**kw)),
    "URLField": ("url", lambda **kw: models.URLField(**kw)),
    "FileField": ("file", lambda **kw: models.FileField(upload_to="scratch/", **kw)),
    "FilePathField": ("path", lambda **kw: models.FilePathField(path="scratch", **kw)),
    "BinaryField": ("bin", lambda **kw: models.BinaryField(**kw)),
}
NULL_SETTINGS = (False, True)
UNIQUE_KIND = "CharField"  # TEXT/BLOB columns cannot be UNIQUE on MySQL without a key length

DECLARED_DETAIL = "declared by Django (offline)"
STORED_DETAIL = "from the server catalog"


def empty_value(kind: str):
    return b"" if kind == "BinaryField" else ""


def case_name(kind: str, null: bool, what: str) -> str:
    return f"{kind}(null={null}): {what}"


def unique_case_name(null: bool) -> str:
    return f"{UNIQUE_KIND}(unique=True, null={null}): save {empty_value(UNIQUE_KIND)!r} twice"


def column_rows(connection, target: str) -> list[CaseRow]:
    """The NULL/NOT NULL each scratch column is emitted with; uses no query."""
    rows = []
    for kind, null, model in _declared_models():
        nullable = emits_null(connection, model._meta.get_field("value"))
        outcome = "NULL" if nullable else "NOT NULL"
        rows.append(CaseRow(target, case_name(kind, null, "column"), outcome, DECLARED_DETAIL))
    return rows


def live_rows(alias: str) -> list[CaseRow]:
    """Every case on the live ``alias``; creates and drops its scratch tables."""
    registry = scratch_registry()
    value_models = _value_models(registry)
    unique_models = [(null, _unique_model(registry, null)) for null in NULL_SETTINGS]
    rows = []
    with created_tables(alias, *(m for *_, m in value_models), *(m for _, m in unique_models)):
        for kind, null, model in value_models:
            rows.extend(_value_cases(alias, kind, null, model))
        for null, model in unique_models:
            rows.append(_unique_case(alias, null, model))
    return rows


@functools.cache
def _declared_models() -> list[tuple[str, bool, type]]:
    # Declared columns need no table: one set of models serves every target.
    return _value_models(scratch_registry())


def _value_models(registry) -> list[tuple[str, bool, type]]:
    found = []
    for kind, (tag, make_field) in STRING_KINDS.items():
        for null in NULL_SETTINGS:
            fields = {"label": models.CharField(max_length=10), "value": make_field(null=null)}
            name = f"NullEmpty{tag.title()}{'Null' if null else 'NotNull'}"
            table = f"comparison_ne_{tag}_{'null' if null else 'notnull'}"
            found.append((kind, null, scratch_model(registry, name, fields, db_table=table)))
    return found


def _unique_model(registry, null: bool):
    fields = {"value": STRING_KINDS[UNIQUE_KIND][1](null=null, unique=True)}
    suffix = "null" if null else "notnull"
    return scratch_model(registry, f"NullEmptyUnique{suffix.title()}", fields,
                         db_table=f"comparison_ne_unique_{suffix}")


def _value_cases(alias, kind, null, model) -> list[CaseRow]:
    objects = model.objects.using(alias)
    table = model._meta.db_table
    empty = empty_value(kind)
    rows = []

    def add(what, outcome, detail=None):
        rows.append(CaseRow(alias, case_name(kind, null, what), outcome, detail))

    column = stored_columns(alias, table).get("value")
    add("column", "NULL" if column.nullable else "NOT NULL", STORED_DETAIL)
    for label, value in (("empty", empty), ("none", None)):
        shown_value = repr(value)
        saved = attempt(alias, lambda: objects.create(label=label, value=value))
        if not saved.ok:
            add(f"save {shown_value}", error_name(saved.error), error_detail(saved.error))
            add(f"save {shown_value} → ORM reads", "not saved")
            add(f"save {shown_value} → raw SELECT reads", "not saved")
            continue
        add(f"save {shown_value}", "saved")
        orm_value = objects.get(label=label).value
        (raw_value,) = raw_select(alias, table, ["value"], "label", label)
        add(f"save {shown_value} → ORM reads", describe(orm_value)[0], describe(orm_value)[1])
        add(f"save {shown_value} → raw SELECT reads", describe(raw_value)[0], describe(raw_value)[1])
    for what, lookup in ((f"filter(value={empty!r})", {"value": empty}),
                         ("filter(value__isnull=True)", {"value__isnull": True})):
        queryset = objects.filter(**lookup)
        matched = attempt(alias, lambda: sorted(queryset.values_list("label", flat=True)))
        if matched.ok:
            add(what, repr(matched.value), where_clause(queryset))
        else:
            add(what, error_name(matched.error), error_detail(matched.error))
    return rows


def _unique_case(alias, null, model) -> CaseRow:
    objects = model.objects.using(alias)
    empty = empty_value(UNIQUE_KIND)
    first = attempt(alias, lambda: objects.create(value=empty))
    second = attempt(alias, lambda: objects.create(value=empty)) if first.ok else first
    if second.ok:
        return CaseRow(alias, unique_case_name(null), "both saved", None)
    return CaseRow(alias, unique_case_name(null), error_name(second.error), error_detail(second.error))
