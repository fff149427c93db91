"""Keys: auto-increment after a manual key, key 0, what bulk_create() hands back, and
whether NULLs are distinct in a composite unique key."""

from __future__ import annotations

from django.db import models

from .base import DOCS, Probe, Table, same

ITEM = Table("Item", {"label": models.CharField(max_length=20)})
PAIR_FIELDS = {"a": models.IntegerField(), "b": models.IntegerField(null=True)}
BULK_FEATURES = "django/db/backends/{}/features.py (can_return_rows_from_bulk_insert)"


def auto_after_manual(ctx):
    Item = ctx["Item"]
    Item.objects.create(pk=1, label="manual")
    created: list = []
    error = ctx.error_of(lambda: created.append(Item.objects.create(label="auto")))
    if error:
        return error
    return "continues after it" if created[0].pk == 2 else "unrelated id"


def pk_zero(ctx):
    Item = ctx["Item"]

    def store():
        item = Item.objects.create(pk=0, label="zero")
        return "stored as 0" if Item.objects.filter(pk=0, label="zero").exists() else (
            f"stored as {item.pk}"
        )

    return ctx.outcome(store)


def bulk_create_pks(ctx):
    Item = ctx["Item"]
    items = Item.objects.bulk_create([Item(label="a"), Item(label="b")])
    stored = dict(Item.objects.values_list("label", "pk"))
    if all(item.pk is None for item in items):
        return "no pks"
    return "returns pks" if {i.label: i.pk for i in items} == stored else "wrong pks"


def pair_with_null_twice(ctx):
    Pair = ctx["Pair"]
    Pair.objects.create(a=1, b=None)
    return ctx.error_of(lambda: Pair.objects.create(a=1, b=None)) or "both stored"


PROBES = [
    Probe(
        "key-auto-after-manual",
        "After create(pk=1), does the next create() without a pk succeed?",
        # Identity sequences do not move for explicit values; CockroachDB uses unique_rowid().
        same("IntegrityError", sqlite="continues after it", mysql="continues after it",
             cockroachdb="unrelated id"),
        DOCS + "#manually-specifying-values-of-auto-incrementing-primary-keys",
        auto_after_manual,
        (ITEM,),
    ),
    Probe(
        "key-pk-zero",
        "Can an AutoField primary key be 0?",
        # MySQL reads 0 as "generate one" unless sql_mode has NO_AUTO_VALUE_ON_ZERO.
        same("stored as 0", mysql="ValueError"),
        "django/db/backends/mysql/features.py (allows_auto_pk_0); "
        "django/db/backends/mysql/operations.py (validate_autopk_value)",
        pk_zero,
        (ITEM,),
    ),
    Probe(
        "key-bulk-create-pks",
        "Does bulk_create() set the primary keys of the objects it inserts?",
        {
            "sqlite": "no pks", "sqlite>=3.35": "returns pks", "postgresql": "returns pks",
            "mysql": "no pks", "mariadb": "returns pks", "oracle": "no pks",
            "cockroachdb": "returns pks",
        },
        "https://docs.djangoproject.com/en/5.2/ref/models/querysets/#bulk-create; "
        + BULK_FEATURES.format("mysql"),
        bulk_create_pks,
        (ITEM,),
    ),
    Probe(
        "key-unique-together-null",
        "Under unique_together = ('a', 'b'), may two rows (1, NULL) both be stored?",
        # NULLs are distinct in a unique key, except on Oracle: a composite key whose
        # non-NULL columns are equal is a duplicate (ORA-00001).
        same("both stored", oracle="IntegrityError"),
        "https://docs.djangoproject.com/en/5.2/ref/models/options/#unique-together; "
        "django/db/backends/oracle/features.py (supports_partially_nullable_unique_constraints"
        " = False)",
        pair_with_null_twice,
        (Table("Pair", PAIR_FIELDS, {"unique_together": [("a", "b")]}),),
    ),
    Probe(
        "key-nulls-not-distinct",
        "Does UniqueConstraint(fields=['a', 'b'], nulls_distinct=False) refuse a second "
        "(1, NULL)?",
        # Only PostgreSQL 15+ has NULLS NOT DISTINCT; everywhere else the schema editor
        # leaves the whole constraint out (only check warning models.W047 says so).
        {**same("both stored"), "postgresql>=15": "IntegrityError"},
        "https://docs.djangoproject.com/en/5.2/ref/models/constraints/#nulls-distinct; "
        "django/db/backends/base/schema.py (_unique_supported); "
        "django/db/backends/postgresql/features.py (supports_nulls_distinct_unique_"
        "constraints); django_cockroachdb/features.py",
        pair_with_null_twice,
        (Table("Pair", PAIR_FIELDS, {"constraints": [
            models.UniqueConstraint(fields=["a", "b"], name="prb_pair_nnd", nulls_distinct=False),
        ]}),),
    ),
]
