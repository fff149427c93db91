"""One self-contained HTML5 page: inline CSS and script, no external assets.

Heavy blocks (each model's DDL and columns, each migration's forwards/backwards) are
collapsed and kept as inert text until opened, so a large report opens fast.

The DDL of each model is shown side by side, one ``.target-column`` per target, with the
tokens that differ from the baseline (first target with DDL) in ``<mark class="diff">``.
"""

from __future__ import annotations

import functools
import html
from importlib.resources import files

from pygments.formatters import HtmlFormatter

from ..results import Report
from ._blocks import URL, Cell, Collapsed, DDLCompare, Heading, Para, Section, Table
from ._sections import build, overview
from ._backwards import MigrationDDL
from ._colour import script as colour_script
from ._lazy import SCRIPT, lazy
from ._sqldiff import Comparison


@functools.cache
def _css() -> str:
    own = files(__package__).joinpath("report.css").read_text(encoding="utf-8")
    return own.rstrip("\n") + "\n" + HtmlFormatter().get_style_defs(".highlight")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _classes(cell: Cell) -> str:
    on = [("differs", cell.differs), ("warn", cell.warn), ("muted", cell.muted)]
    return " ".join(name for name, flag in on if flag)


def _content(cell: Cell) -> str:
    if cell.code and cell.segments and any(changed for _, changed in cell.segments):
        out = "<code>" + "".join(f'<mark class="diff">{_esc(t)}</mark>' if changed and t.strip()
                                 else _esc(t) for t, changed in cell.segments) + "</code>"
    elif cell.code:
        out = f"<code>{_esc(cell.text)}</code>" if cell.text else ""
    elif cell.link and URL.match(cell.text):
        out = f'<a href="{_esc(cell.text)}">{_esc(cell.text)}</a>'
    elif cell.href:
        out = f'<a href="{_esc(cell.href)}">{_esc(cell.text)}</a>'
    else:
        out = _esc(cell.text).replace("\n", "<br>")
    if cell.note:
        out += f'<br><small class="note">{_esc(cell.note).replace(chr(10), "<br>")}</small>'
    return out


def _inline(cell: Cell) -> str:
    css = _classes(cell)
    return f'<span class="{css}">{_content(cell)}</span>' if css else _content(cell)


def _cell(tag: str, cell: Cell, scope: str = "") -> str:
    css = _classes(cell)
    attrs = (f' scope="{scope}"' if scope else "") + (f' class="{css}"' if css else "")
    return f"<{tag}{attrs}>{_content(cell)}</{tag}>"


