"""The fast path on a big connected project: bench/scale.py's synthetic project at N = 200
(200 models in one foreign-key graph, then AlterField / RenameField / RemoveField / AddIndex
on existing models) prints exactly what Django's own sqlmigrate prints against the server
migrated up to just before each migration (``portability verify``).

Django's sqlmigrate of such a project is slow (it re-renders every related model per
operation: a minute of CPU per server and direction), so CI checks forwards on every live
server here; ``HARNESS_SCALE_ALL=1`` checks both directions."""

import importlib.util
import json

import os

import pytest

from .harness_run import ROOT, harness_env, run_manage
from .test_fidelity import SERVERS as ALL_SERVERS

pytestmark = pytest.mark.slow

EVERYWHERE = os.environ.get("HARNESS_SCALE_ALL") == "1"
SERVERS = ALL_SERVERS


def load_scale():
    spec = importlib.util.spec_from_file_location("scale_bench", ROOT / "bench" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.backend(*SERVERS)
def test_synthetic_200_models_print_what_sqlmigrate_prints_on_every_live_server(tmp_path):
    scale = load_scale()
    names = scale.generate(200, tmp_path)
    env = harness_env(DJANGO_SETTINGS_MODULE="scale_settings", PYTHONPATH=f"{tmp_path}:{ROOT}")
    out = tmp_path / "out"
    proc = run_manage("portability", "verify", "--apps", scale.APP, "--targets", *SERVERS,
                      "--output", str(out), *([] if EVERYWHERE else ["--forwards-only"]),
                      env=env, timeout=1800)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-5000:]
    results = json.loads((out / "verify.json").read_text())
    rows = results["servers"]
    assert len(rows) == len(SERVERS)
    for row in rows:
        counts = row["counts"]
        assert counts.get("forwards:identical") == len(names), row
        if EVERYWHERE:
            assert counts.get("backwards:identical") == len(names), row
