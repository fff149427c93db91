"""What a probe is, how its expected outcome is looked up, and the registry of all probes.

A probe asks one question of a backend: it declares the tables it needs, an action that
returns a short normalized outcome ("case-insensitive", "IntegrityError", "nulls first"),
and what each vendor (and server version, where it matters) is expected to answer.
"""

from __future__ import annotations

import fnmatch
import importlib
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from harness.portability.profiles import UnknownName

if TYPE_CHECKING:
    from .context import Context

# Every probe states an outcome for each of these; "mariadb" falls back to "mysql".
VENDORS = ("sqlite", "postgresql", "mysql", "oracle", "cockroachdb")
FAMILIES = (*VENDORS, "mariadb")
CATALOGS = (
    "text", "numbers", "time", "identifiers", "ordering", "keys", "upserts",
    "transactions", "json", "raw", "fields",
)
DOCS = "https://docs.djangoproject.com/en/5.2/ref/databases/"
_KEY = re.compile(r"^(?P<family>[a-z]+)(?:>=(?P<version>\d+(?:\.\d+)*))?$")
_ID = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")


@dataclass(frozen=True)
class Table:
    """One model a probe needs: Django fields by name, cloned afresh for every run."""

    name: str
    fields: Mapping[str, object]
    meta: Mapping[str, object] = field(default_factory=dict)
    create: bool = True  # False: declared only (the action creates it itself)


@dataclass(frozen=True)
class Probe:
    id: str  # "txt-exact-case": topic prefix, then what is asked
    question: str
    expect: Mapping[str, str]  # "vendor" or "vendor>=X.Y" -> outcome
    reference: str  # Django documentation anchor or source location
    action: Callable[[Context], str] = field(repr=False, compare=False)
    tables: tuple[Table, ...] = ()

    def __post_init__(self):
        if not _ID.match(self.id):
            raise ValueError(f"probe id {self.id!r} must look like 'txt-exact-case'")
        keys = {key: _KEY.match(key) for key in self.expect}
        bad = [key for key, match in keys.items() if not match or match["family"] not in FAMILIES]
        if bad:
            raise ValueError(f"probe {self.id}: unknown expectation keys {bad}")
        missing = [v for v in VENDORS if v not in self.expect]
        if missing:
            raise ValueError(f"probe {self.id}: no expectation for {missing}")
        # MySQL and MariaDB version numbers are unrelated: a MySQL version rule must not
        # silently decide MariaDB's outcome through the fallback.
        if any(m["family"] == "mysql" and m["version"] for m in keys.values()):
            if "mariadb" not in self.expect:
                raise ValueError(f"probe {self.id}: MySQL version rules need a 'mariadb' entry")
        object.__setattr__(self, "expect", MappingProxyType(dict(self.expect)))
        object.__setattr__(self, "tables", tuple(self.tables))

    def expected(self, vendor: str, version: Iterable[int] = (), mariadb: bool = False) -> str:
        """The outcome this server should give: the highest matching ``>=`` rule wins."""
        version = tuple(version)
        families = ("mariadb", "mysql") if mariadb else (vendor,)
        for family in families:
            if family == "mysql" and mariadb:
                return self.expect["mysql"]  # unversioned only, see __post_init__
            rules = []
            for key, outcome in self.expect.items():
                match = _KEY.match(key)
                if match["family"] != family:
                    continue
                minimum = tuple(int(p) for p in (match["version"] or "0").split("."))
                if version >= minimum or not match["version"]:
                    rules.append((minimum, outcome))
            if rules:
                return max(rules, key=lambda rule: rule[0])[1]
        raise LookupError(f"probe {self.id} has no expectation for vendor {vendor!r}")


def same(outcome: str, **others: str) -> dict[str, str]:
    """Expectations: ``outcome`` for every vendor except those named."""
    return {**{vendor: outcome for vendor in VENDORS}, **others}


def _load() -> dict[str, Probe]:
    probes: dict[str, Probe] = {}
    for name in CATALOGS:
        module = importlib.import_module(f"{__package__}.{name}")
        for probe in module.PROBES:
            if probe.id in probes:
                raise ValueError(f"probe id {probe.id!r} is registered twice")
            probes[probe.id] = probe
    return probes


_REGISTRY: Mapping[str, Probe] | None = None


def registry() -> Mapping[str, Probe]:
    """Every probe by id, in catalog order (loaded on first use)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = MappingProxyType(_load())
    return _REGISTRY


def get(probe_id: str) -> Probe:
    try:
        return registry()[probe_id]
    except KeyError:
        raise UnknownName("probe", probe_id, registry()) from None


def select(only: Iterable[str] | str | None = None) -> list[Probe]:
    """The probes ``only`` names (ids or shell patterns like ``txt-*``), in catalog order.

    A name that matches nothing raises :class:`UnknownName` with the closest id.
    """
    probes = registry()
    if only is None:
        return list(probes.values())
    if isinstance(only, str):
        only = [only]
    chosen: set[str] = set()
    for name in only:
        matched = fnmatch.filter(probes, name) if any(c in name for c in "*?[") else (
            [name] if name in probes else []
        )
        if not matched:
            raise UnknownName("probe", name, probes)
        chosen.update(matched)
    return [probe for probe_id, probe in probes.items() if probe_id in chosen]
