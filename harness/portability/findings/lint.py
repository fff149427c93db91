"""The lint (``manage.py check --tag portability``): one finding per warning.

A warning that another rule already shows from the collected DDL or columns, for the same
object, is left to that rule: one difference, one finding.
"""

from __future__ import annotations

from .. import anchors
from ..results import Finding, Report
from . import rule
from ._common import in_order
from .columns import decimal_inexact, nullable_differs
from .constraints import constraint_dropped
from .ddl import identifier_shortened

SEVERITY = {  # by check id; the rest: "behaviour"
    "portability.W001": "migration", "portability.W002": "migration",
    "portability.W003": "schema", "portability.W004": "schema", "portability.W005": "migration",
    "portability.W006": "data", "portability.W007": "data", "portability.W009": "data",
    "portability.W010": "data", "portability.W011": "data", "portability.W012": "data",
    "portability.W013": "info", "portability.W015": "data", "portability.W016": "migration",
    "portability.W017": "migration", "portability.W018": "data", "portability.W019": "behaviour",
    "portability.W020": "migration",
}
# Check id -> the rule that reads the same difference from what the targets really got.
SHOWN_BY = {"portability.W006": nullable_differs, "portability.W007": decimal_inexact,
            "portability.W003": identifier_shortened, "portability.W009": constraint_dropped,
            "portability.W010": constraint_dropped, "portability.W011": constraint_dropped,
            "portability.W012": constraint_dropped, "portability.W015": constraint_dropped}


def _model(obj: str) -> str:
    return ".".join(obj.split(".")[:2])


@rule("lint", "behaviour")
def lint(report: Report):
    shown: dict = {}
    for row, anchor in zip(report.lint, anchors.lint(report.lint)):
        other = SHOWN_BY.get(row.id)
        if other is None:
            covered = False
        else:
            if other not in shown:
                shown[other] = {_model(o) for f in other(report) for o in f.objects}
            covered = _model(row.obj) in shown[other]
        if covered:
            continue
        what = row.message.split(": ")[0] if ": " in row.message[:160] else row.message[:160]
        yield Finding(
            "lint", SEVERITY.get(row.id, "behaviour"), f"{row.obj}: {what} ({row.id})",
            row.message, row.hint, in_order(report, row.targets), [row.obj], anchor)
