"""Render targets in worker processes, each target as the default alias of its process.

Everything renders with ``PYTHONHASHSEED=0``: Django orders some statements by iterating a
set (``unique_together``, AlterUniqueTogether's differences), so only a fixed hash seed
prints them the same way on every run — and as sqlmigrate prints them with that seed.
When this process has another seed, one fresh process with seed 0 (:func:`main`) plans
and forks the workers and streams their messages back.

Targets are grouped (:func:`plan_groups`): offline profiles of one vendor share a process
and one walk of the migration graph (their models render alike: Django truncates table
names to the *default* alias's limit), split further when a migration module reads the
default connection when imported and defines something else for some of them (wagtail's
``if connection.vendor == "mysql" and not connection.mysql_is_mariadb``). Each live alias
gets a process of its own, with its scratch database. Workers are forked from the command
process (Django and the project's models already imported, so a worker starts in
milliseconds), at most ``parallel`` at a time, and send back plain dataclasses.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
import pickle
import sys
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import wait

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.migrations.loader import MigrationLoader

from . import defaults
from .databases import describe_error
from .targets import TargetSpec


@dataclass
class Group:
    """Targets rendered by one worker, the first of them the default alias at import time."""

    specs: list[TargetSpec]
    reimport: frozenset = frozenset()  # migration modules to import afresh in the worker
    cost: float = 1.0
    label: str = ""
    # Render as routed secondary aliases, this profile the default alias (seed 003's setup).
    routed_default: str | None = None

    @property
    def names(self) -> list[str]:
        return [spec.name for spec in self.specs]


@dataclass
class Message:
    kind: str  # "result" | "progress" | "lost" | "failed" | "done"
    group: str
    payload: object = None


@dataclass
class Outcome:
    """What the workers sent, for the collector."""

    results: list = field(default_factory=list)  # RenderedMigration
    routed: list = field(default_factory=list)  # RenderedMigration as a routed secondary alias
    routed_error: str | None = None  # why the routed renders are missing
    lost: dict[str, str] = field(default_factory=dict)  # target -> why it is unavailable
    apply_errors: dict = field(default_factory=dict)  # (target, app, name) -> reason


def load_migrations() -> tuple[MigrationLoader, frozenset]:
    """The migration graph as sqlmigrate loads it, and the migration modules that read the
    default connection (or settings.DATABASES) while they were imported."""
    with defaults.recording_default_reads(defaults.migration_prefixes()) as recorder:
        loader = MigrationLoader(None, replace_migrations=False)
    return loader, frozenset(recorder.modules)


def plan_groups(specs: list[TargetSpec], loader: MigrationLoader, reads: frozenset,
                routed_default: str | None = None) -> list[Group]:
    """Workers for ``specs``; with ``routed_default`` (a profile name), one more that renders
    every offline target of another vendor as a routed secondary alias of that default."""
    from . import profiles
    from .offline import connection_for

    by_vendor: dict[str, list[TargetSpec]] = {}
    groups = []
    for spec in specs:
        if spec.live:
            groups.append(Group([spec], reads, cost=3.0, label=spec.name))
        else:
            by_vendor.setdefault(spec.profile.vendor, []).append(spec)
    for vendor, members in by_vendor.items():
        split: dict[tuple, list[TargetSpec]] = {}
        for spec in members:
            signature = defaults.import_signature(loader, reads, connection_for(spec.profile)) if reads else ()
            split.setdefault(signature, []).append(spec)
        for part in split.values():
            groups.append(Group(part, reads, cost=1.0 + 0.3 * len(part), label=" · ".join(s.name for s in part)))
    if routed_default:
        vendor = profiles.get(routed_default).vendor
        routed = [s for s in specs if not s.live and s.profile.vendor != vendor]
        if routed:
            groups.append(Group(routed, reads, cost=1.0 + 0.3 * len(routed), label="routed",
                                routed_default=routed_default))
    return sorted(groups, key=lambda g: -g.cost)


def project_default_profile() -> str | None:
    """The offline profile standing for the project's own default alias, as routed
    secondary aliases render beside it: its vendor's newest profile."""
    from . import profiles

    vendor = connections[DEFAULT_DB_ALIAS].vendor
    found = [p for p in profiles.PROFILES.values() if p.vendor == vendor and not p.mariadb]
    return max(found, key=lambda p: p.version).name if found else None


