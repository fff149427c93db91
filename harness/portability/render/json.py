"""report.json: the whole Report, readable back with ``Report.from_dict``."""

from __future__ import annotations

import json

from ..results import Report


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_json(report: Report) -> str:
    """Key order is the dataclasses' field order, so equal reports give identical bytes.

    One row per line: diffs between two reports read row by row, and json.dumps without
    ``indent`` runs in C (indenting a report of thousands of rows took most of its time).
    """
    items = list(report.to_dict().items())
    lines = ["{"]
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value:
            rows = [f"    {_dump(row)}," for row in value]
            rows[-1] = rows[-1][:-1]
            lines += [f"  {_dump(key)}: [", *rows, f"  ]{comma}"]
        else:
            lines.append(f"  {_dump(key)}: {_dump(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
