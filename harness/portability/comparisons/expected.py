"""What Oracle is documented (or, in Django's source, coded) to do, for the rows no server here shows.

Each rule is one declarative line: case (a template over the field kind), expected outcome,
reference. ``expected_outcomes`` expands them to the exact case names the live collectors
write, so a live Oracle run can be checked row by row against this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.portability.results import CaseRow

from . import null_empty
from .scratch import SCRATCH_APP_LABEL

DOCS_NULL_EMPTY = (
    "Django docs, Databases → Oracle notes → NULL and empty strings "
    "(https://docs.djangoproject.com/en/5.2/ref/databases/#null-and-empty-strings)"
)
SRC_COLUMN_NULL = "django/db/backends/base/schema.py, BaseDatabaseSchemaEditor._iter_column_sql"
SRC_CONVERTERS = (
    "django/db/backends/oracle/operations.py, convert_empty_string / convert_empty_bytes"
)
SRC_BUILD_LOOKUP = "django/db/models/sql/query.py, Query.build_lookup (reads the default alias)"
SRC_FIELD_DEFAULT = "django/db/models/fields/__init__.py, Field._get_default (reads the default alias)"
SRC_TABLE_NAME = "django/db/models/options.py, Options.contribute_to_class (truncate_name)"
SRC_BOOLEAN = "django/db/backends/oracle/base.py, data_types / data_type_check_constraints"
SRC_NUMBER_HANDLER = (
    "django/db/backends/oracle/base.py, FormatStylePlaceholderCursor._output_type_handler"
)
ORACLE_UNIQUE = (
    "Oracle Database SQL Language Reference, UNIQUE constraints: "
    "rows whose key is all NULL are not compared"
)

EXPECTED_DETAIL = "expected, not observed"


@dataclass(frozen=True)
class Expectation:
    case: str
    outcome: str
    reference: str


# (case template, outcome template, reference). {empty}: '' or b''; {orm_empty}: what the ORM
# hands back for a NULL in that kind of column. Applies to null=False and null=True alike.
ORACLE_NULL_EMPTY_RULES = (
    ("column", "NULL", f"{DOCS_NULL_EMPTY}; {SRC_COLUMN_NULL}"),
    ("save {empty}", "saved", DOCS_NULL_EMPTY),
    ("save {empty} → raw SELECT reads", "None", DOCS_NULL_EMPTY),
    ("save {empty} → ORM reads", "{orm_empty}", SRC_CONVERTERS),
    ("save None", "saved", f"{DOCS_NULL_EMPTY}; {SRC_COLUMN_NULL}"),
    ("save None → raw SELECT reads", "None", DOCS_NULL_EMPTY),
    ("save None → ORM reads", "{orm_empty}", SRC_CONVERTERS),
    # Routed (default alias not Oracle): no IS NULL rewrite; '' binds as NULL and = NULL is unknown.
    ("filter(value={empty})", "[]", SRC_BUILD_LOOKUP),
    ("filter(value__isnull=True)", "['empty', 'none']", DOCS_NULL_EMPTY),
)
ORACLE_UNIQUE_RULE = ("both saved", f"{DOCS_NULL_EMPTY}; {ORACLE_UNIQUE}")

ORACLE_BOOLEANS = (
    Expectation("declared column", "NUMBER(1)", SRC_BOOLEAN),
    Expectation("declared CHECK", '"FLAG" IN (0,1)', SRC_BOOLEAN),
    Expectation("raw SELECT of True", "1 (int)", SRC_NUMBER_HANDLER),
    Expectation("raw SELECT of False", "0 (int)", SRC_NUMBER_HANDLER),
    Expectation("raw write of 2", "IntegrityError", f"{SRC_BOOLEAN} (CHECK IN (0,1), ORA-02290)"),
)

ORACLE_MAX_NAME_LENGTH = 30  # DatabaseOperations.max_name_length(); quote_name truncates to it too


def oracle_default_vs_routed() -> dict[str, tuple[str, str, str]]:
    """Case -> (as default, as routed with SQLite default, reference), as default_vs_routed names them."""
    from django.db.backends.utils import truncate_name

    from . import default_vs_routed as dvr

    full = f"{SCRATCH_APP_LABEL}_{dvr.LONG_MODEL_NAME.lower()}"
    short = truncate_name(full, ORACLE_MAX_NAME_LENGTH)
    derived, held = dvr.TABLE_NAME_CASES
    matched, _where = dvr.FILTER_CASES
    return {
        derived: (dvr.table_outcome(short), dvr.table_outcome(full), SRC_TABLE_NAME),
        # Oracle's quote_name truncates every identifier itself, so the server's name agrees.
        held: (
            dvr.table_outcome(short),
            dvr.table_outcome(short),
            f"{SRC_TABLE_NAME}; DatabaseOperations.quote_name",
        ),
        matched: ("['empty', 'none']", "[]", SRC_BUILD_LOOKUP),
        dvr.NEW_INSTANCE_CASE: ("''", "None", SRC_FIELD_DEFAULT),
    }


def orm_empty(kind: str) -> str:
    if kind == "FileField":
        return "FieldFile(name='')"
    return repr(null_empty.empty_value(kind))


def expected_outcomes(vendor: str) -> dict[str, dict[str, Expectation]]:
    """Section ("null_empty", "booleans") -> case -> Expectation; empty for unlisted vendors."""
    if vendor != "oracle":
        return {"null_empty": {}, "booleans": {}}
    cases: dict[str, Expectation] = {}
    for kind in null_empty.STRING_KINDS:
        values = {"empty": repr(null_empty.empty_value(kind)), "orm_empty": orm_empty(kind)}
        for null in null_empty.NULL_SETTINGS:
            for what, outcome, reference in ORACLE_NULL_EMPTY_RULES:
                name = null_empty.case_name(kind, null, what.format(**values))
                cases[name] = Expectation(name, outcome.format(**values), reference)
    for null in null_empty.NULL_SETTINGS:
        name = null_empty.unique_case_name(null)
        cases[name] = Expectation(name, *ORACLE_UNIQUE_RULE)
    return {"null_empty": cases, "booleans": {e.case: e for e in ORACLE_BOOLEANS}}


def with_expectations(vendor: str, section: str, rows: list[CaseRow]) -> list[CaseRow]:
    """Offline rows plus the vendor's expectations: a case Django already declares gets the
    reference added to its detail; the others are appended, marked as expected."""
    expectations = dict(expected_outcomes(vendor)[section])
    merged = []
    for row in rows:
        expectation = expectations.pop(row.case, None)
        if expectation:
            agrees = "" if expectation.outcome == row.outcome else f"expected {expectation.outcome}: "
            detail = f"{row.detail}; {agrees}{expectation.reference}"
            row = CaseRow(row.target, row.case, row.outcome, detail)
        merged.append(row)
    target = rows[0].target if rows else ""
    merged.extend(
        CaseRow(target, e.case, e.outcome, f"{EXPECTED_DETAIL}: {e.reference}")
        for e in expectations.values()
    )
    return merged
