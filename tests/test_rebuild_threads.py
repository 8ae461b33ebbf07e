"""What a rebuild does on the side: kg.nq written early in a thread (kg.build.nquads.write_early), outputs hashed in
background threads (kg.build.outputs.hash_soon), languages remembered in out/.cache/languages.json (kg.build.run)."""

from __future__ import annotations

import json

import pytest

from kg.build import nquads, outputs
from kg.build.outputs import sha256_file
from kg.build.run import LANGUAGES, build
from kg.steps import STANDARD, VALIDATE


def _edit(corpus) -> None:
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\n999. UNODC supported Chile.\n", encoding="utf-8")


def _files(out) -> dict:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".kg-build.lock"}


def test_rebuild_threads_an_error_of_the_early_kg_nq_is_one_line_and_keeps_the_last_build(corpus, tmp_path, monkeypatch, capsys):
    from kg.cli import main

    out = tmp_path / "out"
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    before = _files(out)
    _edit(corpus)
    real = nquads._chunk
    monkeypatch.setattr(nquads, "_chunk", lambda part, shared: real(part, shared) + b"<urn:x> <urn:x> <urn:x> .\n")
    capsys.readouterr()
    assert main(["build", str(corpus), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "kg build: error:" in err and "a cache file changed during the build" in err and "Traceback" not in err
    assert _files(out) == before and not (out / ".kg-staging").exists()
    assert not nquads._EARLY and not outputs._HASHING


def test_rebuild_threads_a_failed_build_leaves_no_hash_for_the_next(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"

    def fail(result, corpus):
        raise RuntimeError("step failed")

    monkeypatch.setattr(VALIDATE, "run", fail)
    with pytest.raises(RuntimeError):
        build([corpus], out, steps=STANDARD)
    assert not outputs._HASHING and not nquads._EARLY and not (out / ".kg-staging").exists()
    monkeypatch.undo()
    build([corpus], out, steps=STANDARD)
    record = json.loads((out / "build.json").read_text("utf-8"))
    assert all(entry["sha256"] == sha256_file(out / entry["name"]) for entry in record["outputs"])


@pytest.mark.parametrize("case", ["remembered", "file edited", "record damaged", "other code"])
def test_rebuild_threads_languages_are_remembered_by_content_and_code(case, corpus, tmp_path, monkeypatch):
    import kg.build.run
    import kg.extract.ingest
    from kg.build.kept import read_kept

    out = tmp_path / "out"
    build([corpus], out, steps=())
    detected = []
    real = kg.extract.ingest.detect_language
    monkeypatch.setattr(kg.extract.ingest, "detect_language", lambda text: detected.append(text) or real(text))
    if case == "file edited":
        _edit(corpus)
    elif case == "record damaged":
        (out / ".cache" / LANGUAGES).write_text("{not json", encoding="utf-8")
    elif case == "other code":
        monkeypatch.setattr(kg.build.run, "code_fingerprint", lambda: "another version of the code")
    _edit(corpus)  # a rebuild (not up to date) in every case
    result = build([corpus], out, steps=())
    assert len(detected) == {"remembered": 1, "file edited": 1, "record damaged": 3, "other code": 3}[case]
    assert [d.lang for d in result.documents] == ["en"] * 3
    kept = json.loads(read_kept(out / ".cache" / LANGUAGES))  # a checked file (kg.build.kept)
    assert len(kept["languages"]) == 3
