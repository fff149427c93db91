"""matrix.html: one self-contained page (the report's stylesheet inline, no JavaScript).

Sections, in order: ``#differ`` (one ``section.group`` per way of failing, each a table with
one row per test and one ``td.outcome-<outcome>`` per target), ``#totals`` and ``#same``
(the tests with one outcome everywhere, folded in ``<details>``).
"""

from __future__ import annotations

import functools
import html
from importlib.resources import files

from .render import (
    Matrix,
    differing_groups,
    failure_title,
    same_everywhere,
    status_text,
    summary_line,
    target_label,
)
from .results import OK, OUTCOMES, PASSED

_MATRIX_CSS = """
/* Test matrix: one colour per outcome. */
td.outcome-failed, td.outcome-error, td.outcome-xpassed { background: var(--warn-bg);
  color: var(--warn); font-weight: 600; }
td.outcome-skipped, td.outcome-xfailed { background: #f2f4f7; }
td.outcome-not-run { color: var(--muted); font-style: italic; }
td.outcome-passed { color: #067647; }
section.group { border-left: 4px solid var(--diff-line); padding-left: .75rem; margin: 1rem 0; }
section.group h3 code { white-space: pre-wrap; }
.exception { font-weight: 700; }
details > summary { cursor: pointer; margin: .25rem 0; }
"""


@functools.cache
def _css() -> str:
    # The report's own stylesheet (read-only here), then the matrix's few rules.
    base = files("harness.portability.render").joinpath("report.css").read_text(encoding="utf-8")
    return base.rstrip("\n") + "\n" + _MATRIX_CSS.strip("\n")


def _e(text) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def render_html(matrix: Matrix) -> str:
    names = [t.name for t in matrix.targets]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Test matrix</title>",
        f"<style>\n{_css()}\n</style></head><body>",
        f"<header><h1>Test matrix</h1><p>{_e(summary_line(matrix))}</p>",
    ]
    problems = [t for t in matrix.targets if t.status != OK]
    if problems:
        parts.append('<ul class="problems">' + "".join(
            f'<li class="warn"><strong>{_e(t.name)}</strong> {_e(status_text(t))}</li>'
            for t in problems) + "</ul>")
    parts.append('<nav><ul><li><a href="#differ">differ</a></li><li><a href="#totals">totals'
                 '</a></li><li><a href="#same">same everywhere</a></li></ul></nav></header><main>')
    parts += _differ(matrix, names)
    parts += _totals(matrix)
    parts += _same(matrix, names)
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _head(names: list[str], matrix: Matrix) -> str:
    cells = "".join(f'<th scope="col">{_e(target_label(matrix, n))}</th>' for n in names)
    return f'<thead><tr><th scope="col">test</th>{cells}</tr></thead>'


def _row(matrix: Matrix, test, names: list[str], messages: bool) -> str:
    cells = []
    for name in names:
        result = matrix.result(test, name)
        note = (f'<br><small class="note">{_e(result.message)}</small>'
                if messages and result.message and result.outcome != PASSED else "")
        cells.append(f'<td class="outcome-{_e(result.outcome)}" data-target="{_e(name)}">'
                     f"{_e(result.outcome)}{note}</td>")
    return f'<tr data-test="{_e(test.id)}"><th scope="row"><code>{_e(test.id)}</code></th>' \
           + "".join(cells) + "</tr>"


def _differ(matrix: Matrix, names: list[str]) -> list[str]:
    groups = differing_groups(matrix)
    count = sum(len(g.tests) for g in groups)
    warn = ' class="warn"' if count else ""
    out = ['<section id="differ" class="report-section">',
           f"<h2{warn}>Tests that differ between targets ({count})</h2>"]
    if not groups:
        out.append("<p>Every test has the same outcome on every target that ran.</p>")
    for group in groups:
        titles = []
        for f in group.failures:
            exc = f'<span class="exception">{_e(f.exception)}</span> ' if f.exception else ""
            titles.append(f"{exc}<code>{_e(failure_title(f))}</code>")
        out.append(f'<section class="group"><h3>{"<br>".join(titles)}</h3>')
        out.append('<div class="table-wrap"><table>' + _head(names, matrix) + "<tbody>")
        out += [_row(matrix, t, names, messages=False) for t in group.tests]
        out.append("</tbody></table></div></section>")
    out.append("</section>")
    return out


def _totals(matrix: Matrix) -> list[str]:
    head = "".join(f'<th scope="col">{o}</th>' for o in OUTCOMES)
    out = ['<section id="totals" class="report-section"><h2>Totals per target</h2>',
           '<div class="table-wrap"><table><thead><tr><th scope="col">target</th>'
           f'<th scope="col">runner</th><th scope="col">status</th>{head}'
           '<th scope="col">seconds</th></tr></thead><tbody>']
    for t in matrix.targets:
        totals = matrix.totals(t.name)
        seconds = sum(matrix.result(r, t.name).duration for r in matrix.tests)
        css = "" if t.status == OK else f' class="{_e(t.status)}"'
        cells = "".join(f'<td data-outcome="{o}">{totals[o]}</td>' for o in OUTCOMES)
        out.append(f'<tr{css} data-target="{_e(t.name)}"><th scope="row">'
                   f"{_e(target_label(matrix, t.name))}</th><td>{_e(t.runner)}</td>"
                   f"<td>{_e(status_text(t))}</td>{cells}<td>{seconds:.1f}</td></tr>")
    out.append("</tbody></table></div></section>")
    return out


def _same(matrix: Matrix, names: list[str]) -> list[str]:
    same = same_everywhere(matrix)
    total = sum(len(v) for v in same.values())
    out = ['<section id="same" class="report-section">',
           f"<h2>Same outcome on every target ({total})</h2>"]
    for outcome, tests in same.items():
        out.append(f"<details><summary>{_e(outcome)} everywhere: {len(tests)}</summary>")
        out.append('<div class="table-wrap"><table>' + _head(names, matrix) + "<tbody>")
        out += [_row(matrix, t, names, messages=True) for t in tests]
        out.append("</tbody></table></div></details>")
    out.append("</section>")
    return out
