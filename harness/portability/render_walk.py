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
import dataclasses
from dataclasses import dataclass

from django.db.migrations.exceptions import IrreversibleError

from . import defaults

from .ddl import BACKWARDS, Collected, RenderedMigration, collect, rendering, traceable
from .editors import NeedsData
from .offline import connection_for, sharing
from .offline.wrappers import ServerNeeded
from .sides import OfflineSide
from .since import Selection
from .walk import PREPARE, RENDER, RESET, MigrationWalk, StateBuilder, Step


def render_walk(walk: MigrationWalk, sides: dict, emit, backwards: bool = True, lost=None,
                routed=None, selection: Selection | None = None) -> set[str]:
    """``emit(RenderedMigration)`` for each rendered migration on each side. A live side
    whose server stops answering is dropped and recorded in ``lost`` ({name: reason}); the
    others carry on. ``routed``: (default connection, {node: Migration}) — also render the
    offline sides as routed secondary aliases of that default where that differs; the
    migrations are those whose modules read the default when imported, imported with it.
    ``selection`` (an incremental render): only its migrations render, after replaying
    those it names (see since.py). Returns the modules outside Django that read the default
    connection while rendering."""
    lost = {} if lost is None else lost
    main = _Lane(StateBuilder(walk, render=selection is None), dict(sides), emit)
    shadow, unfollowed, readers = None, False, set()
    steps = walk.steps() if selection is None else _selected_steps(walk, selection, sides)
    with defaults.recording_user_reads() if routed else contextlib.nullcontext() as reads:
        for step in steps:
            forked = False
            if shadow is None and routed and step.kind != RESET and step.node in routed[1]:
                shadow = _routed_lane(main, routed, emit)
                forked = shadow is not None
                main.quiet = main.routed()  # the routed lane renders them this step
            rendered_routed = shadow.step(step, backwards, lost) if shadow else {}
            if reads:
                reads.seen.clear()
            rendered = main.step(step, backwards, lost)
            if reads and reads.seen:
                readers |= reads.seen
                unfollowed = unfollowed or shadow is None  # and the routed lane did not follow
            if forked:
                main.quiet = set()
                # A replayed step renders nothing to compare: follow from there, to be sure.
                if step.kind == PREPARE or _diverged(walk.migration(step.node), routed[1][step.node],
                                                     rendered, rendered_routed):
                    main.drop(main.routed())  # from here on they are the routed lane's
                else:
                    shadow = None  # renders alike either way: nothing to follow yet
    if unfollowed:  # render all of it routed (what it emits replaces the forked lane's)
        fresh = _Lane(StateBuilder(walk, render=selection is None), {}, emit)
        lane = _routed_lane(fresh, routed, emit, sides={
            name: OfflineSide(connection_for(side.connection.profile), target=side.target, routed=side.routed)
            for name, side in sides.items() if isinstance(side, OfflineSide)})
        if lane:
            for step in walk.steps() if selection is None else _selected_steps(walk, selection, lane.sides):
                lane.step(step, backwards, lost)
    return readers


def _selected_steps(walk: MigrationWalk, selection: Selection, sides: dict):
    """The walk's steps up to the last selected migration: the selected ones rendered, the
    ones to replay applied, the others skipped; offline catalogs told they hold a part."""
    if selection.replayed is not None:
        for side in sides.values():
            if isinstance(side, OfflineSide):
                side.catalog.replay_only(selection.covered)
    left = set(selection.rendered)
    for step in walk.steps():
        if step.kind == RESET:
            yield step
        elif step.node in left:
            yield Step(RENDER, step.node)
            left.discard(step.node)
            if not left:
                return
        elif selection.replayed is None or step.node in selection.replayed or step.node in selection.rendered:
            yield Step(PREPARE, step.node)


def _routed_lane(main: "_Lane", routed, emit, sides=None) -> "_Lane | None":
    """The offline sides forked, routed beside ``routed``'s default (one per target)."""
    default, migrations = routed
    sides = {name: side for name, side in (sides or main.sides).items() if isinstance(side, OfflineSide)}
    taken = {side.target for side in sides.values() if side.routed}
    sides = {name: side.fork(default) for name, side in sides.items() if side.routed or side.target not in taken}
    if not sides:
        return None

    def emit_routed(rendered: RenderedMigration) -> None:
        rendered.routed = True
        emit(rendered)

    grouping = [[n for n in names if n in sides] for names in main.grouping()] if main.sides else None
    return _Lane(main.states.fork(migrations), sides, emit_routed, grouping)


def _diverged(migration, routed_migration, rendered: dict, rendered_routed: dict) -> bool:
    """Whether the routed import changed the project state or any side's SQL."""
    if defaults.comparable(migration.operations) != defaults.comparable(routed_migration.operations):
        return True
    return any(_text(rendered[name]) != _text(other) for name, other in rendered_routed.items()
               if name in rendered and not rendered[name].routed)


def _text(rendered: RenderedMigration | None):
    if rendered is None:
        return None
    backwards = rendered.backwards
    return (rendered.forwards.sql, rendered.forwards.status,
            None if backwards is None else (backwards.sql, backwards.status))


