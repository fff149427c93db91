"""The fast project state's overrides of Django (faststate.py, fastapps.py, rendered.py),
each against what Django itself does.

``faststate`` keeps Django's state data and methods and changes how rendered models are
kept (see its docstring). Each test here builds the same thing both ways and compares what
SQL generation can observe: creation-counter order (SQLite's rebuilt tables follow it), the
classes a registry hands out, whether a reverse-relation read is seen (test_related.py has
the reads answered from the state).
"""

from __future__ import annotations

import copy

from django.db import models
from django.db.migrations import operations
from django.db.migrations.state import ModelState, StateApps

from harness.portability import rendered
from harness.portability.fastapps import renumber
from harness.portability.faststate import FastProjectState


def _model_state(name: str = "Book") -> ModelState:
    return ModelState("shelf", name, [
        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
        ("title", models.CharField(max_length=20)),
        ("pages", models.IntegerField(default=0)),
        ("author", models.ForeignKey("shelf.author", models.CASCADE)),
        ("tags", models.ManyToManyField("shelf.author", related_name="tagged")),
    ], {})


AUTHOR = ModelState("shelf", "Author", [
    ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
    ("name", models.CharField(max_length=10)),
], {})


def _render():
    """A fresh registry with the two models; the Book class and its M2M table's class."""
    apps = StateApps([], {})
    apps.render_multiple([AUTHOR, _model_state()])
    book = apps.get_model("shelf", "book")
    return book, book._meta.get_field("tags").remote_field.through


def _fields(model) -> list:
    opts = model._meta
    return [*opts.local_fields, *opts.local_many_to_many]


def _order(*tagged) -> list[tuple[str, str]]:
    """(tag, field name) of the fields of every (tag, model), sorted as Options sorts them."""
    pairs = [(field, tag) for tag, model in tagged for field in _fields(model)]
    return [(tag, field.name) for field, tag in sorted(pairs, key=lambda p: p[0].creation_counter)]


def test_renumber_orders_a_class_as_rendering_it_again_would():
    old, old_through = _render()
    other, other_through = _render()
    renumber(old)  # now as if rendered after ``other``

    twin, twin_through = _render()  # what Django gives: ``other`` first, then a fresh one
    fresh, fresh_through = _render()

    assert _order(("new", old), ("other", other)) == _order(("new", fresh), ("other", twin))
    assert _order(("new", old_through), ("other", other_through)) == \
        _order(("new", fresh_through), ("other", twin_through))


def test_renumber_keeps_auto_created_fields_first_and_the_field_order():
    book, _ = _render()
    before = [f.name for f in book._meta.local_fields]
    renumber(book)
    counters = [f.creation_counter for f in book._meta.local_fields]
    assert [f.name for f in sorted(book._meta.local_fields, key=lambda f: f.creation_counter)] == before
    assert counters[0] < 0 < counters[1]  # the auto-created id counts down, as Field.__init__ does


# -- model classes reused across states (rendered.py) -----------------------------------------


# One migration's operations: every replay of it hands the same field objects to the state.
SHELF = (
    operations.CreateModel("Author", [
        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
        ("code", models.CharField(max_length=5, unique=True)),
    ]),
    operations.CreateModel("Book", [
        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
        ("author", models.ForeignKey("shelf.author", models.CASCADE)),
        ("by_code", models.ForeignKey("shelf.author", models.CASCADE, to_field="code", related_name="+")),
    ]),
)


def _shelf_state(shelf=SHELF) -> FastProjectState:
    state = FastProjectState()
    state.apps  # rendered (empty) first, as a walk starts: each change renders what it touches
    for operation in shelf:
        operation.state_forwards("shelf", state)
    return state


def _target(state, field_name: str):
    return state.apps.get_model("shelf", "book")._meta.get_field(field_name).remote_field.model


def test_a_state_built_again_reuses_the_classes_of_the_first_build():
    first, second = _shelf_state(), _shelf_state()
    assert second.apps.get_model("shelf", "book") is first.apps.get_model("shelf", "book")


def test_a_model_pointing_at_a_changed_table_is_rendered_against_the_new_class():
    state = _shelf_state()
    old_book = state.apps.get_model("shelf", "book")
    operations.AlterModelTable("Author", "writers").state_forwards("shelf", state)
    book = state.apps.get_model("shelf", "book")
    assert book is not old_book  # its foreign keys name another table now
    assert _target(state, "author") is state.apps.get_model("shelf", "author")
    assert _target(state, "author")._meta.db_table == "writers"
    again = _shelf_state()  # the same model states, pointing at the table as it was
    assert _target(again, "author") is again.apps.get_model("shelf", "author")
    assert _target(again, "author")._meta.db_table == "shelf_author"


def test_a_field_changed_in_place_is_not_mistaken_for_the_old_one():
    shelf = copy.deepcopy(SHELF)  # this test changes its fields
    first = _shelf_state(shelf)
    # ProjectState.rename_field rewrites to_fields of the fields pointing at it in place,
    # in every state sharing them: a state built again renders the new name, as Django does.
    operations.RenameField("Author", "code", "isbn").state_forwards("shelf", first)
    again = _shelf_state(shelf)
    assert again.apps.get_model("shelf", "book")._meta.get_field("by_code").to_fields == ["isbn"]


def test_a_change_gives_the_state_after_it_a_class_of_its_own():
    state = _shelf_state()
    before = state.clone()
    operations.AlterModelOptions("Book", {}).state_forwards("shelf", state)  # nothing changes
    # Django renders the state after a change anew: the two states never share the class.
    assert state.apps.get_model("shelf", "book") is not before.apps.get_model("shelf", "book")


