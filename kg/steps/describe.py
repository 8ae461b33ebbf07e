"""Describe the dataset (VoID + DCAT) and the build that made it (PROV-O).

`kg build` runs its step (DescribeStep, STEP: counts made per document in the workers by `map_document`,
added up by `run`; `describe` gives the same description from a whole rdflib dataset), which writes beside
kg.ttl:
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
from array import array
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, XSD

from kg import __version__
from kg.build.steps import BuildStep, StepOutput
from kg.core.errors import InputError
from kg.core.files import write_bytes
from kg.extract.to_rdf import REFERENCE_GRAPH
from kg.core.namespaces import BASE, DATASET, ID, UNODC, bind_prefixes
from kg.rdf import formats
from kg.rdf.ntterms import Terms
from kg.rdf.serialize import named_graphs, turtle_bytes, union
from kg.core.endpoint import local_sparql_endpoint
from kg.core.resources import templates_dir

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DATASET_IRI = DATASET["kg"]
DEFAULT_BASE_URL = BASE
DUMPS = ("kg.ttl", "kg.nq", "kg.jsonld")
EXAMPLES = 5
DOCUMENT_FACTS = (DCTERMS.title, UNODC.contentHash, UNODC.sourcePath, UNODC.symbol, UNODC.language)
DOCUMENT_LAYER = {UNODC.Document, UNODC.Paragraph, UNODC.FrontMatter, UNODC.Heading, UNODC.Footnote,
                  UNODC.Mention, UNODC.Assertion, UNODC.Quantity}  # fmt: skip


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


@dataclass
class GraphStats:
    """The counts of a VoID description, additive over graphs that share no triple and no subject.

    Objects are kept as 8-byte hashes of their N-Triples form so the distinct count can be merged.
    """

    triples: int = 0
    subjects: int = 0
    entities: int = 0  # subjects in the id/ space that have a type
    objects: set = field(default_factory=set)
    classes: set = field(default_factory=set)
    per_class: Counter = field(default_factory=Counter)
    per_property: Counter = field(default_factory=Counter)
    mentioned: Counter = field(default_factory=Counter)  # entity -> mentions (refersTo)
    candidates: set = field(default_factory=set)  # typed entities outside the document layer

    @classmethod
    def of(cls, graph: Graph, triples=None) -> GraphStats:
        """Counts of *graph* (or of the given triples of it)."""
        stats = cls()
        subjects, typed = set(), set()
        for s, p, o in graph if triples is None else triples:
            stats.triples += 1
            subjects.add(s)
            stats.objects.add(_term_hash(o))
            stats.per_property[p] += 1
            if p == RDF.type:
                stats.classes.add(o)
                if isinstance(s, URIRef) and s.startswith(str(ID)):
                    typed.add(s)
                    stats.per_class[o] += 1
                    if o not in DOCUMENT_LAYER:
                        stats.candidates.add(s)
            elif p == UNODC.refersTo:
                stats.mentioned[o] += 1
        stats.subjects, stats.entities = len(subjects), len(typed)
        return stats

    @classmethod
    def of_ntriples(cls, data: bytes, scope: str) -> GraphStats:
        """GraphStats.of the triples of N-Triples *data* (rdflib's form, one triple a line) whose subject is the IRI
        *scope* or under it, counted from the lines."""
        stats, terms = cls(), Terms()
        subjects, typed, properties, classes = set(), set(), Counter(), Counter()
        own, under, typing, refers = f"<{scope}>".encode(), f"<{scope}/".encode(), _n3(RDF.type), _n3(UNODC.refersTo)
        objects: set = set()
        for line in data.split(b"\n"):
            s, p, o = line[:-2].split(b" ", 2) if line else (b"", b"", b"")
            if s != own and not s.startswith(under):
                continue
            subjects.add(s)
            objects.add(o)
            properties[p] += 1
            if p == typing:
                if s.startswith(_ID):
                    typed.add(s)
                    classes[o] += 1
                    if terms.term(o) not in DOCUMENT_LAYER:
                        stats.candidates.add(URIRef(s[1:-1].decode()))
                else:
                    stats.classes.add(terms.term(o))
            elif p == refers:
                stats.mentioned[terms.term(o)] += 1
        stats.objects.update(_hash(terms.n3(o)) for o in objects)  # each distinct object hashed once
        stats.triples, stats.subjects, stats.entities = sum(properties.values()), len(subjects), len(typed)
        stats.per_property.update({terms.term(p): n for p, n in properties.items()})
        stats.per_class.update({terms.term(o): n for o, n in classes.items()})
        stats.classes.update(stats.per_class)
        return stats

    def add(self, other: GraphStats) -> None:
        """Add the counts of a graph with no triple or subject in common with this one."""
        self.triples += other.triples
        self.subjects += other.subjects
        self.entities += other.entities
        self.objects |= other.objects
        self.classes |= other.classes
        self.per_class.update(other.per_class)
        self.per_property.update(other.per_property)
        self.mentioned.update(other.mentioned)
        self.candidates |= other.candidates

    def examples(self, limit: int = EXAMPLES) -> list[URIRef]:
        """The most mentioned entities (then by IRI)."""
        return sorted(self.candidates, key=lambda e: (-self.mentioned[e], str(e)))[:limit]


def _term_hash(term) -> int:
    return _hash(term.n3().encode("utf-8"))


def _hash(n3: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(n3, digest_size=8).digest(), "big")


def _n3(term) -> bytes:
    return term.n3().encode("utf-8")


_ID = f"<{ID}".encode()


@dataclass
class DocumentFacts:
    """What the description says about one source document."""

    iri: URIRef
    triples: list  # (predicate, object) of title, hash, path, symbols, language


def describe(dataset: Dataset, base_url: str = DEFAULT_BASE_URL, endpoint: str | None = None) -> Graph:
    """VoID and DCAT description of *dataset*, with its dumps published under *base_url*."""
    graph = union(dataset)
    graphs = [(name, len(dataset.graph(name))) for name in named_graphs(dataset)]
    return void_description(GraphStats.of(graph), document_facts(graph), graphs, base_url, endpoint)


def head_facts(iri: URIRef, head: bytes, terms: Terms | None = None) -> DocumentFacts:
    """What the description says about the document *iri*, from its head lines (N-Triples in rdflib's form of the
    triples whose subject is the document)."""
    terms = terms or Terms()
    found: dict = {}
    subject = f"<{iri}>".encode()
    for line in head.split(b"\n"):
        s, p, o = line[:-2].split(b" ", 2) if line else (b"", b"", b"")
        if s == subject:
            found.setdefault(p, []).append(o)
    return DocumentFacts(iri, [(p, terms.term(o)) for p in DOCUMENT_FACTS for o in found.get(_n3(p), ())])


def document_facts(graph: Graph) -> list[DocumentFacts]:
    """What the description says about each source document of *graph*."""
    return [DocumentFacts(doc, [(p, o) for p in DOCUMENT_FACTS for o in graph.objects(doc, p)])
            for doc in graph.subjects(RDF.type, UNODC.Document)]


def void_description(
    stats: GraphStats, docs: list[DocumentFacts], graphs: list, base_url: str = DEFAULT_BASE_URL, endpoint: str | None = None
) -> Graph:
    """VoID and DCAT description from merged counts, the source documents and the named graphs' sizes."""
    d = DATASET_IRI
    g = bind_prefixes(Graph())
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("sd", SD), ("foaf", FOAF)):
        g.bind(prefix, ns)
    g.parse(templates_dir() / "dataset.ttl", format="turtle")
    pinned = build_time()
    if pinned is not None:
        g.add((d, DCTERMS.modified, Literal(pinned.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)))
    g.add((d, VOID.triples, Literal(stats.triples)))
    g.add((d, VOID.distinctSubjects, Literal(stats.subjects)))
    g.add((d, VOID.distinctObjects, Literal(len(stats.objects))))
    per_class, per_property = stats.per_class, stats.per_property
    g.add((d, VOID.entities, Literal(stats.entities)))
    g.add((d, VOID.classes, Literal(len(stats.classes))))
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
    sources = {doc.iri for doc in docs}
    for name, size in graphs:
        part = URIRef(f"{d}/graph/{name[len(str(ID)):].replace('/', '-')}" if name.startswith(str(ID)) else f"{d}/graph/{_local(name)}")
        g.add((d, VOID.subset, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, RDF.type, SD.NamedGraph))
        g.add((part, SD.name, name))
        g.add((part, VOID.triples, Literal(size)))
        if name in sources:
            g.add((part, DCTERMS.source, name))
    for doc in sorted(docs, key=lambda x: x.iri):
        g.add((d, DCTERMS.source, doc.iri))
        g.add((doc.iri, RDF.type, UNODC.Document))
        for p, o in doc.triples:
            g.add((doc.iri, p, o))
    for example in stats.examples():
        g.add((d, VOID.exampleResource, example))
    base = base_url if base_url.endswith("/") else base_url + "/"
    for name in DUMPS:
        url = URIRef(base + name)
        dist = URIRef(f"{d}/distribution/{name.replace('.', '-')}")
        media = formats.of_path(Path(name)).media_type
        g.add((d, VOID.dataDump, url))
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}")))
        g.add((dist, DCTERMS.license, g.value(d, DCTERMS.license)))
    service = URIRef(f"{d}/sparql")
    url = URIRef(endpoint or local_sparql_endpoint())
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
    from kg.core.resources import ontology_dir

    digest = hashlib.sha256()
    root = ontology_dir()
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".ttl", ".toml", ".csv"} and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return DATASET[f"reference-data/{digest.hexdigest()}"]


