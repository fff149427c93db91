"""Offline DDL is exactly what sqlmigrate prints against the live servers of this machine."""

import difflib
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, router

from harness.portability import profiles
from harness.portability.collect import build_report
from harness.portability.ddl import MigrationPlan, render
from harness.portability.live import scratch_database
from harness.portability.offline import connection_for
from harness.portability.targets import select

from .conftest import POTS_APPS

CONTRIB_APPS = ("contenttypes", "auth", "admin", "sessions")
# Each live alias here and the offline profile pinned to its server version.
PAIRS = [
    pytest.param("default", "sqlite", marks=pytest.mark.backend("default", transaction=True)),
    pytest.param("postgresql", "postgresql-15", marks=pytest.mark.backend("postgresql", transaction=True)),
    pytest.param("mysql", "mariadb-10.11", marks=pytest.mark.backend("mysql", transaction=True)),
]


def live_sqlmigrate(app_label, name, alias):
    out = io.StringIO()
    call_command("sqlmigrate", app_label, name, database=alias, stdout=out, stderr=io.StringIO(),
                 no_color=True)
    return out.getvalue()


@pytest.fixture
def without_routers():
    # Render every app on every alias, as the harness does; the routers come back after.
    saved = router.__dict__.get("routers")
    router.__dict__["routers"] = []
    yield
    router.__dict__["routers"] = saved if saved is not None else router.routers


@pytest.mark.parametrize("alias,profile", PAIRS)
def test_offline_profile_prints_what_sqlmigrate_prints_live(alias, profile, without_routers):
    """Every migration of the contrib and pots apps, sqlmigrate run on a scratch test
    database migrated up to the migration before it (where it can render every path)."""
    plan = MigrationPlan(CONTRIB_APPS + POTS_APPS)
    offline = {(r.app_label, r.name): r for r in
               render(plan, {profile: connection_for(profiles.get(profile))})[profile]}
    mismatches = []
    with scratch_database(alias, "fidelity"):
        for planned in plan.migrations:
            key = (planned.app_label, planned.name)
            live = live_sqlmigrate(*key, alias)
            if offline[key].sql != live:
                diff = difflib.unified_diff(live.splitlines(), (offline[key].sql or "").splitlines(),
                                            "sqlmigrate (live)", f"{profile} (offline)", lineterm="")
                mismatches.append(f"{key}: {offline[key].error}\n" + "\n".join(diff))
            call_command("migrate", *key, database=alias, verbosity=0)
    assert len(plan.migrations) == 30
    assert not mismatches, "\n\n".join(mismatches)


@pytest.mark.parametrize("alias,profile", PAIRS[1:])
def test_live_rendering_handles_what_plain_sqlmigrate_cannot(alias, profile, without_routers):
    app = "pots_pos" if alias == "postgresql" else "pots_mys"
    with scratch_database(alias, "empty"):
        # Nothing applied, nothing to look up: PostgreSQL finds no index, MySQL no table.
        with pytest.raises((ValueError, DatabaseError), match=r"Found wrong number \(0\) of indexes|doesn't exist"):
            live_sqlmigrate(app, "0003", alias)
    report = build_report([app], select([alias, profile]))
    live, offline = ({r.migration: r for r in report.ddl if r.target == name} for name in (alias, profile))
    assert live["0003_quote_introspected"].error is None
    assert live["0003_quote_introspected"].sql == offline["0003_quote_introspected"].sql
    assert "RENAME" in live["0003_quote_introspected"].sql
    assert all(live[m].sql == offline[m].sql for m in live)


@pytest.mark.backend("postgresql", "mysql")
def test_live_targets_report_the_detected_server_version():
    report = build_report(["pots"], select(["postgresql", "mysql"]))
    postgres, mysql = report.targets
    assert (postgres.mode, postgres.status, postgres.version.split(".")[0]) == ("live", "ok", "15")
    assert (mysql.vendor, mysql.mariadb, mysql.version.split(".")[:2]) == ("mysql", True, ["10", "11"])
    assert "MariaDB 10.11" in mysql.display
