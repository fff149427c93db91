"""roundtrip.md and roundtrip.json: what ``portability roundtrip`` found (only reads the Report)."""

from __future__ import annotations

from pathlib import Path

from .. import anchors

from ..results import OK, Report
from . import write_file
from .json import render_json


def anchor(app: str | None, migration: str | None) -> str:
    """A migration's anchor: the one its DDL block has in the report's pages, so a finding's
    evidence link lands on the migration in either page."""
    return anchors.migration(app or "unknown", migration or "unknown")


def render_roundtrip_markdown(report: Report) -> str:
    placed: set[str] = set()

    def target_of(app, migration) -> str:  # each anchor once, at its first row
        name = anchor(app, migration)
        if name in placed:
            return ""
        placed.add(name)
        return f'<a id="{name}"></a>'

    lines = ["# Migration round trip", "",
             "Forwards to the leaves, backwards to zero, forwards again, on a scratch test database of "
             "each live target; after each pass the real schema is compared with the migration state.", "",
             "| target | status | forwards | backwards | forwards again | drift |", "|---|---|---|---|---|---|"]
    for target in report.targets:
        steps = {s.phase: s for s in report.roundtrip if s.target == target.name}
        cells = [_step(steps.get(p)) for p in ("forwards", "backwards", "forwards-again")]
        drift = sum(1 for d in report.drift if d.target == target.name)
        status = "ok" if target.status == OK else f"{target.status}: {target.reason}"
        lines.append(f"| {target.name} | {status} | {' | '.join(cells)} | {drift} |")
    failed = [s for s in report.roundtrip if s.status != "ok"]
    if failed:
        lines += ["", "## Steps that stopped", ""]
        for s in failed:
            lines.append(f'- {target_of(s.app, s.migration)}**{s.target}** {s.phase}: '
                         f"{s.status} at `{s.app}.{s.migration}` — {s.error}")
            if s.statement:
                lines.append(f"  `{s.statement}`")
    if report.drift:
        lines += ["", "## Drift", "", "| target | after | object | change | table | name | expected | actual "
                  "| migration | note |", "|---|---|---|---|---|---|---|---|---|---|"]
        for d in report.drift:
            where = f"{target_of(d.app, d.migration)}{d.app}.{d.migration}" if d.app else "—"
            lines.append(f"| {d.target} | {d.phase} | {d.object} | {d.change} | {d.table} | {d.name or '—'} | "
                         f"{_cell(d.expected)} | {_cell(d.actual)} | {where} | {_cell(d.note)} |")
    return "\n".join(lines) + "\n"


def _step(step) -> str:
    if step is None:
        return "—"
    if step.status == "ok":
        return f"ok ({step.migrations})"
    return f"**{step.status}** at {step.app}.{step.migration}"


def _cell(text) -> str:
    return "—" if text is None else str(text).replace("|", "\\|").replace("\n", " ")


def write_roundtrip(report: Report, out_dir) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "roundtrip.json", out / "roundtrip.md"]
    write_file(written[0], render_json(report))
    write_file(written[1], render_roundtrip_markdown(report))
    return written
