"""The migration round trip on live targets: forwards to the leaves, backwards to zero,
forwards again, the real schema compared with the migration state after each pass.

Each target runs in a process of its own with its server as the only (default) alias
(``as_default.launch(..., single=True)``: a single-database production, routers sending
every app there), in a scratch test database (run.py); a target that is unreachable or
whose run breaks off is reported unavailable and the others carry on.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from ..results import OK, UNAVAILABLE, Drift, RoundTripStep, Target

TIMEOUT_SECONDS = 1800


def _one(alias: str, app_labels, timeout: float) -> tuple[dict | None, str | None]:
    """(result, None) or (None, why it failed) of run.py on ``alias``."""
    import subprocess

    from ..as_default import launch

    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "roundtrip.json")
        argv = [sys.executable, "-m", "harness.portability.roundtrip.run", "--apps", *app_labels,
                "--output", out]
        process = launch(argv, alias, single=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            # Interrupted first, so that it still drops its scratch database; killed if it hangs.
            process.send_signal(signal.SIGINT)
            try:
                process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
            return None, f"the round trip took longer than {timeout:.0f} s"
        if process.returncode != 0 or not os.path.exists(out):
            lines = [line for line in (stderr or "").splitlines() if line.strip()]
            return None, f"the round trip failed: {lines[-1] if lines else f'exit code {process.returncode}'}"
        with open(out, encoding="utf-8") as f:
            return json.load(f), None


def round_trip(app_labels, targets: list[Target], parallel: int | None = None,
               timeout: float = TIMEOUT_SECONDS) -> tuple[list[RoundTripStep], list[Drift]]:
    """Steps and drift of every available target in ``targets`` (live ones), ``parallel`` at
    once (default: one per core, each a process of its own); a target whose run fails is
    marked unavailable with the reason."""
    from ..databases import mask_passwords

    runnable = [t for t in targets if t.status == OK]
    steps: list[RoundTripStep] = []
    drift: list[Drift] = []
    with ThreadPoolExecutor(max(1, parallel or min(len(runnable), os.cpu_count() or 1))) as pool:
        futures = {t.name: pool.submit(_one, t.name, list(app_labels), timeout) for t in runnable}
        for target in runnable:
            result, error = futures[target.name].result()
            if error:
                target.status, target.reason = UNAVAILABLE, mask_passwords(error)
                continue
            steps.extend(RoundTripStep(**{**row, "target": target.name}) for row in result["steps"])
            drift.extend(Drift(**{**row, "target": target.name}) for row in result["drift"])
    return steps, drift
