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
import dataclasses
import functools
import multiprocessing
import os
import pickle
import sys
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import wait

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.migrations.loader import MigrationLoader

from . import defaults, hashseed
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
    # Also render, as routed secondary aliases of this default, the migrations that read
    # the default connection when imported (the rest renders alike routed or not).
    also_routed: str | None = None

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
    # Modules outside Django that read the default connection while migrations rendered.
    default_readers: set = field(default_factory=set)


@functools.cache
def load_migrations() -> tuple[MigrationLoader, frozenset]:
    """The migration graph as sqlmigrate loads it, and the migration modules that read the
    default connection (or settings.DATABASES) while they were imported. Once per process:
    the collector's checks and plan read the same loader."""
    prefixes = defaults.migration_prefixes()
    # Imported afresh: a module imported earlier (in this process) reads nothing now.
    defaults.reimport([name for name in sys.modules if name.startswith(prefixes)])
    with defaults.recording_default_reads(prefixes) as recorder:
        loader = MigrationLoader(None, replace_migrations=False)
    return loader, frozenset(recorder.modules)


def plan_groups(specs: list[TargetSpec], loader: MigrationLoader, reads: frozenset,
                routed_default: str | None = None, parallel: int = 2) -> list[Group]:
    """Workers for ``specs``.

    Offline targets share a worker (and one walk of the graph) where their models render
    alike: the same migrations when imported (``reads``: modules that read the default
    connection) and the same answers to what Django asks the *default* alias while it
    renders models (:func:`render_key`). Groups are split further to keep every core busy.
    With ``routed_default`` (a profile), targets that render otherwise beside it also get a
    worker rendering them as routed secondary aliases of that default (seed 003's setup).
    """
    from . import profiles
    from .offline import connection_for

    long_names = _long_auto_names(loader)
    default = profiles.get(routed_default) if routed_default else None
    routed_key = render_key(default, long_names) if default else None
    groups, shared, apart = [], {}, []
    for spec in specs:
        if spec.live:
            groups.append(Group([spec], reads, cost=3.0, label=spec.name))
            continue
        signature = defaults.import_signature(loader, reads, connection_for(spec.profile)) if reads else ()
        key = render_key(spec.profile, long_names)
        shared.setdefault((signature, key), []).append(spec)
        if default and spec.profile.empty_strings_are_null != default.empty_strings_are_null:
            # What Django asks the default while it writes SQL differs: render it routed too,
            # in the same walk where the models render alike beside either default.
            routed = dataclasses.replace(spec, routed=True)
            shared[signature, key].append(routed) if key == routed_key else apart.append(routed)
    for (_, key), members in shared.items():
        groups.append(Group(members, reads, cost=_cost(members), label=" · ".join(s.key for s in members),
                            also_routed=routed_default if key == routed_key else None))
    if apart:  # beside the default their models render otherwise: a walk of their own
        groups.append(Group(apart, reads, cost=_cost(apart), label="routed", routed_default=routed_default))
    return _balanced(groups, parallel)


def render_key(profile, long_names: int) -> int | None:
    """What Django asks the default alias while it renders models: Options truncates auto
    table names to its max_name_length (which matters only past ``long_names`` characters).
    (Profile data, so that planning loads no backend: each worker loads its own.)"""
    limit = profile.max_name_length
    return limit if limit is not None and long_names > limit else None


def _long_auto_names(loader: MigrationLoader) -> int:
    """The longest table name Django derives (app_model, app_model_m2mfield) in any migration."""
    from django.db.migrations import operations

    longest = 0
    for (app_label, _), migration in loader.disk_migrations.items():
        for op in migration.operations:
            if isinstance(op, operations.CreateModel) and not op.options.get("db_table"):
                table = f"{app_label}_{op.name_lower}"
                longest = max(longest, len(table), *(len(f"{table}_{name}") for name, field in op.fields
                                                     if field.many_to_many))
            elif isinstance(op, operations.RenameModel):
                longest = max(longest, len(f"{app_label}_{op.new_name_lower}"))
    return longest


def _units(specs) -> list[list[TargetSpec]]:
    """The specs that render as one (render_walk shares one engine's targets until what they
    read tells them apart; MySQL and MariaDB part at once): kept in one worker."""
    units: dict = {}
    for spec in specs:
        key = spec.name if spec.live else (spec.profile.engine, spec.profile.mariadb, spec.routed)
        units.setdefault(key, []).append(spec)
    return list(units.values())


def _cost(specs) -> float:
    # One walk of the state, then each unit's SQL (a shared target costs only its copies;
    # SQLite remakes a table for most changes).
    return 0.7 + sum(_unit_cost(unit) for unit in _units(specs))


