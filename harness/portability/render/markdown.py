"""GitHub-flavoured Markdown, usable as ``$GITHUB_STEP_SUMMARY``.

Data is escaped so a value can never turn into markup: table pipes, HTML, emphasis.
"""

from __future__ import annotations

import html
import re

from ..results import Report
from ._blocks import URL, Cell, Collapsed, DDLCompare, Heading, Para, Table
from ._backwards import MigrationDDL
from ._sections import build, overview

_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def _text(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def _code(text: str) -> str:
    """A code span; table cells cannot hold a line break, so one is shown as ⏎."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\n", " ⏎ ")
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    # GFM splits table cells on "|" before parsing code spans, even inside them.
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


def _inline(cell: Cell) -> str:
    # Emphasis may not start or end on a space, so surrounding spaces stay outside it.
    text = cell.text.strip(" ")
    lead = " " * (len(cell.text) - len(cell.text.lstrip(" ")))
    trail = " " * (len(cell.text) - len(cell.text.rstrip(" "))) if text else ""
    if cell.code and cell.segments and any(changed for _, changed in cell.segments):
        # Marked token by token: a bold code span for each changed run.
        out = " ".join(f"**{_code(t.strip())}**" if changed else _code(t.strip())
                       for t, changed in cell.segments if t.strip())
    elif cell.code:
        out = _code(text)
    elif cell.link and URL.match(text) and ">" not in text:
        out = f"<{text}>"
    elif cell.href:
        out = f"[{_text(text)}]({cell.href})"
    else:
        out = _text(text)
    if out and cell.muted:
        out = f"*{out}*"
    if out and (cell.warn or (cell.differs and not cell.segments)):
        out = f"**{out}**"
    out = lead + out + trail
    if cell.note:
        out += f"<br><sub>{_text(cell.note)}</sub>"
    return out


def _para(para: Para) -> str:
    return "".join(_inline(c) for c in para.parts)


def _table(table: Table) -> list[str]:
    def row(cells: list[Cell]) -> str:
        return "| " + " | ".join(_inline(c) or " " for c in cells) + " |"

    lines = [row(table.headers), "|" + " --- |" * len(table.headers)]
    for cells, id in zip(table.rows, table.row_ids, strict=True):
        line = row(cells)
        lines.append(f'| <a id="{id}"></a>' + line[1:] if id else line)
    return lines + [""]


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    return "`" * (longest + 1)


def _ddl(block: DDLCompare) -> list[str]:
    present = [c for c in block.columns if c.comparison is not None]
    state = (f"differs on {len(block.differing)} of {len(present) - 1} other targets"
             if len(present) > 1 else "one target only")
    tables = ", ".join(f"<code>{html.escape(t)}</code>" for t in block.tables)
    lines = [f'<details id="{block.id}">',
             f"<summary><strong>{html.escape(block.title)}</strong> · {tables} · {state}</summary>",
             ""]
    lines += [f"- {_para(p)}" for p in block.summary] + [""]
    for col in block.columns:
        name = f"**{_text(col.label)}**" + (" (baseline)" if col.baseline else "")
        if col.comparison is None:
            lines += [f"{name}: {_text(col.missing or 'no DDL')}", ""]
            continue
        text = (col.text or "").rstrip("\n")
        if not text.strip():
            lines += [f"{name}: *(no statements)*", ""]
            continue
        fence = _fence(text)
        lines += [name, "", f"{fence}sql", text, fence, ""]
    return lines + ["</details>", ""]


def _side(title: str, side) -> list[str]:
    lines = [f"{title}:" + (f" {_text(side.note)}" if side.note else "")]
    if side.sql is not None:
        text = side.sql.rstrip("\n")
        if text.strip():
            fence = _fence(text)
            lines += ["", f"{fence}sql", text, fence]
        else:
            lines[0] += " *(no statements)*"
    return lines + [""]


def _migration(block: MigrationDDL) -> list[str]:
    flags = "".join(f" · **{w}**" for w, on in
                    (("irreversible", block.irreversible), ("routed DDL differs", block.routed)) if on)
    lines = [f'<details id="{block.id}">',
             f"<summary><code>{html.escape(block.title)}</code> · "
             f"{len(block.groups)} group(s) of targets{flags}</summary>", ""]
    for g in block.groups:
        lines += [f"**{_text(g.label)}**", ""]
        lines += _side("Forwards", g.forwards) + _side("Backwards", g.backwards)
        if g.routed is not None:
            lines += _side("⚠ Forwards as a routed alias", g.routed)
        if g.routed_backwards is not None:
            lines += _side("⚠ Backwards as a routed alias", g.routed_backwards)
    return lines + ["</details>", ""]


def _blocks(blocks) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            lines += [_para(block), ""]
        elif isinstance(block, Heading):
            lines += [f'<a id="{block.id}"></a>', "", f"### {_text(block.title)}", ""]
        elif isinstance(block, Table):
            lines += _table(block)
        elif isinstance(block, DDLCompare):
            lines += _ddl(block)
        elif isinstance(block, MigrationDDL):
            lines += _migration(block)
        elif isinstance(block, Collapsed):
            note = f" · {html.escape(block.note)}" if block.note else ""
            lines += [f'<details id="{block.id}">',
                      f"<summary><strong>{html.escape(block.title)}</strong>{note}</summary>", ""]
            lines += _blocks(block.blocks) + ["</details>", ""]
        else:  # a block kind this renderer does not know must not vanish silently
            raise TypeError(f"unknown block {type(block).__name__}")
    return lines


def render_markdown(report: Report, sections: list | None = None,
                    title: str = "Django portability report") -> str:
    """``sections``: what ``_sections.build(report)`` returned, when the caller has it."""
    lines = [f"# {_text(title)}", ""]
    lines += [_para(p) + "  " for p in overview(report)] + [""]
    for section in sections if sections is not None else build(report):
        lines += [f'<a id="{section.id}"></a>', "", f"## {_text(section.title)}", ""]
        lines += _blocks(section.blocks)
    return "\n".join(lines).rstrip("\n") + "\n"
