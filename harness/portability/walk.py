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
from django.db.migrations.state import ProjectState

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
    """The unrendered project state before a node, built as ``MigrationLoader.project_state(
    node, at_end=False)`` builds it (same mutations, same order), reusing the last build
    when the next node's plan extends it."""

    def __init__(self, walk: MigrationWalk):
        self.walk = walk
        self._plan: list = []
        self._state: ProjectState | None = None

    def _fresh(self) -> ProjectState:
        return ProjectState(real_apps=self.walk.loader.unmigrated_apps)

    def state_before(self, node) -> ProjectState:
        """A state of the node's ancestors the caller may mutate (render, apply)."""
        wanted = self.walk.ancestors(node)
        if self._state is None or wanted[: len(self._plan)] != self._plan:
            self._state, self._plan = self._fresh(), []
        for ancestor in wanted[len(self._plan):]:
            self._state = self.walk.migration(ancestor).mutate_state(self._state, preserve=False)
        self._plan = list(wanted)
        return self._state.clone()
