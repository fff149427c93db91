"""Offline targets of one engine render once while nothing they render reads tells them apart.

PostgreSQL 14 and 18 print the same DDL for nearly every migration: the two profiles differ
only in a few values (``pg_version``, ``features.is_postgresql_15`` …). Every value Django
caches on a connection is computed up front (:func:`pinned`); the values in which the
targets of a class differ become recorded properties on each connection (:func:`record`).
The class renders with one of them; when a step read none of those values, each other
target would have rendered it from the same inputs, so it gets the same text. When a step
read one, the targets that differ in it render the step themselves (see render_walk).
"""

from __future__ import annotations

import inspect
import operator

from django.utils.functional import cached_property

OWNERS = ("connection", "features", "ops")


def _owner(connection, owner: str):
    return connection if owner == "connection" else getattr(connection, owner)


def pinned(connection) -> dict[tuple[str, str], object]:
    """Every value the connection caches (or its profile pins), computed now: (owner, name)
    -> value. A value that only a server can compute stays out (it raises each time)."""
    profile = connection.profile
    values = {}
    for owner in OWNERS:
        obj = _owner(connection, owner)
        names = {n for n, a in inspect.getmembers(type(obj)) if isinstance(a, cached_property)}
        names |= set(profile.server if owner == "connection" else profile.features if owner == "features" else ())
        for name in sorted(names):
            try:
                value = getattr(obj, name)
            except Exception:  # noqa: BLE001 - needs a server: never cached, raises when read
                continue
            if not callable(value):
                values[owner, name] = value
    values["connection", "profile"] = profile  # its name is in what a ServerNeeded says
    return values


def differing(values: list[dict]) -> set[tuple[str, str]]:
    """The (owner, name) keys whose values are not the same for all of ``values``."""
    keys = set().union(*values)
    missing = object()
    return {k for k in keys if any(v.get(k, missing) != values[0].get(k, missing) for v in values[1:])}


class Reads:
    """The recorded values read since :meth:`clear`: whole (``keys``), or only compared
    (``comparisons``: (key, operator, operand) — ``mysql_version >= (8, 0, 13)``)."""

    def __init__(self):
        self.keys: set[tuple[str, str]] = set()
        self.comparisons: set[tuple] = set()

    def clear(self) -> None:
        self.keys.clear()
        self.comparisons.clear()


_COMPARISONS = {"__lt__": operator.lt, "__le__": operator.le, "__gt__": operator.gt,
                "__ge__": operator.ge, "__eq__": operator.eq, "__ne__": operator.ne}


class _Version(tuple):
    """A version tuple that notes how it is compared; any other use reads all of it."""


def _compare(name):
    def compare(self, other):
        self._reads.comparisons.add((self._key, name, tuple(other) if isinstance(other, tuple) else other))
        return getattr(tuple, name)(self, other)
    return compare


def _whole(name):
    def use(self, *args):
        self._reads.keys.add(self._key)
        return getattr(tuple, name)(self, *args)
    return use


for _name in _COMPARISONS:
    setattr(_Version, _name, _compare(_name))
for _name in ("__getitem__", "__iter__", "__len__", "__hash__", "__contains__", "__add__", "__mul__",
              "__rmul__", "__repr__", "__str__", "__format__", "count", "index", "__reduce__",
              "__reduce_ex__", "__getnewargs__"):
    setattr(_Version, _name, _whole(_name))


def record(connection, keys: set[tuple[str, str]]) -> Reads:
    """Make each of ``keys`` a property of the connection (its features, ops) that notes
    when it is read; the values stay what they were."""
    reads = Reads()
    for owner in OWNERS:
        obj = _owner(connection, owner)
        mine = [name for o, name in keys if o == owner and name in obj.__dict__]
        if not mine:
            continue
        stored = {name: obj.__dict__.pop(name) for name in mine}
        obj.__class__ = type(type(obj).__name__, (type(obj),),
                             {name: _recorded(owner, name, stored, reads) for name in mine})
    return reads


def _recorded(owner: str, name: str, stored: dict, reads: Reads) -> property:
    def get(self):
        value = stored[name]
        if isinstance(value, tuple) and value and all(isinstance(v, int) for v in value):
            version = _Version(value)
            version._key, version._reads = (owner, name), reads
            return version
        reads.keys.add((owner, name))
        return value

    def set_(self, value):
        stored[name] = value

    return property(get, set_)


def agree(a: dict, b: dict, reads: Reads) -> bool:
    """Whether two targets' pinned values give the same answers to what was read."""
    missing = object()
    if any(a.get(k, missing) != b.get(k, missing) for k in reads.keys):
        return False
    return all(_COMPARISONS[op](a[k], other) == _COMPARISONS[op](b[k], other)
               for k, op, other in reads.comparisons)
