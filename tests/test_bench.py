"""The benchmark suite: synthetic corpus properties and a smoke run of `python -m bench --quick` (no timings asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.measure import table
from bench.synth import make_corpus
from kg.extract.ingest import read_document

ROOT = Path(__file__).resolve().parent.parent


def test_bench_synth_documents_are_distinct_and_reproducible(tmp_path):
    paths = make_corpus(tmp_path / "a", 4, lang="mix")
    again = make_corpus(tmp_path / "b", 4, lang="mix")
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    docs = [read_document(p) for p in paths]
    assert [d.lang for d in docs] == ["zh", "en", "zh", "en"]
    assert len({d.sha256 for d in docs}) == 4
    assert len({d.symbols[0] for d in docs}) == 4  # each its own symbol
    zh = docs[0]
    sample = read_document(ROOT / "corpus" / "unodc-ed-report-2022.zh.md")
    assert abs(len(zh.text) - len(sample.text)) < len(sample.text) * 0.05  # sample-size documents
    numbers = [int(p.number) for p in zh.paragraphs if p.kind == "numbered"]
    assert numbers == sorted(numbers) and len(numbers) > 50  # shuffled, then renumbered in order


def test_bench_table_aligns_columns():
    text = table("T", ["name", "s"], [["a", 1.5], ["bb", 12345.0]], "note")
    lines = text.splitlines()
    assert lines[0] == "## T" and lines[-1] == "note"
    assert lines[4].endswith("  1.5") and lines[5].endswith("12,345") and len(lines[4]) == len(lines[5])


@pytest.mark.slow
def test_bench_quick_suite_prints_every_table(tmp_path):
    out = tmp_path / "bench.md"
    run = subprocess.run([sys.executable, "-m", "bench", "--quick", "--out", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    for title in ("Extraction throughput", "End-to-end kg build", "Scale-out on dask", "SPARQL query latency", "SHACL validation",
                  "SHACL validation per document", "Export"):
        assert f"## {title}" in run.stdout and f"## {title}" in out.read_text(encoding="utf-8")
    assert "no change" in run.stdout and "× floor" in run.stdout and "speed-up × 1 worker" in run.stdout


def test_bench_worker_times_every_stage_of_a_document(tmp_path):
    """python -m bench.worker: CPU per document by stage, every standard step among them; the steps keep their names."""
    from bench.worker import measure
    from kg.steps import STANDARD

    make_corpus(tmp_path, 3, lang="en")
    n, total, table = measure(tmp_path, 3)
    assert n == 2 and total > 0
    assert {"extract", "document_ntriples", "split_part", "add_turtle"} <= set(table)
    assert {f"step {s.name.split(':')[0]}" for s in STANDARD} <= set(table)
    assert sum(v for k, v in table.items() if k.startswith("step ")) <= table["split_part"] <= total
