"""Reverse relations of a fast state's models, answered from the state the operation took the
model from: where the schema editor reads them, the ordering Django gives them is known.

A fast state's classes are shared with other states (faststate, rendered.py), and Options
finds a class's reverse relations in the registry that class was first rendered in: any
such question makes ``ddl.collect`` render the migration again with Django's own state
(``fastapps.reverse_mark``). Two questions are answered here instead, from the registry
the current operation took the model from (``FastApps.get_model``):

* ``_all_related_fields`` (a primary key or unique field changes: the foreign keys pointing
  at it are dropped and made again) sorts what it finds by name, so what counts is the set,
  and the set is the state's: its models with a relation to the model, whichever classes
  stand for them;
* ``Options.related_objects`` (RenameModel moves the foreign keys pointing at a table) in a
  state Django renders afresh when the operation first asks for it — the first operation of
  a migration, every operation unapplied — keeps the order of that render: the app labels
  sorted, each app's models as ``render_multiple`` registers them (:func:`fresh_order`);
* ``Options.fields_map`` (``get_field`` of a name no forward field has, as a constraint's
  condition resolves its lookups) is a dict by name: the set again.

Anything else — a registry that is not known, or not rendered afresh; two relations with
one name — is Django's own question, and the migration renders again as before.
"""

from __future__ import annotations

import operator

from django.db.backends.base import schema
from django.db.migrations.utils import resolve_relation
from django.db.models.options import Options
from django.utils.datastructures import ImmutableList

_django_all_related_fields = schema._all_related_fields
_TAKEN: dict = {}  # id(model) -> (model, [registries the current operation took it from])


def operation_started() -> None:
    """A new operation: what earlier ones took from their states says nothing of its own."""
    _TAKEN.clear()


def taken(model, registry) -> None:
    """The current operation took ``model`` from ``registry`` (a state's)."""
    found = _TAKEN.get(id(model))
    if found is None or found[0] is not model:
        _TAKEN[id(model)] = (model, [registry])
    elif registry not in found[1]:
        found[1].append(registry)


def all_related_fields(model):
    """schema._all_related_fields, for a class the current operation took from one state's
    registry (or from several that agree): the registry's relations pointing at it."""
    found = _TAKEN.get(id(model))
    if found is None or found[0] is not model:
        return _django_all_related_fields(model)
    answers = [_pointing_at(model, registry) for registry in found[1]]
    if any(len(answer) != len(answers[0]) or any(a is not b for a, b in zip(answer, answers[0]))
           for answer in answers[1:]):  # states that hold other relations to it: Django's own
        return _django_all_related_fields(model)
    fields = sorted(answers[0], key=operator.attrgetter("name"))
    names = [field.name for field in fields]
    if len(set(names)) < len(names):  # their order would be the registry's: Django's own
        return _django_all_related_fields(model)
    return fields


def _pointing_at(model, registry) -> list:
    """Options._get_fields(forward=False, reverse=True, include_hidden=True,
    include_parents=False) of ``model`` as a fresh registry holding ``registry``'s models
    computes it (Options._populate_directed_relation_graph): the reverse side of every
    relation of a model of the registry whose concrete model is ``model``'s."""
    opts = model._meta
    if opts.proxy:
        return []
    label = opts.concrete_model._meta.label
    found = []
    for other in registry.get_models(include_auto_created=True, counted=False):
        other_opts = other._meta
        if other_opts.abstract:
            continue
        for field in other_opts._get_fields(reverse=False, include_parents=False):
            if field.is_relation and field.related_model is not None \
                    and not isinstance(field.remote_field.model, str) \
                    and field.remote_field.model._meta.concrete_model._meta.label == label:
                found.append(field.remote_field)
                taken(field.model, registry)  # _related_non_m2m_objects follows these
    return found


def related_objects(model):
    """Options.related_objects of ``model`` in the one state the current operation took it
    from, where Django renders that state afresh; None where that is not the case."""
    found = _TAKEN.get(id(model))
    if found is None or found[0] is not model or len(found[1]) != 1 or not found[1][0].fresh:
        return None
    registry = found[1][0]
    order = fresh_order(registry)
    if order is None:
        return None
    trees: dict = {}
    for other in order:  # Options._populate_directed_relation_graph, in the fresh registry
        if other._meta.abstract or other._meta.swapped:
            continue
        for field in other._meta._get_fields(reverse=False, include_parents=False):
            if field.is_relation and field.related_model is not None \
                    and not isinstance(field.remote_field.model, str):
                label = field.remote_field.model._meta.concrete_model._meta.label
                trees.setdefault(label, []).append(field)
    return ImmutableList(
        [obj for obj in _reverse(model._meta, trees, topmost=True) if not obj.hidden or obj.field.many_to_many],
        warning="related_objects is immutable")


