"""The report's sections, built from the neutral blocks in ``_blocks``.

Ordering is always the report's: targets in ``report.targets`` order, rows by first appearance.
"""

from __future__ import annotations

from typing import Any

from .. import anchors
from ..results import STATUS_ERROR, STATUS_NEEDS_SERVER, STATUS_OK, OK, CaseRow, Report
from ._backwards import migrations_ddl_section
from ._findings import findings_section
from ._grouped import columns_section, ddl_section
from ._blocks import (ABSENT, URL, Cell, Collapsed, Heading, Ids, Names, Para, Section, Table, counts,
                      group, normalize, plural)


def _value(text: str | None, **kw) -> Cell:
    if text is None:
        return ABSENT
    if text == "":
        return Cell("(empty)", muted=True, **kw)
    return Cell(text, code=True, **kw)


# -- sections ------------------------------------------------------------------------------

SECTION_IDS = ("findings", "targets", "columns", "ddl", "ddl-errors", "migrations", "migration-ddl", "types", "null-empty",
               "booleans", "default-vs-routed", "probes", "lint")


def overview(report: Report) -> list[Para]:
    c = counts(report)
    modes = group(report.targets, key=lambda t: t.mode)
    kinds = ", ".join(f"{len(v)} {k}" for k, v in modes.items())
    meta = [f"Django {report.django_version or '(version not recorded)'}",
            plural(c["targets"], "target") + (f" ({kinds})" if kinds else "")]
    if report.apps:
        meta.append("apps: " + ", ".join(report.apps))
    facts = [
        Cell(plural(c["migrations"], "migration") + " rendered"),
        *([Cell(plural(c["needs_server"], "render") + " needing a server")] if c["needs_server"] else []),
        Cell("⚠ " + plural(c["ddl_errors"], "DDL error"), warn=True)
        if c["ddl_errors"] else Cell("no DDL errors"),
        Cell("⚠ " + plural(c["disagreements"], "probe disagreement"), warn=True)
        if c["disagreements"] else Cell("no probe disagreements"),
        Cell(plural(c["lint"], "lint warning"), warn=bool(c["lint"])),
    ]
    if c["unavailable"]:
        facts.insert(0, Cell("⚠ " + plural(c["unavailable"], "target") + " unavailable", warn=True))
    joined: list[Cell] = []
    for cell in facts:
        joined += [Cell(" · "), cell] if joined else [cell]
    return [Para([Cell(" · ".join(meta))]), Para(joined)]


def build(report: Report) -> list[Section]:
    names, ids = Names(report), Ids(SECTION_IDS)
    sections = [findings_section(report, names), _targets(report, names), columns_section(report, names, ids), ddl_section(report, names, ids),
                _ddl_errors(report), _migrations(report, names),
                migrations_ddl_section(report, names), _types(report, names),
                _cases("null-empty", "Null and empty strings", report.null_empty, names),
                _cases("booleans", "Booleans", report.booleans, names),
                _default_vs_routed(report), _probes(report, names), _lint(report)]
    return [s for s in sections if s is not None]


def _targets(report: Report, names: Names) -> Section:
    table = Table([Cell(h) for h in ("Target", "Label", "Vendor", "Version", "Mode", "Status",
                                     "Reason")])
    down = [t for t in report.targets if t.status != OK]
    for t in report.targets:
        bad = t.status != OK
        vendor = f"{t.vendor} (MariaDB)" if t.mariadb else t.vendor
        table.add([Cell(t.name, code=True), Cell(names.label(t.name)), Cell(vendor),
                   Cell(t.version) if t.version else ABSENT, Cell(t.mode),
                   Cell(f"⚠ {t.status}" if bad else t.status, warn=bad),
                   Cell(t.reason or "", warn=bad)], "unavailable" if bad else "")
    blocks: list[Any] = []
    if down:
        parts = [Cell(f"⚠ {len(down)} of {len(report.targets)} targets unavailable; nothing "
                      "below comes from them: ", warn=True)]
        for i, t in enumerate(down):
            parts += [Cell("; " if i else ""), Cell(t.name, code=True),
                      Cell(f" ({t.reason or 'no reason recorded'})")]
        blocks.append(Para(parts))
    blocks.append(table if report.targets else Para([Cell("No targets.", warn=True)]))
    return Section("targets", "Targets", blocks, warn=bool(down))


