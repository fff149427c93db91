"""Rendering a class of targets once (harness.portability.offline.sharing), with model
classes reused across states (harness.portability.rendered), against rendering each target
on its own with every model rendered anew: every profile, as default and routed, must
print the same.

    DJANGO_SETTINGS_MODULE=... PYTHONHASHSEED=0 python -m tests.edgecases.sharecheck APP...

prints one JSON object: how many renders each way, the renders that differ, how many
targets rendered as copies of another and how many model classes were reused (so a test
can tell that sharing and reuse happened at all).
"""

from __future__ import annotations

import json
import os
import pickle
import sys


def renders(app_labels, shared: bool) -> tuple[dict, int, int]:
    """Every render of every profile (and routed), each worker's group in a forked child
    as the harness runs it; how many renders were copies of another target's and how many
    model classes were reused."""
    from harness.portability import profiles, render_walk, workers
    from harness.portability.targets import TargetSpec

    specs = [TargetSpec(name, profile=profiles.get(name)) for name in profiles.PROFILES]
    loader, reads = workers.load_migrations()
    groups = workers.plan_groups(specs, loader, reads, workers.project_default_profile())
    found, copies, reused = {}, 0, 0
    running: list = []  # (read end, pid): up to one child per core renders at a time

    def collect() -> None:
        nonlocal copies, reused
        read, pid = running.pop(0)
        with os.fdopen(read, "rb") as data:
            rendered, copied, hits = pickle.load(data)
        os.waitpid(pid, 0)
        found.update({_key(r): _text(r) for r in rendered})
        copies += copied
        reused += hits

    for group in groups:
        if len(running) >= (os.cpu_count() or 1):
            collect()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: render, send (renders, copies), exit
            os.close(read)
            sent = _render(group, app_labels, loader, shared, render_walk, workers)
            with os.fdopen(write, "wb") as out:
                pickle.dump(sent, out)
            os._exit(0)
        os.close(write)
        running.append((read, pid))
    while running:
        collect()
    return found, copies, reused


def _render(group, app_labels, loader, shared, render_walk, workers):
    from harness.portability.rendered import CLASSES

    rendered, copies = [], [0]
    original = render_walk._Lane._copies

    def counted(self, one, names):
        copies[0] += len(names) if one is not None else 0
        return original(self, one, names)

    render_walk._Lane._copies = counted
    if not shared:
        render_walk._classes = lambda sides, grouping=None: (dict(sides), {})
        CLASSES.enabled = False

    class Collector:
        def result(self, r):
            rendered.append(r)

        def flush(self):
            pass

        def send(self, kind, payload=None):
            assert kind not in ("lost", "failed"), payload

    workers._render_group(group, app_labels, loader, Collector(), True)
    return rendered, copies[0], CLASSES.hits


def _key(r) -> str:
    return f"{r.target}|{r.app_label}|{r.name}|{'routed' if r.routed else 'default'}"


def _text(r):
    def one(rendering):
        return None if rendering is None else [rendering.sql, rendering.status, rendering.reason,
                                               [v.__dict__ for v in rendering.volatile]]
    return [one(r.forwards), one(r.backwards)]


def main(app_labels) -> dict:
    import django

    django.setup()
    if app_labels == ["all"]:
        from harness.portability.collect import check_apps
        from django.db.migrations.loader import MigrationLoader

        app_labels = check_apps(["all"], MigrationLoader(None, replace_migrations=False))
    together, copies, reused = renders(app_labels, shared=True)
    apart, _, _ = renders(app_labels, shared=False)
    differ = sorted(k for k in together.keys() & apart.keys() if together[k] != apart[k])
    return {"shared": len(together), "alone": len(apart), "copies": copies, "reused": reused,
            "only_one_way": sorted(together.keys() ^ apart.keys())[:20], "differ": differ[:20],
            "differ_count": len(differ)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
