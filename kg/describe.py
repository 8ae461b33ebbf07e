"""Describe the dataset (VoID + DCAT) and the build that made it (PROV-O).

`kg build` runs `build_step`, which writes beside kg.ttl:
  kg.nq           the dataset: one named graph per document + id/graph/reference (read by kg export/push/publish)
  void.ttl        VoID and DCAT: title, licence, source documents with hashes, triple counts, entity counts
                  per class, property partitions, one subset per named graph, distributions, the SPARQL
                  endpoint of `kg serve`, example resources, vocabularies used
  provenance.ttl  a prov:Activity: software and version, the documents used, the files generated

Time: every output is a function of the inputs only, so two builds of the same documents are identical
byte for byte.  The build time is recorded only when SOURCE_DATE_EPOCH is set (the reproducible-builds
convention): then it is prov:endedAtTime of the activity and dcterms:modified of the dataset; otherwise the
description carries no clock time at all.
https://www.w3.org/TR/void/ · https://www.w3.org/TR/vocab-dcat-3/ · https://www.w3.org/TR/prov-o/
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, XSD

from . import __version__
from .errors import InputError
from .export import FORMATS, named_graphs, nquads_bytes, union
from .files import write_bytes
from .namespaces import BASE, DATASET, ID, UNODC, bind_prefixes
from .serialize import turtle_bytes

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DATASET_IRI = DATASET["kg"]
DEFAULT_BASE_URL = BASE
DUMPS = ("kg.ttl", "kg.nq", "kg.jsonld")
EXAMPLES = 5
DOCUMENT_LAYER = {UNODC.Document, UNODC.Paragraph, UNODC.FrontMatter, UNODC.Heading, UNODC.Footnote,
                  UNODC.Mention, UNODC.Assertion, UNODC.Quantity}  # fmt: skip


def sparql_endpoint() -> str:
    """The URL `kg serve` answers on by default (kg.serve's DEFAULT_HOST/DEFAULT_PORT when it defines them)."""
    try:
        from . import serve  # written by another module; optional here
    except ImportError:
        serve = None
    host = getattr(serve, "DEFAULT_HOST", "127.0.0.1")
    port = getattr(serve, "DEFAULT_PORT", 8000)
    return f"http://{host}:{port}/sparql"


def build_time() -> datetime | None:
    """The pinned build time from SOURCE_DATE_EPOCH, or None when it is not set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise InputError(f"SOURCE_DATE_EPOCH={value!r} is not a Unix time in seconds") from None


def _local(term: URIRef) -> str:
    """A readable, IRI-safe key for a term: 'unodc-Programme', 'skos-prefLabel'."""
    for prefix, ns in (("unodc", str(UNODC._NS)), ("skos", str(Namespace("http://www.w3.org/2004/02/skos/core#"))),
                       ("dcterms", str(DCTERMS)), ("rdf", str(RDF)), ("rdfs", str(RDFS))):  # fmt: skip
        if term.startswith(ns):
            return f"{prefix}-{term[len(ns):]}"
    return hashlib.sha1(term.encode("utf-8")).hexdigest()[:12]


def vocabulary_of(term: URIRef) -> URIRef:
    """The namespace IRI of a class or property (up to the last # or /)."""
    text = str(term)
    cut = max(text.rfind("#"), text.rfind("/"))
    return URIRef(text[: cut + 1])


def entity_counts(graph: Graph) -> Counter:
    """Entities per class: distinct subjects in the id/ space with that rdf:type."""
    counts: Counter = Counter()
    for s, cls in graph.subject_objects(RDF.type):
        if isinstance(s, URIRef) and s.startswith(str(ID)):
            counts[cls] += 1
    return counts


def example_resources(graph: Graph, limit: int = EXAMPLES) -> list[URIRef]:
    """The most mentioned entities (then by IRI), falling back to any typed entity."""
    mentioned = Counter(graph.objects(None, UNODC.refersTo))
    entities = {s for s, cls in graph.subject_objects(RDF.type) if cls not in DOCUMENT_LAYER and s.startswith(str(ID))}
    ranked = sorted(entities, key=lambda e: (-mentioned[e], str(e)))
    return ranked[:limit]


def describe(dataset: Dataset, base_url: str = DEFAULT_BASE_URL, endpoint: str | None = None) -> Graph:
    """VoID and DCAT description of *dataset*, with its dumps published under *base_url*."""
    graph = union(dataset)
    d = DATASET_IRI
    g = bind_prefixes(Graph())
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("sd", SD), ("foaf", FOAF)):
        g.bind(prefix, ns)
    g.parse(Path(__file__).with_name("templates") / "dataset.ttl", format="turtle")
    pinned = build_time()
    if pinned is not None:
        g.add((d, DCTERMS.modified, Literal(pinned.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)))
    g.add((d, VOID.triples, Literal(len(graph))))
    subjects = set(graph.subjects())
    g.add((d, VOID.distinctSubjects, Literal(len(subjects))))
    g.add((d, VOID.distinctObjects, Literal(len(set(graph.objects())))))
    per_class = entity_counts(graph)
    g.add((d, VOID.entities, Literal(len({s for s in subjects if s.startswith(str(ID)) and (s, RDF.type, None) in graph}))))
    g.add((d, VOID.classes, Literal(len(set(graph.objects(None, RDF.type))))))
    per_property = Counter(p for _, p, _ in graph)
    g.add((d, VOID.properties, Literal(len(per_property))))
    for cls, n in sorted(per_class.items()):
        part = URIRef(f"{d}/class/{_local(cls)}")
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(n)))
    for prop, n in sorted(per_property.items()):
        part = URIRef(f"{d}/property/{_local(prop)}")
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(n)))
    vocabularies = {vocabulary_of(p) for p in per_property} | {vocabulary_of(c) for c in per_class}
    for vocabulary in sorted(vocabularies):
        g.add((d, VOID.vocabulary, vocabulary))
    for name in named_graphs(dataset):
        part = URIRef(f"{d}/graph/{name[len(str(ID)):].replace('/', '-')}" if name.startswith(str(ID)) else f"{d}/graph/{_local(name)}")
        g.add((d, VOID.subset, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, RDF.type, SD.NamedGraph))
        g.add((part, SD.name, name))
        g.add((part, VOID.triples, Literal(len(dataset.graph(name)))))
        if (name, RDF.type, UNODC.Document) in graph:
            g.add((part, DCTERMS.source, name))
    for doc in sorted(graph.subjects(RDF.type, UNODC.Document)):
        g.add((d, DCTERMS.source, doc))
        g.add((doc, RDF.type, UNODC.Document))
        for p in (DCTERMS.title, UNODC.contentHash, UNODC.sourcePath, UNODC.symbol, UNODC.language):
            for o in graph.objects(doc, p):
                g.add((doc, p, o))
    for example in example_resources(graph):
        g.add((d, VOID.exampleResource, example))
    base = base_url if base_url.endswith("/") else base_url + "/"
    for name in DUMPS:
        url = URIRef(base + name)
        dist = URIRef(f"{d}/distribution/{name.replace('.', '-')}")
        media = next(m for _, suffix, m in FORMATS.values() if name.endswith(suffix))
        g.add((d, VOID.dataDump, url))
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}")))
        g.add((dist, DCTERMS.license, g.value(d, DCTERMS.license)))
    service = URIRef(f"{d}/sparql")
    url = URIRef(endpoint or sparql_endpoint())
    g.add((d, VOID.sparqlEndpoint, url))
    g.add((d, DCAT.distribution, URIRef(f"{d}/distribution/sparql")))
    g.add((URIRef(f"{d}/distribution/sparql"), RDF.type, DCAT.Distribution))
    g.add((URIRef(f"{d}/distribution/sparql"), DCAT.accessService, service))
    g.add((URIRef(f"{d}/distribution/sparql"), DCAT.accessURL, url))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, url))
    g.add((service, DCAT.servesDataset, d))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    return g


