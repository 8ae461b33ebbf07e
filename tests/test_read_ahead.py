"""A rebuild reads the cached parts' step facts while the changed documents are extracted (kg.build.run, `ahead`):
the result equals a clean build byte for byte, and a fact read ahead is used only for the stored part it was read
from (never for a part that link_editions re-made, nor twice)."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

import kg.build.executors
import kg.build.run
from kg.build.merge import Corpus, DocPart
from kg.build.result import ExtractionStats
from kg.build.run import build
from kg.steps import STANDARD

EDITIONS = Path(__file__).parent / "data" / "editions"
STEP = "some.step"


def _outputs(result) -> dict:
    folder = str(result.out_dir).encode()
    return {p.name: p.read_bytes().replace(folder, b"OUT") for p in result.outputs}


# the changed document: an edition of a work whose other edition stays cached (its part is re-made by the merge),
# or the document that only cites them
CHANGES = {"edition": "report.en.md", "citing": "citing.en.md"}


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("changed", sorted(CHANGES))
def test_read_ahead_rebuild_equals_clean_build(tmp_path, monkeypatch, jobs, changed):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("report.zh.md", "report.en.md", "citing.en.md"):
        shutil.copy(EDITIONS / name, corpus / name)
    out = tmp_path / "out"
    build([corpus], out, jobs=jobs, steps=STANDARD)
    target = corpus / CHANGES[changed]
    target.write_text(target.read_text(encoding="utf-8") + "\n\n99. UNODC supported Chile.\n", encoding="utf-8")

    read, pools = [], []
    real_ahead, real_pool = kg.build.run.read_ahead, kg.build.executors.ProcessPoolExecutor
    monkeypatch.setattr(kg.build.run, "read_ahead", lambda parts, steps: read.append(len(parts)) or real_ahead(parts, steps))
    monkeypatch.setattr(kg.build.executors, "ProcessPoolExecutor", lambda *a, **k: pools.append(k) or real_pool(*a, **k))
    stats = ExtractionStats()
    rebuilt = build([corpus], out, jobs=jobs, stats=stats, steps=STANDARD)
    assert (stats.extracted, stats.cached) == (1, 2)
    assert read == [2]  # the two cached parts' facts, read once
    # with --jobs 2 on two cores the one changed document is extracted in a pool process, beside the read-ahead
    assert len(pools) == (1 if jobs == 2 and (os.cpu_count() or 1) > 1 else 0)

    clean = build([corpus], tmp_path / "clean", incremental=False, steps=STANDARD)
    a, b = _outputs(rebuilt), _outputs(clean)
    assert sorted(a) == sorted(b) and "kg.ttl" in a and "network.graphml" in a
    assert [name for name in a if a[name] != b[name]] == []


def _stored(tmp_path: Path, value, name: str = "a") -> DocPart:
    """A part whose fact for STEP is *value*, stored in an extras file as the cache stores it."""
    blob = pickle.dumps(value)
    path = tmp_path / f"{name}.extras"
    path.write_bytes(blob)
    return DocPart("k", "https://example.org/doc/k", (0, 0), b"", b"", (), 0, extras_path=path, extras_at={STEP: (0, len(blob))})


def _ready(part: DocPart, path, value) -> dict:
    return {STEP: {part.key: (path, value)}}


READY_CASES = {
    # what the part is, and what is given for it in the read-ahead -> what the step sees
    "stored part, read ahead from its file": (lambda part, tmp: _ready(part, part.extras_path, "ahead"), "stored"),
    "stored part, read ahead from another file": (lambda part, tmp: _ready(part, tmp / "other.extras", "ahead"), "file"),
    "re-made part, fact in memory": (lambda part, tmp: _ready(part, part.extras_path, "ahead"), "memory"),
    "nothing read ahead": (lambda part, tmp: {}, "file"),
}


@pytest.mark.parametrize("case", sorted(READY_CASES))
def test_read_ahead_fact_used_only_for_its_stored_part(tmp_path, case):
    make_ready, expected = READY_CASES[case]
    part = _stored(tmp_path, "file")
    ready = make_ready(part, tmp_path)
    if expected == "memory":
        part.extras[STEP] = "memory"
    corpus = Corpus([part], ready=ready)
    assert list(corpus.extras(STEP)) == [{"stored": "ahead"}.get(expected, expected)]
    assert list(corpus.extras(STEP)) == ["memory" if expected == "memory" else "file"]  # given out once, then read
