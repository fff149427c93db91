"""The lint's targets: profiles named by settings, each with a never-connected DatabaseWrapper.

Rules ask Django itself (``features``, ``ops``, ``field.db_type``) through these wrappers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Iterable

from django.conf import settings
from django.core import checks

from .. import profiles
from ..offline import connection_for
from ..profiles import PROFILES, Profile


@dataclass(frozen=True)
class Backend:
    """One target profile and the wrapper the rules question."""

    profile: Profile
    connection: Any

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def vendor(self) -> str:
        return self.connection.vendor

    @property
    def features(self):
        return self.connection.features

    def feature(self, name: str, default: bool = True) -> bool:
        # A feature that would still need a server counts as supported: no false alarms.
        try:
            return bool(getattr(self.features, name))
        except Exception:
            return default


@functools.cache
def backend(name: str) -> Backend:
    profile = profiles.get(name)
    return Backend(profile, connection_for(profile, alias=f"lint-{profile.name}"))


def _ordered(names: Iterable[str]) -> list[str]:
    wanted = set(names)
    return [name for name in PROFILES if name in wanted]


def resolve(targets=None) -> tuple[list[Backend], list[checks.CheckMessage]]:
    """Backends for ``targets`` (names or Profiles), else for ``PORTABILITY_TARGETS``.

    Explicit unknown names raise ``UnknownName``; unknown names in the setting become
    ``portability.E001`` errors and the valid names are still linted.
    """
    if targets is not None:
        names = [t.name if isinstance(t, Profile) else profiles.get(t).name for t in targets]
        return [backend(n) for n in _ordered(names)], []
    configured = getattr(settings, "PORTABILITY_TARGETS", None)
    if configured is None:
        return [backend(n) for n in PROFILES], []
    if isinstance(configured, str):
        configured = [configured]
    errors, names = [], []
    for name in configured:
        try:
            names.append(profiles.get(name).name)
        except profiles.UnknownName as error:
            hint = f"Did you mean {error.closest!r}? " if error.closest else ""
            errors.append(
                checks.Error(
                    f"PORTABILITY_TARGETS names an unknown profile {name!r}.",
                    hint=f"{hint}Valid profiles: {', '.join(PROFILES)}.",
                    obj="settings.PORTABILITY_TARGETS",
                    id="portability.E001",
                )
            )
    return [backend(n) for n in _ordered(names)], errors


def names(backends: Iterable[Backend]) -> str:
    return ", ".join(b.name for b in backends)
