"""Behaviour probes whose outcome differs across targets, or surprised its expectation."""

from __future__ import annotations

from .. import anchors
from ..results import Finding, Report
from . import rule
from ._common import group, in_order, labels


def outcome(p) -> str | None:
    return p.observed if p.observed is not None else p.expected


@rule("probe-differs", "behaviour")
def probe_differs(report: Report):
    for pid, rows in group(report.probes, key=lambda p: p.id).items():
        outcomes = group((p for p in rows if outcome(p) is not None), key=outcome)
        if len(outcomes) < 2:
            continue
        order = in_order(report, [p.target for p in rows])
        first = next(outcome(p) for n in order for p in rows if p.target == n and outcome(p))
        odd = in_order(report, [p.target for v, ps in outcomes.items() if v != first for p in ps])
        shown = "; ".join(f"{v} on {labels(report, [p.target for p in ps])}"
                          for v, ps in outcomes.items())
        yield Finding(
            "probe-differs", "behaviour", f"{pid}: {rows[0].question} {shown}",
            "The same ORM call gives another answer on these targets, so code tested on one "
            "behaves otherwise on another.",
            f"Write the code so it does not depend on this behaviour; see {rows[0].reference}",
            odd, [pid], anchors.probe(pid))


@rule("probe-unexpected", "behaviour")
def probe_unexpected(report: Report):
    for pid, rows in group((p for p in report.probes if p.agrees is False),
                           key=lambda p: p.id).items():
        targets = in_order(report, [p.target for p in rows])
        yield Finding(
            "probe-unexpected", "behaviour",
            f"{pid} observed {rows[0].observed!r} on {labels(report, targets)}, "
            f"expected {rows[0].expected!r}",
            "The live server does not behave as its documentation and offline profile say.",
            "Check the server's settings (sql_mode, collation, time zone) against production.",
            targets, [pid], anchors.probe(pid))
