"""Follow a :class:`~.walk.MigrationWalk` on every side, rendering each migration forwards
and backwards as ``sqlmigrate`` prints it (see ``ddl.py`` for one render).

A *lane* is one way through the walk: the project states it builds and the sides that
render along it. There is one lane, plus — where migration modules read the default
connection when imported (``routed``) — a routed lane: forked at the first such migration
whose routed import renders otherwise, it goes on with those imports, each side routed
beside the project's default, on a copy of the side's catalog. From there on both differ
(a vendor-conditional index, say, is dropped later by an AlterField on every target).
Where code outside Django read the default connection while a migration rendered (a
custom field's db_type asking ``django.db.connection``), the whole walk renders routed too.
"""

from __future__ import annotations

import contextlib

from django.db.migrations.exceptions import IrreversibleError

from . import defaults

from .ddl import BACKWARDS, Collected, RenderedMigration, collect, rendering, traceable
from .editors import NeedsData
from .offline import connection_for
from .offline.wrappers import ServerNeeded
from .sides import OfflineSide
from .walk import RENDER, RESET, MigrationWalk, StateBuilder


def render_walk(walk: MigrationWalk, sides: dict, emit, backwards: bool = True, lost=None,
                routed=None) -> set[str]:
    """``emit(RenderedMigration)`` for each rendered migration on each side. A live side
    whose server stops answering is dropped and recorded in ``lost`` ({name: reason}); the
    others carry on. ``routed``: (default connection, {node: Migration}) — also render the
    offline sides as routed secondary aliases of that default where that differs; the
    migrations are those whose modules read the default when imported, imported with it.
    Returns the modules outside Django that read the default connection while rendering."""
    lost = {} if lost is None else lost
    main = _Lane(StateBuilder(walk), dict(sides), emit)
    shadow, unfollowed, readers = None, False, set()
    with defaults.recording_user_reads() if routed else contextlib.nullcontext() as reads:
        for step in walk.steps():
            forked = False
            if shadow is None and routed and step.kind == RENDER and step.node in routed[1]:
                shadow = _routed_lane(main, routed, emit)
                forked = shadow is not None
            rendered_routed = shadow.step(step, backwards, lost) if shadow else {}
            if reads:
                reads.seen.clear()
            rendered = main.step(step, backwards, lost)
            if reads and reads.seen:
                readers |= reads.seen
                unfollowed = unfollowed or shadow is None  # and the routed lane did not follow
            if forked and not _diverged(walk.migration(step.node), routed[1][step.node], rendered,
                                        rendered_routed):
                shadow = None  # renders alike either way: nothing to follow yet
    if unfollowed:  # render all of it routed (what it emits replaces the forked lane's)
        fresh = _Lane(StateBuilder(walk), {}, emit)
        lane = _routed_lane(fresh, routed, emit, sides={
            name: OfflineSide(connection_for(side.connection.profile)) for name, side in sides.items()
            if isinstance(side, OfflineSide)})
        for step in walk.steps() if lane else ():
            lane.step(step, backwards, lost)
    return readers


def _routed_lane(main: "_Lane", routed, emit, sides=None) -> "_Lane | None":
    default, migrations = routed
    sides = {name: side.fork(default) for name, side in (sides or main.active).items()
             if isinstance(side, OfflineSide)}
    if not sides:
        return None

    def emit_routed(rendered: RenderedMigration) -> None:
        rendered.routed = True
        emit(rendered)

    return _Lane(main.states.fork(migrations), sides, emit_routed)


def _diverged(migration, routed_migration, rendered: dict, rendered_routed: dict) -> bool:
    """Whether the routed import changed the project state or any side's SQL."""
    if defaults.comparable(migration.operations) != defaults.comparable(routed_migration.operations):
        return True
    return any(_text(rendered.get(name)) != _text(other) for name, other in rendered_routed.items())


def _text(rendered: RenderedMigration | None):
    if rendered is None:
        return None
    backwards = rendered.backwards
    return (rendered.forwards.sql, rendered.forwards.status,
            None if backwards is None else (backwards.sql, backwards.status))


class _Lane:
    def __init__(self, states: StateBuilder, sides: dict, emit):
        self.states, self.active, self.emit = states, sides, emit

    def step(self, step, backwards: bool, lost: dict) -> dict[str, RenderedMigration]:
        """Follow one step of the walk on every side; what each rendered (RENDER steps)."""
        states, active = self.states, self.active
        if step.kind == RESET:
            for side in active.values():
                side.reset()
            return {}
        migration = states.migration(step.node)
        trace: list | None = [] if traceable(migration) else None
        forwards = collect(migration, states.state_before(step.node), active, trace=trace)
        if trace:
            states.adopt(step.node, trace[-1])  # the state after it: not built again
        running = {name: side for name, side in active.items() if side.needs_run(forwards[name])}
        for name, side in active.items():
            if name not in running:
                side.applied(migration, forwards[name], lambda: states.state_before(step.node))
        if running:  # run statement by statement, every such side in one lockstep render
            for side in running.values():
                side.begin_run()
            ran = collect(migration, states.state_before(step.node), running)
            for name, side in running.items():
                side.end_run(migration, forwards[name], ran[name])
                forwards[name] = _as_migrate_runs(forwards[name], ran[name])
        for name, side in list(active.items()):
            if forwards[name].error is not None and (why := side.lost()):
                lost[name] = f"lost the server while rendering {step.node[0]}.{step.node[1]}: {why}"
                del active[name]
        if step.kind != RENDER:
            return {}
        backward = collect(migration, states.state_before(step.node), active, backwards=True,
                           trace=trace) if backwards else {}
        for side in active.values():
            side.discard()  # a backwards render records nothing
        failing = {name: side for name, side in active.items() if backwards and hasattr(side, "end_backwards_run")
                   and backward[name].error is not None and not isinstance(backward[name].error, IrreversibleError)}
        if failing:  # what migrate runs where sqlmigrate --backwards cannot collect it
            for side in failing.values():
                side.begin_run()
            ran = collect(migration, states.state_before(step.node), failing, backwards=True)
            for name, side in failing.items():
                side.end_backwards_run()
                backward[name] = _as_migrate_runs(backward[name], ran[name])
        rendered = {}
        for name, side in active.items():
            rendered[name] = RenderedMigration(
                name, step.node[0], step.node[1],
                rendering(forwards[name], migration, side),
                rendering(backward[name], migration, side, BACKWARDS) if backwards else None,
            )
            self.emit(rendered[name])
        return rendered


def _as_migrate_runs(collected: Collected, ran: Collected | None) -> Collected:
    """Where sqlmigrate fails only because nothing runs while it collects (an operation
    introspects a table an earlier one renamed), what migrate runs, with sqlmigrate's error."""
    if collected.error is None or ran is None or ran.error is not None \
            or isinstance(collected.error, (NeedsData, ServerNeeded)):
        return collected
    return Collected(ran.statements, None, None, collected.editor, sqlmigrate_error=collected.error)
