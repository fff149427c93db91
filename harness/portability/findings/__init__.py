"""Findings: the differences between targets that can bite, ranked, each with why and the fix.

A rule is a small function ``(report) -> Iterable[Finding]`` registered with :func:`rule`;
it only reads the collected Report (renderers show the findings; nothing here touches a
database). :func:`collect` runs every rule and ranks what they found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..profiles import UnknownName
from ..results import SEVERITIES, Finding, Report


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    check: Callable[[Report], Iterable[Finding]]


RULES: dict[str, Rule] = {}


def rule(id: str, severity: str):
    """Register ``check`` as the rule ``id``; its findings carry ``severity`` unless set."""
    if severity not in SEVERITIES:
        raise ValueError(f"severity {severity!r} is not one of {', '.join(SEVERITIES)}")

    def register(check):
        if id in RULES:
            raise ValueError(f"a findings rule {id!r} is already registered")
        RULES[id] = Rule(id, severity, check)
        return check

    return register


def get(id: str) -> Rule:
    try:
        return RULES[id]
    except KeyError:
        raise UnknownName("findings rule", id, RULES) from None


def collect(report: Report) -> list[Finding]:
    """Every rule's findings, most harmful first (then by rule, then by title)."""
    found = [f for r in RULES.values() for f in r.check(report)]
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(found, key=lambda f: (rank[f.severity], f.rule, f.title))


# The rules register themselves on import (after RULES and rule exist).
from . import columns, constraints, ddl, lint, probes, rollback  # noqa: E402,F401
