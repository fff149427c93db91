"""JSON: containment, key lookups, primitives at the top level of a JSONField, and invalid
JSON written around the ORM."""

from __future__ import annotations

from django.db import models

from .base import Probe, Table, same

DOC = Table("Doc", {"data": models.JSONField(null=True)})
JSON_DOCS = "https://docs.djangoproject.com/en/5.2/topics/db/queries/"


def contains(ctx):
    Doc = ctx["Doc"]
    Doc.objects.create(data={"symbol": "TSLA", "tags": ["ev", "auto"], "price": 650})
    Doc.objects.create(data={"symbol": "ORCL", "tags": ["db"]})
    return ctx.outcome(lambda: (
        "matches" if Doc.objects.filter(data__contains={"tags": ["ev"]}).count() == 1
        else "no match"
    ))


def key_lookup(ctx):
    Doc = ctx["Doc"]
    Doc.objects.create(data={"quote": {"symbol": "TSLA", "price": 650}})
    Doc.objects.create(data={"quote": {"symbol": "ORCL", "price": 90}})
    found = Doc.objects.filter(data__quote__price__gt=100, data__quote__symbol="TSLA")
    return "matches" if found.count() == 1 else "no match"


def top_level_primitive(ctx):
    Doc = ctx["Doc"]

    def store():
        doc = Doc.objects.create(data=5)
        back = Doc.objects.get(pk=doc.pk).data
        return "round-trips" if back == 5 and Doc.objects.filter(data=5).exists() else "changed"

    return ctx.outcome(store)


def invalid_raw(ctx):
    Doc = ctx["Doc"]

    def write():
        with ctx.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {ctx.table(Doc)} ({ctx.column(Doc, 'data')}) VALUES (%s)",
                ['{"symbol": '],
            )

    error = ctx.error_of(write)
    if error:
        return error
    read = ctx.outcome(lambda: repr(Doc.objects.get().data))
    return f"stored, reads {read}"


PROBES = [
    Probe(
        "json-contains",
        "Does JSONField `contains` ({'tags': ['ev']}) work?",
        same("matches", sqlite="NotSupportedError", oracle="NotSupportedError"),
        JSON_DOCS + "#std-fieldlookup-jsonfield.contains",
        contains,
        (DOC,),
    ),
    Probe(
        "json-key-lookup",
        "Do nested key lookups (data__quote__price__gt) work?",
        same("matches"),
        JSON_DOCS + "#key-index-and-path-transforms",
        key_lookup,
        (DOC,),
    ),
    Probe(
        "json-top-level-primitive",
        "Can a JSONField hold a bare number (5) at the top level?",
        # Oracle before 21c accepts only objects and arrays under IS JSON.
        {**same("round-trips", oracle="IntegrityError"), "oracle>=21": "round-trips"},
        "django/db/backends/oracle/features.py (supports_primitives_in_json_field)",
        top_level_primitive,
        (DOC,),
    ),
    Probe(
        "json-invalid-raw",
        "What error does raw SQL writing invalid JSON ('{\"symbol\": ') into a JSONField "
        "column raise?",
        # SQLite: CHECK (JSON_VALID(...)); MariaDB: JSON is LONGTEXT with an automatic
        # CHECK (error 4025); Oracle: CHECK (... IS JSON); PostgreSQL/CockroachDB jsonb
        # input syntax (22P02); MySQL's native JSON: error 3140, which mysqlclient does
        # not map to a narrower class.
        same("IntegrityError", postgresql="DataError", cockroachdb="DataError",
             mysql="OperationalError", mariadb="IntegrityError"),
        "django/db/backends/sqlite3/base.py and oracle/base.py (data_type_check_constraints"
        "['JSONField']); django/db/backends/mysql/base.py (codes_for_integrityerror); "
        "https://mariadb.com/kb/en/json-data-type/",
        invalid_raw,
        (DOC,),
    ),
]
