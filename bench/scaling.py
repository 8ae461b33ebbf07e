"""Scale-out on dask: the same clean build on a LocalCluster of 1, 2, … worker processes.

Each size starts its own `distributed.LocalCluster` (one thread per worker process, as on a real cluster:
the pipeline is loaded once per process) and runs `kg build --executor dask --scheduler ADDRESS` against it.
The ratio is the 1-worker build's time over the k-worker build's time of the same run: on a machine with k
free cores it approaches k as the corpus grows (the after-build steps and the merge stay in the client).
"""

from __future__ import annotations

import os
from pathlib import Path

from bench.measure import tree_peak_mb, table
from bench.sections import _kg
from bench.synth import make_corpus


def dask(work: Path, config: dict, state: dict) -> str:
    """Clean builds on LocalClusters of 1..jobs worker processes; speed-up against one worker."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return table("Scale-out on dask", ["workers", "s"], [], "skipped: dask.distributed is not installed "
                     "(pip install 'unodc-kg[dask]')")
    docs = config.get("dask_docs", max(config["docs"]))
    lang = config["doc_lang"]
    corpus = work / f"dask-corpus-{lang}-{docs}"
    if not corpus.exists():
        make_corpus(corpus, docs, lang=lang)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    rows, base = [], None
    for workers in range(1, config["jobs"] + 1):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            out = work / f"dask-out-{workers}"
            argv = _kg("build", corpus, "--out", out, "--no-cache", "--executor", "dask", "--scheduler", cluster.scheduler_address)
            seconds, peak, _, _ = tree_peak_mb(argv, env)
        base = base or seconds
        rows.append([workers, docs, seconds, seconds / docs, peak, base / seconds])
    return table(
        f"Scale-out on dask (LocalCluster, {lang} documents)",
        ["workers", "docs", "s", "s/doc", "peak MB (client)", "speed-up × 1 worker"],
        rows,
        "Worker processes with one thread each on this machine; the speed-up is bounded by its free cores and by "
        "the work left in the client (merge, network, validation of the shared graph).",
    )
