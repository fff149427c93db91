"""The model registry of a fast project state (faststate.py): what it shares with its clones,
how it registers classes rendered before (rendered.py), what it tells about the reverse
relations asked of it.

* A clone shares each app's models dict and AppConfigStub until either registry changes
  that app: a state is cloned for every operation.
* ``render_multiple`` registers an earlier render's class where one equals the model state,
  with new creation counters (:func:`renumber`: the one thing a render changes that SQL can
  see); only the rest is rendered.
* Computing reverse relations asks a registry for all of its models with the auto-created
  ones: :func:`reverse_mark` counts those requests (ddl.collect renders a migration again
  with Django's own state when its operations made one), and :func:`forget_reverse_relations`
  expires what Options cached of them, so no cached answer skips the count.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db.migrations.state import AppConfigStub, StateApps

from . import related, rendered

_REVERSE_REQUESTS = [0]


def reverse_mark() -> int:
    """How many times a fast registry was asked for its models with the auto-created ones
    (what computing reverse relations does); compare before and after rendering."""
    return _REVERSE_REQUESTS[0]


_ASKED: list = []  # the fast registries whose models got reverse relations computed


def forget_reverse_relations(states=()) -> None:
    """Expire the reverse relations Options cached on the models of ``states`` (fast ones)
    and of every fast registry asked for them since: those classes are shared by other
    states (and reused, rendered.py), whose registries hold other models; a cached answer
    would not pass through reverse_mark() again."""
    registries = [*_ASKED, *(state.__dict__["apps"] for state in states
                             if isinstance(state.__dict__.get("apps"), FastApps))]
    _ASKED.clear()
    for apps in registries:
        for models in apps.all_models.values():
            for model in models.values():
                model._meta._expire_cache(forward=False)


class FastApps(StateApps):
    """A StateApps whose clone shares its model classes and whose registrations do not
    expire every model's caches (StateApps.register_model calls clear_cache())."""

    _owned: frozenset = frozenset()  # app labels whose models dict (and stub) are this registry's

    def clone(self):
        # Each app's models dict and AppConfigStub are shared with the clone until either
        # registry changes that app (_own): a state is cloned for every operation.
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.all_models = defaultdict(dict, self.all_models)
        clone.app_configs = dict(self.app_configs)
        self._owned = clone._owned = set()
        clone._pending_operations = defaultdict(list, {k: list(v) for k, v in self._pending_operations.items()})
        clone._first_use, clone.accessed, clone.fresh = None, False, None
        return clone

    def _own(self, app_label) -> None:
        if app_label in self._owned:
            return
        if not isinstance(self._owned, set):
            self._owned = set()
        models = self.all_models[app_label] = dict(self.all_models.get(app_label, ()))
        stub = self.app_configs[app_label] = AppConfigStub(app_label)
        stub.apps, stub.models = self, models
        self._owned.add(app_label)

    def register_model(self, app_label, model):
        self._own(app_label)
        self.all_models[app_label][model._meta.model_name] = model
        self.do_pending_operations(model)

    def unregister_model(self, app_label, model_name):
        # StateApps.unregister_model leaves the model's auto-created M2M tables registered;
        # a fresh StateApps would not have them (re-rendering the model replaces them).
        owner = self.all_models.get(app_label, {}).get(model_name)
        if owner is None:
            return
        self._own(app_label)
        super().unregister_model(app_label, model_name)
        if owner is not None and owner._meta.local_many_to_many:
            for name, model in list(self.all_models.get(app_label, {}).items()):
                if model._meta.auto_created is owner:
                    super().unregister_model(app_label, name)

    def render_multiple(self, model_states, replaced=None):
        """StateApps.render_multiple, each model an earlier render's class where one equals it
        (rendered.py) — but never the class it replaces (``replaced``: key -> class): Django's
        re-render gives the state after a change a class of its own."""
        replaced = replaced or {}
        pending = list(model_states)
        while pending:  # a class is reused once the classes it points at are registered
            waiting = []
            for model_state in pending:
                key = (model_state.app_label, model_state.name_lower)
                model = rendered.CLASSES.get(model_state, self, avoid=replaced.get(key))
                if model is None:
                    waiting.append(model_state)
                else:
                    _register(self, model)
            if len(waiting) == len(pending):
                break
            pending = waiting
        if pending:
            super().render_multiple(pending)
            for model_state in pending:
                model = self.registered((model_state.app_label, model_state.name_lower))
                if model is not None:
                    for field in model._meta.local_many_to_many:
                        through = field.remote_field.through
                        if not isinstance(through, str) and through._meta.auto_created is model:
                            through._meta.__class__ = related.FastOptions
                    model._meta.__class__ = related.FastOptions
                rendered.CLASSES.put(model_state, self)

    def clear_cache(self):
        # Nothing to clear: get_models is computed afresh, and model caches are never trusted
        # for reverse relations. (Apps' own caches are shared by every registry, the
        # project's among them: clearing them on each registration costs its lookups.)
        pass

    accessed = False  # whether an operation asked this registry for a model
    # The state, while the operation at hand runs where Django renders that state afresh
    # (related.related_objects keeps that render's order).
    fresh = None
    _first_use = None  # (state, keys) to render anew when an operation first asks

    def render_on_first_use(self, state, keys) -> None:
        """sqlmigrate renders a migration's states when an operation first asks for their
        models: the first state asked for gets the older classes (creation counters decide
        the column order of SQLite's rebuilt table). Render ``keys`` anew at that moment."""
        self._first_use = (state, keys) if keys else None

    def _used(self) -> None:
        self.accessed = True
        if self._first_use is not None:
            state, keys = self._first_use
            self._first_use = None
            state.render_again(keys)

    def get_model(self, app_label, model_name=None, require_ready=True):
        self._used()
        model = super().get_model(app_label, model_name, require_ready)
        related.taken(model, self)
        return model

    def get_models(self, include_auto_created=False, include_swapped=False, counted=True):
        """``counted``: a request with the auto-created models is counted (reverse_mark),
        but for related.py's own (it answers from this very registry)."""
        if include_auto_created and counted:
            _REVERSE_REQUESTS[0] += 1
            _ASKED.append(self)
        self._used()
        return Apps.get_models.__wrapped__(self, include_auto_created, include_swapped)

    def registered(self, key):
        """The class registered for ``key`` (no operation's use), or None."""
        return self.all_models.get(key[0], {}).get(key[1])


