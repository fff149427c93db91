"""Settings module: the project's own settings with one alias as the ``default`` alias.

    HARNESS_AS_DEFAULT_SETTINGS=myproject.settings HARNESS_AS_DEFAULT_ALIAS=postgresql \\
        DJANGO_SETTINGS_MODULE=harness.portability.as_default_settings python -m pytest

Every public name of the project's module is imported (as ``from … import *`` would), then
DATABASES (and HARNESS_APP_DATABASES, the harness's routes) are rewritten by
``harness.portability.as_default.settings_as_default``. ``HARNESS_AS_DEFAULT_ALIAS`` may
name several aliases, comma-separated, applied in order (a process already running under
this module that launches another). ``HARNESS_AS_DEFAULT_SINGLE=1`` keeps only the target.
When ``HARNESS_TEST_DB_SUFFIX`` is set, every server-side test database name carries it.
Use :func:`harness.portability.as_default.launch` rather than setting these by hand.
"""

import importlib as _importlib
import os as _os

from django.core.exceptions import ImproperlyConfigured as _ImproperlyConfigured

from harness.portability import as_default as _as_default

_name = _os.environ.get(_as_default.SETTINGS_VAR)
_aliases = [a for a in _os.environ.get(_as_default.ALIAS_VAR, "").split(",") if a]
if not _name or not _aliases:
    raise _ImproperlyConfigured(
        f"{__name__} needs {_as_default.SETTINGS_VAR} (the project's settings module) and "
        f"{_as_default.ALIAS_VAR} (the alias to make default); "
        "start the process with harness.portability.as_default.launch"
    )
if _name == __name__:
    raise _ImproperlyConfigured(f"{_as_default.SETTINGS_VAR} names this module itself")

_project = _importlib.import_module(_name)
_public = getattr(_project, "__all__", None) or [n for n in vars(_project) if not n.startswith("_")]
globals().update({n: getattr(_project, n) for n in _public})

_namespace = {n: getattr(_project, n) for n in _public}
for _alias in _aliases:
    try:
        _namespace.update(_as_default.settings_as_default(
            _namespace, _alias, single=_os.environ.get(_as_default.SINGLE_VAR) == "1"))
    except _as_default.AsDefaultError as _exc:
        raise _ImproperlyConfigured(f"{_name} as default for {_alias!r}: {_exc}") from None
if _os.environ.get(_as_default.SUFFIX_VAR):
    from harness.portability.databases import test_database_suffix as _suffix

    _namespace["DATABASES"] = _as_default.private_test_databases(_namespace["DATABASES"], _suffix())
DATABASES = _namespace["DATABASES"]
if _as_default.ROUTES_SETTING in _namespace:
    HARNESS_APP_DATABASES = _namespace[_as_default.ROUTES_SETTING]
