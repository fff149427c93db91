"""Renderers: pure functions from a Report to text, and ``write_report`` to put them on disk.

As with coverage.py's reporters, collecting is separate from rendering: nothing here touches
a database or Django's connections, and equal reports render to identical bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..results import Report
from .html import render_html
from ._sections import build
from .ddl_files import DDLFiles, ddl_path
from .files import write_file
from .json import render_json
from .markdown import render_markdown
from .summary import render_step_summary
from .terminal import progress, render_summary

__all__ = ["DDLFiles", "ddl_path", "progress", "render_html", "render_json", "render_markdown",
           "render_step_summary", "render_summary", "write_report"]

PAGES = (("report.json", render_json), ("report.md", render_markdown), ("index.html", render_html),
         ("summary.md", render_step_summary))


def write_report(report: Report, out_dir: str | os.PathLike, ddl_files: DDLFiles | None = None) -> list[Path]:
    """Write report.json, report.md, index.html, summary.md and ddl/<target>/<app>/<migration>.sql
    (and <migration>.backwards.sql where the backwards DDL was rendered).

    ``ddl_files``: where the DDL files were already handed over as the renders arrived
    (``DDLFiles(out_dir / "ddl")``); without it they are written from the report's rows.
    Returns the written paths: the four pages, then the DDL files in the order added.
    """
    out = Path(out_dir)
    if ddl_files is None:
        ddl_files = DDLFiles(out / "ddl")
        for d in report.ddl:  # each file's text is made as it is written: no second copy
            ddl_files.add(d.target, d.app, d.migration, d.sql, d.backwards_sql)
    out.mkdir(parents=True, exist_ok=True)
    sections = build(report)  # the Markdown and HTML pages show the same sections
    pages = {
        "report.json": lambda: render_json(report),
        "report.md": lambda: render_markdown(report, sections),
        "index.html": lambda: render_html(report, sections),
        "summary.md": lambda: render_step_summary(report),
    }
    # Every page rendered before any is replaced: a renderer that fails leaves the previous
    # run's pages together, not a new report.json beside an old index.html.
    written = []
    try:
        texts = {name: pages[name]() for name, _ in PAGES}
        for name, _ in PAGES:
            write_file(out / name, texts[name])
            written.append(out / name)
    except BaseException:
        ddl_files.abort()  # the last report's DDL files stay, beside its pages
        raise
    # After the pages, which hold everything: a clash of file names loses no long run.
    return written + ddl_files.finish()
