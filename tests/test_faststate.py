"""The fast project state's overrides of Django, each against what Django itself does.

``faststate`` keeps Django's state data and methods and changes how rendered models are
kept (see its docstring). Each test here builds the same thing both ways and compares
what SQL generation can observe: creation-counter order (SQLite's rebuilt tables follow
it), the classes a registry hands out, the SQL an operation collects.
"""

from __future__ import annotations

from django.db import models
from django.db.migrations.state import ModelState, StateApps

from harness.portability.faststate import renumber


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
