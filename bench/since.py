#!/usr/bin/env python
"""How long does an incremental report (``--since``) take for one changed migration?

For a sample of the fidelity corpus's migrations (every STEP-th of the plan), renders that
one migration alone for every profile, as ``portability report --since`` does after its
git diff, and prints the seconds each took, how many earlier migrations it replayed into
the offline catalog ("all": its operations may touch any table), and the median and max.
Also the whole command once, start-up included, for the newest migration of the plan.
Target: <= 2 s for one changed migration, all profiles.

    PYTHONHASHSEED=0 python bench/since.py [--step 20] [--settings harness.settings.corpus]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", type=int, default=20)
    parser.add_argument("--settings", default="harness.settings.corpus")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.migrations.loader import MigrationLoader

    from harness.portability import profiles, workers
    from harness.portability.collect import check_apps
    from harness.portability.since import relevant
    from harness.portability.targets import TargetSpec
    from harness.portability.walk import MigrationWalk

    loader = MigrationLoader(None, replace_migrations=False)
    apps = check_apps(["all"], loader)
    walk = MigrationWalk(apps, loader)
    specs = [TargetSpec(name, profile=profiles.get(name)) for name in profiles.PROFILES]
    seconds = []
    print(f"{len(walk.rendered)} migrations in the plan, {len(specs)} profiles")
    for node in walk.rendered[::args.step]:
        selection = relevant(walk, {node}, loader)
        replayed = "all" if selection.replayed is None else str(len(selection.replayed))
        started = time.perf_counter()
        workers.render(apps, specs, routed=True, only={node})
        seconds.append(time.perf_counter() - started)
        print(f"  {seconds[-1]:6.2f} s  replayed {replayed:>4}  {node[0]}.{node[1]}")
    print(f"one migration: median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s "
          f"(target <= {TARGET_SECONDS} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
