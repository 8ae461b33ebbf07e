"""The build's description outputs made from a whole rdflib dataset in memory: the reference the streamed
`kg build` step (kg.steps.describe.DescribeStep, counts per document) is compared with."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.core.files import write_bytes
from kg.rdf.serialize import nquads_bytes, union
from kg.rdf.serialize import turtle_bytes
from kg.steps.describe import DEFAULT_BASE_URL, describe, document_facts, provenance_record


def provenance(dataset: Dataset) -> Graph:
    """PROV-O record of a build of the documents of *dataset*."""
    return provenance_record(document_facts(union(dataset)))


def write_description(dataset: Dataset, out_dir: Path, base_url: str = DEFAULT_BASE_URL) -> list[Path]:
    """Write kg.nq, void.ttl and provenance.ttl of *dataset* into *out_dir*."""
    out_dir = Path(out_dir)
    return [
        write_bytes(out_dir / "kg.nq", nquads_bytes(dataset)),
        write_bytes(out_dir / "void.ttl", turtle_bytes(describe(dataset, base_url))),
        write_bytes(out_dir / "provenance.ttl", turtle_bytes(provenance(dataset))),
    ]
