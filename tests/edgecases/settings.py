"""The project's settings plus the edge-case apps (app labels ``edge_*``).

    DJANGO_SETTINGS_MODULE=tests.edgecases.settings python manage.py portability verify \
        --apps edge_squash ... --targets default postgresql mysql --output out/
"""

from harness.settings import *  # noqa: F403
from harness.settings import INSTALLED_APPS as _PROJECT_APPS

# One app per class of engine behaviour (see each app's docstring).
EDGE_APPS = [
    "edge_squash",  # a squashed migration beside the ones it replaces
    "edge_squashdep",  # another app depending on a replaced migration
    "edge_branch",  # two leaves altering one model, a merge, a migration after it
    "edge_rename",  # RenameModel (auto M2M) then AlterField in one migration
    "edge_vendor",  # operations chosen from connection.vendor at import time
    "edge_datadefault",  # a callable default that queries the database
    "edge_volatile",  # uuid4, now, auto_now_add, random strings
    "edge_together",  # AlterUniqueTogether/AlterIndexTogether adding and removing several
    "edge_fkindex",  # MySQL's implicit FK indexes, FK dropped around a NULL change
    "edge_check",  # a column CHECK altered again and again (MariaDB drops it on MODIFY)
    "edge_multiindex",  # several indexes of one column dropped by one AlterField
    "edge_runsqlidx",  # indexes created by RunSQL, seen by later introspection
    "edge_condunique",  # conditional UniqueConstraint (Oracle cannot write one)
    "edge_ownapply",  # Migration.apply/unapply overridden, irreversible operations
    "edge_customfield",  # a field whose db_type() reads the default connection
    "edge_halfapply",  # a statement in the middle of a migration fails on the data
    "edge_leftover",  # a RunSQL whose reverse leaves its table behind
    "edge_longname",  # a table name longer than PostgreSQL and MariaDB allow
]

INSTALLED_APPS = [*_PROJECT_APPS, *(f"tests.edgecases.{label}" for label in EDGE_APPS)]