def _unit_cost(unit) -> float:
    return (1.5 if unit[0].profile and unit[0].profile.vendor == "sqlite" else 1.0) + 0.1 * (len(unit) - 1)


def _balanced(groups: list[Group], parallel: int) -> list[Group]:
    """Split the costliest group in two (between its units, the best way) while that
    shortens the run on ``parallel`` cores: each group pays for its own walk of the state."""
    groups = sorted(groups, key=lambda g: -g.cost)
    while True:
        biggest = groups[0]
        units = _units(biggest.specs)
        if len(units) < 2 or biggest.specs[0].live:
            return groups
        best, best_span = groups, _makespan(groups, parallel)
        for mask in range(1, 2 ** (len(units) - 1)):  # units[-1] always in the second part
            parts = [[s for i, unit in enumerate(units) if bool(mask >> i & 1) == side for s in unit]
                     for side in (True, False)]
            split = [Group(p, biggest.reimport, _cost(p), " · ".join(s.key for s in p),
                           biggest.routed_default, biggest.also_routed) for p in parts] + groups[1:]
            if (span := _makespan(split, parallel)) < best_span:
                best, best_span = split, span
        if best is groups:
            return groups
        groups = sorted(best, key=lambda g: -g.cost)


def _makespan(groups: list[Group], parallel: int) -> float:
    """How long the groups take on ``parallel`` cores, each next group on the first free one."""
    cores = [0.0] * max(1, parallel)
    for group in sorted(groups, key=lambda g: -g.cost):
        cores[cores.index(min(cores))] += group.cost
    return max(cores)


def project_default_profile() -> str | None:
    """The offline profile standing for the project's own default alias, as routed
    secondary aliases render beside it: its vendor's newest profile."""
    from . import profiles

    vendor = connections[DEFAULT_DB_ALIAS].vendor
    found = [p for p in profiles.PROFILES.values() if p.vendor == vendor and not p.mariadb]
    return max(found, key=lambda p: p.version).name if found else None


@dataclass
class Job:
    """What the seed-0 process is asked to render (picklable)."""

    app_labels: list[str]
    specs: list[TargetSpec]
    settings_module: str
    parallel: int | None = None
    backwards: bool = True
    routed_default: str | None = None  # also render routed beside this default (a profile)
    only: frozenset | None = None  # render only these nodes (an incremental render)


def render(app_labels, specs: list[TargetSpec], parallel: int | None = None, progress=None,
           backwards: bool = True, routed: bool = False, only=None, on_results=None) -> Outcome:
    """Every migration of ``app_labels`` on every target, in worker processes; with
    ``routed``, the offline targets also as routed secondary aliases of the project's default;
    with ``only`` (nodes), just those, against the database the whole walk holds (since.py).
    ``on_results(list of RenderedMigration)`` is told of renders as they arrive."""
    from django.conf import settings

    job = Job(list(app_labels), list(specs), settings.SETTINGS_MODULE, parallel, backwards,
              project_default_profile() if routed else None, None if only is None else frozenset(only))
    if hashseed.is_fixed():
        return serve(job, progress, on_results)
    return _render_in_seed_zero_process(job, progress, on_results)


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


def serve(job: Job, progress=None, on_results=None) -> Outcome:
    from .since import relevant
    from .walk import MigrationWalk

    loader, reads = load_migrations()
    selection = None
    if job.only is not None:
        walk = MigrationWalk(job.app_labels, loader)
        chosen = set(job.only) & set(walk.rendered)
        if not chosen:
            return Outcome()
        selection = relevant(walk, chosen, loader)
    groups = plan_groups(job.specs, loader, reads, job.routed_default,
                         max(1, job.parallel or os.cpu_count() or 1))
    _load_backends(job.specs)
    return run_groups(job.app_labels, groups, loader, job.parallel, progress, job.backwards, selection,
                      on_results)


def _load_backends(specs) -> None:
    """Import every target's backend (and its driver) here, once: the forked workers share
    them, and so does this process when it reads the targets' columns afterwards."""
    from django.db.utils import load_backend

    from .offline import connection_for

    for spec in specs:
        try:
            if spec.live:
                load_backend(connections.settings[spec.alias]["ENGINE"])
            else:
                connection_for(spec.profile)
        except Exception:  # noqa: BLE001 - the worker that renders it says what is wrong
            pass


