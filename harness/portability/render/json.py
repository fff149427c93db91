"""report.json: the whole Report, readable back with ``Report.from_dict``."""

from __future__ import annotations

import json

from ..results import Report


def render_json(report: Report) -> str:
    # Key order is the dataclasses' field order, so equal reports give identical bytes.
    return json.dumps(report.to_dict(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
