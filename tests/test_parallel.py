"""`kg build --jobs N`: the same bytes as one process."""

from __future__ import annotations

import pytest

from bench.synth import make_corpus
from kg.build.run import build
from kg.steps import STANDARD
from kg.core.errors import InputError
from kg.build.result import ExtractionStats


@pytest.mark.slow
def test_parallel_jobs_give_identical_bytes(build_outputs, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 3, lang="en")
    one = build([corpus], tmp_path / "one", jobs=1, incremental=False, steps=STANDARD)
    stats = ExtractionStats()
    two = build([corpus], tmp_path / "two", jobs=2, incremental=False, stats=stats, steps=STANDARD)
    assert stats.extracted == 3 and stats.cached == 0
    a, b = build_outputs(one), build_outputs(two)
    assert sorted(a) == sorted(b) and "kg.ttl" in a and "kg.nq" in a
    assert [name for name in a if a[name] != b[name]] == []
    assert one.triples == two.triples > 0


def test_parallel_rejects_bad_jobs_and_executor(tmp_path):
    make_corpus(tmp_path / "c", 1, lang="en")
    with pytest.raises(InputError, match="--jobs"):
        build([tmp_path / "c"], tmp_path / "o", jobs=0, incremental=False, steps=STANDARD)
    with pytest.raises(InputError, match="executor"):
        build([tmp_path / "c"], tmp_path / "o", executor="spark", incremental=False, steps=STANDARD)


@pytest.mark.slow
def test_parallel_cli_jobs_and_bad_value(kg, tmp_path):
    make_corpus(tmp_path / "c", 2, lang="en")
    ok = kg("build", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--jobs", "2")
    assert ok.returncode == 0, ok.stderr
    assert "2 document(s)" in ok.stderr and "\r" not in ok.stderr  # no progress bar off a terminal
    bad = kg("build", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--jobs", "0")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_parallel_dask_executor_gives_identical_bytes(build_outputs, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed", reason="dask.distributed not installed (pip install 'unodc-kg[dask]')")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 2, lang="en")
    local = build([corpus], tmp_path / "local", incremental=False, steps=STANDARD)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        stats = ExtractionStats()
        remote = build([corpus], tmp_path / "dask", incremental=False, executor="dask", scheduler=cluster.scheduler_address, stats=stats, steps=STANDARD)
    assert stats.extracted == 2
    a, b = build_outputs(local), build_outputs(remote)
    assert sorted(a) == sorted(b) and [name for name in a if a[name] != b[name]] == []


def test_parallel_dask_needs_a_scheduler(tmp_path):
    make_corpus(tmp_path / "c", 1, lang="en")
    with pytest.raises(InputError, match="--scheduler"):
        build([tmp_path / "c"], tmp_path / "o", executor="dask", steps=STANDARD)
