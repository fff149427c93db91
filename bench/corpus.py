#!/usr/bin/env python
"""How long does the fidelity corpus take, every offline profile?

(a) the render, as the report's collector asks for it (``workers.render``: every migration,
    forwards and backwards, on every profile, routed where it differs), timed in one
    process after Django has started — the engine's own time, which the target is about;
(b) the whole ``portability report --offline --apps all`` command, start-up (importing the
    corpus's 25 apps) and the report's pages and files included, with the peak RSS of its
    process tree.

    python bench/corpus.py [--repeat 3]

Target: (a) <= 3 s. Needs the corpus apps (pip install -e '.[corpus]').
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "harness.settings.corpus"
TARGET_SECONDS = 3.0


def render_seconds() -> tuple[float, int]:
    """One render of the corpus on every profile in a fresh seed-0 process: (seconds, renders)."""
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1]); import django; django.setup()\n"
        "from harness.portability import profiles, workers\n"
        "from harness.portability.collect import check_apps\n"
        "from harness.portability.targets import TargetSpec\n"
        "apps = check_apps(['all'], workers.load_migrations()[0])\n"
        "specs = [TargetSpec(n, profile=profiles.get(n)) for n in profiles.PROFILES]\n"
        "started = time.perf_counter()\n"
        "outcome = workers.render(apps, specs, routed=True)\n"
        "assert not outcome.lost, outcome.lost\n"
        "print(time.perf_counter() - started, len(outcome.results))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONHASHSEED": "0"}
    proc = subprocess.run([sys.executable, "-c", code, str(ROOT)], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"the render failed:\n{proc.stderr[-3000:]}")
    seconds, renders = proc.stdout.split()
    return float(seconds), int(renders)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median counts")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from scale import PeakRSS  # noqa: E402  (this folder's own helper)

    renders = [render_seconds() for _ in range(args.repeat)]
    commands, peaks = [], []
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(args.repeat):
            started = time.perf_counter()
            proc = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "portability", "report",
                                     "--offline", "--apps", "all", "--output", out], cwd=ROOT, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            sampler = PeakRSS(proc.pid)
            _, err = proc.communicate()
            commands.append(time.perf_counter() - started)
            peaks.append(sampler.stop())
            if proc.returncode != 0:
                sys.exit(f"the report failed:\n{err[-3000:]}")
    render = statistics.median(seconds for seconds, _ in renders)
    print(f"(a) render, {renders[0][1]} renders (every profile, forwards and backwards): median {render:.2f} s "
          f"(runs: {', '.join(f'{s:.2f}' for s, _ in renders)})")
    print(f"(b) portability report --offline --apps all: median {statistics.median(commands):.2f} s "
          f"(runs: {', '.join(f'{s:.2f}' for s in commands)}; peak RSS {max(peaks) / 2**20:.0f} MiB)")
    ok = render <= TARGET_SECONDS
    print(f"target: (a) <= {TARGET_SECONDS} s -> {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
