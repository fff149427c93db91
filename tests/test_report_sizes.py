"""Sizes on the fidelity corpus: summary.md fits GitHub's step summary (1 MiB).

Slow (the whole corpus on every offline profile); needs the corpus extra.
"""

import pytest

from .harness_run import explain, run_manage
from .test_fidelity import TIMEOUT_SECONDS, corpus_env

STEP_SUMMARY_LIMIT = 1024 * 1024


@pytest.mark.slow
def test_corpus_summary_fits_the_step_summary(tmp_path):
    proc = run_manage("portability", "report", "--offline", "--apps", "all", "--output", str(tmp_path),
                      env=corpus_env(), timeout=TIMEOUT_SECONDS)
    assert proc.returncode == 0, explain(proc)
    summary = (tmp_path / "summary.md").read_bytes()
    print(f"summary.md: {len(summary)} bytes; index.html: {(tmp_path / 'index.html').stat().st_size}")
    assert len(summary) < STEP_SUMMARY_LIMIT
    assert summary.startswith(b"# Django portability report") and b"## Data lost or changed" in summary
