"""Shared fixtures: the sample corpus, a built sample graph, a CLI runner, relations of one text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "unodc-ed-report-2022.zh.md"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The bundled Chinese sample report."""
    return SAMPLE


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data."""
    return DATA


@pytest.fixture(scope="session")
def sample_doc():
    """The sample report, read and segmented."""
    from kg.extract.ingest import read_document

    return read_document(SAMPLE)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """`kg build` of the sample, run once per session through the library."""
    from kg.build.run import build
    from kg.steps import STANDARD

    out = tmp_path_factory.mktemp("sample-out")
    return build([SAMPLE], out, steps=STANDARD)


@pytest.fixture(scope="session")
def sample_graph(sample_build):
    """The sample's built graph (out/kg.ttl) parsed."""
    from rdflib import Graph

    return Graph().parse(sample_build.out_dir / "kg.ttl", format="turtle")


def run_kg(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the real `kg` command line in a subprocess."""
    env = dict(os.environ, PYTHONHASHSEED="random")
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


@pytest.fixture(scope="session")
def kg():
    """Callable running the `kg` CLI in a subprocess."""
    return run_kg


@pytest.fixture(scope="session")
def export_dataset():
    """tests/data/export/dataset.trig: two document graphs and the reference graph (kg export, describe, publish, push)."""
    from kg.publish.export import load_dataset

    return load_dataset(DATA / "export" / "dataset.trig")


@pytest.fixture(scope="session")
def build_outputs():
    """Output bytes of a BuildResult by file name, with the output folder's own path neutralised."""

    def outputs(result) -> dict:
        folder = str(result.out_dir).encode()
        return {p.name: p.read_bytes().replace(folder, b"OUT") for p in result.outputs}

    return outputs


@pytest.fixture()
def corpus(tmp_path) -> Path:
    """Three generated English documents of sample size (bench.synth) in a folder of their own."""
    from bench.synth import make_corpus

    folder = tmp_path / "corpus"
    make_corpus(folder, 3, lang="en")
    return folder


@pytest.fixture()
def reference_data_copy(tmp_path) -> Path:
    """A writable copy of the reference CSV files, for tools that rewrite them."""
    from kg.core.resources import data_dir as reference_dir

    folder = tmp_path / "reference-data"
    folder.mkdir()
    for path in sorted(reference_dir().glob("*.csv")):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="session")
def extractor():
    """One Extractor (reference data and pipelines loaded once) shared by the whole session."""
    from kg.extract.document import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor):
    """Run the shared extractor on one text in *lang* (None: the text's own language)."""
    from kg.extract.ingest import parse_document

    def run(text, lang=None):
        return extractor.extract(parse_document("t.md", text.encode("utf-8"), lang))

    return run


@pytest.fixture(scope="session")
def relation_triples(extractor):
    """Run the extractor on one text; its relations as (subject, relation, object) with short IRIs."""
    from kg.core.namespaces import ID
    from kg.extract.ingest import parse_document

    def run(text, lang=None):
        x = extractor.extract(parse_document("t.md", text.encode("utf-8"), lang))
        short = lambda t: str(t)[len(str(ID)):]
        return {(short(r.subject), str(r.predicate).rsplit("#", 1)[1], short(r.object)) for r in x.relations}

    return run
