"""Model classes rendered once and registered again wherever a walk asks for the same model.

A walk renders the same model state over and over: the state before each migration is
built from that migration's own ancestors (as ``sqlmigrate`` builds it), a squashed history
is applied again after a reset, lanes follow the same migrations. ``ModelState.render``
makes a class out of three things: the model state, the classes its relations and bases
resolve to in the registry (what it takes from them: :func:`identity`), and the table names
it derives, which Options truncates to the default alias's identifier limit. Given the same
three it makes an equal class, so a rendered class is kept under them (:func:`key`) and
registered again instead of rendered anew — with new creation counters, the one thing a
render also changes that SQL can see (SQLite's rebuilt tables order their columns by them,
see ``fastapps.renumber``).

Model states are compared by the field, manager and option objects they hold: operations
hand the same objects to every replay; a field or index an operation clones each time
compares by its deconstruction, and the field attributes Django changes in place
(``ProjectState.rename_field``) by value. Every object a key names by ``id`` is kept alive,
so an ``id`` is never reused.
"""

from __future__ import annotations

import weakref

from django.db import connections
from django.db.backends.utils import strip_quotes, truncate_name
from django.db.migrations.utils import resolve_relation
from django.db.models import Index
from django.db.models.constraints import BaseConstraint

_SIMPLE = (str, int, float, bool, type(None))


class RenderedClasses:
    """Rendered model classes by :func:`key`."""

    def __init__(self):
        self._classes: dict = {}
        self.hits = self.misses = 0
        self.enabled = True  # tests compare with every model rendered anew

    def get(self, model_state, apps, avoid=None):
        """The class of an equal earlier render (not ``avoid``), or None."""
        if not self.enabled:
            return None
        found = key(model_state, apps)
        model = self._classes.get(found[0]) if found else None
        if model is None or model is avoid:
            self.misses += 1
            return None
        self.hits += 1
        return model

    def put(self, model_state, apps) -> None:
        """Keep the class ``apps`` now holds for ``model_state`` (just rendered)."""
        if not self.enabled:
            return
        found = key(model_state, apps)
        model = apps.registered((model_state.app_label, model_state.name_lower))
        if found and model is not None:
            self._classes[found[0]] = model
            found[1].append(model)  # the kept objects live as long as the entry

    def clear(self) -> None:
        self._classes.clear()


def key(model_state, apps):
    """(hashable key, [objects it names by id]) of a render of ``model_state`` in ``apps``;
    None where a relation or base points at a model ``apps`` does not hold (yet)."""
    content = model_state.__dict__.get(CONTENT)
    if content is None:
        content = model_state.__dict__[CONTENT] = _content(model_state)
    pointed = []
    for resolved in content.pointed:
        model = apps.registered(resolved)
        if model is None:
            return None
        pointed.append(identity(model))
    # What ProjectState.rename_field changes in place, in every state sharing the field.
    in_place = tuple(_in_place(field) for field in content.relations)
    names = content.names.get(limit := connections["default"].ops.max_name_length())
    if names is None:
        names = content.names[limit] = _truncated_names(model_state, limit)
    return (content.key, names, tuple(pointed), in_place), content.kept


def identity(model) -> tuple:
    """What a model pointing at ``model`` (or inheriting from it) renders from it: its table,
    name, primary key and unique fields, bases. A class pointing at another class of the
    same identity renders the same SQL (faststate keeps such classes when a model they point
    at is rendered again; a reused class may point at an older one)."""
    found = _IDENTITIES.get(model)
    if found is None:
        opts = model._meta
        keys = tuple(
            (f.name, f.column, f.get_internal_type(), repr(sorted(f.deconstruct()[3].items())))
            for f in opts.local_fields if f.primary_key or f.unique
        )
        found = _IDENTITIES[model] = (opts.db_table, model.__name__, keys,
                                      tuple(b.__name__ for b in model.__bases__))
    return found


_IDENTITIES = weakref.WeakKeyDictionary()  # a class's identity never changes once rendered
CONTENT = "_harness_rendered_content"  # a ModelState's memo; faststate.CowModels drops it


