"""Make one app's concrete copies of the shared abstract bases (no copied definitions)."""

from pots.bases import BASES


def mirror(module_name: str) -> tuple:
    """Concrete models for the app whose ``models`` module is ``module_name``, in BASES order."""
    return tuple(
        type(name, (base,), {"__module__": module_name}) for name, base in BASES.items()
    )
