"""Prove the offline profiles exact on this project: Django's own sqlmigrate on each live
server (the ground truth, see groundtruth.py) against the offline profile of that server's
version, migration by migration, forwards and backwards.

Each comparison ends in one of:

* ``identical``: byte for byte (a volatile default — uuid4, now — compared as a value of its
  shape, since sqlmigrate prints another one every run);
* ``needs-server``: the profile says only a server (or its data) can render it;
* ``both-fail``: sqlmigrate fails on the live server and the profile reports the same failure
  (or shows what migrate runs where sqlmigrate cannot collect it);
* ``irreversible``: both refuse to render it backwards;
* ``different``: a fidelity bug, with the diff.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

IDENTICAL, NEEDS_SERVER, BOTH_FAIL, IRREVERSIBLE, DIFFERENT = (
    "identical", "needs-server", "both-fail", "irreversible", "different")
TRUTH_TIMEOUT_SECONDS = 1800
# Literals a volatile default prints as: hex keys, UUIDs, dates and times (quoted or bytes).
_VOLATILE_LITERAL = re.compile(
    r"""b?(['"])(?:[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|"""
    r"""\d{4}-\d\d-\d\d(?:[ T][\d:.]+(?:[+-]\d\d:?\d\d)?)?|[\d:.]{8,15})\1""")


@dataclass
class Comparison:
    app: str
    migration: str
    direction: str  # "forwards" | "backwards"
    outcome: str
    detail: str | None = None  # the reason, the error, or the diff


@dataclass
class ServerResult:
    alias: str
    server: str  # "PostgreSQL 16.14"
    profile: str | None
    comparisons: list[Comparison] = field(default_factory=list)
    error: str | None = None  # why this server could not be compared

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for c in self.comparisons:
            found[f"{c.direction}:{c.outcome}"] = found.get(f"{c.direction}:{c.outcome}", 0) + 1
        return dict(sorted(found.items()))

    @property
    def exact(self) -> bool:
        return self.error is None and not any(c.outcome == DIFFERENT for c in self.comparisons)


def profile_for(target) -> str | None:
    """The offline profile pinned to a live server's vendor and version, if there is one."""
    from . import profiles

    numbers = tuple(int(n) for n in re.findall(r"\d+", (target.version or "").split("-")[0])[:2])
    for profile in profiles.PROFILES.values():
        if profile.vendor != target.vendor or profile.mariadb != target.mariadb:
            continue
        if profile.vendor == "sqlite":
            return profile.name
        width = 2 if profile.vendor == "mysql" else 1  # MySQL 8.0 vs 8.4, MariaDB 10.11 vs 11.4
        if profile.version[:width] == numbers[:width]:
            return profile.name
    return None


def normalize(sql: str | None) -> str | None:
    return None if sql is None else _VOLATILE_LITERAL.sub(r"\1<volatile>\1", sql)


def compare_one(app, migration, direction, truth_sql, truth_error, ours) -> Comparison:
    status, sql, reason = ours["status"], ours["sql"], ours["reason"]
    if truth_error and "IrreversibleError" in truth_error and status == IRREVERSIBLE:
        return Comparison(app, migration, direction, IRREVERSIBLE, truth_error)
    if status == NEEDS_SERVER:
        return Comparison(app, migration, direction, NEEDS_SERVER, reason)
    if truth_error:
        failed_alike = status == "error" or (reason and "itself fails here" in reason)
        outcome = BOTH_FAIL if failed_alike and truth_error.split(":")[0] in (reason or "") else DIFFERENT
        return Comparison(app, migration, direction, outcome,
                          f"sqlmigrate: {truth_error}; profile: {status}: {reason}")
    if ours["volatile"]:
        truth_sql, sql = normalize(truth_sql), normalize(sql)
    if sql == truth_sql:
        return Comparison(app, migration, direction, IDENTICAL)
    diff = "\n".join(difflib.unified_diff((truth_sql or "").splitlines(), (sql or f"({status}: {reason})").splitlines(),
                                          "sqlmigrate (live)", "offline profile", lineterm=""))
    return Comparison(app, migration, direction, DIFFERENT, diff)


def ground_truth(alias: str, app_labels, settings_module: str, backwards: bool = True) -> list[dict]:
    """Run Django's own sqlmigrate on ``alias`` (groundtruth.py, in a process of its own)."""
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl", encoding="utf-8") as out:
        argv = [sys.executable, "-m", "harness.portability.groundtruth", "--settings", settings_module,
                "--alias", alias, "--apps", *app_labels, "--output", out.name]
        if backwards:
            argv.append("--backwards")
        done = subprocess.run(argv, capture_output=True, text=True, timeout=TRUTH_TIMEOUT_SECONDS,
                              env={**os.environ, "PYTHONHASHSEED": "0"})
        if done.returncode != 0:
            raise RuntimeError(f"sqlmigrate on {alias} failed: {done.stderr.strip()[-600:]}")
        return [json.loads(line) for line in out]


def verify(app_labels, live_targets: list, render, settings_module: str,
           parallel: int | None = None, backwards: bool = True) -> list[ServerResult]:
    """Compare what ``render(profiles)`` gives ({profile: [RenderedMigration]}) with
    sqlmigrate on each target; ``parallel`` servers at once (default: one per core)."""
    results = []
    for target in live_targets:
        profile = profile_for(target)
        results.append(ServerResult(target.name, target.display, profile,
                                    error=None if profile else "no offline profile pins this server's version"))
    pending = [r for r in results if r.error is None]
    # Each ground truth is a CPU-bound process: one per core (more only thrash the caches),
    # and the offline render starts beside them.
    with ThreadPoolExecutor(max(1, parallel or min(len(pending), os.cpu_count() or 1))) as pool:
        truths = {r.alias: pool.submit(ground_truth, r.alias, app_labels, settings_module, backwards)
                  for r in pending}
        rendered = render(sorted({r.profile for r in pending})) if pending else {}
        for result in pending:
            try:
                truth = truths[result.alias].result()
            except Exception as exc:
                result.error = str(exc)
                continue
            ours = {(r.app_label, r.name): r for r in rendered[result.profile]}
            for row in truth:
                if "prepare_error" in row:
                    continue
                mine = ours.get((row["app"], row["name"]))
                if mine is None:
                    result.comparisons.append(Comparison(row["app"], row["name"], "forwards", DIFFERENT,
                                                         "the profile did not render it"))
                    continue
                result.comparisons.append(compare_one(
                    row["app"], row["name"], "forwards", row["sql"], row["error"], _side(mine.forwards)))
                if backwards and mine.backwards is not None:
                    result.comparisons.append(compare_one(
                        row["app"], row["name"], "backwards", row.get("backwards_sql"),
                        row.get("backwards_error"), _side(mine.backwards)))
    return results


def _side(rendering) -> dict:
    return {"status": rendering.status, "sql": rendering.sql, "reason": rendering.reason,
            "volatile": rendering.volatile}


def to_json(results: list[ServerResult]) -> dict:
    return {"format": 1, "servers": [
        {"alias": r.alias, "server": r.server, "profile": r.profile, "error": r.error,
         "exact": r.exact, "counts": r.counts(),
         "comparisons": [vars(c) for c in r.comparisons if c.outcome != IDENTICAL]}
        for r in results]}


def to_markdown(results: list[ServerResult]) -> str:
    lines = ["# Offline profiles vs Django's own sqlmigrate", "",
             "| alias | server | profile | counts | result |", "|---|---|---|---|---|"]
    for r in results:
        counts = ", ".join(f"{k} {v}" for k, v in r.counts().items())
        lines.append(f"| {r.alias} | {r.server} | {r.profile or '—'} | {counts} | "
                     f"{'exact' if r.exact else (r.error or '**different**')} |")
    for r in results:
        shown = [c for c in r.comparisons if c.outcome != IDENTICAL]
        if not shown:
            continue
        lines += ["", f"## {r.alias} ({r.server}) vs {r.profile}", ""]
        for c in shown:
            lines.append(f"- **{c.outcome}** `{c.app}.{c.migration}` {c.direction}")
            if c.detail:
                fence = "```" if c.outcome == DIFFERENT else ""
                body = c.detail if fence else " ".join(c.detail.split())[:400]
                lines += [f"  {fence}diff" if fence else f"  {body}"]
                if fence:
                    lines += [f"  {line}" for line in body.splitlines()] + ["  ```"]
    return "\n".join(lines) + "\n"
