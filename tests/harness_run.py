"""Run ``manage.py`` in a subprocess, as a user or CI would, for the end-to-end tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_SECONDS = 120  # a whole report with live servers takes ~10 s here


def unique_suffix() -> str:
    """A HARNESS_TEST_DB_SUFFIX no other process uses: names this run's test databases."""
    return f"t{uuid.uuid4().hex[:10]}"


def harness_env(**overrides: str | None) -> dict[str, str]:
    """This environment with ``overrides`` (None removes a variable) and a test-database
    suffix of its own."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "harness.settings",
           "HARNESS_TEST_DB_SUFFIX": unique_suffix(), "PYTHONUNBUFFERED": "1"}
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def manage_args(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


def run_manage(*args: str, env: dict[str, str], timeout: float = TIMEOUT_SECONDS):
    return subprocess.run(manage_args(*args), cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def start_manage(*args: str, env: dict[str, str], stdout=subprocess.PIPE, stderr=subprocess.PIPE):
    return subprocess.Popen(manage_args(*args), cwd=ROOT, env=env, stdout=stdout, stderr=stderr,
                            text=True)


def load_report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def target(report: dict, name: str) -> dict:
    return next(t for t in report["targets"] if t["name"] == name)


def temp_files(out: Path) -> list[Path]:
    """What an interrupted atomic write would leave behind (``.<name>.<hex>.tmp``)."""
    return [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def explain(proc) -> str:
    """The end of a finished process's output, for assertion messages."""
    return (f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-3000:]}"
            f"\n--- stderr\n{proc.stderr[-3000:]}")
