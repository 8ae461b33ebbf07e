"""Cached parts are checked by the stamp (size, modification time, inode) their files had when written, and
hashed again only when it differs (kg.build.cache): a rebuild after one change does not read the others' files."""

from __future__ import annotations

import os
import pathlib

import pytest

from kg.build.cache import CACHE_DIR
from kg.build.result import ExtractionStats
from kg.build.run import build
from kg.steps import STANDARD


@pytest.mark.parametrize("touched", [False, True], ids=["intact", "touched"])
def test_cache_files_hashed_only_when_their_stamp_changed(tmp_path, monkeypatch, touched):
    from bench.synth import make_corpus

    corpus = tmp_path / "corpus"
    paths = make_corpus(corpus, 2, lang="en")
    out = tmp_path / "out"
    build([corpus], out, steps=STANDARD)
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\n\n999. UNODC supported Chile.\n", encoding="utf-8")
    cached = {p for p in (out / CACHE_DIR).iterdir() if p.suffix in (".nt", ".ttl", ".extras")}
    if touched:  # same bytes, written again: hashed before it is trusted
        for p in cached:
            p.write_bytes(p.read_bytes())
    read = []
    real = pathlib.Path.read_bytes

    def spy(self):
        if self in cached:
            read.append(self.suffix)
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", spy)
    stats = ExtractionStats()
    build([corpus], out, steps=STANDARD, stats=stats)
    assert (stats.extracted, stats.cached) == (1, 1)
    unchanged = sorted(s for s in read)
    assert unchanged == ([".extras", ".nt", ".ttl"] if touched else [])
    assert os.path.getsize(out / "kg.nq") > 0
