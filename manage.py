#!/usr/bin/env python
"""Django's command-line utility for the portability harness."""
import os
import sys


def main():
    if sys.argv[1:2] == ["portability"]:
        from harness.portability.hashseed import restart_with_fixed_seed

        restart_with_fixed_seed()  # before Django starts: the engine renders under seed 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "harness.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from harness.portability.databases import DatabaseURLError

    try:
        settings.DATABASES  # parse the URL variables before any command runs
    except DatabaseURLError as exc:
        # A bad URL variable is the user's input, not a bug: no traceback.
        sys.exit(f"error: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
