"""Running a backend as a routed alias vs as the ``default`` alias of its own process.

Some of Django's decisions read the default connection, whatever database a query goes to:
the auto table name's truncation (Options.contribute_to_class), Oracle's ``filter(f='')`` →
``IS NULL`` rewrite (Query.build_lookup) and a nullable CharField's implicit default
(Field._get_default). ``observe`` asks those questions in the current process; ``compare``
asks them on the routed alias here and, through ``as_default`` in a subprocess, with that
backend as the default alias, and pairs the answers.
"""

from __future__ import annotations

import json
import subprocess
import sys

from django.conf import settings
from django.db import connections, models

from harness.portability.as_default import launch
from harness.portability.databases import describe_error, mask_passwords, test_database_suffix
from harness.portability.results import DefaultVsRouted

from .scratch import attempt, created_tables, scratch_model, scratch_registry, where_clause

# Class name long enough that "comparison_<name>" passes PostgreSQL's 63 and MySQL's 64 limits.
LONG_MODEL_NAME = "AutoTableNameLongerThanTheIdentifierLimitsOfPostgresqlAndMysqlServers"
TABLE_NAME_CASES = (
    "db_table Django derives for a long model name",
    "table the server holds for that model",
)
FILTER_CASES = (
    "filter(value='') on CharField(null=True)",
    "WHERE clause of filter(value='')",
)
NEW_INSTANCE_CASE = "CharField(null=True) value of a new instance"

AS_DEFAULT_TIMEOUT_SECONDS = 600


class AsDefaultError(RuntimeError):
    """The as-default subprocess failed; the message carries the end of its stderr."""


def observe(alias: str) -> dict[str, str]:
    """Case -> outcome for ``alias`` as this process is configured (routed or default)."""
    registry = scratch_registry()
    outcomes = {}
    outcomes.update(_table_name_outcomes(alias, registry))
    outcomes.update(_filter_outcomes(alias, registry))
    fields = {"value": models.CharField(max_length=10, null=True)}
    nullable = scratch_model(registry, "NewInstanceScratch", fields)
    outcomes[NEW_INSTANCE_CASE] = repr(nullable().value)
    return outcomes


def _table_name_outcomes(alias, registry) -> dict[str, str]:
    # The class is built here, so its db_table is truncated by *this* process's default alias.
    model = scratch_model(registry, LONG_MODEL_NAME, {"label": models.CharField(max_length=10)})
    db_table = model._meta.db_table
    derived, held = TABLE_NAME_CASES
    outcomes = {derived: table_outcome(db_table)}
    connection = connections[alias]
    prefix = model._meta.app_label + "_autotablename"
    try:
        with created_tables(alias, model):
            with connection.cursor() as cursor:
                names = connection.introspection.table_names(cursor)
            found = [n for n in names if n.lower().startswith(prefix)]
            outcomes[held] = table_outcome(found[0]) if found else "not found in the catalog"
    except Exception as exc:  # the server refusing the name is the outcome
        outcomes[held] = f"create failed: {describe_error(exc, connection)}"
    return outcomes


def table_outcome(table: str) -> str:
    return f"{table} ({len(table)} chars)"


def _filter_outcomes(alias, registry) -> dict[str, str]:
    model = scratch_model(
        registry,
        "DefaultVsRoutedFilter",
        {"label": models.CharField(max_length=10), "value": models.CharField(max_length=10, null=True)},
        db_table="comparison_dvr_filter",
    )
    matched_case, where_case = FILTER_CASES
    objects = model.objects.using(alias)
    with created_tables(alias, model):
        objects.create(label="empty", value="")
        objects.create(label="none", value=None)
        queryset = objects.filter(value="")
        matched = attempt(alias, lambda: sorted(queryset.values_list("label", flat=True)))
        outcome = repr(matched.value) if matched.ok else describe_error(matched.error)
        return {matched_case: outcome, where_case: where_clause(queryset)}


def compare(alias: str, as_default: dict[str, str] | None = None) -> list[DefaultVsRouted]:
    """Pair the routed answers on ``alias`` with the as-default ones (run in a subprocess)."""
    vendor = connections[alias].vendor
    routed = observe(alias)
    if as_default is None:
        as_default = run_as_default(alias)
    rows = []
    for case, routed_outcome in routed.items():
        default_outcome = as_default.get(case, "not observed")
        differs = default_outcome != routed_outcome
        rows.append(DefaultVsRouted(vendor, case, default_outcome, routed_outcome, differs))
    return rows


def run_as_default(alias: str) -> dict[str, str]:
    """Case -> outcome from a process whose default alias is ``alias`` (its own test database)."""
    process = launch(
        [sys.executable, "-m", "harness.portability.comparisons.as_default"],
        alias,
        cwd=str(settings.BASE_DIR),
        # Never the same test database name as this process's aliases on the same server.
        suffix=f"{test_database_suffix()}d",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=AS_DEFAULT_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AsDefaultError(f"{alias} as the default alias timed out "
                             f"after {AS_DEFAULT_TIMEOUT_SECONDS} s") from None
    if process.returncode != 0:
        # The subprocess's stderr is not ours to trust: mask every configured password.
        tail = mask_passwords("\n".join(stderr.strip().splitlines()[-15:]))
        raise AsDefaultError(
            f"{alias} as the default alias failed (exit {process.returncode}):\n{tail}"
        )
    rows = json.loads(stdout.strip().splitlines()[-1])
    return {row["case"]: row["outcome"] for row in rows}
