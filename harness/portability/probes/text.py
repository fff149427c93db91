"""Text: how comparisons, collations, unique constraints and limits treat strings.

MySQL and MariaDB answers assume the collation the harness gives their test databases,
utf8mb4_unicode_ci (case- and accent-insensitive, PAD SPACE); a server default such as
MySQL 8's utf8mb4_0900_ai_ci (NO PAD) changes the trailing-space answer.
"""

from __future__ import annotations

from django.db import models

from .base import DOCS, Probe, Table, same
from .context import EXPECTED_ERRORS, error_name

WORD = Table("Word", {"name": models.CharField(max_length=40)})
MYSQL_OPERATORS = "django/db/backends/mysql/base.py (DatabaseWrapper.operators)"
SUBSTRING_DOCS = DOCS + "#substring-matching-and-case-sensitivity"


def _matches(stored: str, lookup: str, value: str, yes: str, no: str):
    def action(ctx):
        Word = ctx["Word"]
        Word.objects.create(name=stored)
        return yes if Word.objects.filter(**{f"name__{lookup}": value}).exists() else no

    return action


def _case(stored, lookup, value):
    return _matches(stored, lookup, value, "case-insensitive", "case-sensitive")


def unique_case(ctx):
    Tag = ctx["Tag"]
    Tag.objects.create(name="aa")
    return ctx.error_of(lambda: Tag.objects.create(name="AA")) or "both stored"


def _round_trip(value: str):
    def action(ctx):
        def store():
            obj = ctx["Word"].objects.create(name=value)
            back = ctx["Word"].objects.get(pk=obj.pk).name
            return "round-trips" if back == value else "changed"

        return ctx.outcome(store)

    return action


def length_limit(ctx):
    Code = ctx["Code"]

    def store():
        obj = Code.objects.create(code="abcd")
        back = Code.objects.get(pk=obj.pk).code
        return {"abcd": "stored whole", "abc": "truncated"}.get(back, "changed")

    return ctx.outcome(store)


def trailing_spaces_limit(ctx):
    Code = ctx["Code"]

    def store():
        obj = Code.objects.create(code="abc" + " " * 7)  # 10 characters, 7 of them spaces
        back = Code.objects.get(pk=obj.pk).code
        return "stored whole" if len(back) == 10 else f"truncated to {len(back)}"

    return ctx.outcome(store)


def text_unique(ctx):
    def create():
        with ctx.connection.schema_editor() as editor:
            editor.create_model(ctx["Note"])

    return _ddl_error(ctx, create) or "created"


def _ddl_error(ctx, fn) -> str | None:
    # Not inside atomic(): SQLite's schema editor refuses to run in a transaction.
    try:
        fn()
    except EXPECTED_ERRORS as exc:
        return error_name(exc)
    return None


def text_index(ctx):
    Note = ctx["Note"]
    column = Note._meta.get_field("body").column
    with ctx.cursor() as cursor:
        constraints = ctx.connection.introspection.get_constraints(cursor, Note._meta.db_table)
    convert = ctx.connection.introspection.identifier_converter
    indexed = any(
        info["index"] and [convert(c) for c in info["columns"]] == [convert(column)]
        for info in constraints.values()
    )
    return "indexed" if indexed else "no index"


def text_distinct(ctx):
    Note = ctx["Note"]
    Note.objects.create(body="same")
    Note.objects.create(body="same")
    return ctx.outcome(lambda: f"{len(list(Note.objects.values('body').distinct()))} distinct")