def renumber(model) -> None:
    """Give a rendered model's fields the creation counters ModelState.render would give
    them now (one each, in their order; Field.__init__ counts auto-created fields down from
    their own counter), then its auto-created M2M tables' fields."""
    from django.db.models import Field

    opts = model._meta
    fields = sorted([*opts.local_fields, *opts.local_many_to_many, *opts.private_fields],
                    key=lambda f: f.creation_counter)
    for field in fields:
        if not field.auto_created:
            field.creation_counter = Field.creation_counter
            Field.creation_counter += 1
    for field in reversed(fields):  # the first cloned has the highest of these counters
        if field.auto_created:
            field.creation_counter = Field.auto_creation_counter
            Field.auto_creation_counter -= 1
    for field in fields:
        through = getattr(field.remote_field, "through", None) if field.many_to_many else None
        if through is not None and not isinstance(through, str) and through._meta.auto_created is model:
            renumber(through)


def _register(apps, model) -> None:
    """Register a class rendered earlier as its render would: its auto-created M2M tables
    first, then it, with new creation counters."""
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if through._meta.auto_created is model:
            apps.register_model(through._meta.app_label, through)
            through._meta._expire_cache(forward=False)
    apps.register_model(model._meta.app_label, model)
    model._meta._expire_cache(forward=False)  # its reverse relations are this registry's to find
    renumber(model)


def keep_swappable_answers(project_apps) -> None:
    """Apps.get_swappable_settings_name, which every ForeignKey's deconstruct asks of the
    project's registry, caches in one cache shared by all registries, and every state
    registry of Django's clears it on each registration: the project registry answers from
    a cache of its own (cleared, as Django clears it, by its own clear_cache)."""
    if "get_swappable_settings_name" not in vars(project_apps):
        project_apps.get_swappable_settings_name = functools.cache(
            Apps.get_swappable_settings_name.__wrapped__.__get__(project_apps))


keep_swappable_answers(global_apps)
