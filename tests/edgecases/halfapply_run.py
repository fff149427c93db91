"""Run ``migrate edge_halfapply`` for real on the default alias's server, in a scratch test
database, and print what stayed: started by tests/test_halfapply_live.py as

    as_default.launch([python, -m, tests.edgecases.halfapply_run], alias, single=True,
                      settings_module="tests.edgecases.settings")

Prints one JSON object: the error migrate stopped with, the statement the server refused,
the migrations recorded as applied, and the item table as the server reports it.
"""

from __future__ import annotations

import contextlib
import json
import sys

TABLE = "edge_halfapply_item"


def main() -> int:
    import django

    with contextlib.redirect_stdout(sys.stderr):
        django.setup()
        from django.core.management import call_command
        from django.db import DEFAULT_DB_ALIAS
        from django.db.migrations.recorder import MigrationRecorder

        from harness.portability.live import scratch_database
        from harness.portability.roundtrip.schema import snapshot

        refused = []

        def record(execute, sql, params, many, context):
            try:
                return execute(sql, params, many, context)
            except Exception:
                refused.append(sql)
                raise

        with scratch_database(DEFAULT_DB_ALIAS, "halfapply") as connection:
            error = None
            try:
                with connection.execute_wrapper(record):
                    call_command("migrate", "edge_halfapply", verbosity=0, database=DEFAULT_DB_ALIAS)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
            applied = sorted(name for app, name in MigrationRecorder(connection).applied_migrations()
                             if app == "edge_halfapply")
            result = {"vendor": connection.vendor, "error": error, "refused": refused[:1],
                      "applied": applied, "table": snapshot(connection).get(TABLE)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