def seed_is_fixed() -> bool:
    return os.environ.get("PYTHONHASHSEED") == "0"


@dataclass
class Job:
    """What the seed-0 process is asked to render (picklable)."""

    app_labels: list[str]
    specs: list[TargetSpec]
    settings_module: str
    parallel: int | None = None
    backwards: bool = True
    routed_default: str | None = None  # also render routed beside this default (a profile)


def render(app_labels, specs: list[TargetSpec], parallel: int | None = None, progress=None,
           backwards: bool = True, routed: bool = False) -> Outcome:
    """Every migration of ``app_labels`` on every target, in worker processes; with
    ``routed``, the offline targets also as routed secondary aliases of the project's default."""
    from django.conf import settings

    job = Job(list(app_labels), list(specs), settings.SETTINGS_MODULE, parallel, backwards,
              project_default_profile() if routed else None)
    if seed_is_fixed():
        return serve(job, progress)
    return _render_in_seed_zero_process(job, progress)


def render_offline(app_labels, profile_names, backwards: bool = True) -> dict[str, list]:
    """{profile name: [RenderedMigration, ...] in walk order} for offline profiles."""
    from . import profiles

    outcome = render(app_labels, [TargetSpec(n, profile=profiles.get(n)) for n in profile_names],
                     backwards=backwards)
    if outcome.lost:
        raise RuntimeError(f"rendering failed: {outcome.lost}")
    rendered: dict[str, list] = {name: [] for name in profile_names}
    for result in outcome.results:
        rendered[result.target].append(result)
    return rendered


def serve(job: Job, progress=None) -> Outcome:
    loader, reads = load_migrations()
    groups = plan_groups(job.specs, loader, reads, job.routed_default)
    return run_groups(job.app_labels, groups, loader, job.parallel, progress, job.backwards)


def _render_in_seed_zero_process(job: Job, progress) -> Outcome:
    import subprocess

    env = {**os.environ, "PYTHONHASHSEED": "0", "DJANGO_SETTINGS_MODULE": job.settings_module}
    process = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, env=env)
    process.stdin.write(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
    process.stdin.close()
    outcome = Outcome()
    while True:
        header = process.stdout.read(8)
        if len(header) < 8:
            break
        message = pickle.loads(process.stdout.read(int.from_bytes(header, "big")))
        if message.kind == "progress" and progress is not None:
            progress(message.group, *message.payload)
        elif message.kind == "outcome":
            outcome = message.payload
    code = process.wait()
    if code != 0 and not outcome.results:
        for spec in job.specs:
            outcome.lost.setdefault(spec.name, f"the rendering process failed (exit code {code})")
    return outcome


def main() -> int:
    """The seed-0 process: read a Job on stdin, write progress and the Outcome on stdout."""
    import django

    job = pickle.loads(sys.stdin.buffer.read())
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # what migrations print must not mix with the messages

    def send(message: Message) -> None:
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        out.write(len(data).to_bytes(8, "big") + data)
        out.flush()

    django.setup()
    outcome = serve(job, lambda group, done, total: send(Message("progress", group, (done, total))))
    send(Message("outcome", "", outcome))
    return 0


def run_groups(app_labels, groups: list[Group], loader: MigrationLoader, parallel: int | None = None,
               progress=None, backwards: bool = True) -> Outcome:
    """Run every group in a worker (at most ``parallel`` at once) and gather what they send."""
    parallel = max(1, parallel or os.cpu_count() or 1)
    outcome = Outcome()
    pending = list(groups)
    running: dict = {}
    context = multiprocessing.get_context("fork")
    connections.close_all()  # a forked worker must never share a socket with this process
    while pending or running:
        while pending and len(running) < parallel:
            group = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(group, app_labels, loader, sender, backwards),
                                      daemon=True)
            process.start()
            sender.close()
            running[receiver] = (group, process, False)
        for receiver in wait(list(running)):
            group, process, finished = running[receiver]
            try:
                message = pickle.loads(receiver.recv_bytes())
            except (EOFError, OSError):
                process.join()
                if not finished and group.routed_default:
                    outcome.routed_error = f"the routed renderer stopped (exit code {process.exitcode})"
                elif not finished:
                    for name in group.names:
                        outcome.lost.setdefault(name, f"the renderer stopped (exit code {process.exitcode})")
                del running[receiver]
                continue
            if message.kind == "result":
                (outcome.routed if group.routed_default else outcome.results).extend(message.payload)
            elif message.kind == "progress" and progress is not None:
                progress(message.group, *message.payload)
            elif message.kind == "failed" and group.routed_default:
                outcome.routed_error = message.payload  # the targets themselves are fine
            elif message.kind == "lost":
                outcome.lost.update(message.payload)
            elif message.kind == "apply_errors":
                outcome.apply_errors.update(message.payload)
            elif message.kind == "failed":
                for name in group.names:
                    outcome.lost.setdefault(name, message.payload)
            elif message.kind == "done":
                running[receiver] = (group, process, True)
    return outcome


