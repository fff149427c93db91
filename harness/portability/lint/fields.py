"""Column behaviour rules: fields that store, compare or create differently per target.

Same shape as :mod:`.rules`: ``(model, backends) -> findings``.
"""

from __future__ import annotations

import re

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .rules import base_type, columns, db_type, finding, group, key_subject, keys, kind
from .targets import names


def empty_string_is_null(model, backends):
    """W006: non-null string fields that Oracle creates NULL-able ('' is NULL there)."""
    targets = [b for b in backends if b.feature("interprets_empty_strings_as_nulls", False)]
    # The condition of Django's Oracle schema editor for making such a column NULL-able.
    fields = [f for f in columns(model)
              if f.empty_strings_allowed and not f.null and not f.primary_key
              and not f.generated]  # a generated column's value comes from its expression
    if not (targets and fields):
        return
    unique = [f.name for f in fields if f.unique]
    also = f"; the unique ones ({', '.join(unique)}) accept several empty values" if unique else ""
    yield finding(
        "portability.W006", model, targets,
        f"Non-null fields that allow '' ({', '.join(f.name for f in fields)}) are "
        f"created NULL-able on {names(targets)}: Oracle stores '' as NULL, so NOT NULL is "
        f"not enforced and filter(field='') becomes IS NULL{also}.",
        "Treat '' and None alike in code and data exports, and add a CheckConstraint where an "
        "empty value must be rejected; see Django's Oracle notes, 'NULL and empty strings'.",
    )


def sqlite_decimal(model, backends):
    """W007: a DecimalField on SQLite, which has no exact decimal type."""
    sqlite = [b for b in backends if b.vendor == "sqlite"]
    for f in columns(model):
        if sqlite and f.get_internal_type() == "DecimalField":
            yield finding(
                "portability.W007", f, sqlite,
                f"{kind(f)} is a {db_type(f, sqlite[0])!r} column on {names(sqlite)}: SQLite "
                "has no exact decimal type, so sums, F() arithmetic and comparisons in SQL use "
                "8-byte floating point.",
                "Do exact arithmetic in Python, or store integer minor units (e.g. cents) in a "
                "BigIntegerField; see Django's SQLite notes, 'Decimal handling'.",
            )


def json_contains(model, backends):
    """W008: a JSONField whose contains/contained_by lookups the target does not support."""
    for f in columns(model):
        if f.get_internal_type() != "JSONField":
            continue
        targets = [b for b in backends if not b.feature("supports_json_field_contains")]
        if targets:
            yield finding(
                "portability.W008", f, targets,
                f"{kind(f)}: the contains and contained_by lookups raise NotSupportedError on "
                f"{names(targets)}.",
                "Use key lookups (field__key=value, has_key) that every backend supports, or "
                "check connection.features.supports_json_field_contains first.",
            )


def charfield_unlimited(model, backends):
    """W016: a CharField without max_length where VARCHAR needs a length."""
    for f in columns(model):
        if isinstance(f, models.CharField) and f.max_length is None:
            targets = [b for b in backends if not b.feature("supports_unlimited_charfield")]
            if targets:
                yield finding(
                    "portability.W016", f, targets,
                    f"{kind(f)} has no max_length: {names(targets)} have no unlimited VARCHAR, "
                    "so Django reports fields.E120 there and cannot create the column.",
                    "Give it a max_length, or use a TextField.",
                )


_VARCHAR_LIMITS = {
    "oracle": (2000, "NVARCHAR2 holds 2000 characters unless MAX_STRING_SIZE=EXTENDED"),
    "mysql": (16383, "a utf8mb4 VARCHAR holds 16383 characters (65,535-byte row limit)"),
}


