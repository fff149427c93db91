"""Server faults during a report: a throwaway PostgreSQL from the local binaries dies mid-run,
refuses a password or is not there at all; the report still completes for the other targets."""

from __future__ import annotations

import contextlib
import glob
import io
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

from harness.portability import render
from harness.portability.walk import MigrationWalk

from .harness_run import (explain, harness_env, load_report, run_manage, start_manage, target,
                          temp_files)

APPS = ("pots_pos", "contenttypes", "auth")
OFFLINE = ("sqlite", "mariadb-10.11")
TARGETS = ("postgresql", *OFFLINE)
EXIT_INCOMPLETE = 3
POSTGRES_PASSWORD = "Thr0waway-Right-7"
SERVER_TIMEOUT = 30


def postgres_bindir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, else the newest of Debian's /usr/lib/postgresql/*."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent
    def version(path: str) -> list[int]:
        return [int(x) for x in Path(path).parent.parent.name.split(".") if x.isdigit()]

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=version)
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_user() -> pwd.struct_passwd | None:
    """Who runs the server: postgres refuses root, so root hands it to an unprivileged user."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    pytest.skip("running as root and there is no 'postgres' or 'nobody' user to run PostgreSQL as")


@dataclass
class Throwaway:
    bindir: Path
    root: Path  # data directory, socket and log live here
    port: int
    user: pwd.struct_passwd | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    def run(self, *args: str, timeout: float = SERVER_TIMEOUT) -> subprocess.CompletedProcess:
        extra = {}
        if self.user is not None:
            extra = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        proc = subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.root,
                              capture_output=True, text=True, timeout=timeout, check=False,
                              env={**os.environ, "LC_ALL": "C"}, **extra)
        if proc.returncode != 0:
            raise RuntimeError(f"{args[0]} failed (exit {proc.returncode}): "
                               f"{proc.stderr[-2000:]}{proc.stdout[-1000:]}\n{self.log()}")
        return proc

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c full_page_writes=off -c synchronous_commit=off")
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", options,
                 "-w", "-t", str(SERVER_TIMEOUT), "start")

    def kill(self) -> None:
        """Stop at once, as a crash would: no checkpoint, every connection cut."""
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def postmaster_pid(self) -> int | None:
        with contextlib.suppress(OSError, ValueError, IndexError):
            return int((self.data / "postmaster.pid").read_text().split()[0])
        return None

    def connect(self, dbname: str = "postgres"):
        import psycopg

        # Over the Unix socket, where the cluster trusts local users.
        return psycopg.connect(host=str(self.root), port=self.port, user="postgres",
                               dbname=dbname, autocommit=True, connect_timeout=3)

    def url(self, user: str = "postgres", password: str = POSTGRES_PASSWORD) -> str:
        return f"postgres://{user}:{password}@127.0.0.1:{self.port}/harness"

    def log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.root / "log").read_text(errors="replace")[-2000:]
        return ""


def server_is_running(pid: int) -> bool:
    # Only a postgres process: a stale pid file may name a pid reused by something else.
    with contextlib.suppress(OSError):
        return b"postgres" in Path(f"/proc/{pid}/cmdline").read_bytes()
    return False


@pytest.fixture
def throwaway_postgres():
    """A fresh PostgreSQL cluster on a free loopback port: TCP logins need a SCRAM password,
    the Unix socket trusts. Stopped and deleted afterwards, whatever the test did."""
    bindir = postgres_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries: looked for pg_ctl and initdb on PATH "
                    "and in /usr/lib/postgresql/*/bin")
    user = server_user()
    # Not pytest's tmp_path: its parents are private to the current user.
    root = Path(tempfile.mkdtemp(prefix="harness-pg-"))
    if user is not None:
        os.chown(root, user.pw_uid, user.pw_gid)
    server = Throwaway(bindir, root, 0, user)
    try:
        server.run("initdb", "-D", str(server.data), "-U", "postgres", "-E", "UTF8",
                   "--no-sync", "--auth-local=trust", "--auth-host=scram-sha-256")
        server.port = free_port()  # picked last: less time for another process to take it
        server.start()
        with server.connect() as conn:
            conn.execute(f"ALTER ROLE postgres PASSWORD '{POSTGRES_PASSWORD}'")
            conn.execute("CREATE DATABASE harness")
        yield server
    finally:
        with contextlib.suppress(Exception):
            server.kill()
        pid = server.postmaster_pid()
        if pid and server_is_running(pid):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(root, ignore_errors=True)


def report_args(out: Path, *extra: str) -> list[str]:
    return ["portability", "report", "--apps", *APPS, "--targets", *TARGETS,
            "--output", str(out), *extra]


def assert_offline_targets_complete(out: Path, report: dict) -> None:
    expected = MigrationWalk(APPS).rendered
    for name in OFFLINE:
        assert target(report, name)["status"] == "ok"
        rows = [d for d in report["ddl"] if d["target"] == name]
        assert [(d["app"], d["migration"]) for d in rows] == expected, name
        assert all(d["sql"] is not None and d["status"] == "ok" for d in rows), name
        for d in rows:
            if d["sql"]:
                assert (out / "ddl" / name / d["app"] / f"{d['migration']}.sql").is_file()


def wait_for_live_work(server: Throwaway, proc, timeout: float = 60) -> str:
    """Poll (every 20 ms) until the harness has created its scratch test database on the
    server and applied migrations there; the scratch database's name."""
    deadline = time.monotonic() + timeout
    with server.connect() as conn:
        scratch = None
        while scratch is None:
            assert proc.poll() is None, "the report ended before it used the server"
            assert time.monotonic() < deadline, "no scratch database appeared"
            row = conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%'").fetchone()
            scratch = row[0] if row else None
            time.sleep(0.02)
    with server.connect(scratch) as conn:
        while True:
            assert proc.poll() is None, "the report ended before its live work was interrupted"
            assert time.monotonic() < deadline, "no migration reached the scratch database"
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
            if tables >= 2:  # a migration or two applied, many to go
                return scratch
            time.sleep(0.02)


