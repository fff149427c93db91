"""Boolean emulation: the column a BooleanField gets, what a raw SELECT hands back, what a
value other than 0/1 does to the ORM, and boolean expressions in annotate().
"""

from __future__ import annotations

from django.db import connections, models
from django.db.models import ExpressionWrapper, Q

from harness.portability.results import CaseRow

from .catalog import stored_columns
from ..declared import declared_column
from .scratch import (
    attempt,
    created_tables,
    error_detail,
    error_name,
    scratch_model,
    scratch_registry,
    raw_execute,
    raw_select,
    shown,
    where_clause,
)

FOREIGN_VALUE = 2  # neither 0 nor 1: what a raw writer or another application might store
BOOLEAN_EXPRESSION = "ExpressionWrapper(Q(count__gt=1), output_field=BooleanField())"


def bool_model(registry):
    fields = {
        "label": models.CharField(max_length=10),
        "flag": models.BooleanField(),
        "count": models.IntegerField(),
    }
    return scratch_model(registry, "BooleanScratch", fields, db_table="comparison_boolean")


def declared_rows(connection, target: str, offline: bool = True) -> list[CaseRow]:
    """The column Django emits for a BooleanField; uses no query."""
    field = bool_model(scratch_registry())._meta.get_field("flag")
    db_type, check = declared_column(connection, field)
    detail = "declared by Django (offline)" if offline else "declared by Django"
    return [
        CaseRow(target, "declared column", db_type, detail),
        CaseRow(target, "declared CHECK", check or "none", detail),
    ]


def live_rows(alias: str) -> list[CaseRow]:
    """Every boolean case on the live ``alias``; creates and drops its scratch table."""
    connection = connections[alias]
    model = bool_model(scratch_registry())
    table = model._meta.db_table
    quote = connection.ops.quote_name
    objects = model.objects.using(alias)
    rows = declared_rows(connection, alias, offline=False)

    def add(case, outcome, detail=None):
        rows.append(CaseRow(alias, case, outcome, detail))

    with created_tables(alias, model):
        column = stored_columns(alias, table)["flag"]
        add("stored column", column.type, "from the server catalog")
        add("stored CHECK", column.check or "none", "from the server catalog")
        objects.create(label="true", flag=True, count=5)
        objects.create(label="false", flag=False, count=0)
        objects.create(label="foreign", flag=True, count=1)
        for label in ("true", "false"):
            (value,) = raw_select(alias, table, ["flag"], "label", label)
            add(f"raw SELECT of {label.title()}", shown(value))

        write = attempt(alias, lambda: raw_execute(
            alias,
            f"UPDATE {quote(table)} SET {quote('flag')} = %s WHERE {quote('label')} = %s",
            [FOREIGN_VALUE, "foreign"],
        ))
        if write.ok:
            add(f"raw write of {FOREIGN_VALUE}", "accepted")
            (value,) = raw_select(alias, table, ["flag"], "label", "foreign")
            add(f"raw SELECT after writing {FOREIGN_VALUE}", shown(value))
            add(f"ORM reads after writing {FOREIGN_VALUE}", shown(objects.get(label="foreign").flag))
        else:
            add(f"raw write of {FOREIGN_VALUE}", error_name(write.error), error_detail(write.error))
        for flag in (True, False):
            queryset = objects.filter(flag=flag)
            labels = sorted(queryset.values_list("label", flat=True))
            add(f"filter(flag={flag}) matches", repr(labels), where_clause(queryset))

        annotated = objects.annotate(
            more_than_one=ExpressionWrapper(Q(count__gt=1), output_field=models.BooleanField())
        )
        value = attempt(alias, lambda: annotated.get(label="true").more_than_one)
        add(f"annotate({BOOLEAN_EXPRESSION})", *_outcome(value))
        filtered = annotated.filter(more_than_one=True)
        matched = attempt(alias, lambda: sorted(filtered.values_list("label", flat=True)))
        outcome, detail = _outcome(matched, repr)
        add(f"filter on annotate({BOOLEAN_EXPRESSION})", outcome, detail or where_clause(filtered))
        raw_expression = attempt(alias, lambda: _raw_comparison(connection, table))
        add("raw SELECT of count > 1", *_outcome(raw_expression))
    return rows


def _raw_comparison(connection, table):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('count')} > 1 FROM {quote(table)} WHERE {quote('label')} = %s",
            ["true"],
        )
        return cursor.fetchone()[0]


def _outcome(result, show=shown) -> tuple[str, str | None]:
    if result.ok:
        return show(result.value), None
    return error_name(result.error), error_detail(result.error)
