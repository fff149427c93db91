"""The three comparisons: type mapping, null and empty strings, boolean emulation
(plus default-vs-routed, see ``default_vs_routed``).

``collect_live(alias)`` runs every case on a live alias, inside whatever database the
alias points to now, and drops the tables it creates. ``declared(connection, target)``
gives what is knowable without a server, from ``db_type``/``db_parameters``/features only,
so it works on a DatabaseWrapper that never connected. Both return plain dataclasses,
keyed "types", "null_empty", "booleans".

Submodules are imported inside the functions: ``as_default`` runs as ``python -m`` before
Django is set up, and the type matrix's models cannot be defined until then.
"""

from __future__ import annotations

SECTIONS = ("types", "null_empty", "booleans")


def collect_live(alias: str) -> dict[str, list]:
    from . import booleans, null_empty, types

    return {
        "types": types.live_rows(alias),
        "null_empty": null_empty.live_rows(alias),
        "booleans": booleans.live_rows(alias),
    }


def declared(connection, target_name: str) -> dict[str, list]:
    from . import booleans, expected, null_empty, types

    vendor = connection.vendor
    null_rows = null_empty.column_rows(connection, target_name)
    boolean_rows = booleans.declared_rows(connection, target_name)
    return {
        "types": types.declared_rows(connection, target_name),
        "null_empty": expected.with_expectations(vendor, "null_empty", null_rows),
        "booleans": expected.with_expectations(vendor, "booleans", boolean_rows),
    }
