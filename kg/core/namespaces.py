"""Namespaces of the project: the ontology (strict) and the entity IRIs."""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/unodc-kg/"
ID = Namespace(BASE + "id/")
DATASET = Namespace(BASE + "dataset/")


class UNODC(DefinedNamespace):
    """Terms of ontology/unodc.ttl; a misspelt term raises AttributeError."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Entity: object
    IntergovernmentalBody: object
    Commission: object
    PrincipalOrgan: object
    ConferenceOfParties: object
    WorkingGroup: object
    ReviewMechanism: object
    Congress: object
    ExpertBody: object
    Resolution: object
    Decision: object
    LegalInstrument: object
    Treaty: object
    Convention: object
    Protocol: object
    Instrument: object
    Declaration: object
    Strategy: object
    ActionPlan: object
    Standard: object
    Agenda: object
    Goal: object
    Programme: object
    GlobalProgramme: object
    RegionalProgramme: object
    CountryProgramme: object
    Initiative: object
    Network: object
    Platform: object
    Campaign: object
    TrustFund: object
    Project: object
    Organization: object
    UNEntity: object
    IntergovernmentalOrganization: object
    NonGovernmentalOrganization: object
    Company: object
    NationalBody: object
    AcademicInstitution: object
    Place: object
    Country: object
    Region: object
    Document: object
    Paragraph: object
    FrontMatter: object
    Heading: object
    Footnote: object
    Mention: object
    Assertion: object
    Quantity: object
    # relations
    serves: object
    implementedWith: object
    operatesIn: object
    assists: object
    adoptedBy: object
    hasProtocol: object
    protocolOf: object
    partOf: object
    partnerOf: object
    ledBy: object
    reportsTo: object
    adoptedInstrument: object
    # attributes
    symbol: object
    iso3166Alpha2: object
    iso3166Alpha3: object
    m49: object
    unStatus: object
    year: object
    minted: object
    # provenance
    inDocument: object
    inParagraph: object
    footnoteOf: object
    refersTo: object
    number: object
    order: object
    start: object
    end: object
    text: object
    language: object
    contentHash: object
    sourcePath: object
    subject: object
    predicate: object
    object: object
    evidence: object
    rule: object
    confidence: object
    value: object
    unit: object
    about: object
    quantityOf: object
    # editions (kg.extract.editions, kg.build.identity)
    AlignedSegment: object
    IdentityEvidence: object
    identifies: object
    mintedAs: object


# UNODC.term goes through DefinedNamespaceMeta.__getattr__, a Python call of ≈ 1.4 µs, some 10,000 times a document;
# kept as class attributes the terms are found at once: the same URIRef objects (UNODC[...] is cached), nothing else
# (membership, iteration and dir() read the annotations).
for _term in UNODC.__annotations__:
    type.__setattr__(UNODC, _term, UNODC[_term])
del _term


PREFIXES = {
    "unodc": str(UNODC._NS),
    "id": str(ID),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def bind_prefixes(graph):
    """Bind the project's prefixes on *graph* and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph
