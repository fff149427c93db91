"""PostgreSQL as the ``default`` alias (one settings module per engine, pytest-django style).

Same URL variables as the routed settings; see harness.settings.engines for the aliases.
"""

from harness.settings import *  # noqa: F403
from harness.settings import DATABASES as _routed_databases
from harness.settings.engines import default_alias_settings

DATABASES, HARNESS_APP_DATABASES = default_alias_settings(_routed_databases, "postgresql")