@dataclass
class _Class:
    """Offline targets of one engine that render as their representative does."""

    members: list[str]  # besides the representative
    values: dict  # target -> its pinned values (sharing.pinned)
    reads: dict  # target -> its sharing.Reads


def _classes(sides: dict, grouping=None) -> tuple[dict, dict]:
    """(the sides that render, {representative: _Class}). ``grouping``: the classes as lists
    of names, representative first (default: the offline sides of each engine)."""
    if grouping is None:
        by_engine: dict[tuple, list[str]] = {}
        for name, side in sides.items():
            if isinstance(side, OfflineSide):
                by_engine.setdefault((side.connection.profile.engine, side.routed), []).append(name)
        grouping = by_engine.values()
    classes = {}
    for names in grouping:
        if len(names) > 1:
            values = {n: sharing.pinned(sides[n].connection) for n in names}
            apart = sharing.differing(list(values.values()))
            reads = {n: sharing.record(sides[n].connection, apart) for n in names}
            classes[names[0]] = _Class(names[1:], values, reads)
    members = {m for c in classes.values() for m in c.members}
    return {n: s for n, s in sides.items() if n not in members}, classes


class _Lane:
    def __init__(self, states: StateBuilder, sides: dict, emit, grouping=None):
        self.states, self.sides, self.emit = states, sides, emit
        self.active, self.classes = _classes(sides, grouping)
        self.quiet: set = set()  # sides that render but do not emit (another lane does)

    def routed(self) -> set:
        return {name for name, side in self.sides.items() if side.routed}

    def drop(self, names) -> None:
        """Stop following these sides (the routed lane took them over)."""
        for name in names:
            self.sides.pop(name)
            self.active.pop(name, None)
            self.classes.pop(name, None)
        for shared in self.classes.values():
            shared.members = [m for m in shared.members if m in self.sides]
        self.classes = {n: c for n, c in self.classes.items() if c.members}

    def grouping(self) -> list[list[str]]:
        """The classes as they stand (a fork of the lane goes on with the same)."""
        return [[name, *shared.members] for name, shared in self.classes.items()]

    def step(self, step, backwards: bool, lost: dict) -> dict[str, RenderedMigration]:
        """Follow one step of the walk on every side; what each rendered (RENDER steps)."""
        if step.kind == RESET:
            for side in self.active.values():
                side.reset()
            return {}
        for name, shared in self.classes.items():
            self.active[name].catalog.begin_step()
            shared.reads[name].clear()
        rendered = self._render(step, self.active, backwards, lost)
        for name in list(self.classes):
            rendered.update(self._share(step, name, rendered.get(name), backwards, lost))
        return rendered

    def _share(self, step, name: str, rendered: RenderedMigration | None, backwards, lost) -> dict:
        """The class's members that agree with ``name`` on every value the step read get
        its rendering; the others render the step themselves, from the catalog as it was."""
        shared = self.classes.pop(name)
        values, read = shared.values, shared.reads[name]
        staying = [m for m in shared.members if sharing.agree(values[m], values[name], read)]
        apart = [m for m in shared.members if m not in staying]
        out = self._copies(rendered, staying)
        if staying:
            self.classes[name] = _Class(staying, values, shared.reads)
        while apart:
            first = apart.pop(0)
            side = self.sides[first]
            side.take_catalog_before_step(self.active[name])
            shared.reads[first].clear()
            mine = self._render(step, {first: side}, backwards, lost)
            self.active[first] = side
            with_first = [m for m in apart if sharing.agree(values[m], values[first], shared.reads[first])]
            apart = [m for m in apart if m not in with_first]
            if with_first:
                self.classes[first] = _Class(with_first, values, shared.reads)
            out.update(mine)
            out.update(self._copies(mine.get(first), with_first))
        return out

    def _copies(self, rendered: RenderedMigration | None, names: list[str]) -> dict:
        out = {}
        for name in names if rendered is not None else ():
            side = self.sides[name]
            out[name] = dataclasses.replace(rendered, target=side.target, routed=side.routed)
            self.emit(out[name])
        return out

    def _render(self, step, active: dict, backwards: bool, lost: dict) -> dict[str, RenderedMigration]:
        states = self.states
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
                self.active.pop(name, None)
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
                side.target, step.node[0], step.node[1],
                rendering(forwards[name], migration, side),
                rendering(backward[name], migration, side, BACKWARDS) if backwards else None,
                routed=side.routed,
            )
            if name not in self.quiet:
                self.emit(rendered[name])
        return rendered


def _as_migrate_runs(collected: Collected, ran: Collected | None) -> Collected:
    """Where sqlmigrate fails only because nothing runs while it collects (an operation
    introspects a table an earlier one renamed), what migrate runs, with sqlmigrate's error."""
    if collected.error is None or ran is None or ran.error is not None \
            or isinstance(collected.error, (NeedsData, ServerNeeded)):
        return collected
    return Collected(ran.statements, None, None, collected.editor, sqlmigrate_error=collected.error)
