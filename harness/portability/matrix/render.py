"""Renderers: pure functions from a Matrix to text (JSON, Markdown; HTML in ``html.py``), and
``write_matrix`` to put them on disk. Equal matrices render to identical bytes.

Every page has the same order: the tests whose outcome differs between the targets that
ran, grouped by how they fail (exception type and message, on which targets); then the
totals per target; then the tests with the same outcome everywhere, folded.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..render.files import write_file
from .results import NOT_RUN, OUTCOMES, PASSED, Matrix, TestRow, exception_type

PAGES = ("matrix.json", "matrix.md", "matrix.html")


@dataclass(frozen=True)
class Failure:
    outcome: str
    message: str | None
    targets: tuple[str, ...]

    @property
    def exception(self) -> str:
        return exception_type(self.message)


@dataclass
class Group:
    failures: tuple[Failure, ...]  # how the tests of the group end where they do not pass
    tests: list[TestRow]


def differing_groups(matrix: Matrix) -> list[Group]:
    """The differing tests, grouped by (outcome, message, targets) wherever they did not pass;
    groups in order of their first test."""
    ran = matrix.ran()
    groups: dict[tuple, Group] = {}
    for test in matrix.tests:
        if not matrix.differs(test):
            continue
        where: dict[tuple[str, str | None], list[str]] = {}
        for name in ran:
            result = matrix.result(test, name)
            if result.outcome != PASSED:
                where.setdefault((result.outcome, result.message), []).append(name)
        key = tuple(Failure(o, m, tuple(t)) for (o, m), t in where.items())
        groups.setdefault(key, Group(key, [])).tests.append(test)
    return list(groups.values())


def same_everywhere(matrix: Matrix) -> dict[str, list[TestRow]]:
    """The tests whose outcome is the same on every target that ran, by that outcome."""
    ran = matrix.ran()
    out: dict[str, list[TestRow]] = {}
    for test in matrix.tests:
        if not matrix.differs(test):
            outcome = matrix.result(test, ran[0]).outcome if ran else NOT_RUN
            out.setdefault(outcome, []).append(test)
    return {o: out[o] for o in OUTCOMES if o in out}


def target_label(matrix: Matrix, name: str) -> str:
    target = next(t for t in matrix.targets if t.name == name)
    display = target.display.removesuffix(" (live)")  # every target of a test run is live
    return f"{name} ({display})" if display else name


def summary_line(matrix: Matrix) -> str:
    differing = sum(1 for t in matrix.tests if matrix.differs(t))
    return (f"Django {matrix.django_version or '?'} · {plural(len(matrix.targets), 'target')} · "
            f"{plural(len(matrix.tests), 'test')} · {differing} differ between targets")


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def failure_title(f: Failure) -> str:
    where = ", ".join(f.targets)
    return f"{f.outcome} on {where}" + (f": {f.message}" if f.message else "")


def status_text(target) -> str:
    return target.status + (f": {target.reason}" if target.reason else "")


# -- JSON --------------------------------------------------------------------------------------


def render_json(matrix: Matrix) -> str:
    """``"format": 1``, one target and one test per line (diffs of two runs stay readable)."""
    data = matrix.to_dict()
    head = {k: v for k, v in data.items() if k not in ("targets", "tests")}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "targets": [']
    lines.append(",\n".join(" " + json.dumps(t, ensure_ascii=False) for t in data["targets"]))
    lines.append('], "tests": [')
    lines.append(",\n".join(" " + json.dumps(t, ensure_ascii=False) for t in data["tests"]))
    lines.append("]}")
    return "\n".join(line for line in lines if line) + "\n"


# -- Markdown ----------------------------------------------------------------------------------


def _md(text: str | None) -> str:
    """A table cell: pipes escaped, one line."""
    return (text or "").replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{_md(text)}{fence}"


def _cell(outcome: str) -> str:
    return outcome if outcome in (PASSED, NOT_RUN) else f"**{outcome}**"


def render_markdown(matrix: Matrix) -> str:
    names = [t.name for t in matrix.targets]
    out = ["# Test matrix", "", summary_line(matrix), ""]
    for t in matrix.targets:
        if t.status != "ok":
            out.append(f"- **{t.name}** {status_text(t)}")
    if any(t.status != "ok" for t in matrix.targets):
        out.append("")
    groups = differing_groups(matrix)
    count = sum(len(g.tests) for g in groups)
    out += [f"## Tests that differ between targets ({count})", ""]
    if not groups:
        out += ["Every test has the same outcome on every target that ran.", ""]
    for group in groups:
        out.append("### " + "; ".join(_md(failure_title(f)) for f in group.failures))
        out += ["", "| test | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
        for test in group.tests:
            cells = [_cell(matrix.result(test, n).outcome) for n in names]
            out.append(f"| {_code(test.id)} | " + " | ".join(cells) + " |")
        out.append("")
    out += _md_totals(matrix)
    out += _md_same(matrix)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_totals(matrix: Matrix) -> list[str]:
    out = ["## Totals per target", "",
           "| target | runner | status | " + " | ".join(OUTCOMES) + " | seconds |",
           "|---" * (len(OUTCOMES) + 4) + "|"]
    for t in matrix.targets:
        totals = matrix.totals(t.name)
        seconds = sum(matrix.result(r, t.name).duration for r in matrix.tests)
        out.append(f"| {_md(target_label(matrix, t.name))} | {t.runner} | {_md(status_text(t))} | "
                   + " | ".join(str(totals[o]) for o in OUTCOMES) + f" | {seconds:.1f} |")
    return out + [""]


def _md_same(matrix: Matrix) -> list[str]:
    same = same_everywhere(matrix)
    total = sum(len(v) for v in same.values())
    out = [f"## Same outcome on every target ({total})", ""]
    if not total:
        return out + ["None.", ""]
    for outcome, tests in same.items():
        out += [f"<details><summary>{outcome} everywhere: {len(tests)}</summary>", ""]
        out += [f"- {_code(t.id)}" for t in tests]
        out += ["", "</details>", ""]
    return out


# -- files -------------------------------------------------------------------------------------


def render_all(matrix: Matrix) -> dict[str, str]:
    from .html import render_html

    return {"matrix.json": render_json(matrix), "matrix.md": render_markdown(matrix),
            "matrix.html": render_html(matrix)}


def write_matrix(matrix: Matrix, out_dir: str | os.PathLike) -> list[Path]:
    """Write matrix.json, matrix.md and matrix.html into ``out_dir``; all are rendered
    before any is replaced, each replaced atomically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pages = render_all(matrix)
    written = []
    for name in PAGES:
        write_file(out / name, pages[name])
        written.append(out / name)
    return written
