"""Two harness processes at once against the same servers: neither disturbs the other."""

from __future__ import annotations

import pytest

from .harness_run import TIMEOUT_SECONDS, harness_env, load_report, start_manage, target

LIVE = ("postgresql", "mysql")


@pytest.mark.backend(*LIVE)
def test_two_reports_at_once_both_complete(tmp_path):
    procs = []
    for run in ("one", "two"):
        # No HARNESS_TEST_DB_SUFFIX: each process names its test databases after its pid,
        # which is what keeps two harnesses started by hand apart.
        env = harness_env(HARNESS_TEST_DB_SUFFIX=None)
        procs.append(start_manage("portability", "report", "--targets", *LIVE,
                                  "--apps", "pots_pos", "pots_mys",
                                  "--output", str(tmp_path / run), env=env))
    outputs = []
    try:
        for proc in procs:
            outputs.append(proc.communicate(timeout=TIMEOUT_SECONDS))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    for proc, (stdout, stderr) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, f"{stdout[-3000:]}\n{stderr[-3000:]}"
    for run in ("one", "two"):
        report = load_report(tmp_path / run)
        for alias in LIVE:
            assert target(report, alias)["status"] == "ok", (run, target(report, alias))
            rows = [d for d in report["ddl"] if d["target"] == alias]
            assert rows and all(d["sql"] is not None and d["status"] == "ok" for d in rows), (run, alias)
        assert not any(t.get("reason") for t in report["targets"]), run