def varchar_too_long(model, backends):
    """W017: a max_length beyond the target's VARCHAR limit."""
    for f in columns(model):

        def outcome(b, f=f):
            match = re.match(r"n?varchar2?\((\d+)\)", (db_type(f, b) or "").lower())
            limit, why = _VARCHAR_LIMITS.get(b.vendor, (None, ""))
            return why if match and limit and int(match[1]) > limit else None

        for why, group_ in group(backends, outcome):
            yield finding(
                "portability.W017", f, group_,
                f"{kind(f)} (max_length={f.max_length}) is too long for {names(group_)}: {why}.",
                "Use a TextField for long text, or lower max_length.",
            )


def mysql_case_insensitive_unique(model, backends):
    """W018: a unique string key compared case-insensitively by MySQL/MariaDB's collation."""
    mysql = [b for b in backends if b.vendor == "mysql"]
    for key in keys(model):
        strings = [f for f in key.fields if isinstance(f, (models.CharField, models.TextField))
                   and not f.db_collation and f.get_internal_type() != "UUIDField"]
        if key.unique and strings and mysql:
            yield finding(
                "portability.W018", key.obj, mysql,
                f"{key_subject(key)}: on {names(mysql)} the default collation is case- and "
                "accent-insensitive (e.g. utf8mb4_0900_ai_ci), so 'Abc' and 'abc' collide "
                "there (IntegrityError) but not elsewhere, and exact lookups ignore case.",
                "Normalise case before saving (e.g. store lower()), or give the column a "
                "case-sensitive collation on MySQL/MariaDB (db_collation such as utf8mb4_bin).",
            )


def lob_ordering(model, backends):
    """W019: Meta.ordering by a LOB column, which Oracle cannot sort."""
    for item in model._meta.ordering:
        name = getattr(getattr(item, "expression", item), "name", item)
        if not isinstance(name, str) or "__" in name or name == "?":
            continue
        try:
            f = model._meta.get_field(name.lstrip("-"))
        except FieldDoesNotExist:
            continue
        if not getattr(f, "column", None):
            continue
        targets = [b for b in backends
                   if b.vendor == "oracle" and base_type(f, b) in {"nclob", "clob", "blob"}]
        if targets:
            yield finding(
                "portability.W019", model, targets,
                f"Meta.ordering sorts by {kind(f)}, a LOB column on {names(targets)}: Oracle "
                "cannot ORDER BY a LOB (ORA-00932), so every default-ordered query fails.",
                "Order by a CharField or another scalar column instead.",
            )


def generated_kind(model, backends):
    """W020: a GeneratedField whose kind (stored/virtual) the target cannot create."""
    for f in columns(model):
        if not isinstance(f, models.GeneratedField):
            continue
        feature = ("supports_stored_generated_columns" if f.db_persist
                   else "supports_virtual_generated_columns")
        targets = [b for b in backends if not b.feature(feature)]
        if targets:
            wanted = "stored" if f.db_persist else "virtual"
            yield finding(
                "portability.W020", f, targets,
                f"{kind(f)} (db_persist={f.db_persist}) needs {wanted} generated columns, "
                f"which {names(targets)} do not support: Django's field checks reject it there "
                "and the column cannot be created.",
                f"Use db_persist={not f.db_persist} if every target supports that, or compute "
                "the value in Python or with annotate().",
            )


def comments_dropped(model, backends):
    """W013: db_comment / db_table_comment silently dropped where comments are unsupported."""
    targets = [b for b in backends if not b.feature("supports_comments")]
    if not targets:
        return
    commented = [(model, "db_table_comment")] if model._meta.db_table_comment else []
    commented += [(f, f"db_comment on {f.name!r}") for f in columns(model) if f.db_comment]
    for obj, what in commented:
        yield finding(
            "portability.W013", obj, targets,
            f"The {what} is silently dropped on {names(targets)}: these backends store no "
            "column or table comments.",
            "Keep the documentation in help_text or docstrings too; don't rely on the "
            "database catalog for it on these targets.",
        )


RULES = (
    empty_string_is_null, sqlite_decimal, json_contains, comments_dropped, charfield_unlimited,
    varchar_too_long, mysql_case_insensitive_unique, lob_ordering, generated_kind,
)
