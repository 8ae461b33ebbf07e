"""What a build wrote and counted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.ingest import Document


@dataclass
class BuildResult:
    """What a build wrote and counted."""

    out_dir: Path
    documents: list[Document]
    triples: int
    outputs: list[Path] = field(default_factory=list)
    conforms: bool | None = None
    paragraphs: int = 0
    base_url: str | None = None  # where the dumps are published (void.ttl); None: the dataset's own base
    endpoint: str | None = None  # the public SPARQL endpoint (void.ttl); None: the local `kg serve` address


@dataclass
class ExtractionStats:
    """How many documents were extracted and how many came from the cache."""

    extracted: int = 0
    cached: int = 0
    removed: int = 0
    keys: dict = field(default_factory=dict)
    up_to_date: bool = False


def verdict(verdicts) -> bool | None:
    """The build's verdict from its steps' (None: no step checked the data; False: one found it failing)."""
    seen = [v for v in verdicts if v is not None]
    return None if not seen else all(seen)