def test_server_killed_mid_run_leaves_the_others_complete(throwaway_postgres, tmp_path):
    server = throwaway_postgres
    out = tmp_path / "out"
    env = harness_env(HARNESS_POSTGRESQL_URL=server.url())
    proc = start_manage(*report_args(out), env=env)
    try:
        wait_for_live_work(server, proc)
        server.kill()
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, f"{stdout[-3000:]}\n{stderr[-3000:]}\n{server.log()}"

    report = load_report(out)
    postgresql = target(report, "postgresql")
    assert postgresql["status"] == "unavailable"
    assert "lost the server" in postgresql["reason"]
    assert_offline_targets_complete(out, report)
    assert (out / "report.md").is_file() and (out / "index.html").is_file()
    assert temp_files(out) == []

    # The server is gone now: --strict says the report is incomplete.
    strict = run_manage(*report_args(tmp_path / "strict", "--strict"), env=env)
    assert strict.returncode == EXIT_INCOMPLETE, explain(strict)
    assert target(load_report(tmp_path / "strict"), "postgresql")["status"] == "unavailable"


def test_unreachable_server_is_unavailable_with_a_reason(tmp_path):
    out = tmp_path / "out"
    port = free_port()  # bound and released: nothing listens there
    proc = run_manage(*report_args(out), env=harness_env(
        HARNESS_POSTGRESQL_URL=f"postgres://postgres:x@127.0.0.1:{port}/harness"))
    assert proc.returncode == 0, explain(proc)
    report = load_report(out)
    postgresql = target(report, "postgresql")
    assert postgresql["status"] == "unavailable"
    assert "refused" in postgresql["reason"].lower()
    assert_offline_targets_complete(out, report)


