"""URL variables: parsing, masking, malformed URLs, unreachable servers and their skips."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from harness.portability.databases import (
    ALIASES,
    CONNECT_TIMEOUT_SECONDS,
    DatabaseURLError,
    database_settings,
    mask_url,
    parse_url,
)

ROOT = Path(__file__).resolve().parent.parent
PG = ("django.db.backends.postgresql", "django_cockroachdb")


@pytest.mark.parametrize("url,masked", [
    ("postgres://postgres:s3cret@127.0.0.1:5432/harness", "postgres://postgres:***@127.0.0.1:5432/harness"),
    ("mysql://root:@127.0.0.1:3306/harness", "mysql://root:@127.0.0.1:3306/harness"),
    ("postgres://u:pa@ss@host:notaport/db", "postgres://u:***@host:notaport/db"),
    ("oracle://system:x@h:1521/FREEPDB1?password=y", "oracle://system:***@h:1521/FREEPDB1?password=***"),
    ("sqlite:///var/x.sqlite3", "sqlite:///var/x.sqlite3"),
])
def test_mask_url_hides_every_password(url, masked):
    assert mask_url(url) == masked


def test_each_alias_comes_from_its_variable_with_loopback_defaults(tmp_path):
    databases = database_settings(tmp_path, environ={})
    assert set(databases) == set(ALIASES) == {
        "default", "postgresql", "mysql", "oracle",
        "postgresql14", "postgresql16", "postgresql17", "postgresql18"}
    assert databases["postgresql"]["HOST"] == "127.0.0.1" and databases["postgresql"]["PORT"] == 5432
    assert databases["mysql"]["USER"] == "root" and databases["mysql"]["PASSWORD"] == ""
    # Oracle's pluggable database is a service name: Django gets an Easy Connect string.
    assert databases["oracle"]["NAME"] == "127.0.0.1:1521/FREEPDB1"
    assert databases["default"]["NAME"] == str(tmp_path / "var" / "harness.sqlite3")
    assert databases["postgresql"]["OPTIONS"]["connect_timeout"] == CONNECT_TIMEOUT_SECONDS <= 3
    assert databases["mysql"]["OPTIONS"]["connect_timeout"] == CONNECT_TIMEOUT_SECONDS
    assert databases["oracle"]["OPTIONS"]["tcp_connect_timeout"] == CONNECT_TIMEOUT_SECONDS
    url = "postgres://me:pw@db.example:6543/app"
    assert database_settings(tmp_path, {"HARNESS_POSTGRESQL_URL": url})["postgresql"]["PORT"] == 6543


def test_test_database_names_are_private_to_the_process(tmp_path, monkeypatch):
    monkeypatch.setenv("HARNESS_TEST_DB_SUFFIX", "gw7")
    test = database_settings(tmp_path, {})["postgresql"]["TEST"]
    assert test["NAME"] == f"test_harness_gw7_p{os.getpid()}" and test["DEPENDENCIES"] == []


@pytest.mark.parametrize("url,why", [
    ("postgres://u:s3cret@host:notaport/db", "not a valid database URL"),
    ("127.0.0.1:5432/harness", "not a valid database URL"),
    ("mysql://root:s3cret@127.0.0.1:3306/x", "selects django.db.backends.mysql"),
    ("postgres://u:s3cret@/db", "needs both a host and a database name"),
])
def test_malformed_url_names_the_variable_and_masks_the_password(url, why):
    with pytest.raises(DatabaseURLError) as caught:
        parse_url("HARNESS_POSTGRESQL_URL", url, PG, ROOT)
    message = str(caught.value)
    assert "HARNESS_POSTGRESQL_URL" in message and why in message
    assert "s3cret" not in message


def test_manage_py_stops_on_a_malformed_url_without_a_traceback():
    env = {**os.environ, "HARNESS_MYSQL_URL": "mysql://root:Hunter2@127.0.0.1:port/harness"}
    proc = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "HARNESS_MYSQL_URL" in proc.stderr and "mysql://root:***@127.0.0.1:port/harness" in proc.stderr
    assert "Hunter2" not in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr


UNREACHABLE_TEST = textwrap.dedent('''
    import pytest

    @pytest.mark.backend("postgresql")
    def test_needs_postgresql():
        raise AssertionError("must not run: the server is unreachable")
''')


def run_marked_test(tmp_path, require_live=""):
    path = tmp_path / "test_unreachable.py"
    path.write_text(UNREACHABLE_TEST)
    env = {**os.environ, "HARNESS_POSTGRESQL_URL": "postgres://postgres:Hunter2@127.0.0.1:9/nowhere",
           "HARNESS_REQUIRE_LIVE": require_live}
    return subprocess.run(
        [sys.executable, "-m", "pytest", str(path), "-rs", "-p", "no:cacheprovider", "-q",
         "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_unreachable_server_skips_with_alias_masked_url_and_error(tmp_path):
    proc = run_marked_test(tmp_path)
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert "1 skipped" in out
    assert "postgresql at postgres://postgres:***@127.0.0.1:9/nowhere is unreachable" in out
    assert "refused" in out.lower()
    assert "Hunter2" not in out + proc.stderr


def test_unreachable_required_server_fails_instead_of_skipping(tmp_path):
    proc = run_marked_test(tmp_path, require_live="postgresql")
    assert proc.returncode == 1
    assert "1 error" in proc.stdout  # fails in setup: the test body never runs
    assert "HARNESS_REQUIRE_LIVE names this alias" in proc.stdout


def test_error_messages_never_carry_a_configured_password():
    from types import SimpleNamespace

    from harness.portability.databases import describe_error

    connection = SimpleNamespace(settings_dict={"PASSWORD": "p@ss/word"})
    error = RuntimeError("login failed for mysql://root:p%40ss%2Fword@h/x (password p@ss/word)")
    described = describe_error(error, connection)
    assert "p@ss/word" not in described and "p%40ss%2Fword" not in described
    assert described.startswith("RuntimeError: login failed")
