"""Fast unit tests of the DDL engine's building blocks, without a server.

* mysqlclient quoting without mysqlclient (``offline/mysqlclient.py``) against the real one;
* ``ddl.operations_restored`` after Django's RenameModel.database_backwards raised;
* ``defaults.as_default`` (the default alias and settings.DATABASES inside a block);
* ``walk.StateBuilder`` against ``MigrationLoader.project_state`` and ``MigrationWalk.steps``
  (the edge-case apps, installed only by tests.edgecases.settings, in a subprocess);
* ``verify.profile_for`` and ``verify.normalize``.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import threading
import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.operations import RenameModel, SeparateDatabaseAndState
from django.db.migrations.state import ProjectState

from harness.portability import profiles, verify
from harness.portability.ddl import operations_restored
from harness.portability.defaults import as_default
from harness.portability.offline import connection_for
from harness.portability.offline.mysqlclient import emulated_escape
from harness.portability.results import LIVE, Target
from harness.portability.walk import PREPARE, RENDER, RESET

from .edgecases import walkcheck
from .harness_run import ROOT, harness_env

EDGE_SETTINGS = "tests.edgecases.settings"


# -- mysqlclient's escape, emulated ----------------------------------------------------------

ESCAPED = "\0\n\r\\'\"\x1a"  # every character mysql_real_escape_string rewrites
BATTERY = [
    True, False, 0, 1, -7, 2**70, 1.5, -0.0, 3.0, 1e300, 1e-7, 1 / 3,
    Decimal("1.50"), Decimal("-1E+3"), Decimal("0.000"), Decimal("NaN"), None,
    "", "plain", ESCAPED, f"a{ESCAPED}b{ESCAPED}", "it's", 'say "hi"', "tab\tand\x7f",
    "caf\u00e9 \u65e5\u672c \U0001f600 \u2028", b"", b"bytes", ESCAPED.encode() + b"\xff\x80", bytearray(b"ab'"),
    datetime.date(2000, 1, 2), datetime.date(1, 2, 3),
    datetime.datetime(2000, 1, 2, 3, 4, 5), datetime.datetime(2000, 1, 2, 3, 4, 5, 6),
    datetime.datetime(2000, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
    datetime.time(1, 2, 3), datetime.time(23, 59, 59, 999999), datetime.time(1, 2, 3, tzinfo=datetime.timezone.utc),
    datetime.timedelta(0), datetime.timedelta(days=1, seconds=3661), datetime.timedelta(days=401, microseconds=5),
    datetime.timedelta(seconds=-1), datetime.timedelta(days=-2, microseconds=5),
    -datetime.timedelta(hours=25, microseconds=1),
    uuid.UUID("12345678-1234-5678-1234-567812345678"), uuid.UUID(int=0),
    [1, "a'b"], (1, 2), {"k": "v'"}, {1}, frozenset(),
]


@pytest.fixture(scope="module")
def real_escape():
    mysqldb = pytest.importorskip("MySQLdb", reason="mysqlclient is not installed: pip install -e '.[mysql]'")
    if mysqldb.__name__ != "MySQLdb":
        pytest.skip("PyMySQL stands in for MySQLdb in this process")
    from MySQLdb import _mysql, converters

    encoders = {k: v for k, v in converters.conversions.items() if type(k) is not int}
    return lambda value: _mysql.escape(value, encoders)


@pytest.mark.parametrize("value", BATTERY, ids=lambda v: f"{type(v).__name__}:{v!r}"[:60])
def test_emulated_escape_is_mysqlclients_escape(real_escape, value):
    expected = real_escape(value)
    assert emulated_escape(value) == expected
    assert type(emulated_escape(value)) is type(expected)  # str for numbers, bytes for the rest


def test_the_battery_covers_each_kind_of_result(real_escape):
    # Every branch of the emulation is compared: bare numbers (str), NULL/booleans and
    # quoted literals (bytes), escaped characters and raw non-UTF-8 bytes.
    results = [real_escape(v) for v in BATTERY]
    assert {type(r) for r in results} == {str, bytes}
    assert b"'\\0\\n\\r\\\\\\'\\\"\\Z'" in results
    assert b"'-1 23:59:59.999995'" in results and b"'2000-01-02 03:04:05.000006'" in results
    assert any(isinstance(r, bytes) and b"\xff" in r for r in results)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")], ids=repr)
def test_emulated_escape_refuses_non_finite_floats_as_mysqlclient_does(real_escape, value):
    with pytest.raises(Exception) as real:
        real_escape(value)
    with pytest.raises(Exception) as emulated:
        emulated_escape(value)
    assert type(emulated.value).__name__ == type(real.value).__name__ == "ProgrammingError"
    assert str(emulated.value) == str(real.value)


# -- ddl.operations_restored -----------------------------------------------------------------

def _names(op):
    return op.old_name, op.new_name, op.old_name_lower, op.new_name_lower


def _backwards_failing(op):
    # database_backwards swaps the names, then database_forwards raises (no such model).
    op.database_backwards("edge", None, ProjectState(), ProjectState())


def test_without_restoring_a_failed_rename_model_stays_reversed():
    # The Django behaviour operations_restored exists for (so the next test can fail).
    op = RenameModel("Post", "Article")
    with pytest.raises(LookupError):
        _backwards_failing(op)
    assert _names(op) == ("Article", "Post", "article", "post")


def test_operations_restored_undoes_what_a_failed_database_backwards_swapped():
    op = RenameModel("Post", "Article")
    with pytest.raises(LookupError), operations_restored([op]):
        _backwards_failing(op)
    assert _names(op) == ("Post", "Article", "post", "article")
    assert op.describe() == "Rename model Post to Article"


def test_operations_restored_reaches_operations_nested_in_separate_database_and_state():
    inner = RenameModel("Post", "Article")
    outer = SeparateDatabaseAndState(database_operations=[inner])
    with pytest.raises(LookupError), operations_restored([outer]):
        _backwards_failing(inner)
    assert _names(inner) == ("Post", "Article", "post", "article")


def test_operations_restored_leaves_a_successful_operation_alone():
    op = RenameModel("Post", "Article")
    with operations_restored([op]):
        op.old_name = op.old_name  # touched, unchanged
    assert _names(op) == ("Post", "Article", "post", "article")


# -- defaults.as_default ---------------------------------------------------------------------

@pytest.fixture
def offline_pg():
    return connection_for(profiles.get("postgresql-15"))


def test_as_default_swaps_the_default_connection_and_its_settings(offline_pg):
    import django.db

    before_connection = connections[DEFAULT_DB_ALIAS]
    before_databases = settings.DATABASES
    before_default = dict(settings.DATABASES[DEFAULT_DB_ALIAS])
    assert django.db.connection.vendor == "sqlite"
    with as_default(offline_pg) as inside:
        assert inside is offline_pg
        assert connections[DEFAULT_DB_ALIAS] is offline_pg
        assert django.db.connection.vendor == "postgresql"
        assert django.db.connection.profile.name == "postgresql-15"
        assert settings.DATABASES[DEFAULT_DB_ALIAS] is offline_pg.settings_dict
        # The other aliases stay as they were.
        assert settings.DATABASES["mysql"] is before_databases["mysql"]
        assert set(settings.DATABASES) == set(before_databases)
    assert connections[DEFAULT_DB_ALIAS] is before_connection
    assert settings.DATABASES is before_databases
    assert settings.DATABASES[DEFAULT_DB_ALIAS] == before_default
    assert django.db.connection.vendor == "sqlite"


def test_as_default_restores_after_an_exception_and_when_nested(offline_pg):
    import django.db

    mariadb = connection_for(profiles.get("mariadb-10.11"))
    before_connection, before_databases = connections[DEFAULT_DB_ALIAS], settings.DATABASES
    with pytest.raises(ZeroDivisionError):
        with as_default(offline_pg):
            with as_default(mariadb):
                assert django.db.connection.mysql_is_mariadb
                assert settings.DATABASES[DEFAULT_DB_ALIAS]["ENGINE"] == "django.db.backends.mysql"
            assert django.db.connection is not None and django.db.connection.vendor == "postgresql"
            assert settings.DATABASES[DEFAULT_DB_ALIAS] is offline_pg.settings_dict
            1 / 0
    assert connections[DEFAULT_DB_ALIAS] is before_connection
    assert settings.DATABASES is before_databases


def test_as_default_in_a_thread_without_a_default_connection_leaves_none_behind(offline_pg):
    seen = {}

    def run():
        handler = connections._connections
        seen["before"] = getattr(handler, DEFAULT_DB_ALIAS, None)
        with as_default(offline_pg):
            seen["inside"] = connections[DEFAULT_DB_ALIAS]
        seen["after"] = getattr(handler, DEFAULT_DB_ALIAS, None)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == {"before": None, "inside": offline_pg, "after": None}


# -- walk.StateBuilder / MigrationWalk -------------------------------------------------------

PROJECT_APPS = ["contenttypes", "auth", "admin", "sessions", "pots", "pots_pos", "pots_ora", "pots_mys"]
EDGE_APPS = ["edge_squash", "edge_squashdep", "edge_branch", "edge_rename", "edge_vendor", "edge_datadefault",
             "edge_volatile", "edge_together", "edge_fkindex", "edge_check", "edge_multiindex", "edge_runsqlidx",
             "edge_condunique", "edge_ownapply", "edge_customfield"]


@pytest.fixture(scope="module")
def edge_walk():
    """walkcheck run over the edge-case apps, in a process with their settings."""
    proc = subprocess.run([sys.executable, "-m", "tests.edgecases.walkcheck", *EDGE_APPS], cwd=ROOT,
                          env=harness_env(DJANGO_SETTINGS_MODULE=EDGE_SETTINGS), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_state_builder_matches_project_state_for_the_project_apps():
    compared, mismatches = walkcheck.compare_states(PROJECT_APPS)
    assert not mismatches, mismatches[:3]
    loader = walkcheck.loader()
    nodes = {n for n in loader.graph.nodes if n[0] in PROJECT_APPS}
    assert compared >= 2 * len(nodes) > 40  # every node, walked forwards and back


def test_state_signature_tells_states_apart():
    # A state after a node is not the state before it: the comparison can fail.
    loader = walkcheck.loader()
    for node in [("auth", "0001_initial"), ("pots", "0002_quote"), ("auth", "0012_alter_user_first_name_max_length")]:
        before = walkcheck.state_signature(loader.project_state(node, at_end=False))
        after = walkcheck.state_signature(loader.project_state(node, at_end=True))
        assert before != after, node


def test_state_builder_matches_project_state_for_the_edge_apps(edge_walk):
    assert not edge_walk["mismatches"], edge_walk["mismatches"][:3]
    rendered = [s for s in edge_walk["steps"] if s[0] == RENDER]
    assert len(rendered) == 65
    assert edge_walk["compared"] == 2 * len({(s[1], s[2]) for s in edge_walk["steps"] if s[0] != RESET})


def test_the_project_apps_walk_needs_no_reset():
    steps = walkcheck.walk_steps(PROJECT_APPS)
    assert not [s for s in steps if s[0] == RESET]
    assert {s[1] for s in steps if s[0] == RENDER} == set(PROJECT_APPS)
    assert not [s for s in steps if s[0] == PREPARE]  # every dependency is a selected app


SQUASHED = "0001_squashed_0003_author_email_index"


def test_walk_resets_exactly_between_a_squashed_migration_and_those_it_replaces(edge_walk):
    squash = [s for s in edge_walk["steps"] if s[1] in ("edge_squash", "edge_squashdep") or s[0] == RESET]
    assert squash == [
        [RENDER, "edge_squash", "0001_initial"],
        [RENDER, "edge_squash", "0002_author_email"],
        [RENDER, "edge_squash", "0003_author_email_index"],
        [RESET, None, None],  # the squashed one is the other history of the same tables
        [RENDER, "edge_squash", SQUASHED],
        [RENDER, "edge_squash", "0004_book"],
        [RESET, None, None],  # edge_squashdep needs 0002, a replaced migration
        [PREPARE, "edge_squash", "0001_initial"],
        [PREPARE, "edge_squash", "0002_author_email"],
        [RENDER, "edge_squashdep", "0001_initial"],
        [RENDER, "edge_squashdep", "0002_review_text_unique"],
    ]
    assert edge_walk["alternatives"][f"edge_squash.{SQUASHED}"] == [
        "edge_squash.0001_initial", "edge_squash.0002_author_email", "edge_squash.0003_author_email_index"]


def test_walk_never_holds_two_alternatives_and_resets_only_when_it_must(edge_walk):
    alternatives = {k: set(v) for k, v in edge_walk["alternatives"].items()}
    applied: set = set()
    resets = 0
    steps = edge_walk["steps"]
    for index, (kind, app, name) in enumerate(steps):
        if kind == RESET:
            resets += 1
            # The next node's history (its PREPAREs and itself) conflicts with what is applied.
            upcoming = []
            for later_kind, later_app, later_name in steps[index + 1:]:
                upcoming.append(f"{later_app}.{later_name}")
                if later_kind == RENDER:
                    break
            assert any(alternatives.get(node, set()) & applied for node in upcoming), (index, applied)
            applied = set()
            continue
        node = f"{app}.{name}"
        assert not alternatives.get(node, set()) & applied, (node, applied)
        applied.add(node)
    assert resets == 2


# -- verify.profile_for / normalize ----------------------------------------------------------

def target(vendor, version, mariadb=False):
    return Target(name="live", vendor=vendor, version=version, mode=LIVE, mariadb=mariadb)


@pytest.mark.parametrize("live,profile", [
    (target("postgresql", "14.23"), "postgresql-14"),
    (target("postgresql", "15.20"), "postgresql-15"),
    (target("postgresql", "16.0"), "postgresql-16"),
    (target("postgresql", "16.14"), "postgresql-16"),
    (target("postgresql", "18.4"), "postgresql-18"),
    (target("mysql", "10.11.19", mariadb=True), "mariadb-10.11"),
    (target("mysql", "10.11.19-MariaDB-0+deb12u1", mariadb=True), "mariadb-10.11"),
    (target("mysql", "11.4.2", mariadb=True), "mariadb-11.4"),
    (target("mysql", "8.0.40"), "mysql-8.0"),
    (target("mysql", "8.4.3"), "mysql-8.4"),
    (target("sqlite", "3.40.1"), "sqlite"),
    (target("sqlite", "3.46.0"), "sqlite"),
    (target("oracle", "19.3.0.0.0"), "oracle-19"),
    (target("oracle", "23.5.0.24.7"), "oracle-23"),
    # No profile pins these.
    (target("postgresql", "13.9"), None),
    (target("postgresql", "1.5"), None),
    (target("mysql", "5.7.44"), None),
    (target("mysql", "8.1.0"), None),
    (target("mysql", "10.6.12", mariadb=True), None),
    (target("mysql", "11.8.1", mariadb=True), None),
    (target("mysql", "10.11.19"), None),  # a MySQL numbered like MariaDB
    (target("mysql", "8.4.3", mariadb=True), None),  # a MariaDB numbered like MySQL
    (target("oracle", "21.3.0.0.0"), None),
    (target("postgresql", None), None),
    (target("mssql", "16.0"), None),
], ids=lambda v: v if isinstance(v, str) or v is None else f"{v.vendor}{'-mariadb' if v.mariadb else ''}-{v.version}")
def test_profile_for_pins_the_profile_of_the_servers_version(live, profile):
    assert verify.profile_for(live) == profile


UUID = "5f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"


@pytest.mark.parametrize("sql,normalized", [
    (f"DEFAULT '{UUID}'::uuid", "DEFAULT '<volatile>'::uuid"),
    ("DEFAULT '5f2b8a4e1c2d4e5f8a9b0c1d2e3f4a5b'", "DEFAULT '<volatile>'"),
    ("DEFAULT 'd41d8cd98f00b204e9800998ecf8427e0123456789abcdef0123456789abcdef'", "DEFAULT '<volatile>'"),
    ("DEFAULT '2024-05-06T07:08:09.123456+00:00'::timestamptz", "DEFAULT '<volatile>'::timestamptz"),
    ("DEFAULT '2024-05-06 07:08:09'", "DEFAULT '<volatile>'"),
    ("DEFAULT '2024-05-06'", "DEFAULT '<volatile>'"),
    ("DEFAULT '07:08:09.123456'", "DEFAULT '<volatile>'"),
    ("DEFAULT b\"'2024-05-06 07:08:09.123456'\"", "DEFAULT b\"'<volatile>'\""),
    ("SELECT \"id\", '2024-05-06' FROM \"t\"", "SELECT \"id\", '<volatile>' FROM \"t\""),
    # Only literals that look volatile: names, short hex, words, numbers stay.
    ('ALTER TABLE "edge_check_stock" DROP CONSTRAINT "edge_check_stock_qty_479228d1_check"', None),
    ('DROP INDEX IF EXISTS "edge_multiindex_code_code_db854f41_like"', None),
    ("DEFAULT 'deadbeef'", None),
    ("DEFAULT 'abc'", None),
    ("DEFAULT ''", None),
    ("DEFAULT 0", None),
    ("DEFAULT b'0'", None),
    ("DEFAULT 20240506", None),
    ("DEFAULT '2024-05-06\"", None),  # unbalanced quotes
    ("DEFAULT 'ABCDEF0123456789ABCDEF'", None),  # uppercase: not what uuid4/token_hex print
    ("-- 2024-05-06 07:08:09", None),  # unquoted
])
def test_normalize_masks_only_volatile_looking_literals(sql, normalized):
    assert verify.normalize(sql) == (sql if normalized is None else normalized)


def test_normalize_keeps_none_and_leaves_the_rest_of_a_statement_alone():
    assert verify.normalize(None) is None
    sql = (f"ALTER TABLE \"t\" ADD COLUMN \"token\" uuid DEFAULT '{UUID}'::uuid NOT NULL;\n"
           "ALTER TABLE \"t\" ALTER COLUMN \"token\" DROP DEFAULT;\n")
    assert verify.normalize(sql) == sql.replace(UUID, "<volatile>")
    assert verify.normalize(verify.normalize(sql)) == verify.normalize(sql)
