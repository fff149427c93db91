"""The reverse relations ``BaseDatabaseSchemaEditor`` reads when a primary key or unique field
changes (``_all_related_fields``: the foreign keys pointing at it are dropped and made
again), answered from the state the operation took the model from.

A fast state's classes are shared with other states (faststate, rendered.py), and Options
finds a class's reverse relations in the registry that class was first rendered in: any
such question makes ``ddl.collect`` render the migration again with Django's own state
(``faststate.reverse_mark``). ``_all_related_fields`` sorts what it finds by name, so what
counts is the set, not the registry's order, and the set is the state's: its models with a
relation to the model, whichever classes stand for them. It is answered here from the
registry the current operation took the model from (``FastApps.get_model``), as Options
would in a registry of its own. Where that registry is not known, or two relations share a
name, Django's own answer is asked — and the migration renders again as before.
"""

from __future__ import annotations

import operator

from django.db.backends.base import schema

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


# _related_non_m2m_objects (and Oracle's schema editor through it) looks it up in the module.
schema._all_related_fields = all_related_fields
