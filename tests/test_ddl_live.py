"""Live targets: their DDL renders in a scratch database migrated step by step, where plain
sqlmigrate on an empty database cannot render an introspecting migration; the fidelity of
every profile against sqlmigrate itself is tests/test_fidelity.py."""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, router

from harness.portability.collect import build_report
from harness.portability.live import scratch_database
from harness.portability.targets import select

PAIRS = [
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
    saved = router.__dict__.get("routers")
    router.__dict__["routers"] = []
    yield
    router.__dict__["routers"] = saved if saved is not None else router.routers


@pytest.mark.parametrize("alias,profile", PAIRS)
def test_live_rendering_handles_what_plain_sqlmigrate_cannot(alias, profile, without_routers):
    app = "pots_pos" if alias == "postgresql" else "pots_mys"
    with scratch_database(alias, "empty"):
        # Nothing applied, nothing to look up: PostgreSQL finds no index, MySQL no table.
        with pytest.raises((ValueError, DatabaseError), match=r"Found wrong number \(0\) of indexes|doesn't exist"):
            live_sqlmigrate(app, "0003", alias)
    report = build_report([app], select([alias, profile]), behaviour=False)
    live, offline = ({r.migration: r for r in report.ddl if r.target == name} for name in (alias, profile))
    assert live["0003_quote_introspected"].status == "ok", live["0003_quote_introspected"].reason
    assert live["0003_quote_introspected"].sql == offline["0003_quote_introspected"].sql
    assert "RENAME" in live["0003_quote_introspected"].sql
    assert all(live[m].sql == offline[m].sql for m in live)
    assert all(live[m].backwards_sql == offline[m].backwards_sql for m in live)


@pytest.mark.backend("postgresql", "mysql")
def test_live_targets_report_the_detected_server_version():
    report = build_report(["pots"], select(["postgresql", "mysql"]), behaviour=False)
    postgres, mysql = report.targets
    assert (postgres.mode, postgres.status, postgres.version.split(".")[0]) == ("live", "ok", "15")
    assert (mysql.vendor, mysql.mariadb, mysql.version.split(".")[:2]) == ("mysql", True, ["10", "11"])
    assert "MariaDB 10.11" in mysql.display
