"""Targets: offline server profiles by name, and live database aliases by name."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass

from django.conf import settings

from . import profiles
from .databases import DRIVERS, Reachability, missing_driver, reachability
from .profiles import Profile, UnknownName
from .results import LIVE, OFFLINE, OK, UNAVAILABLE, Target


@dataclass(frozen=True)
class TargetSpec:
    name: str
    profile: Profile | None = None  # offline
    alias: str | None = None  # live
    # Offline, rendered as a routed secondary alias beside the project's default.
    routed: bool = False

    @property
    def live(self) -> bool:
        return self.alias is not None

    @property
    def key(self) -> str:
        """Unique among a render's sides (a target may render as default and as routed)."""
        return f"{self.name} (routed)" if self.routed else self.name


def live_aliases() -> list[str]:
    return list(settings.DATABASES)


def valid_names() -> list[str]:
    return list(profiles.PROFILES) + live_aliases()


def select(names=None, offline_only: bool = False) -> list[TargetSpec]:
    """The targets named (in the order given), or every profile plus every live alias."""
    if not names:
        names = list(profiles.PROFILES) + ([] if offline_only else live_aliases())
    specs = []
    for name in dict.fromkeys(names):
        if name in profiles.PROFILES:
            specs.append(TargetSpec(name, profile=profiles.get(name)))
        elif name in settings.DATABASES:
            if not offline_only:
                specs.append(TargetSpec(name, alias=name))
        else:
            raise UnknownName("target", name, valid_names())
    return specs


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def offline_target(profile: Profile) -> Target:
    """The profile as the report shows it: unavailable, saying what to install, where the
    driver its backend imports is missing (found without importing it: planning stays cheap)."""
    target = Target(
        name=profile.name, vendor=profile.vendor, version=profile.version_string,
        mode=OFFLINE, display=profile.display, mariadb=profile.mariadb,
    )
    modules = DRIVERS[profile.engine].modules if profile.engine in DRIVERS else ()
    if profile.vendor == "mysql" and not _importable("MySQLdb") and _importable("pymysql"):
        target.reason = ("mysqlclient is not installed: PyMySQL stands in offline; the DDL is "
                         "still what sqlmigrate prints with mysqlclient (its quoting is reproduced)")
    elif modules and not any(map(_importable, modules)):
        target.status = UNAVAILABLE
        target.reason = missing_driver(profile.engine, ImportError(f"no module named {' or '.join(modules)}"))
    return target


def live_target(alias: str, found: Reachability | None = None) -> Target:
    """The live alias as the report shows it, with the version the server reported."""
    found = found or reachability(alias)
    vendor = found.vendor
    mariadb = bool(found.version and "mariadb" in found.version.lower())
    # "15.20 (Debian 15.20-0+deb12u1)", "10.11.19-MariaDB-0+deb12u1" -> the number only
    match = re.match(r"\d+(?:\.\d+)*", found.version or "")
    version = match.group(0) if match else found.version
    family = {"postgresql": "PostgreSQL", "mysql": "MariaDB" if mariadb else "MySQL",
              "oracle": "Oracle", "sqlite": "SQLite"}.get(vendor, vendor)
    return Target(
        name=alias, vendor=vendor, version=version, mode=LIVE,
        status=OK if found.live else UNAVAILABLE,
        reason=found.reason, mariadb=mariadb,
        display=f"{family} {version} (live)" if version else f"{family} (live)",
    )
