"""Locate the data files shipped with the package (ontology, shapes, reference data, queries)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


def ontology_dir() -> Path:
    """Folder of the ontology, shapes and reference data."""
    return Path(str(resources.files("kg.ontology")))


def data_dir() -> Path:
    """Folder of the reference data CSV files."""
    return ontology_dir() / "data"


def queries_dir() -> Path:
    """Folder of the named SPARQL queries."""
    return Path(str(resources.files("kg.queries")))


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
