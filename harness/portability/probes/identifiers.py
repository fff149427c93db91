"""Identifiers: names longer than a backend allows, and reserved words as column names."""

from __future__ import annotations

from django.db import models

from .base import DOCS, Probe, Table, same
from .context import EXPECTED_ERRORS, error_name

NAME_40 = "highest_price_of_the_latest_four_ticks_x"
NAME_70 = NAME_40 + "_in_the_seed_000_stock_table_x"
RESERVED = ("order", "select", "group", "user", "check", "table")
assert len(NAME_40) == 40 and len(NAME_70) == 70


def _long_column(length: int):
    def action(ctx):
        Wide = ctx["Wide"]
        try:
            with ctx.connection.schema_editor() as editor:
                editor.create_model(Wide)
            Wide.objects.create(value=7)
            if list(Wide.objects.filter(value=7).values_list("value", flat=True)) != [7]:
                return "round trip failed"
        except EXPECTED_ERRORS as exc:
            return error_name(exc)
        with ctx.cursor() as cursor:
            description = ctx.connection.introspection.get_table_description(
                cursor, Wide._meta.db_table
            )
        created = max(len(column.name) for column in description)
        return "kept" if created == length else f"truncated to {created}"

    return action


def reserved_words(ctx):
    Keywords = ctx["Keywords"]

    def use():
        values = {word: index for index, word in enumerate(RESERVED)}
        Keywords.objects.create(**{f"{word}_": value for word, value in values.items()})
        row = Keywords.objects.filter(order_=0, select_=1).order_by("group_").values().get()
        return "works" if row["table_"] == 5 else "wrong values"

    return ctx.outcome(use)


PROBES = [
    Probe(
        "id-long-column-40",
        "Is a 40-character column name kept as declared?",
        same("kept", oracle="truncated to 30"),
        DOCS + "#naming-issues; django/db/backends/oracle/operations.py (max_name_length: 30)",
        _long_column(40),
        (Table("Wide", {"value": models.IntegerField(db_column=NAME_40)}, create=False),),
    ),
    Probe(
        "id-long-column-70",
        "Is a 70-character column name kept as declared?",
        # PostgreSQL cuts identifiers to 63 bytes (with a NOTICE); MySQL refuses > 64.
        same("kept", postgresql="truncated to 63", mysql="OperationalError",
             oracle="truncated to 30"),
        "https://www.postgresql.org/docs/current/sql-syntax-lexical.html"
        "#SQL-SYNTAX-IDENTIFIERS; https://dev.mysql.com/doc/refman/8.0/en/identifier-length.html; "
        + DOCS + "#naming-issues",
        _long_column(70),
        (Table("Wide", {"value": models.IntegerField(db_column=NAME_70)}, create=False),),
    ),
    Probe(
        "id-reserved-words",
        "Do columns named order, select, group, user, check and table work through the ORM?",
        same("works"),
        DOCS + "#naming-issues (Django quotes all identifiers)",
        reserved_words,
        (Table("Keywords", {f"{w}_": models.IntegerField(db_column=w) for w in RESERVED}),),
    ),
]