def test_wrong_password_is_unavailable_and_not_shown(throwaway_postgres, tmp_path):
    server = throwaway_postgres
    with server.connect() as conn:
        conn.execute("CREATE ROLE harness_app LOGIN CREATEDB PASSWORD 'Right-Role-Pass-1'")
    wrong = "Wr0ng-Role-Pass-2"
    out = tmp_path / "out"
    proc = run_manage(*report_args(out), env=harness_env(
        HARNESS_POSTGRESQL_URL=server.url("harness_app", wrong)))
    assert proc.returncode == 0, explain(proc)
    report = load_report(out)
    postgresql = target(report, "postgresql")
    assert postgresql["status"] == "unavailable"
    assert "password authentication failed" in postgresql["reason"]
    for text in [proc.stdout, proc.stderr] + [p.read_text(errors="replace")
                                               for p in out.rglob("*") if p.is_file()]:
        assert wrong not in text and "Right-Role-Pass-1" not in text


def test_connect_timeout_is_at_most_3_seconds():
    from django.db import connections

    from harness.portability.databases import CONNECT_TIMEOUT_SECONDS, database_settings

    assert CONNECT_TIMEOUT_SECONDS <= 3
    assert connections["postgresql"].settings_dict["OPTIONS"]["connect_timeout"] == 3
    assert connections["mysql"].settings_dict["OPTIONS"]["connect_timeout"] == 3
    assert connections["oracle"].settings_dict["OPTIONS"]["tcp_connect_timeout"] == 3
    # Whatever the URL says otherwise, as long as it does not set the option itself.
    configured = database_settings(Path("."), environ={
        "HARNESS_POSTGRESQL_URL": "postgres://u:p@db.invalid:5432/x?sslmode=disable",
        "HARNESS_MYSQL_URL": "mysql://u:p@db.invalid:3306/x",
    })
    assert configured["postgresql"]["OPTIONS"]["connect_timeout"] == 3
    assert configured["mysql"]["OPTIONS"]["connect_timeout"] == 3


# -- a write that fails half-way ---------------------------------------------------------------


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def previous_report(tmp_path) -> Path:
    """An output folder holding a complete earlier report."""
    out = tmp_path / "out"
    call_command("portability", "report", "--offline", "--targets", "sqlite", "--apps", "pots",
                 "--output", str(out), stdout=io.StringIO())
    return out


SECOND_RUN = ("portability", "report", "--offline", "--targets", "sqlite", "postgresql-15",
              "--apps", "pots")


def test_renderer_failing_mid_run_leaves_the_previous_report_intact(previous_report, monkeypatch):
    before = snapshot(previous_report)
    real = render.render_html

    def fails_half_way(report, sections):
        real(report, sections)  # a whole page's work, then the failure
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(render, "render_html", fails_half_way)
    with pytest.raises(RuntimeError, match="renderer broke"):
        call_command(*SECOND_RUN, "--output", str(previous_report), stdout=io.StringIO())
    assert snapshot(previous_report) == before  # report.json, report.md, index.html, ddl/
    assert temp_files(previous_report) == []


def test_write_failing_after_the_temporary_file_leaves_no_temporary_file(previous_report,
                                                                          monkeypatch):
    before = snapshot(previous_report)
    real = os.replace

    def disk_full_on_markdown(src, dst):
        if Path(dst).name == "report.md":
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(render.os, "replace", disk_full_on_markdown)
    with pytest.raises(OSError, match="No space left"):
        call_command(*SECOND_RUN, "--output", str(previous_report), stdout=io.StringIO())
    monkeypatch.undo()
    after = snapshot(previous_report)
    # report.json was replaced whole (the new run's), report.md and the rest are the old ones.
    names = {t["name"] for t in load_report(previous_report)["targets"]}
    assert names == {"sqlite", "postgresql-15"}
    assert {k: v for k, v in after.items() if k != "report.json"} == {
        k: v for k, v in before.items() if k != "report.json"}
    assert temp_files(previous_report) == []
