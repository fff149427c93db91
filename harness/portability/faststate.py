"""A ProjectState that clones cheaply and re-renders only the models a change touched.

Django's ``ProjectState.clone()`` copies every ModelState and the rendered registry, and each
state change re-renders the changed model and every model related to it, recursively
(``ProjectState._reload``): in a connected foreign-key graph that is every model, for every
operation — quadratic in the size of the project. :class:`FastProjectState` keeps Django's
data and methods and changes only how they are maintained:

* ``models``: ModelStates are shared between clones and copied the first time a state reads
  one through the mapping (:class:`CowModels`), the copy ModelState.clone() makes anyway;
* ``apps``: a clone gets a new registry holding the same model classes, and a change
  re-renders the changed models only — plus, where a model's table, primary key or unique
  fields changed, the models pointing at it and its subclasses, so every class still points
  at classes with the right tables and keys.

Two things Django's way gives and this one does not: the registry's order after a reload,
and up-to-date reverse relations (``_meta.related_objects``) on classes kept from before.
Only SQL that walks reverse relations depends on either: related.py answers what it can
from the state, and for the rest computing them asks the registry for all of its models,
which ``fastapps.reverse_mark`` counts; ``ddl.collect`` renders a migration again with
Django's own ProjectState when its operations made one (see :meth:`FastProjectState.exact`).
The registry itself, and how classes rendered before are registered again, is fastapps.py.
"""

from __future__ import annotations

from functools import cached_property

from django.db.migrations import state as django_state
from django.db.migrations.state import ProjectState

from . import rendered
from .fastapps import FastApps, renumber

_django_get_references = django_state.get_references


class CowModels(dict):
    """``ProjectState.models`` whose ModelStates are copied on first access (copy-on-write).

    Django's state methods read a ModelState with ``models[key]`` and mutate it; a clone
    shares every ModelState until then. It also keeps which models point at which
    (:meth:`referrers`), so finding references does not scan every model's fields.
    """

    __slots__ = ("owned", "_targets", "_referrers", "_dirty")

    def __init__(self, *args):
        super().__init__(*args)
        self.owned: set = set()
        self._targets: dict | None = None  # key -> frozenset of the keys its relations point at
        self._referrers: dict | None = None  # key -> frozenset of the keys pointing at it
        self._dirty: set = set()  # keys whose ModelState may have changed since indexed

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        self._dirty.add(key)  # whoever asks may change it
        if key not in self.owned:
            value = value.clone()
            dict.__setitem__(self, key, value)
            self.owned.add(key)
        else:
            value.__dict__.pop(rendered.CONTENT, None)
        return value

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __setitem__(self, key, value):
        dict.__setitem__(self, key, value)
        self.owned.add(key)
        self._dirty.add(key)

    def __delitem__(self, key):
        dict.__delitem__(self, key)
        self.owned.discard(key)
        self._dirty.add(key)

    def pop(self, key, *default):
        self.owned.discard(key)
        self._dirty.add(key)
        return dict.pop(self, key, *default)

    def shared(self) -> CowModels:
        """The mapping for a clone; from now on both copy a ModelState before changing it."""
        self.owned = set()
        copy = CowModels(self)
        copy._targets, copy._referrers, copy._dirty = self._targets, self._referrers, set(self._dirty)
        return copy

    def referrers(self, target) -> list:
        """The keys of the models with a relation (to or through) resolving to ``target``,
        in the mapping's order."""
        self._index()
        found = self._referrers.get(target, ())
        return [key for key in self if key in found] if found else []

    def _index(self) -> None:
        if self._targets is None:
            self._targets, self._referrers, self._dirty = {}, {}, set(self)
        if not self._dirty:
            return
        targets, referrers = dict(self._targets), dict(self._referrers)  # shared with clones
        for key in self._dirty:
            old = targets.pop(key, frozenset())
            new = _targets_of(key, dict.__getitem__(self, key)) if key in self else frozenset()
            if new:
                targets[key] = new
            for target in old - new:
                referrers[target] = referrers[target] - {key}
            for target in new - old:
                referrers[target] = referrers.get(target, frozenset()) | {key}
        self._targets, self._referrers, self._dirty = targets, referrers, set()


def _targets_of(key, model_state) -> frozenset:
    from django.db.migrations.utils import resolve_relation

    found = set()
    for field in model_state.fields.values():
        remote = field.remote_field
        if remote:
            found.add(resolve_relation(remote.model, *key))
            if getattr(remote, "through", None):
                found.add(resolve_relation(remote.through, *key))
    return frozenset(found)


def get_references(state, model_tuple, field_tuple=()):
    """django.db.migrations.utils.get_references, asking only the models whose relations
    point at ``model_tuple`` (and yielding each through ``models[key]``, so it is copied
    before the caller changes it)."""
    if not isinstance(state, FastProjectState):
        yield from _django_get_references(state, model_tuple, field_tuple)
        return
    from django.db.migrations.utils import field_references

    for key in state.models.referrers(model_tuple):
        model_state = state.models[key]
        for name, field in model_state.fields.items():
            reference = field_references(key, field, model_tuple, *field_tuple)
            if reference:
                yield model_state, name, field, reference


def field_is_referenced(state, model_tuple, field_tuple):
    """django.db.migrations.utils.field_is_referenced, through the faster get_references."""
    return next(get_references(state, model_tuple, field_tuple), None) is not None


