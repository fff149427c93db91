"""pytest plugin the test matrix loads (``-p harness.portability.matrix.pytest_plugin``).

pytest's JUnit XML loses two facts the matrix needs, so each test gets JUnit properties:

* ``harness.nodeid``: the node id (``classname``/``name`` cannot tell a package from a
  module from a class);
* ``harness.outcome = xpassed`` for a non-strict xfail that passed (pytest writes it as a
  plain pass; a strict one is a ``[XPASS(strict)]`` failure, which the parser knows).

It changes nothing else: no option, no outcome, no ordering.
"""

from __future__ import annotations

import pytest

from .junit import NODEID_PROPERTY, OUTCOME_PROPERTY


@pytest.hookimpl(hookwrapper=True)  # old-style wrapper: works with pytest 7 too
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    # The teardown report copies item.user_properties; JUnit XML writes that copy's.
    if report.when == "setup":
        item.user_properties.append((NODEID_PROPERTY, item.nodeid))
    elif report.when == "call" and report.passed and hasattr(report, "wasxfail"):
        item.user_properties.append((OUTCOME_PROPERTY, "xpassed"))
