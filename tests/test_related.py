"""Reverse relations of a fast state's models answered from the state the operation took them
from (related.py), each against what Django's own state finds, and the questions that stay
Django's (the migration renders again with its state: reverse_mark counts them)."""

from __future__ import annotations

from django.db import models
from django.db.backends.base import schema
from django.db.migrations import operations
from django.db.migrations.state import ProjectState

from harness.portability import related
from harness.portability.fastapps import reverse_mark
from harness.portability.faststate import FastProjectState

from .test_faststate import SHELF, _shelf_state

LIBRARY = (
    SHELF[0],  # Author
    operations.CreateModel("Book", [
        *SHELF[1].fields,  # id, author, by_code (to_field, hidden)
        ("editors", models.ManyToManyField("shelf.author", related_name="edited")),
        ("sequel", models.OneToOneField("shelf.book", models.SET_NULL, null=True, related_name="prequel")),
    ]),
    operations.CreateModel("Novel", [
        ("book_ptr", models.OneToOneField("shelf.book", models.CASCADE, parent_link=True, auto_created=True,
                                          primary_key=True, serialize=False)),
    ], bases=("shelf.book",)),
    operations.CreateModel("Pen", [], options={"proxy": True}, bases=("shelf.author",)),
)


def _relations(fields) -> list[tuple]:
    return [(type(f).__name__, f.name, f.related_model._meta.label, f.field.name) for f in fields]


def test_reverse_relations_of_a_fast_state_are_what_djangos_own_state_finds():
    django_state, fast = ProjectState(), FastProjectState()
    fast.apps
    for operation in LIBRARY:
        operation.state_forwards("shelf", django_state)
        operation.state_forwards("shelf", fast)
    for name in ("author", "book", "novel", "pen"):
        truth = related._django_all_related_fields(django_state.apps.get_model("shelf", name))
        related.operation_started()
        mark = reverse_mark()
        mine = schema._all_related_fields(fast.apps.get_model("shelf", name))  # taken from the state
        assert _relations(mine) == _relations(truth), name
        assert reverse_mark() == mark  # answered here: no render again with Django's state
    # The shapes compared: a hidden relation, a to_field one, the auto-created M2M table's.
    assert _relations(schema._all_related_fields(fast.apps.get_model("shelf", "author"))) == [
        ("ManyToOneRel", "+", "shelf.Book", "by_code"),
        ("ManyToOneRel", "Book_editors+", "shelf.Book_editors", "author"),
        ("ManyToOneRel", "book", "shelf.Book", "author"), ("ManyToManyRel", "edited", "shelf.Book", "editors")]


def test_reverse_relations_not_taken_by_the_operation_are_django_s_own_question():
    state = _shelf_state()
    author = state.apps.get_model("shelf", "author")
    related.operation_started()  # a new operation: it has not taken Author from any state
    mark = reverse_mark()
    schema._all_related_fields(author)
    assert reverse_mark() > mark  # ddl.collect renders the migration again with Django's state


def test_relations_that_share_a_name_are_django_s_own_question():
    """_all_related_fields sorts by name: two alike keep the registry's order, Django's."""

    state = _shelf_state()  # Book.by_code already points at Author with related_name="+"
    operations.CreateModel("Shelf", [
        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
        ("owner", models.ForeignKey("shelf.author", models.CASCADE, related_name="+")),
    ]).state_forwards("shelf", state)
    related.operation_started()
    author = state.apps.get_model("shelf", "author")
    assert [f.name for f in related._pointing_at(author, state.apps)].count("+") == 2
    mark = reverse_mark()
    schema._all_related_fields(author)
    assert reverse_mark() > mark


# Two apps whose labels sort otherwise than they are created, an M2M table, a child model
# (and, below, its parent moved after it in the state, as a rename moves a model: rendered
# in a second pass), one model pointing at another from each app: the order Django's fresh
# registry gives their relations.
ARCHIVE = (
    ("shelf", LIBRARY[0]),
    ("zoo", operations.CreateModel("Keeper", [
        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
        ("author", models.ForeignKey("shelf.author", models.CASCADE, related_name="keepers")),
    ])),
    ("archive", operations.CreateModel("Box", [
        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
        ("author", models.ForeignKey("shelf.author", models.CASCADE, related_name="boxes")),
        ("tagged", models.ManyToManyField("shelf.author", related_name="tagged_boxes")),
    ])),
    ("archive", operations.CreateModel("Special", [
        ("box_ptr", models.OneToOneField("archive.box", models.CASCADE, parent_link=True, auto_created=True,
                                         primary_key=True, serialize=False)),
        ("owner", models.ForeignKey("shelf.author", models.CASCADE, related_name="specials")),
    ], bases=("archive.box",))),
    ("shelf", LIBRARY[1]),
)


def test_related_objects_of_a_state_rendered_afresh_are_in_the_order_djangos_own_render_gives():
    django_state, fast = ProjectState(), FastProjectState()
    fast.apps
    for app_label, operation in ARCHIVE:
        operation.state_forwards(app_label, django_state)
        operation.state_forwards(app_label, fast)
    for models_ in (django_state.models, fast.models):  # Box after Special, as if renamed
        dict.__setitem__(models_, ("archive", "box"), dict.pop(models_, ("archive", "box")))
    for key in [("shelf", "author"), ("shelf", "book"), ("archive", "box"), ("archive", "special")]:
        truth = django_state.apps.get_model(*key)._meta.related_objects  # a fresh StateApps
        related.operation_started()
        fast.apps.fresh = fast  # what ddl._forwards_steps says of the first operation's states
        mine = fast.apps.get_model(*key)._meta.related_objects
        assert [(r.related_model._meta.label, r.field.name) for r in mine] == \
               [(r.related_model._meta.label, r.field.name) for r in truth], key
    related.operation_started()
    author = fast.apps.get_model("shelf", "author")._meta.related_objects
    # archive first (sorted), Box (rendered in the first pass) before Special (the second).
    assert [(r.related_model._meta.label, r.field.name) for r in author][:3] == [
        ("archive.Box", "author"), ("archive.Box", "tagged"), ("archive.Special", "owner")]


def test_related_objects_of_a_state_not_rendered_afresh_are_django_s_own_question():
    state = _shelf_state()
    related.operation_started()
    state.apps.fresh = None  # a later operation's: Django reloaded models, in its own order
    mark = reverse_mark()
    state.apps.get_model("shelf", "author")._meta.related_objects
    assert reverse_mark() > mark


def test_fields_map_of_a_fast_state_is_what_djangos_own_state_finds():
    """get_field of a name no forward field has (a constraint's condition resolving its
    lookups) reads fields_map: by name, in the states the operation took the models from."""

    django_state, fast = ProjectState(), FastProjectState()
    fast.apps
    for app_label, operation in ARCHIVE:
        operation.state_forwards(app_label, django_state)
        operation.state_forwards(app_label, fast)

    def names(fields_map) -> dict:
        return {name: (rel.related_model._meta.label, rel.field.name) for name, rel in fields_map.items()}

    related.operation_started()
    box = fast.apps.get_model("archive", "box")  # taken by the operation
    author = box._meta.get_field("author").remote_field.model  # reached through a relation
    mark = reverse_mark()
    for model, key in ((box, ("archive", "box")), (author, ("shelf", "author"))):
        assert names(model._meta.fields_map) == names(django_state.apps.get_model(*key)._meta.fields_map), key
    assert reverse_mark() == mark  # answered here: no render again with Django's state
    assert "tagged_boxes" in author._meta.fields_map and "keepers" in author._meta.fields_map
