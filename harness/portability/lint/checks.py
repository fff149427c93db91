"""Running the rules: which models, which targets, and the results as checks or report rows."""

from __future__ import annotations

import sys

import difflib

from django.apps import apps
from django.conf import settings
from django.core import checks

from ..results import LintRow
from . import fields, indexes, rules
from .rules import Finding, label
from .targets import Backend, resolve

RULES = rules.RULES + fields.RULES + indexes.RULES


def _linted_app_configs(app_configs=None):
    """The apps to lint and any portability.E002 errors about PORTABILITY_LINT_APPS."""
    configured = getattr(settings, "PORTABILITY_LINT_APPS", None)
    errors = []
    if configured is None:
        chosen = [a for a in apps.get_app_configs() if not a.name.startswith("django.")]
    else:
        known = {a.label: a for a in apps.get_app_configs()}
        chosen = []
        for name in configured:
            if name in known:
                chosen.append(known[name])
                continue
            close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.5)
            errors.append(
                checks.Error(
                    f"PORTABILITY_LINT_APPS names an unknown app label {name!r}.",
                    hint=(f"Did you mean {close[0]!r}? " if close else "")
                    + "Use the labels of INSTALLED_APPS.",
                    obj="settings.PORTABILITY_LINT_APPS",
                    id="portability.E002",
                )
            )
    if app_configs is not None:  # `check <app>`: only those, still within the setting
        wanted = {a.label for a in app_configs}
        chosen = [a for a in chosen if a.label in wanted]
    return chosen, errors


def _applies(model, b: Backend) -> bool:
    """Whether Django would create the model on the target (required_db_vendor/features)."""
    opts = model._meta
    if opts.required_db_vendor:
        return opts.required_db_vendor == b.vendor
    return all(b.feature(name, True) for name in opts.required_db_features)


def findings(models, backends: list[Backend]) -> list[Finding]:
    """Every finding for ``models`` on ``backends``, in a stable order."""
    found = []
    for model in models:
        opts = model._meta
        if opts.proxy or opts.swapped:  # no table of their own
            continue
        relevant = [b for b in backends if _applies(model, b)]
        if not relevant:
            continue
        for rule in RULES:
            found.extend(rule(model, relevant))
    return sorted(found, key=lambda f: (label(f.obj), f.id, f.message))


def _collect(app_configs=None, targets=None, models=None):
    backends, errors = resolve(targets)
    if models is None:
        chosen, app_errors = _linted_app_configs(app_configs)
        errors += app_errors
        models = [m for a in chosen for m in a.get_models()]
    return errors, findings(models, backends)


def lint_messages(app_configs=None, targets=None, models=None) -> list[checks.CheckMessage]:
    """The portability errors and warnings as Django check messages.

    ``targets``: profile names or Profiles (default: the PORTABILITY_TARGETS setting);
    ``models``: model classes to lint instead of the installed apps.
    """
    errors, found = _collect(app_configs, targets, models)
    return errors + [
        checks.Warning(f.message, hint=f.hint, obj=f.obj, id=f.id) for f in found
    ]


@checks.register("portability")
def check_portability(app_configs=None, **kwargs):
    # The lint speaks when asked (`check --tag portability`), not on every runserver or
    # migrate; PORTABILITY_LINT_ALWAYS = True makes it part of every system check.
    if not (getattr(settings, "PORTABILITY_LINT_ALWAYS", False) or _portability_tag_requested()):
        return []
    return lint_messages(app_configs=app_configs)


def _portability_tag_requested() -> bool:
    """Whether the running CheckRegistry.run_checks() was given the "portability" tag.
    Django hands check functions no tags, so read them from that call's frame."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is checks.registry.CheckRegistry.run_checks.__code__:
            return "portability" in (frame.f_locals.get("tags") or ())
        frame = frame.f_back
    return False


def lint_rows(app_configs=None, targets=None, models=None) -> list[LintRow]:
    """The report's lint section: errors first, then findings ordered by object and id."""
    errors, found = _collect(app_configs, targets, models)
    rows = [LintRow(e.id, e.obj, [], e.msg, e.hint or "") for e in errors]
    rows += [LintRow(f.id, label(f.obj), f.targets, f.message, f.hint) for f in found]
    return rows
