"""pytest plugin: the ``backend`` marker, which runs a test on live aliases or skips it saying why.

    @pytest.mark.backend("postgresql")            # test database of that alias, or a skip
    @pytest.mark.backend("mysql", transaction=True)

The marker stands in for ``django_db``: it adds ``django_db(databases=[...])`` only when
every alias it names answers, so pytest-django never tries to create a test database on
a server that is down. ``--backend ALIAS`` (repeatable) keeps only the tests of those
aliases (and the server-free ones when ``sqlite``/``default`` is among them).
``HARNESS_REQUIRE_LIVE=postgresql,mysql`` turns a skip for those aliases into a failure,
which is how CI proves the live tests ran.
"""

from __future__ import annotations

import os

import pytest

ALIAS_NAMES = {"sqlite": "default"}  # what --backend accepts besides alias names


def pytest_addoption(parser):
    parser.addoption(
        "--backend",
        action="append",
        default=[],
        metavar="ALIAS",
        help="run only the tests of this database alias (repeatable); 'sqlite' means default",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "backend(*aliases, transaction=False): run against the test databases of these "
        "aliases; skip with the alias, masked URL and error when one is unreachable",
    )


def required_live_aliases() -> set[str]:
    raw = os.environ.get("HARNESS_REQUIRE_LIVE", "")
    return {ALIAS_NAMES.get(a.strip(), a.strip()) for a in raw.split(",") if a.strip()}


def _marker_aliases(item) -> list[str]:
    aliases: list[str] = []
    for marker in item.iter_markers("backend"):
        aliases.extend(ALIAS_NAMES.get(a, a) for a in marker.args)
    return aliases


def pytest_collection_modifyitems(session, config, items):
    from pytest_django.plugin import blocking_manager_key

    # Reachability checks connect during collection, when pytest-django blocks access.
    with config.stash[blocking_manager_key].unblock():
        _apply_backend_markers(config, items)


def _apply_backend_markers(config, items):
    from harness.portability.databases import reachability

    wanted = {ALIAS_NAMES.get(a, a) for a in config.getoption("--backend")}
    required = required_live_aliases()
    kept, deselected = [], []
    for item in items:
        aliases = _marker_aliases(item)
        if wanted and not (set(aliases or ["default"]) <= wanted):
            deselected.append(item)
            continue
        kept.append(item)
        if not aliases:
            continue
        down = [reachability(alias) for alias in dict.fromkeys(aliases)]
        down = [r for r in down if not r.live]
        if not down:
            marker = item.get_closest_marker("backend")
            transaction = bool(marker.kwargs.get("transaction", False))
            item.add_marker(
                pytest.mark.django_db(databases=list(dict.fromkeys(aliases)), transaction=transaction)
            )
        else:
            reason = "; ".join(r.describe() for r in down)
            if any(r.alias in required for r in down):
                item.user_properties.append(("harness_required_live", reason))
            else:
                item.add_marker(pytest.mark.skip(reason=reason))
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_runtest_setup(item):
    reason = dict(item.user_properties).get("harness_required_live")
    if reason:
        pytest.fail(f"HARNESS_REQUIRE_LIVE names this alias, but {reason}", pytrace=False)
