"""The engine's migration walk and state builder against Django's own MigrationLoader.

Imported by tests/test_engine_units.py for the project's apps, and run as

    DJANGO_SETTINGS_MODULE=tests.edgecases.settings python -m tests.edgecases.walkcheck APP...

for the edge-case apps (installed only by that settings module): it prints one JSON object
with what :func:`compare_states` and :func:`walk_steps` found.
"""

from __future__ import annotations

import json
import sys


def loader():
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(None, replace_migrations=False)  # as sqlmigrate loads them


def _fields(model):
    return [(f.name, f.column, f.deconstruct()[1:]) for f in model._meta.local_fields + model._meta.local_many_to_many]


def state_signature(state):
    """What a state declares (model states, in order) and renders (models, by label: the
    engine's registry keeps no order, and renders again with Django's own state wherever
    SQL could depend on it — see harness.portability.faststate)."""
    declared = [(key, model_state.name, [(name, field.deconstruct()[1:]) for name, field in model_state.fields.items()],
                 model_state.options, [repr(b) if isinstance(b, str) else b for b in model_state.bases])
                for key, model_state in dict.items(state.models)]
    rendered = sorted((model._meta.label_lower, model._meta.db_table, _fields(model))
                      for model in state.apps.get_models(include_auto_created=True))
    return declared, rendered


def _first_difference(ours, theirs) -> str:
    for what, a, b in (("declared", ours[0], theirs[0]), ("rendered", ours[1], theirs[1])):
        if [x[0] for x in a] != [x[0] for x in b]:
            return f"{what} models differ in order or membership: {[x[0] for x in a]} != {[x[0] for x in b]}"
        for x, y in zip(a, b):
            if x != y:
                return f"{what} model {x[0]} differs: {x!r} != {y!r}"[:600]
    return "?"


def compare_states(app_labels, migration_loader=None) -> tuple[int, list[str]]:
    """(nodes compared, mismatches): StateBuilder.state_before(node) against
    ``loader.project_state(node, at_end=False)`` for every node the apps' walk visits,
    in walk order (reusing the previous build) and then in reverse (rebuilding)."""
    from harness.portability.walk import MigrationWalk, StateBuilder

    migration_loader = migration_loader or loader()
    walk = MigrationWalk(app_labels, migration_loader)
    builder = StateBuilder(walk)
    mismatches = []
    compared = 0
    for node in [*walk.order, *reversed(walk.order)]:
        ours = state_signature(builder.state_before(node))
        theirs = state_signature(migration_loader.project_state(node, at_end=False))
        compared += 1
        if ours != theirs:
            mismatches.append(f"{node[0]}.{node[1]}: {_first_difference(ours, theirs)}")
    return compared, mismatches


def walk_steps(app_labels, migration_loader=None) -> list[list]:
    """The walk's steps as [kind, app_label, name] (app_label and name None for RESET)."""
    from harness.portability.walk import MigrationWalk

    walk = MigrationWalk(app_labels, migration_loader or loader())
    return [[step.kind, *(step.node or (None, None))] for step in walk.steps()]


def alternatives(app_labels, migration_loader=None) -> dict[str, list[str]]:
    from harness.portability.walk import MigrationWalk

    walk = MigrationWalk(app_labels, migration_loader or loader())
    return {".".join(key): sorted(".".join(v) for v in value) for key, value in sorted(walk.alternatives.items())}


def main(argv=None) -> int:
    import django

    app_labels = list(argv if argv is not None else sys.argv[1:])
    django.setup()
    migration_loader = loader()
    compared, mismatches = compare_states(app_labels, migration_loader)
    json.dump({
        "compared": compared,
        "mismatches": mismatches,
        "steps": walk_steps(app_labels, migration_loader),
        "alternatives": alternatives(app_labels, migration_loader),
    }, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
