"""Plain records the extractor produces and the graph writer consumes."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef


@dataclass(frozen=True, order=True)
class Mention:
    """A span of a paragraph naming an entity; offsets are document offsets, end exclusive."""

    start: int
    end: int
    entity: URIRef
    text: str
    paragraph: int  # order of the paragraph in its document
    method: str = "label"  # "label", "alias", "pattern", "minted"


@dataclass(frozen=True)
class Found:
    """A relation a rule found in one sentence, before it is placed in its paragraph."""

    subject: URIRef
    predicate: URIRef
    object: URIRef
    rule: str
    confidence: float


@dataclass(frozen=True, order=True)
class Relation:
    """One extracted relation with the sentence that states it."""

    subject: URIRef
    predicate: URIRef
    object: URIRef
    paragraph: int
    evidence: str
    rule: str
    confidence: float


@dataclass(frozen=True, order=True)
class Quantity:
    """A numeric fact stated in a paragraph."""

    start: int
    end: int
    value: str  # decimal as text, exact
    unit: str
    text: str
    paragraph: int
    evidence: str
    about: URIRef | None = None
    of: str = ""  # what a measure is of (cocaine)


@dataclass(frozen=True)
class NewEntity:
    """An entity named in the text but absent from the reference data."""

    iri: URIRef
    type: str
    labels: tuple  # ((lang, preferred label), ...)
    aliases: tuple = ()  # ((lang, alternative label), ...)
    symbol: str = ""  # resolutions and decisions: "64/1"
    year: int | None = None  # a Security Council resolution's year when written (2015 in "2253 (2015)")


@dataclass
class Extraction:
    """Everything extracted from one document."""

    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    new_entities: list[NewEntity] = field(default_factory=list)
    candidates: list = field(default_factory=list)  # (paragraph, kg.extract.candidates.Candidate) when asked for
