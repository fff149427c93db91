"""The fast path on a big connected project: bench/scale.py's synthetic project at N = 200
(200 models in one foreign-key graph, then AlterField / RenameField / RemoveField / AddIndex
on existing models) prints, on every live server here, exactly what Django's own sqlmigrate
prints against that server migrated up to just before each migration (``portability verify``)."""

import importlib.util
import json

from .harness_run import ROOT, harness_env, run_manage
from .test_fidelity import SERVERS

import pytest


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
                      "--output", str(out), env=env, timeout=1200)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-5000:]
    results = json.loads((out / "verify.json").read_text())
    rows = results["servers"]
    assert len(rows) == len(SERVERS)
    for row in rows:
        counts = row["counts"]
        assert counts.get("forwards:identical") == len(names), row
        assert counts.get("backwards:identical") == len(names), row
