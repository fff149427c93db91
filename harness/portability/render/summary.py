"""summary.md: the findings and the counts, for ``$GITHUB_STEP_SUMMARY``.

GitHub refuses a step summary over 1 MiB, so the findings list stops, with a note, before
the page would reach ``LIMIT`` bytes; report.md and report.json hold everything.
"""

from __future__ import annotations

from ..results import SEVERITIES, Report
from ._blocks import Names, counts, group, plural
from ._findings import SEVERITY_TITLES, severity_counts
from .markdown import _code, _text

LIMIT = 1024 * 1024 - 16 * 1024  # under 1 MiB, with room for what CI appends
OBJECTS = 3


def _finding_line(f, names: Names) -> str:
    objects = ", ".join(_code(o) for o in f.objects[:OBJECTS])
    if len(f.objects) > OBJECTS:
        objects += f" and {len(f.objects) - OBJECTS} more"
    where = _text(names.joined(f.targets)) + (f" · {objects}" if objects else "")
    return f"- **{_text(f.title)}** — {where}<br>{_text(f.why)} *Fix:* {_text(f.fix)}"


def render_step_summary(report: Report, limit: int = LIMIT) -> str:
    names, c = Names(report), counts(report)
    head = ["# Django portability report", ""]
    found = severity_counts(report)
    rows = ["| Severity | Findings |", "| --- | ---: |"]
    rows += [f"| {SEVERITY_TITLES[s]} | {found.get(s, 0)} |" for s in SEVERITIES]
    head += [f"**{plural(len(report.findings), 'finding')}** · "
             f"{plural(c['targets'], 'target')} · {plural(c['migrations'], 'migration')} rendered · "
             f"{plural(c['ddl_errors'], 'DDL error')} · {plural(c['irreversible'], 'irreversible migration')} · "
             f"{plural(c['disagreements'], 'probe disagreement')} · {plural(c['lint'], 'lint warning')}",
             "", *rows, ""]
    down = [t for t in report.targets if t.status != "ok"]
    if down:
        head += ["**Unavailable:** " + "; ".join(
            f"{_code(t.name)} ({_text(t.reason or 'no reason recorded')})" for t in down), ""]
    note = ("", "*Only the first {shown} of {total} findings fit in this summary (GitHub's "
            "step summary is limited to 1 MiB); report.md and report.json list them all.*", "")
    body: list[str] = []
    size = sum(len(line.encode()) + 1 for line in head) + 400  # the note, at most
    shown, full = 0, False
    for severity, found_ in group(report.findings, key=lambda f: f.severity).items():
        for i, f in enumerate(found_):
            lines = ([f"## {SEVERITY_TITLES[severity]} ({len(found_)})", ""] if i == 0 else [])
            lines += [_finding_line(f, names)] + ([""] if i == len(found_) - 1 else [])
            cost = sum(len(line.encode()) + 1 for line in lines)
            if size + cost > limit:
                full = True
                break
            body += lines
            size += cost
            shown += 1
        if full:
            break
    tail = [] if shown == len(report.findings) else [
        note[0], note[1].format(shown=shown, total=len(report.findings)), note[2]]
    return "\n".join(head + body + tail).rstrip("\n") + "\n"