def _reverse(opts, trees: dict, topmost: bool = False) -> list:
    """Options._get_fields(forward=False, reverse=True, include_hidden=True) with ``trees``
    for the relation tree of every model."""
    fields, seen = [], set()
    for parent in opts.parents:
        for obj in _reverse(parent._meta, trees):
            if (not getattr(obj, "parent_link", False) or obj.model == opts.concrete_model) and obj not in seen:
                fields.append(obj)
                seen.add(obj)
    if not opts.proxy:
        fields.extend(field.remote_field for field in trees.get(opts.concrete_model._meta.label, ()))
    return fields


def fresh_order(registry) -> list | None:
    """The models of ``registry`` in the order a fresh StateApps of its state gives them
    (get_models): its app labels sorted, each app's models as render_multiple registers them
    — in the state's order, a model whose base is not rendered yet in a later pass. (Not
    the auto-created M2M tables: their relations are all hidden.) None where that cannot be
    told."""
    state = registry.fresh
    pending = [*dict.values(state.models), *registry.real_models]
    done: set = set()
    order: list = []
    while pending:
        waiting = []
        for model_state in pending:
            own = (model_state.app_label, model_state.name_lower)
            if any(isinstance(base, str) and resolve_relation(base, *own) not in done
                   for base in model_state.bases):
                waiting.append(model_state)
                continue
            model = registry.registered(own)
            if model is None:
                return None
            order.append(model)  # (after its auto-created M2M tables, whose relations are hidden)
            done.add(own)
        if len(waiting) == len(pending):
            return None
        pending = waiting
    return sorted(order, key=lambda model: model._meta.app_label)  # stable: each app's order kept


def fields_map(model):
    """Options.fields_map of ``model`` (the reverse relations by name, where get_field looks
    for a name that is not a forward field's: a constraint's condition resolving its
    lookups) in the states the current operation took it — or, reached through a relation,
    the models it took — from, where they agree; None where they do not, or two relations
    share a name (the later in the registry's order would win)."""
    found = _TAKEN.get(id(model))
    if found is not None and found[0] is model:
        registries = found[1]
    else:
        registries = list({id(r): r for _, taken_from in _TAKEN.values() for r in taken_from}.values())
        key = (model._meta.app_label, model._meta.model_name)
        if not registries or any(r.registered(key) is None for r in registries):
            return None
    answers = []
    for registry in registries:
        fields = _reverse(model._meta, _trees(registry))
        named = {field.name: field for field in fields}
        if len(named) < len(fields):
            return None
        answers.append(named)
    if any(answer.keys() != answers[0].keys() or any(answer[k] is not answers[0][k] for k in answer)
           for answer in answers[1:]):
        return None
    return answers[0]


def _trees(registry) -> dict:
    """Each model label of ``registry`` -> the relation fields pointing at it (any order)."""
    trees: dict = {}
    for other in registry.get_models(include_auto_created=True, counted=False):
        for field in other._meta._get_fields(reverse=False, include_parents=False):
            if field.is_relation and field.related_model is not None \
                    and not isinstance(field.remote_field.model, str):
                trees.setdefault(field.remote_field.model._meta.concrete_model._meta.label, []).append(field)
    return trees


class FastOptions(Options):
    """Options of a fast registry's class: related_objects and fields_map answered by
    :func:`related_objects` and :func:`fields_map` where they can, by Django (which
    reverse_mark sees) elsewhere."""

    @property
    def related_objects(self):
        found = related_objects(self.model)
        return Options.related_objects.func(self) if found is None else found

    @property
    def fields_map(self):
        found = fields_map(self.model)
        return Options.fields_map.func(self) if found is None else found


# _related_non_m2m_objects (and Oracle's schema editor through it) looks it up in the module.
schema._all_related_fields = all_related_fields
