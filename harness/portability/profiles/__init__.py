"""Offline server profiles: the facts Django would otherwise ask a server for, by name.

One module per dialect, mostly constants (see sqlite.py ... cockroachdb.py). ``get`` is the
lookup everything uses; on a typo it names the closest profile.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Profile:
    name: str  # what users type: "postgresql-15"
    vendor: str  # Django's connection.vendor
    engine: str  # the ENGINE that renders it
    version: tuple[int, ...]
    display: str  # "PostgreSQL 15"
    # Cached properties of the DatabaseWrapper that would otherwise query the server.
    server: dict = field(default_factory=dict, hash=False)
    mariadb: bool = False
    # Cached DatabaseFeatures properties that would otherwise query the server.
    features: dict = field(default_factory=dict, hash=False)
    # What the backend answers without a server, declared so that planning a render loads
    # no backend (a test checks them against Django's): ops.max_name_length() and
    # features.interprets_empty_strings_as_nulls.
    max_name_length: int | None = None
    empty_strings_are_null: bool = False

    @property
    def version_string(self) -> str:
        return ".".join(map(str, self.version))


class UnknownName(LookupError):
    """A name that is not in a registry; the message lists the valid ones and the closest."""

    def __init__(self, kind: str, name: str, valid):
        valid = list(valid)
        close = difflib.get_close_matches(name, valid, n=1, cutoff=0.5)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        super().__init__(f"Unknown {kind} {name!r}.{hint} Valid {kind}s: {', '.join(valid)}.")
        self.closest = close[0] if close else None


def _load() -> dict[str, Profile]:
    from . import cockroachdb, mysql, oracle, postgresql, sqlite

    profiles = {}
    for module in (sqlite, postgresql, mysql, oracle, cockroachdb):
        for profile in module.PROFILES:
            profiles[profile.name] = profile
    return profiles


PROFILES = MappingProxyType(_load())


def get(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise UnknownName("target", name, PROFILES) from None