class _Content:
    """What a render takes from the model state itself (kept on it until it may change)."""

    __slots__ = ("key", "pointed", "relations", "names", "kept")

    def __init__(self, key, pointed, relations, kept):
        self.key, self.pointed, self.relations, self.kept = key, pointed, relations, kept
        self.names: dict = {}  # identifier limit -> _truncated_names


def _content(model_state) -> _Content:
    kept: list = []
    own = (model_state.app_label, model_state.name_lower)
    fields, pointed, relations = [], [], []
    for name, field in model_state.fields.items():
        fields.append((name, id(_canonical(field))))
        remote = field.remote_field
        if remote is None:
            continue
        relations.append(field)
        for target in (remote.model, getattr(remote, "through", None)):
            if target is not None and not (isinstance(target, str) and target.lower() == "self"):
                resolved = resolve_relation(target, *own)
                if resolved != own:
                    pointed.append(resolved)
    bases = []
    for base in model_state.bases:
        if isinstance(base, str):
            pointed.append(resolve_relation(base, *own))
        else:
            bases.append(base)
    options = tuple((name, _value(value, kept)) for name, value in model_state.options.items())
    managers = tuple((name, id(manager)) for name, manager in model_state.managers)
    kept.extend(manager for _, manager in model_state.managers)
    return _Content((own, model_state.name, tuple(fields), tuple(bases), options, managers),
                    tuple(pointed), tuple(relations), kept)


def _truncated_names(model_state, limit) -> tuple:
    """The table names Django derives for the model and its auto-created M2M tables, as
    Options.contribute_to_class and ManyToManyField._get_m2m_db_table truncate them to the
    default alias's limit: what a render takes from the default (the same names, the same
    class, whatever the limit)."""
    table = model_state.options.get("db_table") or truncate_name(
        f"{model_state.app_label}_{model_state.name_lower}", limit)
    m2m = tuple(truncate_name(f"{strip_quotes(table)}_{name}", limit)
                for name, field in model_state.fields.items()
                if field.many_to_many and field.remote_field.through is None and not field.db_table)
    return table, m2m


def _canonical(field):
    """The first field seen that deconstructs as ``field`` does (Field.clone() builds a
    field from its deconstruction alone): clones an operation makes on each replay
    (``preserve_default=False``, ProjectState.rename_model) stand for one field. Plain
    values compare by value, anything else (callables, lazy strings) by identity — a clone
    hands the very same objects on. Memoized per field object, which it keeps alive."""
    found = _SEEN.get(id(field))
    if found is None:
        path, args, kwargs = field.deconstruct()[1:]
        held: list = []
        print_ = (type(field), path, _plain(args, held), _plain(tuple(sorted(kwargs.items())), held))
        found = _SEEN[id(field)] = (field, _CANONICAL.setdefault(print_, field), held)
    return found[1]


_SEEN: dict = {}  # id(field) -> (field, its canonical field, objects its print names by id)
_CANONICAL: dict = {}  # print -> the first field with it


def _plain(value, held):
    if isinstance(value, _SIMPLE):
        return value
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_plain(item, held) for item in value))
    held.append(value)
    return ("id", id(value))


def _in_place(field) -> tuple:
    remote = field.remote_field
    to_fields = getattr(field, "to_fields", None)
    from_fields = getattr(field, "from_fields", None)
    return (getattr(remote, "field_name", None), tuple(to_fields) if to_fields else None,
            tuple(from_fields) if from_fields else None)


def _value(value, kept):
    """An option's value: by value where it is made of plain values (in iteration order:
    a set of unique_together names renders in the order it iterates), indexes and
    constraints by their deconstruction, anything else by identity."""
    if isinstance(value, _SIMPLE):
        return value
    if isinstance(value, (Index, BaseConstraint)):
        return (type(value), repr(value.deconstruct()))
    if isinstance(value, (list, tuple, set, frozenset)):
        return (type(value), tuple(_value(item, kept) for item in value))
    kept.append(value)
    return ("id", id(value))


CLASSES = RenderedClasses()
