#!/usr/bin/env python
"""The matrix demo project: a Django project that installs the harness, as a user's would."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
