"""What the rules share: target labels and grouping, in report order."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..anchors import join_labels
from ..results import Report


def group(rows: Iterable, key: Callable) -> dict:
    out: dict = {}
    for row in rows:
        out.setdefault(key(row), []).append(row)
    return out


def in_order(report: Report, names: Iterable[str]) -> list[str]:
    """``names`` in the report's target order (names it does not list last, as given)."""
    names = list(dict.fromkeys(names))
    rank = {t.name: i for i, t in enumerate(report.targets)}
    return sorted(names, key=lambda n: rank.get(n, len(rank)))


def labels(report: Report, names: Iterable[str]) -> str:
    """"Oracle 19c · 23ai" for the targets named."""
    shown = {t.name: t.display or t.name for t in report.targets}
    return join_labels(shown.get(n, n) for n in in_order(report, names))


def vendor(report: Report, name: str) -> str:
    return next((t.vendor for t in report.targets if t.name == name), "")


def elsewhere(report: Report, names: Iterable[str]) -> list[str]:
    """The report's other targets that collected something (all but ``names``)."""
    names = set(names)
    return [t.name for t in report.targets if t.name not in names]


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def listed(items: list[str], limit: int = 4) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