def _render_in_seed_zero_process(job: Job, progress, on_results=None) -> Outcome:
    import subprocess

    env = {**os.environ, "PYTHONHASHSEED": "0", "DJANGO_SETTINGS_MODULE": job.settings_module}
    process = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, env=env)
    process.stdin.write(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
    process.stdin.close()
    outcome, streamed = None, []
    while True:
        header = process.stdout.read(8)
        if len(header) < 8:
            break
        message = pickle.loads(process.stdout.read(int.from_bytes(header, "big")))
        if message.kind == "progress" and progress is not None:
            progress(message.group, *message.payload)
        elif message.kind == "result":
            streamed.extend(message.payload)
            if on_results is not None:
                on_results(message.payload)
        elif message.kind == "outcome":
            outcome = message.payload
    code = process.wait()
    finished = outcome is not None
    outcome = outcome or Outcome()
    for rendered in streamed:  # the results came as they were rendered, not in the outcome
        (outcome.routed if rendered.routed else outcome.results).append(rendered)
    if not finished:
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
    outcome = serve(job, lambda group, done, total: send(Message("progress", group, (done, total))),
                    lambda batch: send(Message("result", "", batch)))
    outcome.results, outcome.routed = [], []  # sent already
    send(Message("outcome", "", outcome))
    return 0


def run_groups(app_labels, groups: list[Group], loader: MigrationLoader, parallel: int | None = None,
               progress=None, backwards: bool = True, selection=None, on_results=None) -> Outcome:
    """Render every group in a pool of at most ``parallel`` worker processes, each taking the
    next group (costliest first) when it is through with one, and gather what they send.
    A worker keeps the model classes it rendered (rendered.py) from one group to the next:
    most of another group's walk renders the same models."""
    parallel = max(1, min(parallel or os.cpu_count() or 1, len(groups)))
    outcome = Outcome()
    context = multiprocessing.get_context("fork")
    pending = list(range(len(groups)))
    connections.close_all()  # a forked worker must never share a socket with this process
    running: dict = {}  # pipe -> [process, the index of the group it renders]

    def hand_out(pipe) -> None:
        index = pending.pop(0) if pending else None
        running[pipe][1] = index
        try:
            pipe.send(index)
        except OSError:  # it stopped; its end of the pipe tells the loop below
            pass

    for _ in range(parallel):
        mine, theirs = context.Pipe()
        process = context.Process(target=_worker, args=(groups, app_labels, loader, theirs, backwards, selection),
                                  daemon=True)
        process.start()
        theirs.close()
        running[mine] = [process, None]
        hand_out(mine)
    finished: set = set()
    while running:
        for pipe in wait(list(running)):
            process, current = running[pipe]
            try:
                message = pickle.loads(pipe.recv_bytes())
            except (EOFError, OSError):
                process.join()
                if current is not None:
                    _stopped(outcome, groups[current], f"the renderer stopped (exit code {process.exitcode})")
                del running[pipe]
                continue
            group = groups[current]
            if message.kind == "result":
                for rendered in message.payload:
                    (outcome.routed if rendered.routed else outcome.results).append(rendered)
                if on_results is not None:
                    on_results(message.payload)
            elif message.kind == "progress" and progress is not None:
                progress(message.group, *message.payload)
            elif message.kind == "failed" and group.routed_default:
                outcome.routed_error = message.payload  # the targets themselves are fine
            elif message.kind == "lost":
                outcome.lost.update(message.payload)
            elif message.kind == "apply_errors":
                outcome.apply_errors.update(message.payload)
            elif message.kind == "default_readers":
                outcome.default_readers.update(message.payload)
            elif message.kind == "failed":
                for name in group.names:
                    outcome.lost.setdefault(name, message.payload)
            elif message.kind == "done":
                finished.add(current)
                hand_out(pipe)
    for index, group in enumerate(groups):  # every worker stopped before taking these
        if index not in finished:
            _stopped(outcome, group, "no renderer was left to render it")
    return outcome


def _stopped(outcome: Outcome, group: Group, why: str) -> None:
    if group.routed_default:
        outcome.routed_error = outcome.routed_error or why.replace("renderer", "routed renderer")
    else:
        for name in group.names:
            outcome.lost.setdefault(name, why)


class _Sender:
    """Batches results so a large plan costs few pipe writes."""

    def __init__(self, pipe, group: str = ""):
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


def _worker(groups, app_labels, loader, pipe, backwards, selection) -> None:
    """Render the groups the parent hands out (their indexes), one at a time, until None."""
    sender = _Sender(pipe)
    try:
        while (index := pipe.recv()) is not None:
            group = groups[index]
            sender.group = group.label
            try:
                _render_group(group, app_labels, loader, sender, backwards, selection)
                sender.flush()
            except BaseException as exc:  # the parent reports it; the other groups carry on
                sender.batch = []
                why, detail = describe_error(exc), traceback.format_exception_only(type(exc), exc)[-1].strip()
                sender.send("failed", f"the renderer failed: {why}" + ("" if detail in why else f" ({detail})"))
                print(traceback.format_exc(), file=sys.stderr)
                if not isinstance(exc, Exception):
                    break
            sender.send("done")
    except EOFError:  # the parent is gone
        pass
    finally:
        pipe.close()
        os._exit(0)  # no atexit, no finalizers: inherited sockets stay the parent's


def _render_group(group: Group, app_labels, loader, sender, backwards, selection=None) -> None:
    from asgiref.local import Local

    from . import profiles
    from .offline import connection_for
    from .offline.catalog import Partial
    from .since import Selection
    from .walk import MigrationWalk

    # Forget (without closing) the connections inherited from the parent.
    _inherited.append(connections._connections)
    connections._connections = Local(connections.thread_critical)
    router.__dict__["routers"] = []  # one database: every app migrates on it
    defaults.uncache_field_defaults()
    beside = group.routed_default or group.also_routed
    default = connection_for(profiles.get(beside)) if beside else None

    def sides():
        return {spec.key: _side(spec, default if spec.routed or group.routed_default else None)
                for spec in group.specs}

    first = sides()
    if group.reimport:
        defaults.reimport(group.reimport)
        with defaults.as_default(next(iter(first.values())).default):
            loader = MigrationLoader(None, replace_migrations=False)
    routed = _routed_imports(group, loader, default) if group.also_routed else None
    walk = MigrationWalk(app_labels, loader)
    if selection is not None and any(spec.live for spec in group.specs):
        selection = Selection(selection.rendered, None)  # a live database holds all of it
    try:
        _render_sides(group, first, walk, sender, backwards, routed, selection)
    except Partial:  # what the replayed part does not know: replay all of it (offline only)
        _render_sides(group, sides(), walk, sender, backwards, routed, Selection(selection.rendered, None))


def _render_sides(group: Group, sides: dict, walk, sender, backwards, routed, selection) -> None:
    from .render_walk import render_walk

    total = len(walk.rendered) if selection is None else len(selection.rendered)
    done = 0
    # An incremental render may start again: its results are sent once it is through.
    held: list | None = None if selection is None else []

    def emit(rendered):
        nonlocal done
        rendered.routed = rendered.routed or bool(group.routed_default)
        sender.result(rendered) if held is None else held.append(rendered)
        if rendered.target == group.specs[0].name and rendered.routed == group.specs[0].routed:
            done += 1
            if done % 10 == 0 or done == total:
                sender.flush()
                sender.send("progress", (done, total))

    try:
        lost: dict[str, str] = {}
        # Models render (Options truncating auto table names) with the group's default
        # wherever the walk renders them, as sqlmigrate renders them with its default.
        with defaults.as_default(next(iter(sides.values())).default):
            readers = render_walk(walk, sides, emit, backwards=backwards, lost=lost, routed=routed,
                                  selection=selection)
        for rendered in held or ():
            sender.result(rendered)
        if readers:
            sender.send("default_readers", sorted(readers))
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


def _routed_imports(group: Group, loader: MigrationLoader, default):
    """(default connection, {node: Migration}) for the migrations of modules that read the
    default connection when imported, imported with the routed default as default alias."""
    if not group.reimport:
        return default, {}
    names = defaults.migration_module_names(loader)
    defaults.reimport(group.reimport)
    with defaults.as_default(default):
        routed = MigrationLoader(None, replace_migrations=False)
    defaults.reimport(group.reimport)  # the walk keeps the group's own
    nodes = {names[m] for m in group.reimport if m in names}
    return default, {node: routed.graph.nodes[node] for node in nodes if node in routed.graph.nodes}


_inherited: list = []


def _side(spec: TargetSpec, default=None):
    from .editors import rendering_editor_class
    from .offline import connection_for
    from .sides import LiveSide, OfflineSide

    if not spec.live:
        return OfflineSide(connection_for(spec.profile), default, target=spec.name,
                           routed=spec.routed or default is not None)
    settings_dict = copy.deepcopy(connections.settings[spec.alias])
    wrapper = type(connections.create_connection(spec.alias))
    connection = wrapper(settings_dict, DEFAULT_DB_ALIAS)
    connection.SchemaEditorClass = rendering_editor_class(wrapper.SchemaEditorClass)
    return LiveSide(connection, target=spec.name)


if __name__ == "__main__":
    # Under its importable name, so what it pickles unpickles in the parent.
    from harness.portability.workers import main as serve_job

    sys.exit(serve_job())
