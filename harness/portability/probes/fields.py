"""Fields: what a field holds when the database, not Django, decided its value.

Booleans written by raw SQL, NULL in a NOT NULL CharField, and the db_default and stored
GeneratedField values an instance does or does not get back from its INSERT.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.db.models.expressions import DatabaseDefault

from .base import DOCS, Probe, Table, same
from .context import EXPECTED_ERRORS, error_name

FIELD_DOCS = "https://docs.djangoproject.com/en/5.2/ref/models/fields/"


def bool_raw_two(ctx):
    Flag = ctx["Flag"]
    Flag.objects.create(flag=False)

    def write_two():
        with ctx.cursor() as cursor:
            cursor.execute(f"UPDATE {ctx.table(Flag)} SET {ctx.column(Flag, 'flag')} = 2")

    error = ctx.error_of(write_two)
    if error:
        return error
    read = Flag.objects.get().flag
    return f"reads {read!r}, counts {Flag.objects.filter(flag=True).count()}"


def none_into_charfield(ctx):
    Name = ctx["Name"]

    def store():
        obj = Name.objects.create(name=None)
        return f"stored, reads {Name.objects.get(pk=obj.pk).name!r}"

    return ctx.outcome(store)


def db_default_after_create(ctx):
    Stamp = ctx["Stamp"]
    obj = Stamp.objects.create()
    if isinstance(obj.value, DatabaseDefault):
        return "DatabaseDefault expression"
    return "on the instance" if obj.value == 42 else f"on the instance as {obj.value!r}"


def generated_after_create(ctx):
    Line = ctx["Line"]
    try:  # not inside atomic(): SQLite's schema editor refuses to run in a transaction
        with ctx.connection.schema_editor() as editor:
            editor.create_model(Line)
    except EXPECTED_ERRORS as exc:  # Oracle: no stored generated columns
        return error_name(exc)
    obj = Line.objects.create(quantity=3)
    if "total" not in obj.__dict__:
        # Unset: a deferred field, loaded by a query on first access. (Not read here: that
        # query goes through the project's router, not this probe's alias.)
        stored = Line.objects.get(pk=obj.pk).total
        return "deferred" if stored == 6 else f"deferred, stored as {stored!r}"
    return "on the instance" if obj.total == 6 else f"on the instance as {obj.total!r}"


PROBES = [
    Probe(
        "fld-bool-raw-two",
        "After raw SQL sets a BooleanField column to 2, what does the ORM read back, and "
        "how many rows does filter(flag=True) count?",
        # PostgreSQL/CockroachDB: a boolean column refuses an integer (SQLSTATE 42804);
        # Oracle: NUMBER(1) with CHECK (flag IN (0,1)). SQLite's bool converter is
        # b"1".__eq__ (2 reads False) while filter(flag=True) compiles to WHERE "flag"
        # (2 is true); MySQL's converter keeps values other than 0/1 and the filter
        # compares flag = 1.
        same("ProgrammingError", sqlite="reads False, counts 1", mysql="reads 2, counts 0",
             oracle="IntegrityError"),
        "django/db/backends/sqlite3/base.py (register_converter('bool', b'1'.__eq__)); "
        "django/db/models/lookups.py (Exact.as_sql: conditional_expression_supported_in_"
        "where_clause); django/db/backends/mysql/operations.py (convert_booleanfield_value); "
        "django/db/backends/oracle/base.py (data_type_check_constraints)",
        bool_raw_two,
        (Table("Flag", {"flag": models.BooleanField(default=False)}),),
    ),
    Probe(
        "fld-none-into-charfield",
        "What does create(name=None) do for a CharField(null=False)?",
        # Oracle stores '' as NULL, so Django creates every CharField column nullable; the
        # NULL reads back as '' (convert_empty_string).
        same("IntegrityError", oracle="stored, reads ''"),
        DOCS + "#null-and-empty-strings; django/db/backends/base/schema.py (_iter_column_sql: "
        "interprets_empty_strings_as_nulls); django/db/backends/oracle/operations.py "
        "(convert_empty_string)",
        none_into_charfield,
        (Table("Name", {"name": models.CharField(max_length=20)}),),
    ),
    Probe(
        "fld-db-default-after-create",
        "Right after create(), does a field with db_default=42 hold 42 on the instance, or "
        "still the DatabaseDefault expression?",
        # Only a backend with INSERT ... RETURNING hands the value back; elsewhere the
        # instance keeps the expression until refresh_from_db(). Field.db_returning asks
        # the *default* alias's features (SQLite 3.35+ in this harness).
        {**same("on the instance", mysql="DatabaseDefault expression"),
         "sqlite": "DatabaseDefault expression", "sqlite>=3.35": "on the instance",
         "mariadb": "on the instance"},
        FIELD_DOCS + "#db-default; django/db/models/fields/__init__.py (Field.db_returning: "
        "features.can_return_columns_from_insert of django.db.connection); "
        "django/db/backends/mysql/features.py "
        "(can_return_columns_from_insert: MariaDB 10.5+)",
        db_default_after_create,
        (Table("Stamp", {"value": models.IntegerField(db_default=42)}),),
    ),
    Probe(
        "fld-generated-after-create",
        "Right after create(), is a stored GeneratedField's value on the instance?",
        # GeneratedField.db_returning is always True: with RETURNING the value comes back;
        # without it the field stays unset and the first access runs a query. Django 5.2's
        # Oracle backend has no stored generated columns: CREATE TABLE fails.
        {**same("on the instance", mysql="deferred", oracle="DatabaseError"),
         "sqlite": "deferred", "sqlite>=3.35": "on the instance",
         "mariadb": "on the instance"},
        FIELD_DOCS + "#generatedfield; "
        "django/db/models/fields/generated.py (db_returning = True); "
        "django/db/backends/oracle/features.py (supports_stored_generated_columns = False)",
        generated_after_create,
        (Table("Line", {
            "quantity": models.IntegerField(),
            "total": models.GeneratedField(expression=F("quantity") * 2,
                                           output_field=models.IntegerField(), db_persist=True),
        }, create=False),),
    ),
]