def reference_data() -> URIRef:
    """IRI of the shipped ontology, rules and reference data, named by the SHA-256 of their bytes."""
    from .resources import ontology_dir

    digest = hashlib.sha256()
    root = ontology_dir()
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".ttl", ".toml", ".csv"} and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return DATASET[f"reference-data/{digest.hexdigest()}"]


def provenance(dataset: Dataset) -> Graph:
    """PROV-O record of the build: software and version, the documents used, the files generated."""
    graph = union(dataset)
    docs = sorted(graph.subjects(RDF.type, UNODC.Document))
    hashes = sorted(str(graph.value(doc, UNODC.contentHash)) for doc in docs)
    rules = reference_data()
    key = hashlib.sha256("\n".join([__version__, rules, *hashes]).encode("utf-8")).hexdigest()[:16]
    activity = DATASET[f"build/{key}"]
    agent = DATASET[f"software/unodc-kg-{__version__}"]
    g = bind_prefixes(Graph())
    g.bind("prov", PROV)
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDFS.label, Literal(f"kg build of {len(docs)} document(s) with unodc-kg {__version__}", lang="en")))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"unodc-kg {__version__}")))
    g.add((agent, OWL.versionInfo, Literal(__version__)))
    for doc in docs:
        g.add((activity, PROV.used, doc))
        g.add((doc, RDF.type, PROV.Entity))
        for p in (UNODC.contentHash, UNODC.sourcePath):
            for o in graph.objects(doc, p):
                g.add((doc, p, o))
    g.add((activity, PROV.used, rules))
    g.add((rules, RDF.type, PROV.Entity))
    g.add((rules, RDFS.label, Literal("ontology, rules and reference data shipped with unodc-kg", lang="en")))
    g.add((rules, UNODC.contentHash, Literal("sha256:" + rules[len(str(DATASET)) + len("reference-data/"):])))
    g.add((activity, PROV.generated, DATASET_IRI))
    g.add((DATASET_IRI, RDF.type, PROV.Entity))
    g.add((DATASET_IRI, PROV.wasGeneratedBy, activity))
    for doc in docs:
        g.add((DATASET_IRI, PROV.wasDerivedFrom, doc))
    pinned = build_time()
    if pinned is not None:
        stamp = Literal(pinned.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)
        g.add((activity, PROV.endedAtTime, stamp))
        g.add((DATASET_IRI, PROV.generatedAtTime, stamp))
    return g


def write_description(dataset: Dataset, out_dir: Path, base_url: str = DEFAULT_BASE_URL) -> list[Path]:
    """Write kg.nq, void.ttl and provenance.ttl into *out_dir*."""
    out_dir = Path(out_dir)
    return [
        write_bytes(out_dir / "kg.nq", nquads_bytes(dataset)),
        write_bytes(out_dir / "void.ttl", turtle_bytes(describe(dataset, base_url))),
        write_bytes(out_dir / "provenance.ttl", turtle_bytes(provenance(dataset))),
    ]


def build_step(result, graph, dataset) -> list[Path]:
    """`kg build` step: write the dataset (kg.nq), its VoID/DCAT description and the build's provenance."""
    return write_description(dataset, result.out_dir)