def _target_key(field, app_label: str) -> tuple[str, str] | None:
    """The (app_label, model_name) a relation field of a ModelState points at."""
    target = field.remote_field.model
    if isinstance(target, str):
        if target == "self":
            return None
        label, _, name = target.rpartition(".")
        return (label or app_label, name.lower())
    return (target._meta.app_label, target._meta.model_name)


def _copy_relations(relations):
    """ProjectState._relations ({remote: {model: {field name: field}}}) with its own dicts;
    a proxy's entry stays the same dict as its concrete model's, as Django builds it."""
    if relations is None:
        return None
    copies: dict[int, dict] = {}
    outer = type(relations)(relations.default_factory) if hasattr(relations, "default_factory") else {}
    for remote, models in relations.items():
        inner = copies.get(id(models))
        if inner is None:
            inner = copies[id(models)] = type(models)(models.default_factory) \
                if hasattr(models, "default_factory") else {}
            for model, fields in models.items():
                inner[model] = dict(fields)
        outer[remote] = inner
    return outer


class FastProjectState(ProjectState):
    rerendered: set = frozenset()  # the models the last state change rendered anew

    def __init__(self, models=None, real_apps=None):
        super().__init__(None, real_apps)
        self.models = CowModels(models or {})  # set after: ProjectState replaces an empty one

    def clone(self):
        new = object.__new__(FastProjectState)
        new.models = self.models.shared()
        new.real_apps = self.real_apps
        new.is_delayed = self.is_delayed
        new._relations = None  # as ProjectState.clone: rebuilt from the models when asked
        if "apps" in self.__dict__:
            new.apps = self.apps.clone()
        return new

    def continued(self) -> FastProjectState:
        """A copy that stands for this same state object going on (``make_state`` mutates one
        object through every ancestor): unlike clone() it keeps the relations index, and with
        it where ``ProjectState.alter_field`` puts the field (at the end when the index exists)."""
        new = self.clone()
        new._relations = _copy_relations(self._relations)
        return new

    @cached_property
    def apps(self):
        return FastApps(self.real_apps, self.models)

    def exact(self) -> ProjectState:
        """Django's own (unrendered) ProjectState with the same models in the same order."""
        state = ProjectState({k: v.clone() for k, v in dict.items(self.models)}, self.real_apps)
        state._relations = _copy_relations(self._relations)
        return state

    # ProjectState.reload_model/reload_models: Django re-renders related models recursively.
    def reload_model(self, app_label, model_name, delay=False):
        if "apps" in self.__dict__:
            self._rerender({(app_label, model_name)})

    def reload_models(self, models, delay=True):
        if "apps" in self.__dict__:
            self._rerender(set(models))

    def render_again(self, keys) -> None:
        """What rendering these models anew changes: their fields' creation counters, which
        order SQLite's rebuilt table (Django's first rendered operation renders the state
        before it *after* the state after it: a field that operation adds or alters comes
        first). The classes keep everything else, so they get new counters in place."""
        apps = self.apps
        for key in [k for k in self.models if k in keys]:
            model = apps.registered(key)
            if model is not None:
                renumber(model)

    def _render(self, keys, replaced=None) -> None:
        apps, accessed = self.apps, self.apps.accessed
        apps.render_multiple([dict.__getitem__(self.models, k) for k in keys], replaced)
        apps.accessed = accessed  # rendering (bases, lazy references) is not an operation's use

    def _rerender(self, keys: set) -> None:
        apps = self.apps
        self.rerendered = set(keys)
        done: set = set()
        while keys:
            # The state's order, as Django renders.
            present = [k for k in keys if k in self.models] if len(keys) == 1 else \
                [k for k in self.models if k in keys]
            before = {}
            for key in keys:
                if (model := apps.registered(key)) is not None:
                    before[key] = model
                apps.unregister_model(*key)
            self._render(present, before)
            done |= keys
            # A model new to the registry has no old class pointed at (lazy references wait).
            changed = [k for k in present if k in before and
                       rendered.identity(before[k]) != rendered.identity(apps.registered(k))]
            keys = self._dependents(changed) - done

    def check_lazy_references(self) -> None:
        """What a fresh StateApps refuses (sqlmigrate renders one for the first operation):
        a field pointing at a model the state does not have."""
        if "apps" in self.__dict__ and self.apps._pending_operations:
            from django.core.checks.model_checks import _check_lazy_references

            errors = _check_lazy_references(self.apps)
            if errors:
                raise ValueError("\n".join(error.msg for error in errors))

    def _dependents(self, changed) -> set:
        """Models that point at (or inherit from) a model whose identity changed; found
        without building the relations index (building it changes AlterField's order)."""
        if not changed:
            return set()
        wanted = set(changed)
        labels = {f"{app}.{name}" for app, name in changed}
        found = set()
        for key, state in dict.items(self.models):
            if any(isinstance(b, str) and b.lower() in labels for b in state.bases):
                found.add(key)
                continue
            for field in state.fields.values():
                if field.is_relation and _target_key(field, key[0]) in wanted:
                    found.add(key)
                    break
        return found - wanted


# ProjectState's rename_model, rename_field and alter_field look these up in their module:
# the same answers for Django's own states, an indexed search for fast ones.
django_state.get_references = get_references
django_state.field_is_referenced = field_is_referenced
