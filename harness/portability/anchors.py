"""Anchor ids of the report's sections and rows, and joined target labels.

Findings link to their evidence by these ids, and the pages render the same ids, so a
finding's link always lands on the rows that show it.
"""

from __future__ import annotations

import re


def slug(*parts: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") or "x" for p in parts)


def columns(app: str, model: str) -> str:
    return slug("columns", app, model)


def ddl(app: str, model: str) -> str:
    return slug("ddl", app, model)


def migration(app: str, name: str) -> str:
    return slug("migration", app, name)


def probe(probe_id: str) -> str:
    return slug("probe", probe_id)


def lint(rows) -> list[str]:
    """One id per lint row: a check may warn twice about one object."""
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        base = slug("lint", row.id, row.obj)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def finding(rule: str, index: int) -> str:
    return slug("finding", rule, str(index))


def join_labels(labels) -> str:
    """"PostgreSQL 14 · 15 · 16, MySQL 8.0": consecutive labels of one family share its name."""
    out: list[tuple[str, list[str]]] = []
    for label in labels:
        family, _, rest = label.partition(" ")
        if rest and rest[:1].isdigit() and out and out[-1][0] == family and out[-1][1][-1:] != [""]:
            out[-1][1].append(rest)
        elif rest and rest[:1].isdigit():
            out.append((family, [rest]))
        else:
            out.append((label, [""]))
    return ", ".join(f"{family} {' · '.join(rest)}" if rest != [""] else family
                     for family, rest in out)
