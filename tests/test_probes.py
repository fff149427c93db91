"""The probe catalog: its declarations, expected outcomes offline, observed outcomes live."""

import pytest
from django.db import NotSupportedError, connections, models, transaction
from django.db.transaction import TransactionManagementError

from harness.portability import probes
from harness.portability.profiles import PROFILES, UnknownName
from harness.portability.results import OFFLINE, Target

LIVE_ALIASES = ("default", "postgresql", "mysql", "oracle")
PROBE_IDS = list(probes.registry())


# -- the catalog -------------------------------------------------------------------------


def test_at_least_30_probes_with_unique_ids():
    assert len(PROBE_IDS) >= 30
    assert len(set(PROBE_IDS)) == len(PROBE_IDS)


@pytest.mark.parametrize("probe_id", PROBE_IDS)
def test_probe_declares_question_reference_and_every_vendor(probe_id):
    probe = probes.get(probe_id)
    assert probe.question.endswith("?")
    assert probe.reference.strip()
    assert callable(probe.action)
    for vendor in probes.VENDORS:
        assert probe.expect.get(vendor), f"{probe_id} has no outcome for {vendor}"
    for profile in PROFILES.values():
        outcome = probe.expected(profile.vendor, profile.version, profile.mariadb)
        assert outcome and not outcome.startswith("error:"), (probe_id, profile.name)


def test_topics_the_issue_asks_for_are_covered():
    prefixes = {probe_id.split("-")[0] for probe_id in PROBE_IDS}
    assert {"txt", "num", "time", "id", "ord", "key", "ups", "txn", "json", "raw",
            "fld"} <= prefixes


def test_typo_suggests_the_closest_probe():
    with pytest.raises(UnknownName) as excinfo:
        probes.get("txt-exact-cas")
    assert excinfo.value.closest == "txt-exact-case"
    assert "Did you mean 'txt-exact-case'?" in str(excinfo.value)


def test_expectations_differ_by_server_version_and_mariadb():
    def expected(probe_id, profile_name):
        profile = PROFILES[profile_name]
        return probes.get(probe_id).expected(profile.vendor, profile.version, profile.mariadb)

    assert expected("key-bulk-create-pks", "mysql-8.0") == "no pks"
    assert expected("key-bulk-create-pks", "mariadb-10.11") == "returns pks"
    assert expected("txt-textfield-unique", "mysql-8.4") == "OperationalError"
    assert expected("txt-textfield-unique", "mariadb-11.4") == "created"
    assert expected("json-top-level-primitive", "oracle-19") == "IntegrityError"
    assert expected("json-top-level-primitive", "oracle-23") == "round-trips"
    skip_locked = probes.get("txn-sfu-skip-locked")
    assert skip_locked.expected("mysql", (10, 5, 20), mariadb=True) == "NotSupportedError"
    assert skip_locked.expected("mysql", (10, 6, 0), mariadb=True) == "skips locked row"
    assert skip_locked.expected("mysql", (8, 0, 40)) == "skips locked row"
    assert probes.get("key-bulk-create-pks").expected("sqlite", (3, 34, 1)) == "no pks"


def _expected_of(probe_id, profile_names):
    probe = probes.get(probe_id)
    return {name: probe.expected(PROFILES[name].vendor, PROFILES[name].version,
                                 PROFILES[name].mariadb) for name in profile_names}


