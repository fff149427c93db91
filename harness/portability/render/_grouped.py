"""Column tables and side-by-side DDL with identical targets grouped: targets whose text is
the same share one column labelled with all of them ("PostgreSQL 14 · 15 · 16"), and what
differs from the baseline (the first group) is marked token by token."""

from __future__ import annotations

from typing import Any

from .. import anchors
from ..results import Report
from . import _sqldiff
from ._blocks import (ABSENT, Cell, Collapsed, DDLColumn, DDLCompare, Ids, Names, Para, Section,
                      Table, column_cell, group)


def same_text_groups(order: list[str], texts: dict[str, Any], names: Names) -> list[list[str]]:
    """Targets in ``order`` grouped by equal ``texts``; one without text, or unavailable,
    stands alone (its column says why)."""
    groups: dict[Any, list[str]] = {}
    for n in order:
        key = (texts[n],) if n in texts and not names.down(n) else ("alone", n)
        groups.setdefault(key, []).append(n)
    return list(groups.values())


def group_header(names: Names, members: list[str]) -> Cell:
    if len(members) == 1:
        return names.header(members[0])
    return Cell(names.joined(members))


def segments(base: str, text: str) -> tuple[tuple[str, bool], ...]:
    """``text`` cut into runs that are (True) or are not (False) changed from ``base``."""
    cmp = _sqldiff.compare(base, text)
    changed_at = list(cmp.changed)
    for i in cmp.gaps:  # base text missing here: mark the next word, so the loss shows
        j = next((k for k in range(i, len(cmp.tokens)) if not cmp.tokens[k][1].isspace()), None)
        if j is not None:
            changed_at[j] = True
    runs: list[list] = []
    for (_, value), changed in zip(cmp.tokens, changed_at):
        if runs and runs[-1][1] == changed:
            runs[-1][0] += value
        else:
            runs.append([value, changed])
    return tuple((value, changed) for value, changed in runs)


def _missing(names: Names, name: str) -> Cell:
    # An unavailable target is flagged in its column header; repeating the reason is noise.
    return ABSENT if names.down(name) else Cell("—", muted=True, note="not collected")


def columns_section(report: Report, names: Names, ids: Ids) -> Section | None:
    if not report.columns:
        return None
    blocks: list[Any] = [
        Para([Cell("Targets whose cells are all the same share a column. "),
              Cell("Marked", differs=True),
              Cell(" tokens differ from the first column (ignoring spacing).")]),
        Para([Cell("Each cell: the declared type, NULL or NOT NULL, then PRIMARY KEY, UNIQUE "
                   "and CHECK where Django adds them.")])]
    order = names.order((c.target for c in report.columns), everyone=True)
    for (app, model), cols in group(report.columns, key=lambda c: (c.app, c.model)).items():
        fields = group(cols, key=lambda c: c.field)
        cells = {fld: {n: "\n".join(column_cell(c) for c in rs)
                       for n, rs in group(rows, key=lambda c: c.target).items()}
                 for fld, rows in fields.items()}
        seen = {c.target for c in cols}
        whole = {n: tuple(cells[f].get(n) for f in fields) for n in order if n in seen}
        groups = same_text_groups(order, whole, names)
        table = Table([Cell("Column")] + [group_header(names, g) for g in groups])
        for fld, rows in fields.items():
            base = next((cells[fld][g[0]] for g in groups if g[0] in cells[fld]), "")
            columns = " / ".join(dict.fromkeys(c.column for c in rows))
            types = " / ".join(dict.fromkeys(c.field_type for c in rows))
            row = [Cell(columns, code=True, note=f"{fld} · {types}")]
            for g in groups:
                text = cells[fld].get(g[0])
                if text is None:
                    row.append(_missing(names, g[0]))
                    continue
                marks = segments(base, text) if text != base else ((text, False),)
                row.append(Cell(text, code=True, differs=any(c for _, c in marks),
                                segments=marks))
            table.add(row)
        differing = len(groups) - 1
        blocks.append(Collapsed(ids(anchors.columns(app, model)), f"{app}.{model}", [table],
                                f"{len(fields)} columns · {len(groups)} group(s) of targets"
                                if differing else f"{len(fields)} columns · the same everywhere"))
    return Section("columns", "Columns", blocks)


def ddl_section(report: Report, names: Names, ids: Ids) -> Section | None:
    if not report.tables:
        return None
    blocks: list[Any] = []
    order = names.order((t.target for t in report.tables), everyone=True)
    for (app, model), rows in group(report.tables, key=lambda t: (t.app, t.model)).items():
        by_target = group(rows, key=lambda t: t.target)
        # Compared and shown one column per line; layout only touches whitespace.
        shown = {n: "\n".join(_sqldiff.layout(s) for t in by_target[n] for s in t.statements)
                 for n in by_target}
        groups = same_text_groups(order, shown, names)
        base = next(g[0] for g in groups if g[0] in shown)
        columns, summary = [], []
        for g in groups:
            n, label = g[0], names.joined(g)
            if n not in shown:
                columns.append(DDLColumn(n, label, False, None, None,
                                         names.why_missing(n, "DDL"), names.down(n), g))
                continue
            baseline = n == base
            text = "\n".join(s for t in by_target[n] for s in t.statements)
            cmp = _sqldiff.plain(shown[n]) if baseline else _sqldiff.compare(shown[base], shown[n])
            columns.append(DDLColumn(n, label, baseline, text, cmp, None, names.down(n), g))
            if not baseline:
                summary.append(Para([Cell(f"{label}: ")] + change_cells(cmp.changes)))
        summary.insert(0, Para([Cell(f"Baseline: {names.joined(next(g for g in groups if base in g))}")]))
        tables = list(dict.fromkeys(t.table for t in rows))
        blocks.append(DDLCompare(ids(anchors.ddl(app, model)), f"{app}.{model}", tables,
                                 columns, summary))
    return Section("ddl", "DDL side by side", blocks)


def change_cells(changes: list[tuple[str, str]], limit: int = 4) -> list[Cell]:
    out: list[Cell] = []
    for i, (old, new) in enumerate(changes[:limit]):
        if i:
            out.append(Cell(", "))
        if old and new:
            out += [Cell(_sqldiff.shorten(old), code=True), Cell(" → "),
                    Cell(_sqldiff.shorten(new), code=True)]
        elif new:
            out += [Cell("+ "), Cell(_sqldiff.shorten(new), code=True)]
        else:
            out += [Cell("− "), Cell(_sqldiff.shorten(old), code=True)]
    if len(changes) > limit:
        out.append(Cell(f" (+{len(changes) - limit} more)"))
    return out