def _table(table: Table) -> str:
    head = "".join(_cell("th", c, "col") for c in table.headers)
    rows = []
    for cells, css, id in zip(table.rows, table.row_classes, table.row_ids, strict=True):
        first, rest = (cells[0], cells[1:]) if cells else (Cell(), [])
        body = _cell("th", first, "row") + "".join(_cell("td", c) for c in rest)
        attrs = (f' id="{_esc(id)}"' if id else "") + (f' class="{css}"' if css else "")
        rows.append(f"<tr{attrs}>{body}</tr>")
    table_class = f' class="{_esc(table.css)}"' if table.css else ""
    return (f'<div class="table-wrap"><table{table_class}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody>\n</table></div>")


def _sql(cmp: Comparison) -> str:
    """SQL escaped, one ``span.line`` per line; changed runs wrapped in ``mark.diff``. The
    page colours the tokens itself when a block is opened (_colour.py)."""
    if not cmp.gaps and not any(cmp.changed):
        return plain_sql(cmp.text)
    return _marked_sql(cmp)


def plain_sql(text: str) -> str:
    """What ``_marked_sql`` gives for SQL with nothing marked, without tokenizing it (most
    of a big report's SQL: every migration's forwards and backwards). Tests compare the two."""
    lines = html.escape(text.rstrip("\n"), quote=False).replace("\n", '</span>\n<span class="line">')
    return f'<span class="line">{lines}</span>'


def _marked_sql(cmp: Comparison) -> str:
    lines: list[list] = [[]]  # items: (text, changed, missing): missing is base text not here
    for i, (_, value) in enumerate(cmp.tokens):
        if i in cmp.gaps:
            lines[-1].append(("", True, cmp.gaps[i]))
        for k, piece in enumerate(value.split("\n")):
            if k:
                lines.append([])
            if piece:
                lines[-1].append((piece, cmp.changed[i], None))
    if len(cmp.tokens) in cmp.gaps:
        lines[-1].append(("", True, cmp.gaps[len(cmp.tokens)]))
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    out = []
    for line in lines:
        parts, run, run_changed = [], [], False

        def flush():
            body = html.escape("".join(run), quote=False)
            parts.append(f'<mark class="diff">{body}</mark>' if run_changed else body)
            run.clear()

        marked = any(c and (m is not None or not t.isspace()) for t, c, m in line)
        for text, changed, missing in line:
            if run and (missing is not None or changed != run_changed):
                flush()
            if missing is not None:
                parts.append(f'<mark class="diff gap" title="missing here: {_esc(missing)}"></mark>')
            else:
                run.append(text)
                run_changed = changed
        if run:
            flush()
        css = "line diff-line" if marked else "line"
        out.append(f'<span class="{css}">{"".join(parts)}</span>')
    return "\n".join(out)


def _ddl(block: DDLCompare) -> str:
    tables = ", ".join(f"<code>{_esc(t)}</code>" for t in block.tables)
    present = [c for c in block.columns if c.comparison is not None]
    state = (f"differs on {len(block.differing)} of {len(present) - 1} other group(s)"
             if len(present) > 1 else "the same everywhere")
    head = [f'<details class="ddl-model" id="{_esc(block.id)}">',
            f"<summary><h3>{_esc(block.title)} <small>{tables} · {_esc(state)}</small></h3>"
            "</summary>"]
    out = ['<ul class="ddl-summary">' + "".join(f"<li>{_para_body(p)}</li>" for p in block.summary)
           + "</ul>",
           '<div class="side-by-side">']
    for col in block.columns:
        flags = (("baseline", col.baseline), ("missing", col.comparison is None),
                 ("unavailable", col.unavailable))
        css = ["target-column"] + [name for name, on in flags if on]
        badge = " <small>baseline</small>" if col.baseline else ""
        every = " ".join(col.targets or [col.target])
        out.append(f'<div class="{" ".join(css)}" data-target="{_esc(col.target)}" '
                   f'data-targets="{_esc(every)}"><h4>{_esc(col.label)}{badge}</h4>')
        if col.comparison is None:
            out.append(f'<p class="missing-note">{_esc(col.missing or "no DDL")}</p>')
        elif not col.comparison.text.strip():
            out.append('<p class="muted">(no statements)</p>')
        else:
            out.append(f'<pre class="highlight"><code>{_sql(col.comparison)}</code></pre>')
        out.append("</div>")
    return "\n".join(head + [lazy("\n".join(out + ["</div>"])), "</details>"])


def _side(title: str, side, css: str = "") -> str:
    head = f'<h5 class="{css}">{_esc(title)}</h5>' if css else f"<h5>{_esc(title)}</h5>"
    out = [head]
    if side.note:
        out.append(f'<p class="side-note">{_esc(side.note)}</p>')
    if side.sql is not None:
        out.append(f'<pre class="highlight"><code>{plain_sql(side.sql)}</code></pre>'
                   if side.sql.strip() else '<p class="muted">(no statements)</p>')
    return "<div>" + "".join(out) + "</div>"


def _migration(block: MigrationDDL) -> str:
    flags = "".join(f' <small class="warn">{w}</small>' for w, on in
                    (("irreversible", block.irreversible), ("routed DDL differs", block.routed)) if on)
    head = [f'<details class="migration-ddl" id="{_esc(block.id)}">',
            f"<summary><code>{_esc(block.title)}</code> · "
            f"{len(block.groups)} group(s) of targets{flags}</summary>"]
    out = []
    for g in block.groups:
        sides = [_side("Forwards", g.forwards), _side("Backwards", g.backwards)]
        if g.routed is not None:
            sides.append(_side("⚠ Forwards as a routed alias", g.routed, "warn"))
        if g.routed_backwards is not None:
            sides.append(_side("⚠ Backwards as a routed alias", g.routed_backwards, "warn"))
        out.append(f'<div class="fb-group" data-targets="{_esc(" ".join(g.targets))}">'
                   f'<h4>{_esc(g.label)}</h4><div class="fb">{"".join(sides)}</div></div>')
    return "\n".join(head + [lazy("\n".join(out)), "</details>"])


_DDL_LEGEND = (
    '<p class="legend">One column per target: its statements for the model, in migration '
    'order. <mark class="diff">Highlighted</mark> tokens differ from the baseline (the first '
    'target with DDL); <span class="line diff-line">a tint</span> marks lines with a difference; '
    '<mark class="diff gap" title="example"></mark> marks where baseline text is missing '
    "(hover for it). Whitespace is not compared, and CREATE TABLE is shown one column per "
    "line; report.md and the ddl/ files hold the statements exactly as Django printed them.</p>"
)


def _para_body(para: Para) -> str:
    return "".join(_inline(c) for c in para.parts)


def _blocks(blocks) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, Para):
            out.append(f"<p>{_para_body(block)}</p>")
        elif isinstance(block, Heading):
            out.append(f'<h3 id="{_esc(block.id)}">{_esc(block.title)}</h3>')
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, DDLCompare):
            out.append(_ddl(block))
        elif isinstance(block, MigrationDDL):
            out.append(_migration(block))
        elif isinstance(block, Collapsed):
            note = f" <small>{_esc(block.note)}</small>" if block.note else ""
            out += [f'<details class="collapsed" id="{_esc(block.id)}">',
                    f"<summary><h3>{_esc(block.title)}{note}</h3></summary>",
                    lazy("\n".join(_blocks(block.blocks))), "</details>"]
        else:  # a block kind this renderer does not know must not vanish silently
            raise TypeError(f"unknown block {type(block).__name__}")
    return out


def _section(section: Section) -> str:
    # Not "warn": that class colours and bolds everything inside it (the whole table).
    css = "report-section has-warning" if section.warn else "report-section"
    out = [f'<section id="{_esc(section.id)}" class="{css}">', f"<h2>{_esc(section.title)}</h2>"]
    if section.id == "ddl":
        out.append(_DDL_LEGEND)
    out += _blocks(section.blocks)
    return "\n".join(out + ["</section>"])


def render_html(report: Report, sections: list | None = None,
                title: str = "Django portability report") -> str:
    """``sections``: what ``_sections.build(report)`` returned, when the caller has it."""
    sections = sections if sections is not None else build(report)
    warn = ' class="warn"'
    nav = "".join(f'<li><a href="#{_esc(s.id)}"{warn if s.warn else ""}>{_esc(s.title)}</a></li>'
                  for s in sections)
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)}</title>",
        f"<style>\n{_css()}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_esc(title)}</h1>",
        *(f"<p>{_para_body(p)}</p>" for p in overview(report)),
        f'<nav aria-label="Sections"><ul>{nav}</ul></nav>',
        "</header>",
        "<main>",
    ]
    body = [_section(s) for s in sections]
    return "\n".join(head + body + ["</main>", SCRIPT, colour_script(), "</body>", "</html>"]) + "\n"
