"""One hash seed for every render: Django orders some statements by iterating a set
(``unique_together``, AlterUniqueTogether's differences), so only a fixed seed prints them
the same way on every run — and as ``sqlmigrate`` prints them under that seed.

``PYTHONHASHSEED`` is read when the interpreter starts. A command that renders DDL starts
again under seed 0 before it imports anything (:func:`restart_with_fixed_seed`, what this
project's ``manage.py`` and the ground truth do); where that did not happen, the engine
renders in a fresh seed-0 process after Django has started (``workers.render``), at the
cost of starting twice.
"""

from __future__ import annotations

import os
import sys


def is_fixed() -> bool:
    return os.environ.get("PYTHONHASHSEED") == "0"


def restart_with_fixed_seed(argv: list[str] | None = None) -> None:
    """Replace this process by the same command (or ``argv``, the interpreter's arguments)
    under ``PYTHONHASHSEED=0``; return at once when the seed is already fixed."""
    if not is_fixed():
        args = sys.orig_argv[1:] if argv is None else argv
        os.execve(sys.executable, [sys.executable, *args], {**os.environ, "PYTHONHASHSEED": "0"})