def provenance_record(facts: list[DocumentFacts]) -> Graph:
    """PROV-O record of a build of the documents described by *facts*."""
    facts = sorted(facts, key=lambda f: f.iri)
    docs = [f.iri for f in facts]
    hashes = sorted(str(o) for f in facts for p, o in f.triples if p == UNODC.contentHash)
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
    for f in facts:
        g.add((activity, PROV.used, f.iri))
        g.add((f.iri, RDF.type, PROV.Entity))
        for p, o in f.triples:
            if p in (UNODC.contentHash, UNODC.sourcePath):
                g.add((f.iri, p, o))
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


class DescribeStep(BuildStep):
    """The dataset (kg.nq), its VoID/DCAT description (void.ttl) and the build's PROV-O record (provenance.ttl)."""

    name = "kg.steps.describe:corpus_step"

    def code(self) -> tuple[str, ...]:
        """The module whose code shapes what map_document returns (it keys the cache of parts)."""
        return (__name__,)

    def map_document(self, view) -> GraphStats:
        """In the worker: the counts of the document's own triples (objects packed as 8-byte hashes)."""
        own = getattr(view, "own", None)
        if own is not None:
            stats = GraphStats.of_ntriples(view.ntriples[own[0]:own[1]], str(view.iri))
        else:
            stats = GraphStats.of(view.graph, (t for t in view.graph if view.owns(t[0])))
        stats.objects = array("Q", sorted(stats.objects)).tobytes()
        return stats

    def run(self, result, corpus) -> StepOutput:
        """Write kg.nq, void.ttl and provenance.ttl, streaming, from the documents' counts; checks nothing."""
        from kg.build.merge import write_nquads

        stats = GraphStats.of(corpus.shared_graph)
        for part in corpus.extras(self.name):
            objects, part.objects = part.objects, set()
            stats.add(part)
            packed = array("Q")
            packed.frombytes(objects)
            stats.objects.update(packed)
        terms = Terms()
        facts = [head_facts(URIRef(part.iri), part.head, terms) for part in corpus.parts]
        graphs = [(URIRef(p.iri), corpus.graph_triples(p)) for p in corpus.parts]
        graphs.append((URIRef(REFERENCE_GRAPH), len(corpus.reference_lines)))
        out_dir = Path(result.out_dir)
        return StepOutput([
            write_nquads(corpus, out_dir / "kg.nq"),
            write_bytes(out_dir / "void.ttl", turtle_bytes(void_description(
                stats, facts, sorted(g for g in graphs if g[1]), getattr(result, "base_url", None) or DEFAULT_BASE_URL,
                getattr(result, "endpoint", None)))),
            write_bytes(out_dir / "provenance.ttl", turtle_bytes(provenance_record(facts))),
        ])


STEP = DescribeStep()
