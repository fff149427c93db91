"""The findings section: what can bite, grouped by severity, each linking to its evidence."""

from __future__ import annotations

from ..results import SEVERITIES, Finding, Report
from ._blocks import Cell, Heading, Names, Para, Section, Table, group, plural

SEVERITY_TITLES = {
    "data": "Data lost or changed",
    "behaviour": "The application behaves otherwise",
    "schema": "The schema differs",
    "migration": "Migration hazards",
    "info": "Worth knowing",
}
OBJECTS_SHOWN = 6  # a finding about many fields lists the first few; report.json has all


def severity_counts(report: Report) -> dict[str, int]:
    found = group(report.findings, key=lambda f: f.severity)
    return {s: len(found[s]) for s in SEVERITIES if s in found}


def objects_text(f: Finding, limit: int = OBJECTS_SHOWN) -> str:
    shown = "\n".join(f.objects[:limit])
    return shown + (f"\n… {len(f.objects) - limit} more" if len(f.objects) > limit else "")


def finding_row(f: Finding, names: Names) -> list[Cell]:
    evidence = (Cell("evidence", href=f"#{f.evidence}") if f.evidence else
                Cell("—", muted=True))
    return [Cell(f.title, note=f.rule), Cell(names.joined(f.targets) or "—"),
            Cell(objects_text(f), code=True), Cell(f.why), Cell(f.fix), evidence]


def findings_section(report: Report, names: Names) -> Section:
    counts = severity_counts(report)
    if not report.findings:
        return Section("findings", "Findings", [Para([Cell(
            "No finding: nothing collected differs in a way the rules know to bite.")])])
    summary = " · ".join(f"{n} {s}" for s, n in counts.items())
    blocks: list = [Para([Cell(plural(len(report.findings), "finding") + f": {summary}. ",
                               warn=True),
                          Cell("Most harmful first; each links to the rows below that show it.")])]
    by_severity = group(report.findings, key=lambda f: f.severity)
    for severity in SEVERITIES:
        found = by_severity.get(severity)
        if not found:
            continue
        table = Table([Cell(h) for h in ("Finding", "Targets", "Objects", "Why", "Fix",
                                         "Evidence")], css="findings")
        for f in found:
            table.add(finding_row(f, names), f"severity-{severity}")
        blocks += [Heading(f"{SEVERITY_TITLES[severity]} ({len(found)})",
                           f"findings-{severity}"), table]
    return Section("findings", f"Findings ({len(report.findings)})", blocks,
                   warn=bool(counts.get("data") or counts.get("behaviour")))
