"""kg.nq of a rebuild: the graphs of unchanged documents are copied from the last build's kg.nq
(kg.build.nquads), and the file has the bytes of a clean build; a kg.nq changed since is not copied from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.build import nquads
from kg.build.run import build
from kg.steps import STANDARD


def _copies(monkeypatch) -> list:
    """The lengths kg.build.nquads copies from the last kg.nq into the new one (kg.ttl's copies of Turtle files and
    the network's of XML elements left out; kg.nq is written in a thread of its own, nquads.write_early)."""
    copied = []
    real_copy = nquads.copy_range

    def spy(source, target, offset, length):
        if Path(os.readlink(f"/proc/self/fd/{target.fileno()}")).name.startswith(".kg.nq."):
            copied.append(length)
        real_copy(source, target, offset, length)

    monkeypatch.setattr(nquads, "copy_range", spy)
    return copied


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="the spy names the copy's target through /proc")
@pytest.mark.parametrize("tamper", ["none", "kg.nq edited", "index damaged"])
def test_nquads_rebuild_copies_unchanged_graphs(corpus, tmp_path, monkeypatch, tamper):
    out = tmp_path / "out"
    build([corpus], out, steps=STANDARD)
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\n999. UNODC supported Chile.\n", encoding="utf-8")
    if tamper == "kg.nq edited":
        data = (out / "kg.nq").read_bytes()
        (out / "kg.nq").write_bytes(data.replace(b"<", b"<", 1))  # same bytes, a new modification time
        os.utime(out / "kg.nq", ns=(0, 0))
    elif tamper == "index damaged":
        (out / ".cache" / nquads.INDEX).write_text(json.dumps({"format": nquads.FORMAT, "graphs": 3}))
    copied = _copies(monkeypatch)
    build([corpus], out, steps=STANDARD)
    clean = build([corpus], tmp_path / "clean", incremental=False, steps=STANDARD)
    assert (out / "kg.nq").read_bytes() == (clean.out_dir / "kg.nq").read_bytes()
    assert len(copied) == (2 if tamper == "none" else 0)
