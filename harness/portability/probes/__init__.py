"""Probes: small declarative questions each backend answers differently.

    from harness.portability import probes
    probes.get("txt-exact-case").expected("mysql", (10, 11), mariadb=True)
    probes.run_probes("postgresql", only=["txt-*"])       # observed on a live alias
    probes.expected_rows("oracle-19")                       # expected of an offline target
"""

from .base import DOCS, VENDORS, Probe, Table, get, registry, same, select
from .runner import expected_rows, live_identity, observe, run_probes

__all__ = [
    "DOCS", "VENDORS", "Probe", "Table", "get", "registry", "same", "select",
    "expected_rows", "live_identity", "observe", "run_probes",
]
