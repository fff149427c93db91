"""Answer the default-vs-routed questions with one backend as the ``default`` alias.

    python -m harness.portability.comparisons.as_default --vendor postgresql

Runs under that vendor's settings module (harness.settings.<vendor>), inside a test
database it creates and destroys with Django's test-database machinery, and prints the
outcomes as one JSON line: [{"vendor": ..., "case": ..., "outcome": ...}, ...].
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys


def main(argv: list[str] | None = None) -> int:
    from .default_vs_routed import SETTINGS_MODULES  # imports no models: safe before setup

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendor", required=True, choices=sorted(SETTINGS_MODULES))
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULES[args.vendor]

    stdout = sys.stdout
    # Anything Django or a driver prints goes to stderr; stdout carries only the JSON line.
    with contextlib.redirect_stdout(sys.stderr):
        rows = _observe_as_default(args.vendor)
    stdout.write(json.dumps(rows) + "\n")
    return 0


def _observe_as_default(vendor: str) -> list[dict[str, str]]:
    import django

    django.setup()
    from django.db import DEFAULT_DB_ALIAS, connections

    from .default_vs_routed import observe

    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != vendor:
        raise SystemExit(f"settings for {vendor} made {connection.vendor} the default alias")
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
