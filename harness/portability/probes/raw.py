"""Raw SQL: identifier quoting, and the Python types a raw SELECT hands back."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.db import models

from .base import DOCS, Probe, Table, same

VALUES = {
    "uid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "amount": Decimal("12.34"),
    "moment": dt.datetime(2021, 7, 28, 14, 0, tzinfo=dt.timezone.utc),
    "span": dt.timedelta(minutes=4, microseconds=5),
    "document": {"symbol": "TSLA"},
    "flag": True,
}
ROW = Table("Row", {
    "label": models.CharField(max_length=20, default="teapot"),
    "uid": models.UUIDField(),
    "amount": models.DecimalField(max_digits=8, decimal_places=2),
    "moment": models.DateTimeField(),
    "span": models.DurationField(),
    "document": models.JSONField(),
    "flag": models.BooleanField(),
})
RAW_DOCS = "https://docs.djangoproject.com/en/5.2/topics/db/sql/#executing-custom-sql-directly"


def type_label(value, with_length: bool = False) -> str:
    if isinstance(value, dt.datetime):
        return "naive datetime" if value.tzinfo is None else "aware datetime"
    if isinstance(value, str) and with_length:  # a UUID as 32 hex digits or 36 with dashes
        return f"str({len(value)})"
    return type(value).__name__


def _raw_type(field: str):
    def action(ctx):
        Row = ctx["Row"]
        Row.objects.create(**VALUES)
        with ctx.cursor() as cursor:
            cursor.execute(f"SELECT {ctx.column(Row, field)} FROM {ctx.table(Row)}")
            return type_label(cursor.fetchone()[0], with_length=field == "uid")

    return action


def double_quotes(ctx):
    Row = ctx["Row"]
    Row.objects.create(**VALUES)

    def select():
        with ctx.cursor() as cursor:
            cursor.execute(f'SELECT "label" FROM {ctx.table(Row)}')
            value = cursor.fetchone()[0]
        return {"teapot": "identifier", "label": "string literal"}.get(value, repr(value))

    return ctx.outcome(select)


def quote_name(ctx):
    Row = ctx["Row"]
    Row.objects.create(**VALUES)
    quoted = ctx.column(Row, "label")
    with ctx.cursor() as cursor:
        cursor.execute(f"SELECT {quoted} FROM {ctx.table(Row)}")
        return quoted if cursor.fetchone()[0] == "teapot" else "wrong value"


def _raw(name, field, question, expect, reference=RAW_DOCS):
    return Probe(f"raw-{name}-type", question, expect, reference, _raw_type(field), (ROW,))


PROBES = [
    _raw("uuid", "uid", "What Python type does a raw SELECT return for a UUIDField?",
         {**same("str(32)", postgresql="UUID", cockroachdb="UUID"), "mariadb": "str(32)",
          "mariadb>=10.7": "str(36)"},
         "django/db/backends/mysql/features.py (has_native_uuid_field: MariaDB 10.7+)"),
    _raw("decimal", "amount", "What Python type does a raw SELECT return for a DecimalField?",
         same("Decimal", sqlite="float")),
    _raw("datetime", "moment",
         "What Python type does a raw SELECT return for a DateTimeField (USE_TZ)?",
         same("naive datetime", postgresql="aware datetime", cockroachdb="aware datetime"),
         "https://docs.djangoproject.com/en/5.2/topics/i18n/timezones/#raw-sql"),
    _raw("duration", "span", "What Python type does a raw SELECT return for a DurationField?",
         same("timedelta", sqlite="int", mysql="int")),
    _raw("json", "document", "What Python type does a raw SELECT return for a JSONField?",
         same("str", oracle="LOB"),
         "django/db/backends/postgresql/base.py (jsonb loaded as text); "
         "django/db/backends/oracle/base.py (_output_type_handler: NCLOB)"),
    _raw("bool", "flag", "What Python type does a raw SELECT return for a BooleanField?",
         same("int", postgresql="bool", cockroachdb="bool", sqlite="bool"),
         "django/db/backends/sqlite3/base.py (register_converter('bool'))"),
    Probe(
        "raw-double-quotes",
        'What does raw SQL \'SELECT "label" FROM ...\' return?',
        # MySQL reads "..." as a string unless sql_mode has ANSI_QUOTES; Oracle's columns
        # are upper case, so a quoted lower-case name does not exist.
        same("identifier", mysql="string literal", oracle="DatabaseError"),
        DOCS + "#naming-issues; https://dev.mysql.com/doc/refman/8.0/en/identifiers.html",
        double_quotes,
        (ROW,),
    ),
    Probe(
        "raw-quote-name",
        "How does connection.ops.quote_name() quote a column for raw SQL?",
        same('"label"', mysql="`label`", oracle='"LABEL"'),
        RAW_DOCS + "; django/db/backends/*/operations.py (quote_name)",
        quote_name,
        (ROW,),
    ),
]
