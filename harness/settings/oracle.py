"""Oracle as the ``default`` alias (one settings module per engine, pytest-django style).

Same URL variables as the routed settings; harness.portability.as_default says what
happens to the other aliases and to the routes.
"""

import harness.settings as _project
from harness.portability.as_default import settings_as_default as _as_default
from harness.settings import *  # noqa: F403

_overrides = _as_default(vars(_project), "oracle")
DATABASES = _overrides["DATABASES"]
HARNESS_APP_DATABASES = _overrides["HARNESS_APP_DATABASES"]