def _differs_legend(what: str) -> Para:
    return Para([Cell("Cells in "), Cell("bold", differs=True),
                 Cell(f" differ from the row's first target ({what}).")])


def _ddl_errors(report: Report) -> Section | None:
    bad = [d for d in report.ddl if d.status != STATUS_OK]
    if not bad:
        return None
    errors = sum(d.status == STATUS_ERROR for d in bad)
    table = Table([Cell(h) for h in ("Target", "App", "Migration", "Status", "Why")])
    for d in bad:
        error = d.status == STATUS_ERROR
        table.add([Cell(d.target, code=True), Cell(d.app), Cell(d.migration), Cell(d.status, warn=error),
                   Cell(d.reason or "not rendered, and no reason was recorded", warn=error)],
                  "error" if error else "")
    title = f"⚠ DDL errors ({errors}) and renders that need a server ({len(bad) - errors})" if errors \
        else f"Renders that need a server ({len(bad)})"
    return Section("ddl-errors", title, [table], warn=bool(errors))


def _migrations(report: Report, names: Names) -> Section | None:
    if not report.ddl:
        return None
    order = names.order((d.target for d in report.ddl), everyone=True)
    table = Table([Cell("Migration")] + [names.header(n) for n in order])
    for (app, migration), rows in group(report.ddl, key=lambda d: (d.app, d.migration)).items():
        by_target = group(rows, key=lambda d: d.target)
        cells = []
        for n in order:
            found = by_target.get(n, [])
            if not found:
                cells.append(ABSENT)
            elif any(d.status == STATUS_ERROR for d in found):
                cells.append(Cell("⚠ error", warn=True))
            elif any(d.status == STATUS_NEEDS_SERVER for d in found):
                cells.append(Cell("needs a server", muted=True))
            elif all(not (d.sql or "").strip() for d in found):
                cells.append(Cell("no SQL", muted=True))
            else:
                cells.append(Cell("✓"))
        table.add([Cell(f"{app}.{migration}", href=f"#{anchors.migration(app, migration)}")]
                  + cells)
    legend = Para([Cell("✓ rendered; ⚠ error (see DDL errors); needs a server: only a live server "
                        "(or its data) can render it; no SQL: nothing to run; — not attempted on that target.")])
    return Section("migrations", "Migrations", [legend, _folded("migrations-table", table, "migration")])


def _types(report: Report, names: Names) -> Section | None:
    if not report.types:
        return None
    table = Table([Cell(h) for h in ("Field", "Target", "Field type", "Declared", "NULL", "CHECK",
                                     "Stored", "ORM value", "Raw value", "Notes")])
    for (model, fld), rows in group(report.types, key=lambda r: (r.model, r.field)).items():
        rank = {n: i for i, n in enumerate(names.order(r.target for r in rows))}
        for r in sorted(rows, key=lambda r: rank[r.target]):
            null = "NULL" if r.nullable else "NOT NULL"
            table.add([Cell(f"{model}.{fld}", code=True), Cell(names.label(r.target)),
                       Cell(r.field_type), _value(r.declared), Cell(null), _value(r.check),
                       _value(r.stored), _value(r.orm_value, note=r.orm_type),
                       _value(r.raw_value, note=r.raw_type),
                       Cell("\n".join(f"⚠ {n}" for n in r.notes), warn=True) if r.notes
                       else Cell("")], "flagged" if r.notes else "")
    flagged = sum(bool(r.notes) for r in report.types)
    intro = Para([Cell(f"⚠ {plural(flagged, 'row carries', 'rows carry')} notes.", warn=True)]
                 if flagged else [Cell("No row carries a note.")])
    return Section("types", "Types", [intro, _folded("types-table", table, "row")])


def _cases(key: str, title: str, rows: list[CaseRow], names: Names) -> Section | None:
    if not rows:
        return None
    order = names.order(r.target for r in rows)
    table = Table([Cell("Case")] + [names.header(n) for n in order])
    for case, found in group(rows, key=lambda r: r.case).items():
        by_target = {n: [r for r in found if r.target == n] for n in order}
        outcomes = {n: "\n".join(r.outcome for r in rs) for n, rs in by_target.items() if rs}
        base = next((outcomes[n] for n in order if n in outcomes), "")
        cells = [Cell(outcomes[n], differs=normalize(outcomes[n]) != normalize(base),
                      note="\n".join(r.detail for r in by_target[n] if r.detail) or None)
                 if n in outcomes else ABSENT for n in order]
        table.add([Cell(case)] + cells)
    return Section(key, title, [_differs_legend("ignoring case and spacing"),
                                _folded(f"{key}-table", table, "case")])


