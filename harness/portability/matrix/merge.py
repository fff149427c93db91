"""Combine the matrix.json files of several CI jobs (one backend each) into one matrix.

* Targets come in input order. A target name that several jobs report with the same
  content appears once; with different content (the ``postgresql`` alias of a PostgreSQL 15
  job and of a PostgreSQL 17 job) the later one is renamed ``<name>@<job>``, ``<job>`` being
  the folder of the usual ``<job>/tests/matrix.json`` layout (else the file's stem).
* Tests are the union of every job's, in first-seen order; a test a job did not run is
  ``not-run`` in that job's columns.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePath

from .results import Matrix, TestRow, is_matrix

MATRIX, REPORT = "matrix", "report"


def input_kind(loaded: list[tuple[str, object]]) -> str:
    """MATRIX when every input is a matrix.json, REPORT when none is; ValueError when mixed."""
    kinds = {path: (MATRIX if is_matrix(data) else REPORT) for path, data in loaded}
    if len(set(kinds.values())) > 1:
        matrices = [p for p, k in kinds.items() if k == MATRIX]
        reports = [p for p, k in kinds.items() if k == REPORT]
        raise ValueError(
            "cannot merge test matrices and reports together: "
            f"{', '.join(matrices)} {'is a' if len(matrices) == 1 else 'are'} matrix.json, "
            f"{', '.join(reports)} {'is not' if len(reports) == 1 else 'are not'}; "
            "merge each kind on its own")
    return next(iter(kinds.values()), REPORT)


def merge_matrices(loaded: list[tuple[str, object]]) -> Matrix:
    """One Matrix from ``(path, parsed JSON)`` pairs; ValueError naming the file on bad input."""
    if not loaded:
        raise ValueError("nothing to merge: give at least one matrix.json")
    matrices = [(path, Matrix.from_dict(data, source=path)) for path, data in loaded]
    merged = Matrix()
    rows: dict[str, TestRow] = {}
    seen: dict[str, tuple] = {}
    jobs: set[str] = set()
    for path, matrix in matrices:
        job = _unique(_job_name(path), jobs)
        jobs.add(job)
        for target in matrix.targets:
            content = _content(matrix, target)
            name = target.name
            if name in seen and seen[name] == content:
                continue  # the same target again: its results are already in
            if name in seen:
                name = _unique(f"{target.name}@{job}", seen)
            seen[name] = content
            merged.targets.append(dataclasses.replace(target, name=name))
            for test in matrix.tests:
                if target.name in test.results:
                    rows.setdefault(test.id, TestRow(test.id)).results[name] = \
                        test.results[target.name]
            for test in matrix.tests:  # tests this target did not run still get a row
                rows.setdefault(test.id, TestRow(test.id))
    merged.tests = list(rows.values())
    versions = dict.fromkeys(m.django_version for _, m in matrices if m.django_version)
    merged.django_version = ", ".join(versions)
    return merged


def _content(matrix: Matrix, target) -> tuple:
    facts = tuple((k, repr(v)) for k, v in dataclasses.asdict(target).items() if k != "name")
    results = tuple((t.id, repr(t.results[target.name])) for t in matrix.tests
                    if target.name in t.results)
    return facts, results


def _job_name(path: str) -> str:
    p = PurePath(path)
    parent = p.parent
    if p.stem == "matrix" and parent.name == "tests":
        parent = parent.parent  # <job>/tests/matrix.json, as `portability test` writes it
    if p.stem == "matrix" and parent.name not in ("", ".", ".."):
        return parent.name
    return p.stem or "matrix"


def _unique(name: str, taken) -> str:
    out, n = name, 2
    while out in taken:
        out, n = f"{name}-{n}", n + 1
    return out