def test_caveat_probes_expect_per_version_and_mariadb():
    vendors = ("mysql-8.0", "mariadb-10.11", "oracle-19", "oracle-23", "cockroachdb-25")
    assert _expected_of("fld-db-default-after-create", vendors) == {
        "mysql-8.0": "DatabaseDefault expression", "mariadb-10.11": "on the instance",
        "oracle-19": "on the instance", "oracle-23": "on the instance",
        "cockroachdb-25": "on the instance",
    }
    assert _expected_of("fld-generated-after-create", vendors) == {
        "mysql-8.0": "deferred", "mariadb-10.11": "on the instance",
        "oracle-19": "DatabaseError", "oracle-23": "DatabaseError",
        "cockroachdb-25": "on the instance",
    }
    assert _expected_of("json-invalid-raw", vendors) == {
        "mysql-8.0": "OperationalError", "mariadb-10.11": "IntegrityError",
        "oracle-19": "IntegrityError", "oracle-23": "IntegrityError",
        "cockroachdb-25": "DataError",
    }
    assert _expected_of("fld-none-into-charfield", ("oracle-19", "oracle-23", "mysql-8.0")) == {
        "oracle-19": "stored, reads ''", "oracle-23": "stored, reads ''",
        "mysql-8.0": "IntegrityError",
    }
    assert _expected_of("key-unique-together-null", ("oracle-19", "oracle-23", "sqlite")) == {
        "oracle-19": "IntegrityError", "oracle-23": "IntegrityError", "sqlite": "both stored",
    }
    assert _expected_of("key-nulls-not-distinct", (
        "postgresql-14", "postgresql-15", "postgresql-17", "cockroachdb-25", "oracle-23",
    )) == {
        "postgresql-14": "both stored", "postgresql-15": "IntegrityError",
        "postgresql-17": "IntegrityError", "cockroachdb-25": "both stored",
        "oracle-23": "both stored",
    }
    assert _expected_of("txn-schema-editor-atomic", ("sqlite", "postgresql-15", *vendors)) == {
        "sqlite": "NotSupportedError", "postgresql-15": "allowed, rolled back",
        **{name: "TransactionManagementError" for name in vendors},
    }
    spaces = probes.get("txt-length-limit-spaces")
    assert spaces.expected("cockroachdb", (23, 2)) == "DataError"
    assert spaces.expected("cockroachdb", (25, 2)) == "truncated to 5"
    assert spaces.expected("mysql", (10, 11), mariadb=True) == "truncated to 5"
    generated = probes.get("fld-generated-after-create")
    assert generated.expected("sqlite", (3, 34, 1)) == "deferred"
    assert generated.expected("sqlite", (3, 35, 0)) == "on the instance"


def test_declarations_are_validated():
    def declare(expect):
        return probes.Probe("txt-bad", "Bad?", expect, "ref", lambda ctx: "x")

    with pytest.raises(ValueError, match="no expectation for"):
        declare({"sqlite": "x"})
    with pytest.raises(ValueError, match="need a 'mariadb' entry"):
        declare({**probes.same("x"), "mysql>=8.0.16": "y"})
    with pytest.raises(ValueError, match="unknown expectation keys"):
        declare({**probes.same("x"), "db2": "y"})


# -- offline targets and --only ------------------------------------------------------------


def test_expected_rows_for_an_offline_profile_observe_nothing():
    rows = probes.expected_rows("oracle-19")
    assert [row.id for row in rows] == PROBE_IDS
    assert {row.target for row in rows} == {"oracle-19"}
    assert all(row.observed is None and row.agrees is None for row in rows)
    assert {row.id: row.expected for row in rows}["txt-textfield-distinct"] == "DatabaseError"


def test_expected_rows_accept_a_target():
    target = Target("mariadb-10.11", "mysql", "10.11.10-MariaDB", OFFLINE, mariadb=True)
    [row] = probes.expected_rows(target, only=["raw-uuid-type"])
    assert (row.target, row.expected) == ("mariadb-10.11", "str(36)")


def test_only_filters_by_id_and_pattern_in_catalog_order():
    rows = probes.expected_rows(PROFILES["postgresql-15"], only=["ups-*", "txt-exact-case"])
    ids = [row.id for row in rows]
    assert ids[0] == "txt-exact-case"
    assert set(ids[1:]) == {i for i in PROBE_IDS if i.startswith("ups-")}
    with pytest.raises(UnknownName, match="Did you mean 'num-float-huge'"):
        probes.expected_rows("sqlite", only=["num-flaot-huge"])
    with pytest.raises(UnknownName):
        probes.expected_rows("sqlite", only=["nothing-*"])


