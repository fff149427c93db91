"""One way to run something with a chosen database alias as the ``default`` alias.

Some of Django's decisions read the default connection only (the auto table name's
truncation, Oracle's ``''`` → ``NULL`` rewrite, which test database a plain ``TestCase``
uses …), so a backend behaves as it would in production only as the default alias of its
own process. Three pieces, used by the test matrix, the default-vs-routed comparison and
the per-engine settings modules in ``harness/settings/``:

* :func:`databases_as_default` rewrites a DATABASES setting (pure; the DDL engine calls it
  with ``single=True``);
* ``harness.portability.as_default_settings`` is a settings module that star-imports the
  project's own settings (named by ``HARNESS_AS_DEFAULT_SETTINGS``) and rewrites them
  through :func:`settings_as_default` for the alias named by ``HARNESS_AS_DEFAULT_ALIAS``;
* :func:`launch` starts a subprocess with those variables set and the settings module
  pointed at the shim.

What happens to the aliases (``single=False``, the default)::

    before: {default: SQLite, postgresql: PG, mysql: MariaDB}   alias="postgresql"
    after:  {default: PG, previous_default: SQLite, postgresql: PG, mysql: MariaDB}

* ``default`` is the target's configuration (its TEST ``MIRROR`` and ``DEPENDENCIES``
  dropped: the default alias depends on nothing and mirrors nothing).
* The target keeps its own name too, with the identical configuration, so code and
  multi-database tests that name it (``using("postgresql")``, ``databases = {...}``) still
  work. Django's test setup gives both aliases one test database when both are used (they
  have the same test-database signature) and a test database of its own when only the
  target's name is used, so a test never writes to the configured database. It is *not* a
  TEST ``MIRROR``: a mirror whose primary is not set up for a test points at the real
  database. As with any two connections, a ``TestCase`` transaction on one is not seen
  through the other.
* The old default moves to ``previous_default`` (``previous_default_2`` … when that name
  is taken), so the servers of every other alias stay reachable.
* Every other alias is unchanged; TEST ``MIRROR`` values keep naming aliases, so a replica
  that mirrored ``default`` now mirrors the target.
* Routes (``HARNESS_APP_DATABASES``, app label → alias, read by the harness's router)
  follow the servers: what went to the target now goes to ``default``, what went to the
  old default goes to ``previous_default``. A project router that names aliases itself
  must read such a setting to follow along.

With ``single=True`` the target is the only alias, as a single-database production runs:
``{default: PG}``, and every route goes to ``default``.

With ``alias="default"`` nothing moves (``single=True`` still drops the other aliases).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence

DEFAULT = "default"
PREVIOUS_DEFAULT = "previous_default"

# Settings module that rewrites the project's settings (see as_default_settings.py).
SHIM_MODULE = "harness.portability.as_default_settings"
SETTINGS_VAR = "HARNESS_AS_DEFAULT_SETTINGS"  # the project's own settings module
ALIAS_VAR = "HARNESS_AS_DEFAULT_ALIAS"  # the alias(es) to make default, comma-separated
SINGLE_VAR = "HARNESS_AS_DEFAULT_SINGLE"  # "1": the target is the only alias
SUFFIX_VAR = "HARNESS_TEST_DB_SUFFIX"  # see databases.test_database_suffix
ROUTES_SETTING = "HARNESS_APP_DATABASES"

# TEST keys that make no sense on the default alias.
_NOT_FOR_DEFAULT = ("MIRROR", "DEPENDENCIES")


class AsDefaultError(ValueError):
    """An alias that the settings do not define, or settings that cannot be rewritten."""


def alias_moves(databases: Mapping, alias: str, *, single: bool = False) -> dict[str, str | None]:
    """Old alias -> its name after the rewrite (None: dropped), for every alias."""
    if alias not in databases:
        valid = ", ".join(databases) or "none"
        raise AsDefaultError(f"no database alias {alias!r} in DATABASES (aliases: {valid})")
    if single:
        return {old: (DEFAULT if old == alias else None) for old in databases}
    if alias == DEFAULT:
        return {old: old for old in databases}
    moves = {old: old for old in databases}
    moves[DEFAULT] = _free_name(PREVIOUS_DEFAULT, databases)  # the target keeps its name too
    moves[alias] = DEFAULT
    return moves


def _free_name(name: str, taken: Mapping) -> str:
    out, n = name, 2
    while out in taken:
        out, n = f"{name}_{n}", n + 1
    return out


def databases_as_default(databases: dict, alias: str, *, single: bool = False) -> dict:
    """The DATABASES setting with ``alias``'s server as the ``default`` alias.

    Never mutates ``databases``; see the module docstring for what happens to the others.
    """
    moves = alias_moves(databases, alias, single=single)
    target = _copy(databases[alias])
    if "TEST" in target:
        target["TEST"] = {k: v for k, v in target["TEST"].items() if k not in _NOT_FOR_DEFAULT}
    out = {DEFAULT: target}  # first: Django's test runner and manage.py list aliases in order
    if single:
        return out
    for old, config in databases.items():
        if old == alias and alias != DEFAULT:
            out[alias] = _copy(target)  # its own name: the same server and test database
        elif moves[old] != DEFAULT:
            out[moves[old]] = _copy(config)
    return out


def _copy(config: Mapping) -> dict:
    # Django fills in TEST and OPTIONS in place: no two aliases may share those dicts.
    out = dict(config)
    for key in ("TEST", "OPTIONS"):
        if key in out:
            out[key] = dict(out[key] or {})
    return out


def routes_as_default(routes: Mapping[str, str], databases: Mapping, alias: str, *,
                      single: bool = False) -> dict[str, str]:
    """App label -> alias routes, following each server to its new alias name."""
    moves = alias_moves(databases, alias, single=single)
    if single:
        return dict.fromkeys(routes, DEFAULT)
    return {app: moves.get(old, old) for app, old in routes.items()}


def settings_as_default(namespace: Mapping, alias: str, *, single: bool = False) -> dict:
    """The settings to override in a module whose other settings are ``namespace``'s:
    DATABASES, and ``HARNESS_APP_DATABASES`` when ``namespace`` defines it."""
    databases = namespace.get("DATABASES")
    if not isinstance(databases, Mapping):
        raise AsDefaultError("the settings define no DATABASES to rewrite")
    out = {"DATABASES": databases_as_default(dict(databases), alias, single=single)}
    if ROUTES_SETTING in namespace:
        out[ROUTES_SETTING] = routes_as_default(namespace[ROUTES_SETTING], databases, alias,
                                                single=single)
    return out


def private_test_databases(databases: Mapping, suffix: str) -> dict:
    """``databases`` with ``suffix`` in every server-side test database name that lacks it,
    so that concurrent runs of one project on one server never share a test database.

    The harness's own settings already name test databases ``test_harness_<suffix>``;
    this covers projects whose settings do not. SQLite's in-memory test databases are
    private to their process already; Oracle's test user and tablespaces are left alone.
    """
    out = {}
    for alias, config in databases.items():
        config = dict(config)
        test = dict(config.get("TEST") or {})
        engine = config.get("ENGINE", "")
        server_side = any(k in engine for k in ("postgresql", "mysql", "cockroach"))
        if server_side and not test.get("MIRROR"):
            name = test.get("NAME") or f"test_{config.get('NAME') or alias}"
            if suffix not in name:
                test["NAME"] = f"{name}_{suffix}"
        config["TEST"] = test
        out[alias] = config
    return out


# -- the launcher -------------------------------------------------------------------------------


def project_settings_module(environ: Mapping[str, str] = os.environ) -> tuple[str, list[str]]:
    """(the project's own settings module, aliases already made default) for this process.

    A process that already runs under the shim passes on its own base module and alias
    chain, so a child's alias names mean what they mean in this process.
    """
    module = None
    try:
        from django.conf import settings

        if settings.configured:
            module = settings.SETTINGS_MODULE
    except ImportError:  # pragma: no cover - Django is a dependency
        pass
    module = module or environ.get("DJANGO_SETTINGS_MODULE")
    if not module:
        raise AsDefaultError("no settings module: set DJANGO_SETTINGS_MODULE or pass --settings")
    if module == SHIM_MODULE:
        chain = [a for a in environ.get(ALIAS_VAR, "").split(",") if a]
        return environ[SETTINGS_VAR], chain
    return module, []


def as_default_env(alias: str, *, settings_module: str | None = None, single: bool = False,
                   suffix: str | None = None, env: Mapping[str, str] | None = None) -> dict:
    """The environment of a process whose default alias is ``alias`` (see :func:`launch`)."""
    base = dict(os.environ if env is None else env)
    if settings_module is None:
        settings_module, chain = project_settings_module(base)
    else:
        chain = []
    inherited_single = base.get(SINGLE_VAR) == "1" and bool(chain)
    base.update({
        "DJANGO_SETTINGS_MODULE": SHIM_MODULE,
        SETTINGS_VAR: settings_module,
        ALIAS_VAR: ",".join([*chain, alias]),
        SINGLE_VAR: "1" if (single or inherited_single) else "0",
    })
    if suffix is not None:
        base[SUFFIX_VAR] = suffix
    return base


def launch(argv: Sequence[str], alias: str, *, cwd=None, settings_module: str | None = None,
           single: bool = False, suffix: str | None = None, env: Mapping[str, str] | None = None,
           **popen_kwargs) -> subprocess.Popen:
    """Start ``argv`` with ``alias`` as the default alias of the project's settings.

    ``settings_module``: the project's own settings (default: this process's, see
    :func:`project_settings_module`). ``suffix``: the test-database label
    (``HARNESS_TEST_DB_SUFFIX``) so concurrent runs never share a test database. ``env``:
    the base environment (default: this one). The rest goes to :class:`subprocess.Popen`.
    """
    full_env = as_default_env(alias, settings_module=settings_module, single=single,
                              suffix=suffix, env=env)
    return subprocess.Popen(list(argv), cwd=cwd, env=full_env, **popen_kwargs)
