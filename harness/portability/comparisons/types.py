"""Type mapping: every FieldZoo / BigAutoPk / SmallAutoPk field, declared, stored and read back.

The scratch copies subclass the same abstract bases as the pots apps, so their columns are
exactly the pots columns, without touching the pots tables.
"""

from __future__ import annotations

import functools

import datetime as dt
import uuid
from decimal import Decimal

from django.db import connections

from harness.portability.results import TypeRow
from pots.bases import BigAutoPkBase, FieldZooBase, SmallAutoPkBase

from .catalog import StoredColumn, normalize_check, normalize_type, stored_columns
from ..declared import declared_column, emits_null
from .scratch import (
    attempt,
    created_tables,
    describe,
    error_detail,
    scratch_model,
    scratch_registry,
    raw_select,
)

OFFLINE_NOTE = "offline: as Django declares it; nothing stored or read"

# Values chosen to show conversions: a leap day, microseconds, 2**53 + 1, a non-ASCII text.
ZOO_SAMPLE = {
    "big_integer": 9007199254740993,
    "binary_data": b"\x00\xffzoo",
    "flag": True,
    "char_text": "zoo",
    "date_on": dt.date(2024, 2, 29),
    "moment": dt.datetime(2024, 2, 29, 13, 45, 30, 123456, tzinfo=dt.timezone.utc),
    "amount": Decimal("12.3456"),
    "span": dt.timedelta(days=1, seconds=2, microseconds=3),
    "email": "keeper@example.com",
    "upload": "zoo/lion.txt",
    "file_path": "zoo/lion.txt",
    "ratio": 0.1,
    "ip_address": "2001:db8::1",
    "count": -7,
    "document": {"a": [1, 2.5, None, True]},
    "positive_big": 9223372036854775807,
    "positive": 2147483647,
    "positive_small": 32767,
    "slug": "lion-king",
    "small_integer": -32768,
    "body": "multi\nline ü",
    "time_of_day": dt.time(23, 59, 59, 999999),
    "url": "https://example.com/zoo",
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
}
SAMPLES = {"FieldZoo": ZOO_SAMPLE, "BigAutoPk": {"label": "big"}, "SmallAutoPk": {"label": "small"}}


def type_models(registry) -> list:
    """Concrete scratch copies of the three models the type matrix covers."""
    bases = {"FieldZoo": FieldZooBase, "BigAutoPk": BigAutoPkBase, "SmallAutoPk": SmallAutoPkBase}
    return [scratch_model(registry, name, {}, bases=(base,)) for name, base in bases.items()]


@functools.cache
def _declared_models() -> list:
    # Declared types need no table: one set of models serves every target.
    return type_models(scratch_registry())


def declared_rows(connection, target: str, offline: bool = True) -> list[TypeRow]:
    """What Django emits for each field on ``connection``; uses no query."""
    return [
        _declared_row(connection, target, model, field, notes=[OFFLINE_NOTE] if offline else [])
        for model in _declared_models()
        for field in model._meta.concrete_fields
    ]


def _declared_row(connection, target, model, field, notes) -> TypeRow:
    declared, check = declared_column(connection, field)
    return TypeRow(
        target=target,
        model=model.__name__,
        field=field.name,
        field_type=type(field).__name__,
        declared=declared,
        check=check,
        nullable=emits_null(connection, field),
        notes=notes,
    )


def live_rows(alias: str) -> list[TypeRow]:
    """Declared, stored and read-back values on the live ``alias``; drops its tables after."""
    connection = connections[alias]
    registry = scratch_registry()
    models = type_models(registry)
    rows = []
    with created_tables(alias, *models):
        for model in models:
            rows.extend(_model_rows(connection, alias, model))
    return rows


def _model_rows(connection, alias, model) -> list[TypeRow]:
    fields = model._meta.concrete_fields
    table = model._meta.db_table
    stored = stored_columns(alias, table)
    created = attempt(alias, lambda: model.objects.using(alias).create(**SAMPLES[model.__name__]))
    orm_obj = raw_row = storage = None
    if created.ok:
        pk = created.value.pk
        orm_obj = model.objects.using(alias).get(pk=pk)
        raw_row = raw_select(alias, table, [f.column for f in fields], model._meta.pk.column, pk)
        if connection.vendor == "sqlite":
            storage = _sqlite_storage_classes(connection, table, fields, model._meta.pk.column, pk)
    rows = []
    for index, field in enumerate(fields):
        row = _declared_row(connection, alias, model, field, notes=[])
        column = stored.get(field.column.lower())
        row.stored = column.describe() if column else None
        if created.ok:
            row.orm_value, row.orm_type = describe(getattr(orm_obj, field.attname))
            row.raw_value, row.raw_type = describe(raw_row[index])
        else:
            row.notes.append(f"sample row rejected: {error_detail(created.error)}")
        row.notes.extend(_flags(connection.vendor, row, column, storage and storage[index]))
        rows.append(row)
    return rows


def _sqlite_storage_classes(connection, table, fields, pk_column, pk) -> list[str]:
    quote = connection.ops.quote_name
    sql = "SELECT {} FROM {} WHERE {} = %s".format(
        ", ".join(f"typeof({quote(f.column)})" for f in fields), quote(table), quote(pk_column)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        return list(cursor.fetchone())


def _flags(vendor, row: TypeRow, column: StoredColumn | None, storage_class) -> list[str]:
    """Where what Django declared is not what the server keeps, or ORM and raw reads disagree."""
    if column is None:
        return ["column not found in the server catalog"]
    flags = []
    if normalize_type(vendor, row.declared) != normalize_type(vendor, column.type):
        flags.append(f"declared {row.declared}, server stores {column.type}")
    if normalize_check(row.check) != normalize_check(column.check):
        if not row.check:
            flags.append(f"server adds CHECK ({column.check})")
        elif not column.check:
            flags.append(f"declared CHECK ({row.check}) is not on the server")
        else:
            flags.append(f"server keeps CHECK as ({column.check})")
    if row.nullable != column.nullable:
        flags.append(f"declared {_null(row.nullable)}, server column {_null(column.nullable)}")
    if column.affinity == "NUMERIC":
        flags.append(
            f"SQLite has no {column.type} type: NUMERIC affinity, value stored as {storage_class}"
        )
    if row.orm_type is not None:
        if row.orm_type != row.raw_type:
            flags.append(f"ORM reads {row.orm_type}, raw SELECT reads {row.raw_type}")
        elif row.orm_value != row.raw_value:
            flags.append(f"ORM reads {row.orm_value}, raw SELECT reads {row.raw_value}")
    return flags


def _null(nullable: bool) -> str:
    return "NULL" if nullable else "NOT NULL"
