"""compare.md and compare.html: what changes when a project moves from target A to B.

The findings between A and B first, then only the models and migrations whose DDL differs
between them, token by token. ``subset`` makes the two-target Report the pages show.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ..results import Report
from . import _sqldiff
from ._backwards import migrations_ddl_section
from ._blocks import Cell, Collapsed, DDLColumn, DDLCompare, Ids, Names, Para, Section, group, slug
from ._findings import findings_section
from ._grouped import change_cells, columns_section, ddl_section
from .html import render_html
from .markdown import render_markdown

TARGET_ROWS = ("ddl", "tables", "columns", "types", "null_empty", "booleans", "probes")


def subset(report: Report, a: str, b: str) -> Report:
    """The rows of targets ``a`` and ``b`` only (findings are left to the caller)."""
    keep = {a, b}
    rows = {name: [r for r in getattr(report, name) if r.target in keep] for name in TARGET_ROWS}
    lint = [dataclasses.replace(r, targets=[t for t in r.targets if t in keep])
            for r in report.lint if keep & set(r.targets)]
    return dataclasses.replace(report, targets=[t for t in report.targets if t.name in keep],
                               lint=lint, findings=[], default_vs_routed=[], **rows)


def _migrations(report: Report, names: Names, a: str, b: str) -> Section | None:
    blocks = []
    for (app, migration), rows in group(report.ddl, key=lambda d: (d.app, d.migration)).items():
        by_target = {d.target: d for d in rows}
        if a not in by_target or b not in by_target:
            continue
        old, new = (by_target[n].sql or "" for n in (a, b))
        if old == new:
            continue
        cmp = _sqldiff.compare(old, new)
        if cmp.identical:
            continue  # only spacing differs
        columns = [DDLColumn(a, names.label(a), True, old, _sqldiff.plain(old), targets=[a]),
                   DDLColumn(b, names.label(b), False, new, cmp, targets=[b])]
        summary = [Para([Cell(f"{names.label(b)}: ")] + change_cells(cmp.changes))]
        blocks.append(DDLCompare(slug("compare", app, migration), f"{app}.{migration}", [],
                                 columns, summary))
    if not blocks:
        return None
    return Section("compare-migrations", f"Migrations whose DDL differs ({len(blocks)})", blocks)


def compare_sections(report: Report, a: str, b: str) -> list[Section]:
    names, ids = Names(report), Ids(("findings", "columns", "ddl", "compare-migrations",
                                     "migration-ddl"))
    out = [findings_section(report, names)]
    ddl = ddl_section(report, names, ids)
    if ddl is not None:
        ddl.blocks = [blk for blk in ddl.blocks if len(blk.columns) > 1]
        ddl.title = f"Models whose DDL differs ({len(ddl.blocks)})"
        out.append(ddl)
    out.append(_migrations(report, names, a, b))
    backwards = migrations_ddl_section(report, names)
    if backwards is not None:  # forwards or backwards differ: the pair, side by side
        backwards.blocks = [blk for blk in backwards.blocks if len(blk.groups) > 1]
        backwards.title = f"Forwards and backwards where they differ ({len(backwards.blocks)})"
        out.append(backwards)
    columns = columns_section(report, names, ids)
    if columns is not None:
        tables = [blk for blk in columns.blocks if isinstance(blk, Collapsed)
                  and "the same everywhere" not in blk.note]
        if tables:
            columns.blocks = [blk for blk in columns.blocks if not isinstance(blk, Collapsed)] + tables
            columns.title = f"Models whose columns differ ({len(tables)})"
            out.append(columns)
    return [s for s in out if s is not None and (s.id == "findings" or s.blocks)]


def write_compare(report: Report, out_dir: str | os.PathLike, a: str, b: str) -> list[Path]:
    """compare.md and compare.html for the two-target ``report`` (see ``subset``)."""
    from . import write_file

    names = Names(report)
    title = f"Moving from {names.label(a)} to {names.label(b)}"
    sections = compare_sections(report, a, b)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    texts = {"compare.md": render_markdown(report, sections, title),
             "compare.html": render_html(report, sections, title)}
    for name, text in texts.items():
        write_file(out / name, text)
    return [out / name for name in texts]
