"""A rebuild after documents were added, edited and removed so that the network's shape changes gives the bytes of a
clean build for every output, with the network's large-network paths on: the XML written element by element with
the last file's unchanged elements copied and the long values shared between GraphML and GEXF
(kg.steps.network.xmlstream), and every component laid out by kg.steps.network.spring's energy minimisation."""

from __future__ import annotations

import json

import pytest

from bench.synth import make_corpus
from kg.build.cache import CACHE_DIR
from kg.build.kept import read_kept
from kg.build.result import ExtractionStats
from kg.build.run import build
from kg.steps import STANDARD


@pytest.mark.slow
def test_incremental_network_change_gives_the_clean_build_bytes(build_outputs, tmp_path, monkeypatch):
    from kg.steps.network import formats, spring, xmlstream

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(formats, "STREAM_FROM", 0)  # streamed, and reused from the last file in a rebuild
    monkeypatch.setattr(spring, "ENERGY_FROM", 2)  # the energy layout on the small components of this corpus
    monkeypatch.setattr(xmlstream.SharedValues, "LONG", 8)  # values shared from 8 characters on, not 4,096
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = make_corpus(corpus, 4, lang="en")
    build([corpus], out, steps=STANDARD)
    shape = json.loads(read_kept(out / CACHE_DIR / "network.json"))["shape"]
    kept = {name: (out / name).read_bytes() for name in ("network.graphml", "network.gexf")}

    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\n\n99. UNODC supported Chile and Peru.\n", encoding="utf-8")
    paths[2].unlink()
    make_corpus(tmp_path / "extra", 5, lang="en", seed=3)[4].rename(corpus / "new.en.md")
    stats = ExtractionStats()
    rebuilt = build([corpus], out, stats=stats, steps=STANDARD)
    assert (stats.extracted, stats.cached, stats.removed) == (2, 2, 2)
    assert json.loads(read_kept(out / CACHE_DIR / "network.json"))["shape"] != shape  # the shape changed
    assert all((out / name).read_bytes() != data for name, data in kept.items())

    clean = build([corpus], tmp_path / "clean", incremental=False, steps=STANDARD)
    a, b = build_outputs(rebuilt), build_outputs(clean)
    assert sorted(a) == sorted(b) and {"network.graphml", "network.gexf", "kg.nq", "network.png"} <= set(a)
    assert [name for name in a if a[name] != b[name]] == []
