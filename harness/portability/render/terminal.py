"""What a run prints: a short summary table and a progress bar for long runs (rich)."""

from __future__ import annotations

import os

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                           TimeElapsedColumn)
from rich.table import Table
from rich.text import Text

from ..results import OK, Report
from ._blocks import Names, counts, plural
from ._findings import severity_counts


def progress(console: Console | None = None) -> Progress:
    """A transient progress bar (description, bar, done/total, elapsed).

    On a console that is not a terminal (CI logs, pipes) it is disabled: redrawn bars would
    only fill the log with control sequences. Callers use it the same way either way.
    """
    console = console or Console(stderr=True)
    return Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


TERMINAL_FINDINGS = 10  # the rest are in the pages
_STYLE = {"data": "bold red", "behaviour": "red", "schema": "yellow", "migration": "yellow",
          "info": "dim"}


def render_findings(report: Report, console: Console) -> None:
    """The findings first: counts by severity, then the most harmful few."""
    if not report.findings:
        console.print(Text("No findings.", style="green"))
        return
    counts = " · ".join(f"{n} {s}" for s, n in severity_counts(report).items())
    console.print(Text(f"{plural(len(report.findings), 'finding')}: {counts}", style="bold"))
    names = Names(report)
    for f in report.findings[:TERMINAL_FINDINGS]:
        line = Text(f"  [{f.severity}] ", style=_STYLE.get(f.severity))
        line.append(f.title)
        line.append(f" — {names.joined(f.targets)}", style="dim")
        console.print(line)
    if len(report.findings) > TERMINAL_FINDINGS:
        console.print(Text(f"  … {len(report.findings) - TERMINAL_FINDINGS} more in the report",
                           style="dim"))


def render_summary(report: Report, console: Console, out_dir: str | os.PathLike | None) -> None:
    render_findings(report, console)
    table = Table(title="Targets", title_justify="left")
    for name in ("Target", "Mode", "Version", "Status"):
        table.add_column(name)
    for t in report.targets:
        # Text, not markup: a reason may hold brackets.
        status = (Text("ok", style="green") + Text(f" ({t.reason})" if t.reason else "", style="dim")
                  if t.status == OK else
                  Text(f"{t.status}: {t.reason or 'no reason recorded'}", style="bold red"))
        table.add_row(Text(t.name), Text(t.mode), Text(t.version or "—"), status)
    console.print(table)

    c = counts(report)
    line = Text()
    for words, value, bad in (
        (("migration rendered", "migrations rendered"), c["migrations"], False),
        (("render needing a server", "renders needing a server"), c["needs_server"], False),
        (("DDL error", "DDL errors"), c["ddl_errors"], True),
        (("probe disagreeing", "probes disagreeing"), c["disagreements"], True),
        (("lint warning", "lint warnings"), c["lint"], True),
    ):
        if words[0].startswith("render needing") and not value:
            continue  # worth a word only when there are some
        if len(line):
            line.append(" · ")
        line.append(plural(value, *words), style="bold red" if bad and value else None)
    console.print(line)

    if out_dir is not None:
        out = os.fspath(out_dir)
        console.print(Text("Report: ") + Text(os.path.join(out, "index.html"), style="bold"))
        console.print(Text(f"Also: {os.path.join(out, 'report.md')}, "
                           f"{os.path.join(out, 'report.json')}, "
                           f"{os.path.join(out, 'ddl')}{os.sep}"))
