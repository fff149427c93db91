"""Build the settings that make one backend the ``default`` alias (see the per-engine modules).

The backend's own alias becomes ``default``; the routed setup's SQLite database stays
reachable as alias ``sqlite``; every URL variable keeps configuring the same server.
"""

from routers import APP_DATABASES, DEFAULT_ALIAS

SQLITE_ALIAS = "sqlite"  # where the routed setup's default (SQLite) database goes


def default_alias_settings(databases: dict, alias: str) -> tuple[dict, dict]:
    """(DATABASES, HARNESS_APP_DATABASES) with ``alias`` as the default alias."""
    if alias == DEFAULT_ALIAS:
        return dict(databases), dict(APP_DATABASES)

    def renamed(old: str) -> str:
        return {alias: DEFAULT_ALIAS, DEFAULT_ALIAS: SQLITE_ALIAS}.get(old, old)

    moved = {renamed(old): config for old, config in databases.items()}
    # Keep "default" first: Django's test runner and manage.py list aliases in this order.
    moved = {DEFAULT_ALIAS: moved.pop(DEFAULT_ALIAS), **moved}
    # The vendor's pots app now lives on default; the others keep their servers.
    routes = {app: renamed(old) for app, old in APP_DATABASES.items()}
    return moved, routes
