"""Combine the report.json files of several CI jobs into one report, targets side by side.

    merge_reports([("reports/sqlite/report.json", {...}),
                   ("reports/postgresql-17/report.json", {...})])

* Every input must be in this harness's format (``Report.from_dict`` says which file is not).
* Rows of every section are concatenated in input order; targets come in first-seen order.
* A target name reported by several jobs with the same content appears once (offline
  profiles are the same in every job). With different content (say the live alias
  ``postgresql`` of a PostgreSQL 15 job and of a PostgreSQL 17 job) the later one is kept
  too, renamed ``<name>@<job>`` in all its rows, where ``<job>`` is the file's stem (or its
  folder's name for the usual ``<job>/report.json``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import PurePath

from . import findings
from .results import LIVE, LintRow, Report, ReportFormatError

# The sections whose rows name their target in a ``target`` field.
TARGET_SECTIONS = ("ddl", "tables", "columns", "types", "null_empty", "booleans", "probes",
                   "roundtrip", "drift", "half_apply")

DEFAULT_STEM = "report"


def merge_reports(loaded: list[tuple[str, dict]]) -> Report:
    """One Report from ``(path, parsed JSON)`` pairs; ValueError naming the file on bad input."""
    if not loaded:
        raise ValueError("nothing to merge: give at least one report.json")
    reports = [(path, _read(path, data)) for path, data in loaded]
    merged = Report()
    seen: dict[str, tuple] = {}  # target name -> content of the kept one
    taken_jobs: set[str] = set()
    for path, report in reports:
        job = _unique(_job_name(path), taken_jobs)
        taken_jobs.add(job)
        renames: dict[str, str] = {}
        dropped: set[str] = set()
        for target in report.targets:
            content = _content(report, target)
            if target.name not in seen:
                seen[target.name] = content
                merged.targets.append(target)
            elif seen[target.name] == content:
                dropped.add(target.name)  # the same target again: its rows are already in
            else:
                new = _unique(f"{target.name}@{job}", seen)
                renames[target.name] = new
                seen[new] = content
                merged.targets.append(dataclasses.replace(target, name=new))
        for section in TARGET_SECTIONS:
            getattr(merged, section).extend(
                dataclasses.replace(row, target=renames.get(row.target, row.target))
                for row in getattr(report, section) if row.target not in dropped)
        _merge_default_vs_routed(merged, report, renames)
        _merge_lint(merged.lint, report.lint, renames)
        merged.apps.extend(a for a in report.apps if a not in merged.apps)
    versions = dict.fromkeys(r.django_version for _, r in reports if r.django_version)
    merged.django_version = ", ".join(versions)
    # Across every job's targets: the differences between jobs are what a merge is for.
    merged.findings = findings.collect(merged)
    return merged


def _read(path: str, data) -> Report:
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise ValueError(f"{path} is not a report: its JSON is a {kind}, not an object")
    try:
        return Report.from_dict(data, source=path)
    except ReportFormatError:
        raise
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{path} is not a valid report ({type(exc).__name__}: {exc})") from None


def _job_name(path: str) -> str:
    # CI artifacts are <job>/report.json: the folder tells the jobs apart, the stem does not.
    p = PurePath(path)
    if p.stem == DEFAULT_STEM and p.parent.name not in ("", ".", ".."):
        return p.parent.name
    return p.stem or DEFAULT_STEM


def _unique(name: str, taken) -> str:
    out, n = name, 2
    while out in taken:
        out, n = f"{name}-{n}", n + 1
    return out


def _content(report: Report, target) -> tuple:
    """A target and all its rows, without its name: what makes two jobs' targets the same."""
    def strip(rows: Iterable) -> tuple:
        return tuple(tuple((k, repr(v)) for k, v in dataclasses.asdict(r).items() if k != "target")
                     for r in rows)

    facts = tuple((k, repr(v)) for k, v in dataclasses.asdict(target).items() if k != "name")
    rows = tuple(strip(r for r in getattr(report, s) if r.target == target.name)
                 for s in TARGET_SECTIONS)
    return facts, rows


def _merge_default_vs_routed(merged: Report, report: Report, renames: dict[str, str]) -> None:
    # These rows name a vendor, not a target: label them with the renamed live target, if any.
    live_renamed = {t.vendor: renames[t.name] for t in report.targets
                    if t.name in renames and t.mode == LIVE}
    for row in report.default_vs_routed:
        if row.vendor in live_renamed:
            row = dataclasses.replace(row, vendor=f"{row.vendor} ({live_renamed[row.vendor]})")
        if row not in merged.default_vs_routed:
            merged.default_vs_routed.append(row)


def _merge_lint(merged: list[LintRow], rows: list[LintRow], renames: dict[str, str]) -> None:
    """The same finding from several jobs becomes one row listing all their targets."""
    index = {(r.id, r.obj, r.message, r.hint): r for r in merged}
    for row in rows:
        targets = [renames.get(t, t) for t in row.targets]
        key = (row.id, row.obj, row.message, row.hint)
        if key in index:
            kept = index[key]
            kept.targets.extend(t for t in targets if t not in kept.targets)
        else:
            index[key] = dataclasses.replace(row, targets=list(dict.fromkeys(targets)))
            merged.append(index[key])
