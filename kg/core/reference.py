"""Load the reference data (ontology/data/*.csv) as canonical entities and as RDF."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, XSD

from kg.core.namespaces import DATASET, ID, UNODC, bind_prefixes
from kg.core.resources import data_dir

# file stem -> IRI path segment of its entities
KINDS = {
    "countries": "country",
    "regions": "region",
    "treaties": None,  # IRI segment from the type: convention/<id>, protocol/<id> or treaty/<id>
    "bodies": "body",
    "organizations": "organization",
    "programmes": "programme",
    "instruments": "instrument",
}
SEPARATOR = "|"
# the SKOS concept scheme of the reference entities (described in kg/templates/dataset.ttl, so in void.ttl)
SCHEME = DATASET["kg/reference-entities"]
# languages whose names the extractor links (the others are labels for readers only)
LINKED_LANGS = ("en", "zh")
# other official UN languages: name_<lang> columns become prefLabels, not gazetteer entries
LABEL_ONLY_LANGS = ("fr", "es", "ru", "ar")
# column -> IRI template of the authority the identifier belongs to (skos:exactMatch)
AUTHORITIES = {
    "wikidata": "http://www.wikidata.org/entity/{}",
    "geonames": "https://sws.geonames.org/{}/",
    "eu_corporate_body": "http://publications.europa.eu/resource/authority/corporate-body/{}",
    "unsdg": "http://metadata.un.org/sdg/{}",  # the UN SDG knowledge organization system (goals)
    # DBpedia's resource of the entity's English Wikipedia article (the column holds the article title)
    "dbpedia": "http://dbpedia.org/resource/{}",
}
# column -> IRI template of a subject thesaurus whose concept covers the entity (skos:closeMatch: a
# descriptor for indexing documents, whose scope is not defined as ours)
CLOSE_AUTHORITIES = {
    "unbis": "http://metadata.un.org/thesaurus/{}",
}
# column -> IRI template of an official record about the entity (rdfs:seeAlso): the UN permalink of the
# document symbol of the resolution that adopted an instrument or established a body, the page of a treaty in an official treaty database
SEE_ALSO = {
    "un_symbol": "https://undocs.org/{}",
    # the page of a treaty in the Dutch government's official treaty database (Basiswettenbestand, BWBV…)
    "bwb": "https://wetten.overheid.nl/{}",
    # the English Wikipedia article itself, whose title the `dbpedia` column holds
    "dbpedia": "https://en.wikipedia.org/wiki/{}",
}


@dataclass(frozen=True)
class Entity:
    """One canonical entity of the reference data."""

    iri: URIRef
    kind: str
    type: str
    labels: dict  # lang -> preferred label
    aliases: tuple  # (lang, alias)
    row: dict = field(compare=False, hash=False, repr=False)

    @property
    def id(self) -> str:
        return self.row["id"]


def split_list(value: str | None) -> list[str]:
    """Split a ` | ` separated cell into its trimmed items."""
    return [item.strip() for item in (value or "").split(SEPARATOR) if item.strip()]


def entity_iri(kind: str, ident: str) -> URIRef:
    """IRI of a reference entity: .../id/<kind>/<id>."""
    return ID[f"{kind}/{ident}"]


def _read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(handle)
            if any((v or "").strip() for v in row.values())
        ]


@lru_cache(maxsize=None)
def load_entities(folder: str | None = None) -> tuple[Entity, ...]:
    """Read every reference CSV into Entity records, sorted by IRI."""
    base = Path(folder) if folder else data_dir()
    entities = []
    for stem, kind in KINDS.items():
        path = base / f"{stem}.csv"
        if not path.exists():
            continue
        for row in _read_rows(path):
            labels = {lang: row[f"name_{lang}"] for lang in LINKED_LANGS if row.get(f"name_{lang}")}
            aliases = tuple(dict.fromkeys(
                (lang, alias)
                for lang in LINKED_LANGS
                for alias in [*split_list(row.get(f"alt_{lang}")), *split_list(row.get(f"formal_{lang}"))]
                if alias != labels.get(lang)
            ))
            etype = row.get("type") or "Entity"
            segment = kind or etype.lower()
            entities.append(Entity(entity_iri(segment, row["id"]), kind or "treaty", etype, labels, aliases, row))
    return tuple(sorted(entities, key=lambda e: str(e.iri)))


@lru_cache(maxsize=None)
def entities_by_iri() -> dict:
    """Map IRI -> Entity."""
    return {e.iri: e for e in load_entities()}


def _ref(kind: str, ident: str) -> URIRef:
    return entity_iri(kind, ident)


@lru_cache(maxsize=None)
def _treaty_segments() -> dict:
    """Treaty id -> IRI path segment (its type in lower case: convention, protocol, treaty)."""
    return {e.id: e.type.lower() for e in load_entities() if e.kind == "treaty"}


def _treaty_iri(ident: str) -> URIRef:
    """IRI of the treaty with this id (a protocol's parent), whatever its type."""
    return _ref(_treaty_segments().get(ident, "convention"), ident)


def _place_iri(ident: str) -> URIRef:
    return _ref("country", ident) if ident.isupper() else _ref("region", ident)


def _country_triples(s, row):
    yield s, UNODC.iso3166Alpha2, Literal(row["iso2"])
    yield s, UNODC.iso3166Alpha3, Literal(row["iso3"])
    if row.get("m49"):
        yield s, UNODC.m49, Literal(row["m49"])
    if row.get("status"):
        yield s, UNODC.unStatus, Literal(row["status"])
    if row.get("region"):
        yield s, UNODC.partOf, _ref("region", row["region"])


def _region_triples(s, row):
    if row.get("m49"):
        yield s, UNODC.m49, Literal(row["m49"])
    if row.get("parent"):
        yield s, UNODC.partOf, _ref("region", row["parent"])
    for member in split_list(row.get("members")):
        yield _ref("country", member), UNODC.partOf, s


def _treaty_triples(s, row):
    if row.get("parent"):
        parent = _treaty_iri(row["parent"])
        yield s, UNODC.protocolOf, parent
        yield parent, UNODC.hasProtocol, s
    if row.get("year"):
        yield s, UNODC.year, Literal(row["year"], datatype=XSD.integer)
    if row.get("untc"):
        yield s, DCTERMS.identifier, Literal(row["untc"])
        yield s, RDFS.seeAlso, URIRef(untc_page(row["untc"]))


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def untc_page(number: str) -> str:
    """The status page at treaties.un.org of the treaty with Multilateral Treaties Deposited number NUMBER (IV-9)."""
    numeral = number.split("-", 1)[0]
    values = [ROMAN[c] for c in numeral]
    chapter = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={number}&chapter={chapter}&clang=_en"


def _body_triples(s, row):
    if row.get("parent"):
        yield s, UNODC.reportsTo, _ref("body", row["parent"])


def _organization_triples(s, row):
    if row.get("parent"):
        yield s, UNODC.partOf, _ref("organization", row["parent"])


def _programme_triples(s, row):
    if row.get("parent"):
        yield s, UNODC.partOf, _ref("programme", row["parent"])
    if row.get("lead"):
        yield s, UNODC.ledBy, _ref("organization", row["lead"])
    for partner in split_list(row.get("partners")):
        yield s, UNODC.implementedWith, _ref("organization", partner)
    for place in split_list(row.get("places")):
        yield s, UNODC.operatesIn, _place_iri(place)


def _instrument_triples(s, row):
    if row.get("parent"):
        yield s, UNODC.adoptedInstrument, _ref("body", row["parent"])
    if row.get("part_of"):
        yield s, UNODC.partOf, _ref("instrument", row["part_of"])
    if row.get("year"):
        yield s, UNODC.year, Literal(row["year"], datatype=XSD.integer)


# the triples of each kind of reference entity beyond its names and authority links
KIND_TRIPLES = {
    "country": _country_triples,
    "region": _region_triples,
    "treaty": _treaty_triples,
    "body": _body_triples,
    "organization": _organization_triples,
    "programme": _programme_triples,
    "instrument": _instrument_triples,
}


def _name_triples(entity: Entity):
    """Its class, scheme, names in every language and links to the authorities that list it."""
    s, row = entity.iri, entity.row
    yield s, RDF.type, UNODC[entity.type]
    yield s, SKOS.inScheme, SCHEME
    for lang, label in sorted(entity.labels.items()):
        yield s, SKOS.prefLabel, Literal(label, lang=lang)
    for lang in LABEL_ONLY_LANGS:
        if row.get(f"name_{lang}"):
            yield s, SKOS.prefLabel, Literal(row[f"name_{lang}"], lang=lang)
    for lang, alias in entity.aliases:
        yield s, SKOS.altLabel, Literal(alias, lang=lang)
    for column, template in AUTHORITIES.items():
        if row.get(column):
            yield s, SKOS.exactMatch, URIRef(template.format(row[column]))
    for column, template in CLOSE_AUTHORITIES.items():
        if row.get(column):
            yield s, SKOS.closeMatch, URIRef(template.format(row[column]))
    for column, template in SEE_ALSO.items():
        if row.get(column):
            yield s, RDFS.seeAlso, URIRef(template.format(quote(row[column], safe="/()-")))
    if row.get("website"):
        yield s, FOAF.homepage, URIRef(row["website"])


def entity_triples(entity: Entity):
    """Yield the RDF triples that describe one reference entity."""
    yield from _name_triples(entity)
    kind_triples = KIND_TRIPLES.get(entity.kind)
    if kind_triples is not None:
        yield from kind_triples(entity.iri, entity.row)


@lru_cache(maxsize=None)
def reference_graph() -> Graph:
    """All reference entities as one RDF graph."""
    graph = bind_prefixes(Graph())
    for entity in load_entities():
        for triple in entity_triples(entity):
            graph.add(triple)
    return graph
