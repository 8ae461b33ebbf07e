"""The works of a corpus: one `eli:LegalResource` per UN symbol, realised by its editions, and the aligned
segments (`unodc:AlignedSegment`, id/work/<symbol>/<key>) that group the paragraphs the editions share."""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.core.namespaces import UNODC
from kg.extract.alignment import alignment_keys
from kg.extract.editions import ELI, EditionRecord, settings, work_iri


def work_triples(symbol: str, members: list[EditionRecord]) -> dict[str, list[tuple]]:
    """Per document: the triples of the work it realises (subjects outside the document: shared lines)."""
    cfg = settings()
    work = work_iri(symbol)
    common = [(work, RDF.type, ELI.LegalResource), (work, ELI.id_local, Literal(symbol)),
              (work, RDFS.seeAlso, URIRef(cfg["symbols"]["official_url"].format(symbol=symbol)))]
    out = {}
    for r in members:
        triples = common + [(work, ELI.is_realized_by, URIRef(r.iri))]
        if r.title:
            triples.append((work, SKOS.prefLabel, Literal(r.title, lang=r.lang)))
        if r.date is not None:
            triples.append((work, ELI.date_document, r.date))
        out[r.iri] = triples
    return out


def segment_triples(symbol: str, members: list[EditionRecord]) -> dict[str, list[tuple]]:
    """Per document: the aligned segments its paragraphs belong to (id/work/<symbol>/<key>, one per paragraph
    key that at least two editions share), each with the document's paragraph as a part."""
    keys = {r.iri: alignment_keys(r) for r in members}
    counts: dict = defaultdict(int)
    for found in keys.values():
        for key in found:
            counts[key] += 1
    work = work_iri(symbol)
    out = defaultdict(list)
    for r in members:
        for key, paragraph in keys[r.iri].items():
            if counts[key] < 2:
                continue
            segment = URIRef(f"{work}/{_segment_name(key)}")
            out[r.iri] += [(segment, RDF.type, UNODC.AlignedSegment), (segment, DCTERMS.isPartOf, work),
                           (segment, DCTERMS.hasPart, URIRef(paragraph)),
                           (segment, UNODC.rule, Literal("number" if key[0] in ("numbered", "footnote") else "position"))]
    return dict(out)


def _segment_name(key: tuple) -> str:
    """p12 (numbered), fn3 (footnote mark), heading3-1 (the first heading after paragraph 3)."""
    if key[0] == "numbered":
        return f"p{key[1]}"
    if key[0] == "footnote":
        return "fn" + re.sub(r"[^A-Za-z0-9]", lambda m: f"-{ord(m.group(0)):x}", key[1])
    return f"{key[0]}{key[1]}-{key[2]}"
