"""Numbers: decimal precision and rounding, integer ranges, checks, floats."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from .base import DOCS, Probe, Table, same


def _stored(model_name: str, field: str, value, render=str):
    """Save ``value`` and report what comes back (or the error class)."""

    def action(ctx):
        Model = ctx[model_name]

        def store():
            obj = Model.objects.create(**{field: value})
            back = getattr(Model.objects.get(pk=obj.pk), field)
            return render(back)

        return ctx.outcome(store)

    return action


def _exact_or_changed(value):
    return lambda back: "exact" if back == value else "changed"


BIG_DECIMAL = Decimal("12345678901234567890.0123456789")
FLOAT = 0.1 + 0.2

PROBES = [
    Probe(
        "num-decimal-precision",
        "Does a 30-digit Decimal come back exactly from DecimalField(max_digits=30)?",
        same("exact", sqlite="changed"),
        DOCS + "#decimal-handling",
        _stored("Amount", "value", BIG_DECIMAL, _exact_or_changed(BIG_DECIMAL)),
        (Table("Amount", {"value": models.DecimalField(max_digits=30, decimal_places=10)}),),
    ),
    Probe(
        "num-decimal-rounding",
        "What does Decimal('1.005') in DecimalField(decimal_places=2) come back as?",
        # SQLite keeps the REAL 1.00499999...; Django quantizes it half-even on the way out.
        same("1.01", sqlite="1.00"),
        DOCS + "#decimal-handling; django/db/backends/sqlite3/operations.py "
        "(get_decimalfield_converter)",
        _stored("Amount", "value", Decimal("1.005")),
        (Table("Amount", {"value": models.DecimalField(max_digits=5, decimal_places=2)}),),
    ),
    Probe(
        "num-decimal-overflow",
        "Is Decimal('12345.67') rejected by DecimalField(max_digits=5, decimal_places=2)?",
        # SQLite stores it, then reading it back overflows max_digits while quantizing;
        # ORA-01438 is one of the codes python-oracledb raises as IntegrityError.
        same("DataError", sqlite="InvalidOperation", oracle="IntegrityError"),
        "django/db/backends/base/operations.py (adapt_decimalfield_value does not "
        "quantize); python-oracledb errors.py (ERR_INTEGRITY_ERROR_CODES)",
        _stored("Amount", "value", Decimal("12345.67")),
        (Table("Amount", {"value": models.DecimalField(max_digits=5, decimal_places=2)}),),
    ),
    Probe(
        "num-integer-range",
        "Is 2**31 rejected by an IntegerField column?",
        # Oracle's NUMBER(11) and CockroachDB's 64-bit INT hold it.
        same("2147483648", postgresql="DataError", mysql="DataError"),
        "django/db/backends/base/operations.py (integer_field_ranges); "
        "django/db/backends/oracle/base.py (IntegerField: NUMBER(11))",
        _stored("Count", "value", 2**31),
        (Table("Count", {"value": models.IntegerField()}),),
    ),
    Probe(
        "num-smallint-range",
        "Is 2**15 rejected by a SmallIntegerField column?",
        # Oracle declares every small integer NUMBER(11).
        same("DataError", sqlite="32768", oracle="32768"),
        "django/db/backends/base/operations.py (integer_field_ranges); "
        "django/db/backends/oracle/base.py (SmallIntegerField: NUMBER(11))",
        _stored("Count", "value", 2**15),
        (Table("Count", {"value": models.SmallIntegerField()}),),
    ),
    Probe(
        "num-bigint-range",
        "Is 2**63 rejected by a BigIntegerField column?",
        # Python's sqlite3 cannot bind an int past 64 bits; Oracle's NUMBER(19) holds it.
        same("DataError", sqlite="OverflowError", oracle="9223372036854775808"),
        "django/db/backends/base/operations.py (integer_field_ranges); "
        "django/db/backends/oracle/base.py (BigIntegerField: NUMBER(19)); "
        "https://docs.python.org/3/library/sqlite3.html#sqlite3-types",
        _stored("Count", "value", 2**63),
        (Table("Count", {"value": models.BigIntegerField()}),),
    ),
    Probe(
        "num-positive-check",
        "Is -1 rejected by a PositiveIntegerField column?",
        # MySQL and MariaDB declare it UNSIGNED: the range check fires before the CHECK.
        same("IntegrityError", mysql="DataError"),
        "django/db/backends/mysql/base.py (PositiveIntegerField: integer UNSIGNED); "
        "django/db/backends/base/base.py (data_type_check_constraints)",
        _stored("Count", "value", -1),
        (Table("Count", {"value": models.PositiveIntegerField()}),),
    ),
    Probe(
        "num-float-roundtrip",
        "Does the float 0.1 + 0.2 come back bit-for-bit from a FloatField?",
        same("exact"),
        "https://docs.djangoproject.com/en/5.2/ref/models/fields/#floatfield",
        _stored("Ratio", "value", FLOAT, _exact_or_changed(FLOAT)),
        (Table("Ratio", {"value": models.FloatField()}),),
    ),
    Probe(
        "num-float-huge",
        "Does a FloatField store 1e300?",
        # Oracle's DOUBLE PRECISION is FLOAT(126), a NUMBER: its range ends near 1e126.
        same("exact", oracle="DatabaseError"),
        "django/db/backends/oracle/base.py (FloatField: DOUBLE PRECISION); "
        "https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/Data-Types.html",
        _stored("Ratio", "value", 1e300, _exact_or_changed(1e300)),
        (Table("Ratio", {"value": models.FloatField()}),),
    ),
]
