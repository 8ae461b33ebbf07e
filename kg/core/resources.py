"""Locate the data files shipped with the package (ontology, shapes, reference data, queries)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


def data_home() -> Path:
    """The package's data home: templates, page assets, and the repository's ontology/, queries/ and corpus/."""
    return Path(str(resources.files("kg.data")))


def ontology_dir() -> Path:
    """Folder of the ontology, shapes and reference data (the repository's ontology/)."""
    return data_home() / "ontology"


def data_dir() -> Path:
    """Folder of the reference data CSV files."""
    return ontology_dir() / "data"


def corpus_dir() -> Path:
    """Folder of the bundled sample corpus (the repository's corpus/)."""
    return data_home() / "corpus"


def templates_dir() -> Path:
    """Folder of the dataset-description and site templates."""
    return data_home() / "templates"


def asset_text(name: str) -> str:
    """Text of a page asset of the network view (kg/data/assets/NAME)."""
    return (data_home() / "assets" / name).read_text(encoding="utf-8")


def queries_dir() -> Path:
    """Folder of the named SPARQL queries."""
    return data_home() / "queries"


@lru_cache(maxsize=None)
def ontology_graph():
    """Parse ontology/unodc.ttl once."""
    from rdflib import Graph

    return Graph().parse(ontology_dir() / "unodc.ttl", format="turtle")


@lru_cache(maxsize=None)
def rules() -> dict:
    """Extraction rules of ontology/rules.toml (suffixes, cue words, units)."""
    import tomllib

    with (ontology_dir() / "rules.toml").open("rb") as handle:
        return tomllib.load(handle)
