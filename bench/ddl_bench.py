#!/usr/bin/env python
"""How much faster is the offline report than asking sqlmigrate, one process at a time?

(a) the naive way: one ``manage.py sqlmigrate APP MIGRATION --database ALIAS`` process per
    migration per live database reachable here (SQLite always; PostgreSQL and MySQL when
    they answer);
(b) ``manage.py portability report --offline`` over the same apps for every profile.

Both are wall-clock times of whole processes, start-up included. (a) can only run against
databases that exist, so it is also scaled to the (migration, target) pairs (b) renders.
Target: (b) <= 1.0 s over Django's contrib apps plus the pots apps, and >= 40x (a).

    python bench/ddl_bench.py            # full (a): every migration on every database
    python bench/ddl_bench.py --sample 8 # (a) on 8 migrations per database, scaled up
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["admin", "auth", "contenttypes", "sessions", "pots", "pots_pos", "pots_ora", "pots_mys"]
TARGET_SECONDS, TARGET_RATIO = 1.0, 40


def manage(*args, env=None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    return time.perf_counter() - start, proc


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "harness.settings")
    import django

    django.setup()


def migrations_and_databases():
    from harness.portability.databases import reachability
    from harness.portability.profiles import PROFILES
    from harness.portability.walk import MigrationWalk

    pairs = MigrationWalk(APPS).rendered
    live = [alias for alias in ("default", "postgresql", "mysql") if reachability(alias).live]
    return pairs, live, len(PROFILES)


def naive(pairs, aliases, sample: int | None) -> tuple[float, int, int]:
    """Seconds, processes run, processes failed (sqlmigrate refuses what it must introspect)."""
    chosen = pairs if not sample else pairs[:: max(1, len(pairs) // sample)][:sample]
    total, failed = 0.0, 0
    for alias in aliases:
        for app, name in chosen:
            seconds, proc = manage("sqlmigrate", app, name, "--database", alias)
            total += seconds
            failed += proc.returncode != 0
    return total, len(chosen) * len(aliases), failed


def offline(repeat: int) -> tuple[list[float], int]:
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            seconds, proc = manage("portability", "report", "--offline", "--apps", *APPS,
                                   "--output", out)
            if proc.returncode != 0:
                sys.exit(f"offline report failed:\n{proc.stderr[-2000:]}")
            times.append(seconds)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return times, peak_kib


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, help="run (a) on this many migrations per database")
    parser.add_argument("--repeat", type=int, default=5, help="runs of (b); the median counts")
    args = parser.parse_args()
    setup_django()
    pairs, aliases, profiles = migrations_and_databases()

    times, peak_kib = offline(args.repeat)
    b = statistics.median(times)
    a_seconds, a_runs, a_failed = naive(pairs, aliases, args.sample)
    per_process = a_seconds / a_runs
    a_scaled = per_process * len(pairs) * profiles

    print(f"apps: {' '.join(APPS)} ({len(pairs)} migrations)")
    print(f"(a) naive sqlmigrate: {a_runs} processes on {', '.join(aliases)} took "
          f"{a_seconds:.1f} s ({per_process:.3f} s each; {a_failed} refused to render)")
    print(f"    scaled to {len(pairs)} migrations x {profiles} targets: {a_scaled:.1f} s")
    print(f"(b) portability report --offline, {profiles} profiles: median {b:.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)}; peak RSS {peak_kib / 1024:.0f} MiB)")
    ratio = a_scaled / b
    print(f"ratio (a scaled) / (b): {ratio:.0f}x")
    ok = b <= TARGET_SECONDS and ratio >= TARGET_RATIO
    print(f"target: (b) <= {TARGET_SECONDS} s and >= {TARGET_RATIO}x -> {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