def _default_vs_routed(report: Report) -> Section | None:
    if not report.default_vs_routed:
        return None
    table = Table([Cell(h) for h in ("Vendor", "Case", "As default", "As routed", "Differs")])
    rows = sorted(report.default_vs_routed, key=lambda r: not r.differs)  # stable
    for r in rows:
        table.add([Cell(r.vendor), Cell(r.case), Cell(r.as_default, code=True),
                   Cell(r.as_routed, code=True, differs=r.differs),
                   Cell("⚠ differs", warn=True) if r.differs else Cell("same", muted=True)],
                  "flagged" if r.differs else "")
    return Section("default-vs-routed", "Default vs routed", [table],
                   warn=any(r.differs for r in rows))


def _probes(report: Report, names: Names) -> Section | None:
    if not report.probes:
        return None
    bad = [p for p in report.probes if p.agrees is False]
    blocks: list[Any] = [Heading(f"⚠ Disagreements ({len(bad)})" if bad else "Disagreements",
                                 "probes-disagreements")]
    if bad:
        table = Table([Cell(h) for h in ("Probe", "Question", "Target", "Expected", "Observed",
                                         "Reference")])
        for p in bad:
            table.add([Cell(p.id, code=True), Cell(p.question), Cell(names.label(p.target)),
                       _value(p.expected), _value(p.observed, warn=True),
                       Cell(p.reference, link=bool(URL.match(p.reference)))], "flagged")
        blocks.append(table)
    else:
        blocks.append(Para([Cell("No observed probe disagreed with its expectation.")]))
    order = names.order(p.target for p in report.probes)
    matrix = Table([Cell("Probe")] + [names.header(n) for n in order] + [Cell("Reference")])
    for pid, rows in group(report.probes, key=lambda p: p.id).items():
        cells = []
        for n in order:
            mine = [p for p in rows if p.target == n]
            cells.append(_probe_cell(mine[0]) if mine else ABSENT)
        refs = list(dict.fromkeys(p.reference for p in rows))
        matrix.add([Cell(pid, code=True, note=rows[0].question)] + cells +
                   [Cell("\n".join(refs), link=len(refs) == 1 and bool(URL.match(refs[0])))],
                   "flagged" if any(p.agrees is False for p in rows) else "", id=anchors.probe(pid))
    legend = Para([Cell("Observed values: ✓ as expected, ⚠ not as expected. "),
                   Cell("expected: …", muted=True),
                   Cell(" is only the expectation: nothing was observed on that target.")])
    blocks += [Heading("All probes", "probes-all"), legend, _folded("probes-matrix", matrix, "probe")]
    return Section("probes", "Probes", blocks, warn=bool(bad))


def _probe_cell(p) -> Cell:
    if p.observed is None:
        return Cell(f"expected: {p.expected}", muted=True) if p.expected is not None else ABSENT
    if p.agrees is False:
        return _value(p.observed, warn=True, note=f"⚠ expected {p.expected}")
    return _value(p.observed, note="✓ as expected" if p.agrees else None)


def _lint(report: Report) -> Section | None:
    if not report.lint:
        return None
    table = Table([Cell(h) for h in ("Check", "Object", "Targets", "Message", "Hint")])
    for r, anchor in zip(report.lint, anchors.lint(report.lint)):
        table.add([Cell(r.id, code=True, warn=True), Cell(r.obj, code=True),
                   Cell(", ".join(r.targets)), Cell(r.message), Cell(r.hint)], id=anchor)
    return Section("lint", f"Lint ({len(report.lint)})", [_folded("lint-table", table, "warning")],
                   warn=True)


def _folded(id: str, table: Table, what: str) -> Collapsed:
    """A long table behind its title: the page opens without laying it out."""
    return Collapsed(id, f"{plural(len(table.rows), what)}", [table], "open to show")
