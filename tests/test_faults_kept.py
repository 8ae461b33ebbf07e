"""The files a build keeps between builds beside its parts (out/.cache/network.json, network.png.last, the XML and
kg.nq indexes, languages.json, stamps.json: kg.build.kept) and the last outputs it copies from (kg.nq, network.graphml,
network.gexf) are checked before use: damaged, they are logged in one line and computed again, and the rebuild gives
a clean build's bytes for every output."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path

import pytest

from bench.synth import make_corpus
from kg.build.cache import CACHE_DIR
from kg.build.result import ExtractionStats
from kg.build.run import build
from kg.steps import STANDARD

KEPT = ["network.json", "network.png.last", "network.graphml.json", "network.gexf.json", "nquads.json",
        "languages.json", "stamps.json"]


def _digit_changed(data: bytes, start: int) -> bytes:
    """*data* with the first digit from *start* on changed (valid JSON, N-Quads or XML stays valid)."""
    found = re.compile(rb"[0-9]").search(data, start)
    assert found is not None
    at = found.start()
    return data[:at] + (b"7" if data[at:at + 1] != b"7" else b"3") + data[at + 1:]


def _payload_start(data: bytes) -> int:
    return data.index(b"\n") + 1 if data.startswith(b"kg-kept ") else 0


DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "digit changed": lambda data: _digit_changed(data, _payload_start(data) + (len(data) - _payload_start(data)) // 3),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path]:
    """A corpus and a cache folder of its extracted parts (copied into each test's build: nothing is extracted)."""
    root = tmp_path_factory.mktemp("kept")
    corpus = root / "corpus"
    make_corpus(corpus, 3, lang="en")
    build([corpus], root / "parts", steps=STANDARD)
    return corpus, root / "parts" / CACHE_DIR


@pytest.fixture()
def built(template, tmp_path, monkeypatch) -> tuple[Path, Path, dict]:
    """A build of the template corpus (its parts copied in) and a clean build's outputs by name."""
    from kg.steps.network import formats

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(formats, "STREAM_FROM", 0)  # the XML streamed and its elements recorded for reuse
    corpus, parts = template
    out = tmp_path / "out"
    (out / CACHE_DIR).mkdir(parents=True)
    for path in parts.glob("*"):
        if path.suffix in (".nt", ".ttl", ".part", ".extras"):
            shutil.copy2(path, out / CACHE_DIR / path.name)
    build([corpus], out, steps=STANDARD)
    clean = build([corpus], tmp_path / "clean", incremental=False, steps=STANDARD)
    return corpus, out, {p.name: p.read_bytes() for p in clean.outputs}


def _rebuild_equals_clean(corpus: Path, out: Path, clean: dict) -> ExtractionStats:
    (out / "kg.ttl").write_bytes(b"# touched\n")  # not up to date: a rebuild that reuses everything it kept
    stats = ExtractionStats()
    result = build([corpus], out, stats=stats, steps=STANDARD)
    assert stats.extracted == 0 and not stats.up_to_date
    got = {p.name: p.read_bytes() for p in result.outputs}
    assert sorted(got) == sorted(clean)
    assert [name for name in got if got[name] != clean[name]] == []
    return stats


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("name", KEPT)
def test_faults_kept_damaged_file_is_logged_and_computed_again(built, caplog, name, damage):
    corpus, out, clean = built
    path = out / CACHE_DIR / name
    assert path.read_bytes().startswith(b"kg-kept 1 ")  # every kept file carries its checksum
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="kg"):
        if name == "stamps.json":  # read only when nothing changed: the outputs are hashed instead
            stats = ExtractionStats()
            build([corpus], out, stats=stats, steps=STANDARD)
            assert stats.up_to_date
        else:
            _rebuild_equals_clean(corpus, out, clean)
    said = [r.getMessage() for r in caplog.records if name in r.getMessage()]
    assert len(said) == 1 and "not reused" in said[0], said


@pytest.mark.parametrize("name", ["kg.nq", "network.graphml", "network.gexf"])
def test_faults_kept_output_changed_in_place_with_its_times_kept_is_not_copied_from(built, caplog, name):
    """A byte of the last output changed in place, its size, modification time and inode kept (what a flipped bit
    on disk or a tool that restores times leaves): the rebuild does not copy the damaged range."""
    corpus, out, clean = built
    path = out / name
    index = json.loads((out / CACHE_DIR / ("nquads.json" if name == "kg.nq" else f"{name}.json")).read_bytes().split(b"\n", 1)[1])
    ranges = sorted(index["graphs" if name == "kg.nq" else "elements"].values())
    offset, length = ranges[len(ranges) // 2][:2]  # a graph or element in the middle, copied by the rebuild
    before = os.stat(path)
    with open(path, "r+b") as handle:
        data = handle.read()
        handle.seek(0)
        handle.write(_digit_changed(data, offset + length // 2))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size and os.stat(path).st_ino == before.st_ino
    with caplog.at_level(logging.WARNING, logger="kg"):
        _rebuild_equals_clean(corpus, out, clean)
    assert any("does not match its checksum" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(("offset", "length", "window"), [(0, 10, 1 << 26), (5000, 70000, 1 << 26), (4095, 9000, 3000),
                                                          (123, 0, 4096), (99_990, 10, 7)])
def test_faults_kept_crc32_of_a_range_read_window_by_window(tmp_path, monkeypatch, offset, length, window):
    import zlib

    from kg.build import kept

    data = bytes(range(256)) * 400  # 102,400 bytes
    path = tmp_path / "file"
    path.write_bytes(data)
    monkeypatch.setattr(kept, "CRC_WINDOW", window)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert kept.crc32_range(fd, offset, length, len(data)) == zlib.crc32(data[offset:offset + length])
        assert kept.crc32_range(fd, len(data) - 5, 10, len(data)) is None  # past the end: not the recorded bytes
    finally:
        os.close(fd)
