"""An incremental render (``--since``) against the whole render: each selected migration
must print, on every profile, as default and routed, what the whole walk prints.

    DJANGO_SETTINGS_MODULE=... PYTHONHASHSEED=0 python -m tests.edgecases.sincecheck STEP APP...

renders the whole plan once, then each STEP-th migration alone and a few spread-out sets
of them, and prints one JSON object: what was compared and what differs.
"""

from __future__ import annotations

import json
import sys
import time


def rendered(app_labels, only=None) -> dict:
    from harness.portability import profiles, workers
    from harness.portability.targets import TargetSpec

    specs = [TargetSpec(name, profile=profiles.get(name)) for name in profiles.PROFILES]
    outcome = workers.render(app_labels, specs, routed=True, only=only)
    assert not outcome.lost and not outcome.routed_error, (outcome.lost, outcome.routed_error)
    found = {}
    for routed, results in ((False, outcome.results), (True, outcome.routed)):
        for r in results:
            found[(r.target, r.app_label, r.name, routed)] = [
                None if one is None else [one.sql, one.status, one.reason]
                for one in (r.forwards, r.backwards)]
    # As the report pairs them (collect._pair_routed): a routed render is kept only where
    # its SQL either way or its forwards status differs from the render as the default.
    def paired(v):
        return None if v is None else (v[0][0], v[1] and v[1][0], v[0][1])
    return {k: v for k, v in found.items() if not k[3] or paired(found.get((*k[:3], False))) != paired(v)}


def main(step: int, app_labels) -> dict:
    import django

    django.setup()
    from django.db.migrations.loader import MigrationLoader

    from harness.portability.collect import check_apps
    from harness.portability.walk import MigrationWalk

    app_labels = check_apps(app_labels, MigrationLoader(None, replace_migrations=False))
    whole = rendered(app_labels)
    order = MigrationWalk(app_labels, MigrationLoader(None, replace_migrations=False)).rendered
    picks = [[node] for node in order[::step]]
    picks += [order[i::max(1, len(order) // 3)] for i in (1, 2)]  # sets spread over the plan
    differ, compared, seconds = [], 0, []
    for nodes in picks:
        started = time.perf_counter()
        alone = rendered(app_labels, only=set(nodes))
        seconds.append(time.perf_counter() - started)
        wanted = {k for k in whole if (k[1], k[2]) in set(nodes)}
        compared += len(wanted)
        differ += [list(k) for k in sorted(wanted | alone.keys()) if whole.get(k) != alone.get(k)]
    return {"selections": len(picks), "compared": compared, "differ": differ[:20],
            "differ_count": len(differ), "slowest_seconds": round(max(seconds), 2)}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), sys.argv[2:])))