@pytest.mark.backend("sqlite", transaction=True)  # probes need autocommit, not a test atomic
def test_run_probes_only_runs_the_named_probes():
    rows = probes.run_probes("default", only=["txt-exact-case", "ord-*"])
    assert [row.id for row in rows] == [
        "txt-exact-case", "ord-nulls-asc", "ord-nulls-desc", "ord-nulls-last-explicit",
        "ord-nulls-first-explicit", "ord-desc-nulls-last-explicit",
        "ord-desc-nulls-first-explicit", "ord-distinct-on",
    ]
    assert all(row.target == "default" and row.agrees for row in rows)


@pytest.mark.backend("sqlite")
def test_run_probes_refuses_to_run_inside_a_transaction():
    with pytest.raises(TransactionManagementError, match="needs autocommit"):
        probes.run_probes("default", only=["txt-exact-case"])


@pytest.mark.backend("sqlite", transaction=True)
def test_a_crashing_probe_is_recorded_and_cleaned_up():
    def crash(ctx):
        ctx["Boom"].objects.create(value=1)
        return 1 / 0

    boom = probes.Probe(
        "tst-crash", "Crash?", probes.same("fine"), "tests", crash,
        (probes.Table("Boom", {"value": models.IntegerField()}),),
    )
    rows = probes.observe("default", [boom, probes.get("ord-nulls-asc")])
    assert (rows[0].observed, rows[0].agrees) == ("error: ZeroDivisionError", False)
    assert rows[1].agrees  # the run went on
    with connections["default"].cursor() as cursor:
        tables = connections["default"].introspection.table_names(cursor)
    assert not [t for t in tables if t.startswith("prb_")]


@pytest.mark.backend("sqlite", transaction=True)
def test_sqlite_schema_editor_inside_atomic_is_refused_for_its_foreign_key_checks():
    # What txn-schema-editor-atomic normalizes to "NotSupportedError" on SQLite.
    with pytest.raises(NotSupportedError, match="foreign key constraint checks are enabled"):
        with transaction.atomic(using="default"), connections["default"].schema_editor():
            pass
    assert not connections["default"].in_atomic_block


@pytest.mark.backend("postgresql", transaction=True)
def test_probes_whose_statements_fail_leave_the_connection_usable():
    # A failed statement aborts a PostgreSQL transaction: each probe must contain it.
    ids = ["fld-bool-raw-two", "json-invalid-raw", "txn-schema-editor-atomic",
           "key-nulls-not-distinct", "txt-exact-case"]
    rows = {row.id: row for row in probes.run_probes("postgresql", only=ids)}
    assert [rows[i].observed for i in ids] == [
        "ProgrammingError", "DataError", "allowed, rolled back", "IntegrityError",
        "case-sensitive",
    ]
    with connections["postgresql"].cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


# -- live: every probe, observed == expected ------------------------------------------------


@pytest.fixture(scope="module")
def observed(request, django_db_setup, django_db_blocker):
    """The whole catalog once per alias, outside any test transaction (probes commit)."""
    alias = request.param
    with django_db_blocker.unblock():
        rows = probes.run_probes(alias)
        with connections[alias].cursor() as cursor:
            leftovers = [
                t for t in connections[alias].introspection.table_names(cursor)
                if t.lower().startswith("prb_")
            ]
    assert not leftovers, f"probes left tables behind on {alias}: {leftovers}"
    return {row.id: row for row in rows}


@pytest.mark.parametrize(
    "observed",
    [pytest.param(alias, marks=pytest.mark.backend(alias), id=alias) for alias in LIVE_ALIASES],
    indirect=True,
)
@pytest.mark.parametrize("probe_id", PROBE_IDS)
def test_probe_observed_matches_expected(observed, probe_id):
    row = observed[probe_id]
    assert row.observed == row.expected, (
        f"{probe_id} on {row.target}: expected {row.expected!r}, observed {row.observed!r} "
        f"({row.reference})"
    )
    assert row.agrees is True