class _Sender:
    """Batches results so a large plan costs few pipe writes."""

    def __init__(self, pipe, group: str):
        self.pipe, self.group, self.batch = pipe, group, []

    def send(self, kind, payload=None):
        self.pipe.send_bytes(pickle.dumps(Message(kind, self.group, payload), pickle.HIGHEST_PROTOCOL))

    def result(self, rendered):
        self.batch.append(rendered)
        if len(self.batch) >= 64:
            self.flush()

    def flush(self):
        if self.batch:
            self.send("result", self.batch)
            self.batch = []


def _worker(group: Group, app_labels, loader, pipe, backwards) -> None:
    sender = _Sender(pipe, group.label)
    try:
        _render_group(group, app_labels, loader, sender, backwards)
        sender.flush()
        sender.send("done")
    except BaseException as exc:  # the parent reports it; the other workers carry on
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        sender.send("failed", f"the renderer failed: {describe_error(exc)} ({detail.splitlines()[-1]})")
        print(traceback.format_exc(), file=sys.stderr)
    finally:
        pipe.close()
        os._exit(0)  # no atexit, no finalizers: inherited sockets stay the parent's


def _render_group(group: Group, app_labels, loader, sender, backwards) -> None:
    from asgiref.local import Local

    from .ddl import render_walk
    from .walk import MigrationWalk

    # Forget (without closing) the connections inherited from the parent.
    _inherited.append(connections._connections)
    connections._connections = Local(connections.thread_critical)
    router.__dict__["routers"] = []  # one database: every app migrates on it
    default = None
    if group.routed_default:
        from . import profiles
        from .offline import connection_for

        default = connection_for(profiles.get(group.routed_default))
    sides = {spec.name: _side(spec, default) for spec in group.specs}
    first = next(iter(sides.values()))
    try:
        if group.reimport:
            defaults.reimport(group.reimport)
            with defaults.as_default(first.default):
                loader = MigrationLoader(None, replace_migrations=False)
        walk = MigrationWalk(app_labels, loader)
        total = len(walk.rendered)
        done = 0

        def emit(rendered):
            nonlocal done
            sender.result(rendered)
            if rendered.target == group.specs[0].name:
                done += 1
                if done % 10 == 0 or done == total:
                    sender.flush()
                    sender.send("progress", (done, total))

        lost: dict[str, str] = {}
        render_walk(walk, sides, emit, backwards=backwards, lost=lost)
        if lost:
            sender.send("lost", lost)
        errors = {(name, *key): why for name, side in sides.items()
                  for key, why in getattr(side, "apply_errors", {}).items()}
        if errors:
            sender.send("apply_errors", errors)
    finally:
        for side in sides.values():
            if hasattr(side, "close"):
                side.close()


_inherited: list = []


def _side(spec: TargetSpec, default=None):
    from .editors import rendering_editor_class
    from .offline import connection_for
    from .sides import LiveSide, OfflineSide

    if not spec.live:
        return OfflineSide(connection_for(spec.profile), default)
    settings_dict = copy.deepcopy(connections.settings[spec.alias])
    wrapper = type(connections.create_connection(spec.alias))
    connection = wrapper(settings_dict, DEFAULT_DB_ALIAS)
    connection.SchemaEditorClass = rendering_editor_class(wrapper.SchemaEditorClass)
    return LiveSide(connection)


if __name__ == "__main__":
    # Under its importable name, so what it pickles unpickles in the parent.
    from harness.portability.workers import main as serve_job

    sys.exit(serve_job())