PROBES = [
    Probe(
        "txt-exact-case",
        "Does an `exact` filter match a stored value that differs only in letter case?",
        same("case-sensitive", mysql="case-insensitive"),
        DOCS + "#collation-settings",
        _case("Fred", "exact", "freD"),
        (WORD,),
    ),
    Probe(
        "txt-iexact-non-ascii",
        "Does `iexact` fold the case of non-ASCII letters (Ärger vs äRGER)?",
        same("case-insensitive", sqlite="case-sensitive"),
        SUBSTRING_DOCS,
        _case("Ärger", "iexact", "äRGER"),
        (WORD,),
    ),
    Probe(
        "txt-contains-case",
        "Does `contains` match a substring that differs only in case ('aa' in 'Aabb')?",
        same("case-sensitive", sqlite="case-insensitive"),
        f"{SUBSTRING_DOCS}; {MYSQL_OPERATORS}: LIKE BINARY",
        _case("Aabb", "contains", "aa"),
        (WORD,),
    ),
    Probe(
        "txt-startswith-case",
        "Does `startswith` match a prefix that differs only in case ('aa' for 'Aabb')?",
        same("case-sensitive", sqlite="case-insensitive"),
        f"{SUBSTRING_DOCS}; {MYSQL_OPERATORS}: LIKE BINARY",
        _case("Aabb", "startswith", "aa"),
        (WORD,),
    ),
    Probe(
        "txt-icontains-non-ascii",
        "Does `icontains` fold the case of non-ASCII letters ('ä' in 'Ärger')?",
        same("case-insensitive", sqlite="case-sensitive"),
        SUBSTRING_DOCS,
        _case("Ärger", "icontains", "ä"),
        (WORD,),
    ),
    Probe(
        "txt-exact-accents",
        "Does an `exact` filter for 'resume' match a stored 'résumé'?",
        same("accent-sensitive", mysql="accent-insensitive"),
        DOCS + "#collation-settings",
        _matches("résumé", "exact", "resume", "accent-insensitive", "accent-sensitive"),
        (WORD,),
    ),
    Probe(
        "txt-unique-case",
        "May a unique CharField hold both 'aa' and 'AA'?",
        same("both stored", mysql="IntegrityError"),
        DOCS + "#collation-settings",
        unique_case,
        (Table("Tag", {"name": models.CharField(max_length=40, unique=True)}),),
    ),
    Probe(
        "txt-trailing-space",
        "Does an `exact` filter for 'abc ' (trailing space) match a stored 'abc'?",
        same("significant", mysql="ignored"),
        "https://dev.mysql.com/doc/refman/8.0/en/charset-binary-collations.html"
        "#charset-binary-collations-trailing-space-comparisons",
        _matches("abc", "exact", "abc ", "ignored", "significant"),
        (WORD,),
    ),
    Probe(
        "txt-emoji",
        "Does a CharField(max_length=1) store and return one 4-byte character (an emoji)?",
        # Oracle's NVARCHAR2 counts UTF-16 code units: a supplementary character is two.
        same("round-trips", oracle="DatabaseError"),
        DOCS + "#encoding",
        _round_trip("\N{TEAPOT}"),
        (Table("Word", {"name": models.CharField(max_length=1)}),),
    ),
    Probe(
        "txt-nul-character",
        "Does a string containing a NUL character ('a\\x00b') round-trip through a CharField?",
        # psycopg refuses NUL before the server sees it.
        same("round-trips", postgresql="DataError", cockroachdb="DataError"),
        "psycopg/types/string.py (StrDumper: 'PostgreSQL text fields cannot contain NUL'); "
        "django/core/validators.py (ProhibitNullCharactersValidator: forms only)",
        _round_trip("a\x00b"),
        (WORD,),
    ),
    Probe(
        "txt-length-limit",
        "Is max_length enforced when 'abcd' is saved into a CharField(max_length=3)?",
        same("DataError", sqlite="stored whole", oracle="DatabaseError"),
        DOCS + "#setting-sql-mode; https://www.sqlite.org/datatype3.html",
        length_limit,
        (Table("Code", {"code": models.CharField(max_length=3)}),),
    ),
    Probe(
        "txt-length-limit-spaces",
        "Is 'abc' plus 7 spaces (10 characters) saved into a CharField(max_length=5)?",
        # SQL's rule: excess characters that are all spaces are cut off without an error
        # (MySQL whatever the sql_mode); CockroachDB follows PostgreSQL since 24.1.
        {**same("truncated to 5", sqlite="stored whole", oracle="DatabaseError"),
         "cockroachdb": "DataError", "cockroachdb>=24.1": "truncated to 5"},
        "https://www.postgresql.org/docs/current/datatype-character.html; "
        "https://dev.mysql.com/doc/refman/8.0/en/char.html; "
        "https://github.com/cockroachdb/cockroach/pull/115054",
        trailing_spaces_limit,
        (Table("Code", {"code": models.CharField(max_length=5)}),),
    ),
    Probe(
        "txt-textfield-unique",
        "Can a table with TextField(unique=True) be created?",
        same("created", mysql="OperationalError", mariadb="created", oracle="DatabaseError"),
        DOCS + "#textfield-limitations; https://mariadb.com/kb/en/mariadb-1040-release-notes/ "
        "(UNIQUE on BLOB/TEXT through a hash)",
        text_unique,
        (Table("Note", {"body": models.TextField(unique=True)}, create=False),),
    ),
    Probe(
        "txt-textfield-index",
        "Does TextField(db_index=True) get an index?",
        same("indexed", mysql="no index", oracle="no index"),
        "django/db/backends/base/schema.py (_field_should_be_indexed: "
        "features.supports_index_on_text_field)",
        text_index,
        (Table("Note", {"body": models.TextField(db_index=True)}),),
    ),
    Probe(
        "txt-textfield-distinct",
        "Does DISTINCT work over a TextField column?",
        same("1 distinct", oracle="DatabaseError"),
        DOCS + "#oracle-notes (TextField limitations)",
        text_distinct,
        (Table("Note", {"body": models.TextField()}),),
    ),
]
