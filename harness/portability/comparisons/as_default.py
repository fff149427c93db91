"""Answer the default-vs-routed questions in a process whose default alias is one backend.

    launch([sys.executable, "-m", "harness.portability.comparisons.as_default"], "postgresql")

Started by ``default_vs_routed.run_as_default`` through ``harness.portability.as_default.launch``,
which points the settings at the as-default shim. Runs inside a test database it creates and
destroys with Django's test-database machinery, and prints the outcomes as one JSON line:
[{"vendor": ..., "case": ..., "outcome": ...}, ...].
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    stdout = sys.stdout
    # Anything Django or a driver prints goes to stderr; stdout carries only the JSON line.
    with contextlib.redirect_stdout(sys.stderr):
        rows = _observe_as_default()
    stdout.write(json.dumps(rows) + "\n")
    return 0


def _observe_as_default() -> list[dict[str, str]]:
    import django

    django.setup()
    from django.db import DEFAULT_DB_ALIAS, connections

    from .default_vs_routed import observe

    connection = connections[DEFAULT_DB_ALIAS]
    vendor = connection.vendor
    # The test-database name carries a process-private suffix, so clobbering only ever
    # removes a leftover of an earlier crashed run of this same command.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        outcomes = observe(DEFAULT_DB_ALIAS)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return [{"vendor": vendor, "case": case, "outcome": outcome} for case, outcome in outcomes.items()]


if __name__ == "__main__":
    sys.exit(main())
