"""The order migrations are rendered in, and the database and state each one is rendered against.

``sqlmigrate app N`` renders N with the project state of N's ancestors only (its forwards
plan, without N: ``MigrationLoader.project_state(N, at_end=False)``), against a database
migrated up to just before N. :class:`MigrationWalk` visits every migration of the selected
apps once, in dependency order, and says what the database must hold before each:

* every migration before it in the walk, each applied as ``sqlmigrate`` prints it — the
  database a DBA gets by running the DDL files in order (data migrations, which sqlmigrate
  cannot write as SQL, are not run);
* never two alternatives of one history: a squashed migration and a migration it replaces
  are loaded side by side (``replace_migrations=False``, as sqlmigrate loads them), and a
  database holds one or the other, so the walk starts a fresh database (``RESET``) where it
  moves from one to the other, and re-applies what the next migration needs.

Offline targets follow the same steps with their catalog; live targets and the ground
truth with a real database. Migrations of unselected apps that a selected one depends on
are applied (``PREPARE``) but not reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.migrations.loader import MigrationLoader

RESET, PREPARE, RENDER = "reset", "prepare", "render"
_NONE: frozenset = frozenset()


@dataclass(frozen=True)
class Step:
    kind: str  # RESET | PREPARE | RENDER
    node: tuple[str, str] | None = None


class MigrationWalk:
    def __init__(self, app_labels, loader: MigrationLoader | None = None):
        # As sqlmigrate loads them: no connection, squashed migrations beside their replaced ones.
        self.loader = loader or MigrationLoader(None, replace_migrations=False)
        self.graph = self.loader.graph
        self.apps = tuple(dict.fromkeys(app_labels))
        selected = set(self.apps)
        order: dict[tuple[str, str], None] = {}
        for leaf in sorted(n for n in self.graph.leaf_nodes() if n[0] in selected):
            for node in self.graph.forwards_plan(leaf):
                order.setdefault(node)
        self.order = list(order)  # every node the selected apps need, dependencies first
        self.rendered = [n for n in self.order if n[0] in selected]
        self._plans: dict[tuple[str, str], list] = {}

    def migration(self, node):
        return self.graph.nodes[node]

    def plan(self, node) -> list[tuple[str, str]]:
        """``graph.forwards_plan(node)``: its ancestors in the order Django applies them, then it."""
        plan = self._plans.get(node)
        if plan is None:
            plan = self._plans[node] = self.graph.forwards_plan(node)
        return plan

    def ancestors(self, node) -> list[tuple[str, str]]:
        return self.plan(node)[:-1]

    @cached_property
    def alternatives(self) -> dict[tuple[str, str], set]:
        """Node -> the nodes a database cannot hold beside it (squashed vs replaced)."""
        found: dict[tuple[str, str], set] = {}
        for key, migration in self.loader.disk_migrations.items():
            for replaced in migration.replaces or ():
                replaced = tuple(replaced)
                if replaced in self.graph.nodes and key in self.graph.nodes:
                    found.setdefault(key, set()).add(replaced)
                    found.setdefault(replaced, set()).add(key)
        return found

    def steps(self):
        """RESET / PREPARE / RENDER steps: before each RENDER the database holds exactly
        what the walk has applied since the last RESET, including all of its ancestors."""
        applied: set = set()
        alternatives = self.alternatives
        for node in self.order:
            history = self.plan(node)
            if alternatives and any(alternatives.get(h, _NONE) & applied for h in history):
                yield Step(RESET)
                applied = set()
            for ancestor in history[:-1]:
                if ancestor not in applied:
                    yield Step(PREPARE, ancestor)
                    applied.add(ancestor)
            yield Step(RENDER if node[0] in self.apps else PREPARE, node)
            applied.add(node)


class StateBuilder:
    """The project state before a node, built as ``MigrationLoader.project_state(node,
    at_end=False)`` builds it (the same mutations in the same order), rendered, reused:
    from the last build when the next node's plan extends it, else from the state after
    the longest already-built prefix of its plan (``FastProjectState`` clones cheaply)."""

    def __init__(self, walk: MigrationWalk, render: bool = True):
        from .faststate import FastProjectState

        self.walk = walk
        empty = FastProjectState(real_apps=self.walk.loader.unmigrated_apps)
        if render:  # now: every later change re-renders only what it touches
            empty.apps  # (else on first use: an incremental render skips most migrations)
        self._empty = empty
        self._plan: list = []
        self._state = empty.continued()
        self._after: dict = {}  # node -> the state after its own forwards plan
        self._pinned = None  # (node, the state before it): asked for again while it renders
        self._migrations: dict = {}  # node -> the Migration to use instead of the walk's

    def fork(self, migrations: dict) -> "StateBuilder":
        """A builder at the same point that from now on mutates with ``migrations`` (node ->
        Migration) in place of the walk's own; the two move on independently."""
        other = object.__new__(StateBuilder)
        other.walk, other._empty, other._pinned = self.walk, self._empty, None
        other._plan, other._state, other._after = list(self._plan), self._state.continued(), dict(self._after)
        other._migrations = {**self._migrations, **migrations}
        return other

    def migration(self, node):
        return self._migrations.get(node) or self.walk.migration(node)

    def state_before(self, node):
        """A state of the node's ancestors the caller may mutate (render, apply)."""
        if self._pinned is not None and self._pinned[0] == node:
            return self._pinned[1].continued()
        state = self._build(node)
        self._pinned = (node, state.continued())
        return state

    def adopt(self, node, after) -> None:
        """``after`` is the state after ``node`` (its forwards render passed through it):
        the next node that extends this plan starts from it instead of building it again."""
        if self._plan != self.walk.ancestors(node):
            return
        self._state = after.continued()
        self._plan.append(node)
        if self._plan == self.walk.plan(node):
            self._after[node] = self._state.continued()

    def _build(self, node):
        wanted = self.walk.ancestors(node)
        if wanted[: len(self._plan)] != self._plan:
            self._plan, self._state = self._resume(wanted)
        for ancestor in wanted[len(self._plan):]:
            self._state = self.migration(ancestor).mutate_state(self._state, preserve=False)
            self._plan.append(ancestor)
            if len(self._plan) == len(self.walk.plan(ancestor)) and self._plan == self.walk.plan(ancestor):
                self._after[ancestor] = self._state.continued()
        return self._state.continued()

    def _resume(self, wanted: list):
        for length in range(len(wanted), 0, -1):
            state = self._after.get(wanted[length - 1])
            if state is not None and self.walk.plan(wanted[length - 1]) == wanted[:length]:
                return list(wanted[:length]), state.continued()
        return [], self._empty.continued()