def test_a_class_still_waiting_for_a_model_is_not_kept():
    orphan = operations.CreateModel("Orphan", [
        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
        ("owner", models.ForeignKey("shelf.missing", models.CASCADE)),
    ])
    first, second = FastProjectState(), FastProjectState()
    for state in (first, second):
        state.apps
        orphan.state_forwards("shelf", state)
    assert rendered.key(first.models["shelf", "orphan"], first.apps) is None
    # Its class points at a name, not a model: each state waits for it on its own.
    assert second.apps.get_model("shelf", "orphan") is not first.apps.get_model("shelf", "orphan")


def test_a_class_is_not_reused_beside_a_default_with_another_identifier_limit():
    from harness.portability import profiles
    from harness.portability.defaults import as_default
    from harness.portability.offline import connection_for

    long_name = operations.CreateModel("AVeryLongModelNameIndeedForOracle", [
        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
    ])
    tables = {}
    for profile in ("oracle-19", "postgresql-15", "oracle-19"):
        with as_default(connection_for(profiles.get(profile))):
            state = FastProjectState()
            state.apps
            long_name.state_forwards("shelf", state)
            tables.setdefault(profile, set()).add(
                state.apps.get_model("shelf", "averylongmodelnameindeedfororacle")._meta.db_table)
    # Options truncates the auto table name to the default alias's limit (Oracle: 30).
    assert tables == {"oracle-19": {"shelf_averylongmodelnamein5239"},
                      "postgresql-15": {"shelf_averylongmodelnameindeedfororacle"}}


def test_a_field_an_operation_clones_on_each_replay_is_the_same_field():
    # AddField(preserve_default=False) puts a clone of its field in the state, each time.
    add = operations.AddField("Author", "born", models.IntegerField(default=1900), preserve_default=False)
    first, second = _shelf_state(), _shelf_state()
    for state in (first, second):
        add.state_forwards("shelf", state)
    assert first.models["shelf", "author"].fields["born"] is not second.models["shelf", "author"].fields["born"]
    assert second.apps.get_model("shelf", "author") is first.apps.get_model("shelf", "author")
    # (The state keeps no default of such a field: another default renders the same class.)
    other = _shelf_state()
    operations.AddField("Author", "born", models.IntegerField(default=1900, null=True),
                        preserve_default=False).state_forwards("shelf", other)
    assert other.apps.get_model("shelf", "author") is not first.apps.get_model("shelf", "author")


def test_a_fast_registry_leaves_the_project_registrys_caches_alone():
    from django.apps import apps as project
    from django.apps.registry import Apps

    project.get_models()
    project.get_swappable_settings_name("auth.user")  # what each ForeignKey's deconstruct asks
    cached = Apps.get_models.cache_info().currsize, Apps.get_swappable_settings_name.cache_info().currsize
    state = _shelf_state()  # renders and registers models
    assert {m._meta.model_name for m in state.apps.get_models()} == {"author", "book"}  # not cached
    operations.CreateModel("Shelf", [("id", models.AutoField(primary_key=True))]).state_forwards("shelf", state)
    assert {m._meta.model_name for m in state.apps.get_models()} == {"author", "book", "shelf"}
    assert Apps.get_models.cache_info().currsize >= cached[0]
    assert Apps.get_swappable_settings_name.cache_info().currsize >= cached[1]


def test_the_project_registry_keeps_its_swappable_answers_when_a_state_registry_clears_caches():
    from django.apps import apps as project
    from django.db.migrations.state import ProjectState

    assert project.get_swappable_settings_name("auth.user") == "AUTH_USER_MODEL"
    hits = project.get_swappable_settings_name.cache_info().hits
    state = ProjectState()
    operations.CreateModel("Author", [("id", models.AutoField(primary_key=True))]).state_forwards("shelf", state)
    state.apps.clear_cache()  # what Django's own StateApps does on each registration
    assert project.get_swappable_settings_name("auth.user") == "AUTH_USER_MODEL"
    assert project.get_swappable_settings_name.cache_info().hits == hits + 1
    project.clear_cache()  # the project registry's own clearing still clears it
    assert project.get_swappable_settings_name.cache_info().currsize == 0


def test_a_registry_and_its_clone_change_apart():
    import pytest

    state = _shelf_state()
    before = state.clone()  # as Migration.apply keeps the state before each operation
    operations.DeleteModel("Book").state_forwards("shelf", state)
    operations.CreateModel("Shelf", [("id", models.AutoField(primary_key=True))]).state_forwards("shelf", before)
    assert {m._meta.model_name for m in before.apps.get_models()} == {"author", "book", "shelf"}
    assert {m._meta.model_name for m in state.apps.get_models()} == {"author"}
    with pytest.raises(LookupError):
        state.apps.get_model("shelf", "book")
    assert before.apps.get_app_config("shelf").models.keys() == {"author", "book", "shelf"}


def test_reverse_relations_are_read_through_the_registry_after_a_fallback_and_on_reuse():
    """ddl.collect falls back to Django's own state where SQL reads reverse relations (a
    shared class finds them in the registry it was first rendered in, not the state's), and
    knows it does only through reverse_mark(): Options must not answer from a cache."""
    from harness.portability.fastapps import forget_reverse_relations, reverse_mark

    def read(state) -> bool:
        mark = reverse_mark()
        state.apps.get_model("shelf", "author")._meta.related_objects
        return reverse_mark() > mark

    state = _shelf_state()
    assert read(state)
    forget_reverse_relations([state])  # what ddl.collect does when it falls back
    operations.CreateModel("Review", [
        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
        ("author", models.ForeignKey("shelf.author", models.CASCADE)),
    ]).state_forwards("shelf", state)
    assert read(state)
    assert read(_shelf_state())  # the same classes, registered again
