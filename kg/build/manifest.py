"""The manifest of a build (out/build.json): what its outputs depend on, and whether they are up to date."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from kg.build.cache import CACHE_DIR, code_fingerprint
from kg.build.kept import read_kept, write_kept
from kg.build.outputs import MANIFEST, describe_outputs, read_manifest, sha256_file
from kg.build.result import BuildResult
from kg.core.errors import InputError
from kg.extract.ingest import Document, collect_paths

STAMPS = "stamps.json"  # in the cache folder: size and mtime of the outputs as the last build left them


def input_manifest(paths: list[Path], lang: str | None, steps: list[str], exclude: tuple[Path, ...] = ()) -> dict:
    """What a build's outputs depend on: document names and hashes, options, code, environment."""
    seen: dict[str, str] = {}
    for path in collect_paths(paths, exclude=exclude):
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
        seen.setdefault(digest, path.name)  # identical contents are built once, as read_documents does
    return {
        "fingerprint": code_fingerprint(),
        "lang": lang,
        "steps": list(steps),
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip(),
        "documents": sorted([name, digest] for digest, name in seen.items()),
    }


def build_record(result: BuildResult, inputs: dict | None) -> bytes:
    """The manifest of a finished build (DIR/build.json): its inputs, counts, documents and each output's
    name, size and SHA-256.  No paths or times: two builds of the same inputs write the same bytes."""
    record = {
        "inputs": inputs,
        "triples": result.triples,
        "paragraphs": result.paragraphs,
        "conforms": result.conforms,
        "documents": [
            {"name": d.name, "lang": d.lang, "sha256": d.sha256, "title": d.title, "symbols": d.symbols} for d in result.documents
        ],
        "outputs": describe_outputs(result.outputs),
    }
    return (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _stamps(paths: list[Path]) -> list:
    stamps = []
    for path in paths:
        st = path.stat()
        stamps.append([path.name, st.st_size, st.st_mtime_ns, st.st_ino])
    return stamps


def record_stamps(out_dir: Path, names: list[str]) -> None:
    """Remember the committed outputs' (and build.json's) size, mtime and inode in the cache folder, so an
    unchanged rebuild need not hash them again (build.json keeps only names, sizes and hashes: byte-stable)."""
    paths = [Path(out_dir) / n for n in [*names, MANIFEST]]
    try:
        write_kept(Path(out_dir) / CACHE_DIR / STAMPS, json.dumps(_stamps(paths)).encode("ascii"))
    except (OSError, InputError):
        pass  # only a shortcut: without it the next up-to-date check hashes the outputs


def _outputs_intact(out_dir: Path, entries: list, outputs: list[Path]) -> bool:
    """True when the outputs carry the stamps the last build recorded, or else the manifest's sizes and hashes."""
    payload = read_kept(Path(out_dir) / CACHE_DIR / STAMPS)  # checked: a damaged file is logged, the outputs hashed
    try:
        if payload is not None and json.loads(payload) == _stamps([*outputs, Path(out_dir) / MANIFEST]):
            return True
    except (OSError, ValueError):
        pass
    for entry, path in zip(entries, outputs):
        try:
            if path.stat().st_size != entry["bytes"] or sha256_file(path) != entry["sha256"]:
                return False
        except OSError:
            return False
    return True


def up_to_date(out_dir: Path, inputs: dict) -> BuildResult | None:
    """The previous BuildResult when inputs and code are unchanged and its outputs match the manifest, else None.

    An output is unchanged when its size, mtime and inode are those the last build recorded in the cache,
    or else when its SHA-256 is the manifest's.
    Its documents are light: name, language, hash, title and symbols, without text or paragraphs.
    """
    record = read_manifest(out_dir)
    if record is None or record.get("inputs") != inputs or not record.get("outputs"):
        return None
    outputs = [Path(out_dir) / entry["name"] for entry in record["outputs"]]
    if not _outputs_intact(out_dir, record["outputs"], outputs):
        return None
    docs = [Document(name=d["name"], text="", lang=d["lang"], sha256=d["sha256"], title=d["title"], symbols=d["symbols"]) for d in record["documents"]]
    return BuildResult(out_dir=out_dir, documents=docs, triples=record["triples"], outputs=outputs, conforms=record["conforms"],
                       paragraphs=record.get("paragraphs", 0))
