"""The main job on a machine without a database driver: never a traceback. mysqlclient
missing (``pip install -e '.[test]'``): the live ``mysql`` alias is unavailable with the
fix, and the offline MySQL/MariaDB profiles render through PyMySQL, said in the report,
printing what sqlmigrate prints with mysqlclient."""

import json
import textwrap

import pytest

from .harness_run import ROOT, harness_env, run_manage

GOLDEN = ROOT / "tests" / "golden"

# Hides top-level modules the way a missing package is missing: the path finder finds nothing.
HIDE = textwrap.dedent('''
    import importlib.machinery, os
    HIDDEN = set(os.environ["HIDE_MODULES"].split(","))
    _find = importlib.machinery.PathFinder.find_spec.__func__

    def find_spec(cls, name, path=None, target=None):
        return None if name in HIDDEN else _find(cls, name, path, target)

    importlib.machinery.PathFinder.find_spec = classmethod(find_spec)
''')


def report_without(tmp_path, modules, *args):
    hider = tmp_path / "hide"
    hider.mkdir()
    (hider / "sitecustomize.py").write_text(HIDE)
    out = tmp_path / "out"
    proc = run_manage("portability", "report", "--output", str(out), "--apps", "pots_mys", *args,
                      env=harness_env(PYTHONPATH=str(hider), HIDE_MODULES=",".join(modules)), timeout=300)
    data = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else None
    return proc, data, out


@pytest.mark.backend("mysql")
def test_without_mysqlclient_the_live_alias_is_unavailable_and_offline_mysql_renders(tmp_path):
    proc, data, out = report_without(tmp_path, ["MySQLdb"], "--targets", "mysql", "mariadb-10.11", "mysql-8.4")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
    targets = {t["name"]: t for t in data["targets"]}
    assert targets["mysql"]["status"] == "unavailable"
    assert "pip install mysqlclient" in targets["mysql"]["reason"]
    assert "Did you install mysqlclient?" in targets["mysql"]["reason"]
    for name in ("mariadb-10.11", "mysql-8.4"):
        assert targets[name]["status"] == "ok" and "PyMySQL stands in" in targets[name]["reason"]
    assert "PyMySQL stands in" in proc.stdout
    # What the golden files hold (rendered with mysqlclient installed), byte for byte.
    golden = sorted((GOLDEN / "mariadb-10.11" / "pots_mys").glob("*.sql"))
    assert golden
    for path in golden:
        assert (out / "ddl" / "mariadb-10.11" / "pots_mys" / path.name).read_bytes() == path.read_bytes()


def test_without_any_postgresql_driver_its_profiles_are_unavailable_with_the_fix(tmp_path):
    proc, data, _ = report_without(tmp_path, ["psycopg", "psycopg2"], "--offline",
                                   "--targets", "postgresql-15", "sqlite")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
    targets = {t["name"]: t for t in data["targets"]}
    assert targets["postgresql-15"]["status"] == "unavailable"
    assert "pip install 'psycopg[binary]'" in targets["postgresql-15"]["reason"]
    assert targets["sqlite"]["status"] == "ok"
    assert {r["target"] for r in data["ddl"]} == {"sqlite"}
