"""No password from a URL variable ever reaches the report, stdout or stderr."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from django.db import connections

from .harness_run import explain, harness_env, load_report, run_manage, target

# Distinctive, and with characters that must be quoted in a URL, so that the quoted
# forms differ from the raw ones and both are looked for.
PASSWORDS = {
    "HARNESS_POSTGRESQL_URL": "Pg-S3cret:XYZ@1/q",
    "HARNESS_MYSQL_URL": "My-S3cret#XYZ?2",
    "HARNESS_ORACLE_URL": "Or-S3cret&XYZ=3",
}


def forms(secret: str) -> set[str]:
    return {secret, quote(secret), quote(secret, safe=""), quote_plus(secret)}


def leaks(texts: dict[str, str], secrets) -> list[str]:
    return [f"{secret!r} in {where}" for where, text in texts.items()
            for password in secrets for secret in sorted(forms(password)) if secret in text]


def output_files(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(out.rglob("*")) if p.is_file()}


def live_urls() -> dict[str, str]:
    """The configured servers' addresses, each with its distinctive password."""
    pg = connections["postgresql"].settings_dict
    my = connections["mysql"].settings_dict
    return {
        # PostgreSQL with trust authentication (as here) accepts any password: a live run.
        "HARNESS_POSTGRESQL_URL": f"postgres://{quote(pg['USER'], safe='')}:"
        f"{quote(PASSWORDS['HARNESS_POSTGRESQL_URL'], safe='')}@{pg['HOST']}:{pg['PORT']}/harness",
        # MySQL refuses the wrong password: unavailable, with the server's message.
        "HARNESS_MYSQL_URL": f"mysql://{quote(my['USER'], safe='')}:"
        f"{quote(PASSWORDS['HARNESS_MYSQL_URL'], safe='')}@{my['HOST']}:{my['PORT']}/harness",
        # No Oracle here (or nothing on this port): unreachable.
        "HARNESS_ORACLE_URL": "oracle://system:"
        f"{quote(PASSWORDS['HARNESS_ORACLE_URL'], safe='')}@127.0.0.1:1521/FREEPDB1",
    }


@pytest.mark.backend("postgresql")
def test_full_report_and_targets_never_show_a_password(tmp_path):
    env = harness_env(**live_urls())
    out = tmp_path / "out"
    report_run = run_manage("portability", "report", "--output", str(out), env=env)
    assert report_run.returncode == 0, explain(report_run)
    targets_run = run_manage("portability", "targets", env=env)
    assert targets_run.returncode == 0, explain(targets_run)

    report = load_report(out)
    assert target(report, "mysql")["status"] == "unavailable"
    assert target(report, "oracle")["status"] == "unavailable"
    assert "***" in targets_run.stdout  # the URLs are shown, masked
    texts = {"report stdout": report_run.stdout, "report stderr": report_run.stderr,
             "targets stdout": targets_run.stdout, "targets stderr": targets_run.stderr,
             **output_files(out)}
    assert len(texts) > 10  # the pages and the DDL files were all looked at
    assert leaks(texts, PASSWORDS.values()) == []


# Each a URL that cannot configure its alias; the check command must say so without the password.
MALFORMED = {
    "no-scheme": "postgres//postgres:Bad-S3cret-One@127.0.0.1:5432/harness",
    "port-not-a-number": "postgres://postgres:Bad-S3cret-Two@127.0.0.1:notaport/harness",
    "unquoted-hash": "postgres://postgres:Bad-S3cret-Three#Tail-S3cret3@127.0.0.1:5432/harness",
    "unquoted-slash": "postgres://postgres:Bad-S3cret-Four/Tail-S3cret-Four@127.0.0.1:5432/harness",
    "unquoted-question-mark": "postgres://postgres:Bad-S3cret-Five?Tail@127.0.0.1:5432/harness",
    "wrong-engine": "mysql://postgres:Bad-S3cret-Six@127.0.0.1:5432/harness",
    "no-host": "postgres://postgres:Bad-S3cret-Seven@:5432/",
    "password-in-query": "postgres://127.0.0.1:notaport/harness?password=Bad-S3cret-Eight",
}


def secret_parts(url: str) -> list[str]:
    """Every piece of the password that a parser might cut at a delimiter."""
    return [w for w in url.replace("#", " ").replace("/", " ").replace("?", " ")
            .replace("@", " ").replace("=", " ").replace(":", " ").split() if "S3cret" in w]


@pytest.mark.parametrize("url", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_url_error_names_the_variable_but_not_the_password(url):
    proc = run_manage("check", env=harness_env(HARNESS_POSTGRESQL_URL=url), timeout=60)
    assert proc.returncode != 0, explain(proc)
    assert "HARNESS_POSTGRESQL_URL" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert leaks({"stdout": proc.stdout, "stderr": proc.stderr}, secret_parts(url)) == []
