"""The pool of render workers: each worker renders group after group; a group that fails or
a worker that dies costs only its own targets, and no group is left behind silently."""

from __future__ import annotations

import os

import pytest

from harness.portability import profiles, workers
from harness.portability.targets import TargetSpec

APPS = ["contenttypes"]
NAMES = ["sqlite", "postgresql-15", "mysql-8.0", "oracle-23"]


@pytest.fixture(scope="module")
def plan():
    loader, reads = workers.load_migrations()
    groups = [workers.Group([TargetSpec(name, profile=profiles.get(name))], reads, label=name) for name in NAMES]
    return loader, groups


def _run(plan, monkeypatch, failing=None, parallel=1):
    loader, groups = plan
    render_group = workers._render_group

    def render(group, *args, **kwargs):
        if group.label == failing:
            if parallel == "die":
                os._exit(7)
            raise RuntimeError("boom")
        return render_group(group, *args, **kwargs)

    monkeypatch.setattr(workers, "_render_group", render)  # the forked workers inherit it
    return workers.run_groups(APPS, groups, loader, parallel=1 if parallel == "die" else parallel)


def _targets(outcome) -> set[str]:
    return {r.target for r in outcome.results}


@pytest.mark.parametrize("parallel", [1, 2])
def test_every_group_is_rendered_by_the_pool(plan, monkeypatch, parallel):
    outcome = _run(plan, monkeypatch, parallel=parallel)
    assert _targets(outcome) == set(NAMES) and not outcome.lost
    for name in NAMES:  # each target's renders arrive in walk order
        assert [r.name for r in outcome.results if r.target == name][:1] == ["0001_initial"]


def test_a_group_that_fails_loses_its_targets_and_the_worker_goes_on(plan, monkeypatch):
    outcome = _run(plan, monkeypatch, failing="postgresql-15")
    assert outcome.lost == {"postgresql-15": "the renderer failed: RuntimeError: boom"}
    assert _targets(outcome) == set(NAMES) - {"postgresql-15"}


def test_a_worker_that_dies_loses_its_group_and_says_which_were_never_rendered(plan, monkeypatch):
    outcome = _run(plan, monkeypatch, failing="postgresql-15", parallel="die")
    assert _targets(outcome) == {"sqlite"}  # rendered before; the one worker died on the next
    assert outcome.lost == {"postgresql-15": "the renderer stopped (exit code 7)",
                            "mysql-8.0": "no renderer was left to render it",
                            "oracle-23": "no renderer was left to render it"}
