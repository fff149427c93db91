"""Renderers: pure functions from a Report to text, and ``write_report`` to put them on disk.

As with coverage.py's reporters, collecting is separate from rendering: nothing here touches
a database or Django's connections, and equal reports render to identical bytes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from ..results import DDLResult, Report
from .html import render_html
from ._sections import build
from .json import render_json
from .markdown import render_markdown
from .summary import render_step_summary
from .terminal import progress, render_summary

__all__ = ["progress", "render_html", "render_json", "render_markdown", "render_step_summary",
           "render_summary", "write_report"]

PAGES = (("report.json", render_json), ("report.md", render_markdown), ("index.html", render_html),
         ("summary.md", render_step_summary))


def _part(name: str) -> str:
    """One path component from report data: no separators, never "." or ".."."""
    clean = name.replace("/", "_").replace("\\", "_").replace("\0", "_")
    return "_" if clean in ("", ".", "..") else clean


def _write(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory and ``os.replace``: readers never
    see half a file, and an interrupted run leaves the previous version in place."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)  # 0o666: the umask applies, unlike mkstemp's 0o600
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def ddl_path(root: Path, target: str, app: str, migration: str, suffix: str = ".sql") -> Path:
    """``suffix``: ".sql" for forwards, ".backwards.sql" for what sqlmigrate --backwards prints."""
    return root / _part(target) / _part(app) / f"{_part(migration)}{suffix}"


def _file_text(sql: str) -> str:
    return sql if not sql or sql.endswith("\n") else sql + "\n"


def _prune(root: Path, keep: set[Path]) -> None:
    """Remove what an earlier run left under ``root``, so the tree reflects this run only."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames + [d for d in dirnames if Path(dirpath, d).is_symlink()]:
            path = Path(dirpath, name)
            if path not in keep:
                path.unlink()
        if Path(dirpath) != root and not os.listdir(dirpath):
            os.rmdir(dirpath)


def write_report(report: Report, out_dir: str | os.PathLike) -> list[Path]:
    """Write report.json, report.md, index.html, summary.md and ddl/<target>/<app>/<migration>.sql
    (and <migration>.backwards.sql where the backwards DDL was rendered).

    Returns the written paths: the four pages, then the DDL files in report order.
    """
    out = Path(out_dir)
    root = out / "ddl"
    # Paths and the rows they come from: each file's text is made as it is written, so the
    # SQL of every target is not held a second time.
    plan: dict[Path, tuple[DDLResult, str]] = {}
    clashes: list[str] = []
    for d in report.ddl:
        # No SQL: listed under "DDL errors" (forwards) or shown as irreversible in the pages.
        for attr, suffix in (("sql", ".sql"), ("backwards_sql", ".backwards.sql")):
            if getattr(d, attr) is None:
                continue
            path = ddl_path(root, d.target, d.app, d.migration, suffix)
            if path in plan:
                clashes.append(f"{d.target}/{d.app}/{d.migration}{suffix}")
            plan[path] = (d, attr)

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
    texts = {name: pages[name]() for name, _ in PAGES}
    written = []
    for name, _ in PAGES:
        _write(out / name, texts[name])
        written.append(out / name)
    if clashes:  # after the pages, which hold everything, so a long run is not lost
        raise ValueError("several DDL rows for the same file: " + ", ".join(clashes))
    for path, (d, attr) in plan.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, _file_text(getattr(d, attr)))
        written.append(path)
    _prune(root, set(plan))
    return written
