"""Incremental `kg build`: only changed documents are re-extracted; the result equals a clean build."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synth import make_corpus
from kg.build.run import build
from kg.steps import STANDARD
from kg.build.cache import CACHE_DIR
from kg.build.result import ExtractionStats


@pytest.mark.slow
def test_incremental_rebuild_equals_clean_build(build_outputs, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = make_corpus(corpus, 4, lang="en")
    first = ExtractionStats()
    build([corpus], out, stats=first, steps=STANDARD)
    assert (first.extracted, first.cached) == (4, 0)
    assert len(list((out / CACHE_DIR).glob("*.nt"))) == 4

    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\n99. UNODC supported Chile.\n", encoding="utf-8")
    paths[3].unlink()
    make_corpus(tmp_path / "extra", 5, lang="en", seed=2)[4].rename(corpus / "new.en.md")
    again = ExtractionStats()
    rebuilt = build([corpus], out, stats=again, steps=STANDARD)
    assert (again.extracted, again.cached, again.removed) == (2, 2, 2)  # changed + new; old versions pruned
    assert len(list((out / CACHE_DIR).glob("*.nt"))) == 4

    clean = build([corpus], tmp_path / "clean", incremental=False, steps=STANDARD)
    a, b = build_outputs(rebuilt), build_outputs(clean)
    assert sorted(a) == sorted(b) and "kg.ttl" in a
    assert [name for name in a if a[name] != b[name]] == []
    # the deleted document (symbol E/CN.15/2030/4) is gone from the graph
    assert b"E/CN.15/2030/4" not in a["kg.ttl"] and b"E/CN.15/2030/2" in a["kg.ttl"]


@pytest.mark.slow
def test_incremental_no_change_skips_the_build(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, 2, lang="en")
    first = build([corpus], out, steps=STANDARD)
    stats = ExtractionStats()
    second = build([corpus], out, stats=stats, steps=STANDARD)
    assert stats.up_to_date and stats.extracted == 0
    assert second.triples == first.triples and second.outputs == first.outputs
    assert [d.sha256 for d in second.documents] == [d.sha256 for d in first.documents]

    (out / "kg.ttl").write_bytes(b"# damaged\n")  # a touched output forces a rebuild (from the cache)
    stats = ExtractionStats()
    third = build([corpus], out, stats=stats, steps=STANDARD)
    assert not stats.up_to_date and (stats.extracted, stats.cached) == (0, 2)
    assert (out / "kg.ttl").read_bytes() != b"# damaged\n" and third.triples == first.triples

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the environment that shapes outputs is part of the inputs
    stats = ExtractionStats()
    build([corpus], out, stats=stats, steps=STANDARD)
    assert not stats.up_to_date


@pytest.mark.parametrize("path, shapes", [
    ("kg/extract/relations", True),
    ("kg/extract/readers", True),
    ("kg/core/reference.py", True),
    ("kg/rdf/serialize.py", True),
    ("kg/build/merge.py", True),
    ("kg/data/ontology/rules.toml", True),
    ("kg/data/ontology/data", True),
    ("kg/steps/validate/engine.py", True),
    ("kg/steps/network/project.py", True),
    ("kg/steps/network/render_html.py", False),
    ("kg/steps/validate/render.py", False),
    ("kg/steps/editions.py", True),
    ("kg/extract/editions.py", True),
    ("kg/build/identity.py", False),
    ("kg/build/packed.py", True),
    ("kg/publish", False),
    ("kg/data/assets", False),
    ("kg/data/templates", False),
    ("kg/access/serve", False),
    ("kg/cli", False),
    ("kg/build/outputs.py", False),
])
def test_cache_fingerprint_covers_only_what_shapes_a_part(path, shapes):
    import kg
    from kg.build.cache import part_sources

    root = Path(kg.__file__).resolve().parent.parent
    sources = {p.resolve() for p in part_sources(STANDARD)}
    target = (root / path).resolve()
    hit = any(p == target or target in p.parents for p in sources)
    assert hit == shapes


def test_cache_edit_outside_extraction_reextracts_nothing(tmp_path, monkeypatch, build_outputs):
    """An edit that changes the build's code fingerprint but not what shapes a part (the site's CSS, the
    endpoint, the CLI) rebuilds the outputs from the cached parts; an edit to the extraction re-extracts."""
    import kg.build.executors
    import kg.build.manifest

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, 2, lang="en")
    build([corpus], out, steps=STANDARD)
    before = build_outputs(build([corpus], tmp_path / "clean", incremental=False, steps=STANDARD))

    monkeypatch.setattr(kg.build.manifest, "code_fingerprint", lambda: "the site's CSS was edited")
    stats = ExtractionStats()
    result = build([corpus], out, stats=stats, steps=STANDARD)
    assert (stats.up_to_date, stats.extracted, stats.cached) == (False, 0, 2)
    assert build_outputs(result) == before

    real = kg.build.executors.part_fingerprint
    monkeypatch.setattr(kg.build.executors, "part_fingerprint", lambda steps: real(steps) + "|relations edited")
    monkeypatch.setattr(kg.build.manifest, "code_fingerprint", lambda: "the extraction was edited")
    stats = ExtractionStats()
    build([corpus], out, stats=stats, steps=STANDARD)
    assert (stats.extracted, stats.cached) == (2, 0)


def test_build_without_steps_writes_the_graph_only(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 1, lang="en")
    result = build([corpus], tmp_path / "out", incremental=False)
    assert [p.name for p in result.outputs] == ["kg.ttl"]
    assert result.conforms is None
