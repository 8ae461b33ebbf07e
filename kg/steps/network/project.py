"""Project the knowledge graph onto a typed, weighted multigraph of entities (kg.steps.network.model says how)."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from kg.core.errors import InputError
from kg.core.namespaces import UNODC
from kg.steps.network.model import INVERSE, NODE_TYPES, RELATIONS, SEPARATOR, SYMMETRIC, local_name


def type_map() -> dict[URIRef, str]:
    """Map every ontology class that falls under a NODE_TYPES class to that class's local name."""
    from kg.core.resources import ontology_graph

    onto = ontology_graph()
    result = {}
    for top in NODE_TYPES:
        for cls in onto.transitive_subjects(RDFS.subClassOf, UNODC[top]):
            result.setdefault(cls, top)
    return result


def _labels(graph: Graph, iri: URIRef, prop=SKOS.prefLabel) -> dict[str, list[str]]:
    labels = defaultdict(list)
    for label in sorted(graph.objects(iri, prop), key=str):
        lang = (getattr(label, "language", None) or "").split("-")[0]
        if lang in ("en", "zh"):
            labels[lang].append(str(label))
    return labels


def _reference_description(iri: URIRef) -> Graph:
    """The reference data's triples about one entity (empty when it is not a reference entity)."""
    from kg.core.reference import entities_by_iri, entity_triples

    g = Graph()
    entity = entities_by_iri().get(iri)
    for triple in entity_triples(entity) if entity is not None else ():
        g.add(triple)
    return g


def _node_info(graph: Graph, iri: URIRef, types: dict, reference: Graph | None) -> dict | None:
    """Type, class and labels of an entity, filled from the reference data where missing."""
    classes = sorted((c for c in graph.objects(iri, RDF.type) if c in types), key=str)
    labels = _labels(graph, iri)
    alternatives = _labels(graph, iri, SKOS.altLabel)
    if not classes or len(labels) < 2:
        ref = reference if reference is not None else _reference_description(iri)
        if not classes:
            classes = sorted((c for c in ref.objects(iri, RDF.type) if c in types), key=str)
        for lang, values in _labels(ref, iri).items():
            labels.setdefault(lang, values)
        for lang, values in _labels(ref, iri, SKOS.altLabel).items():
            alternatives.setdefault(lang, values)
    if not classes:
        return None
    # the most specific class: the one that is not the top class itself, if any
    cls = next((c for c in classes if local_name(c) not in NODE_TYPES), classes[0])
    en, zh = (labels.get(lang, [""])[0] for lang in ("en", "zh"))

    def short(lang, pref):
        # the shortest name (often an acronym: UNODC, 禁毒办) when the preferred label is long
        names = [n for n in [pref, *alternatives.get(lang, [])] if len(n) >= 2]
        return min(names, key=lambda n: (len(n), n)) if pref and len(pref) > 24 else pref

    return {
        "iri": str(iri),
        "type": types[cls],
        "class": local_name(cls),
        "label_en": en,
        "label_zh": zh,
        "label": en or zh or local_name(iri),
        "short_en": short("en", en),
        "short_zh": short("zh", zh),
        "minted": any(str(v).lower() == "true" for v in graph.objects(iri, UNODC.minted)),
    }


def _canonical(s: URIRef, relation: str, o: URIRef) -> tuple[URIRef, str, URIRef]:
    if relation in INVERSE:
        return o, INVERSE[relation], s
    if relation in SYMMETRIC and str(o) < str(s):
        return o, relation, s
    return s, relation, o


def paragraph_keys(graph: Graph) -> dict:
    """Sort key and short name of every paragraph: (document, reading order) and 'SYMBOL ¶12'."""
    docs = {}
    for doc in graph.subjects(RDF.type, UNODC.Document):
        symbols = sorted(str(s) for s in graph.objects(doc, UNODC.symbol))
        docs[doc] = symbols[0] if symbols else local_name(doc)
    result = {}
    for para, doc in graph.subject_objects(UNODC.inDocument):
        order = graph.value(para, UNODC.order)
        if order is None:
            continue
        number = graph.value(para, UNODC.number)
        name = f"¶{number}" if number is not None and (para, RDF.type, UNODC.Paragraph) in graph else local_name(para)
        result[para] = ((str(doc), int(order)), f"{docs.get(doc, local_name(doc))} {name}")
    return result


def evidence_of(graph: Graph, document: URIRef | None):
    """Group Assertion nodes by canonical (subject, relation, object)."""
    grouped = defaultdict(list)
    for node in graph.subjects(RDF.type, UNODC.Assertion):
        s, p, o = (graph.value(node, UNODC[k]) for k in ("subject", "predicate", "object"))
        if None in (s, p, o) or not str(p).startswith(str(UNODC._NS)) or local_name(p) not in RELATIONS:
            continue
        doc = graph.value(node, UNODC.inDocument)
        if document is not None and doc != document:
            continue
        para = graph.value(node, UNODC.inParagraph)
        sentence = graph.value(node, UNODC.evidence)
        rule = graph.value(node, UNODC.rule)
        grouped[_canonical(s, local_name(p), o)].append((para, doc, sentence, rule))
    return grouped


def record_evidence(doc, extraction) -> tuple[dict, dict]:
    """evidence_of and the paragraph_keys of the cited paragraphs, from one document's records (the Document and its
    Extraction) instead of its graph (kg.extract.to_rdf: the graph that document_graph makes of them)."""
    from rdflib import Literal

    from kg.extract.editions import document_expression
    from kg.extract.to_rdf import PARAGRAPH_CLASS, assertions, document_iri, paragraph_iri

    d = document_iri(doc)
    by_order = {p.order: p for p in doc.paragraphs}
    grouped, cited = defaultdict(list), {}
    for _, r in assertions(doc, extraction.relations):
        if not str(r.predicate).startswith(str(UNODC._NS)) or local_name(r.predicate) not in RELATIONS:
            continue
        paragraph = by_order[r.paragraph]
        para = cited[paragraph.order] = paragraph_iri(doc, paragraph)
        grouped[_canonical(r.subject, local_name(r.predicate), r.object)].append((para, d, Literal(r.evidence), Literal(r.rule)))
    symbols = {str(s) for s in doc.symbols}
    symbols |= {str(o) for s, p, o in document_expression(doc, d) if s == d and p == UNODC.symbol}
    name = min(symbols) if symbols else local_name(d)
    keys = {}
    for order, para in cited.items():
        p = by_order[order]
        label = f"¶{p.number}" if p.number and PARAGRAPH_CLASS[p.kind] == UNODC.Paragraph else local_name(para)
        keys[para] = ((str(d), order), f"{name} {label}")
    return grouped, keys


def resolve_document(graph: Graph, document: str | None) -> URIRef | None:
    """The document IRI named by its IRI, its key or its symbol; fail if the graph lacks it."""
    if not document:
        return None
    docs = sorted(graph.subjects(RDF.type, UNODC.Document), key=str)
    for doc in docs:
        if document in (str(doc), local_name(doc)) or any(document == str(s) for s in graph.objects(doc, UNODC.symbol)):
            return doc
    known = ", ".join(local_name(d) for d in docs[:5]) or "none"
    raise InputError(f"unknown document {document!r} (documents in the graph: {known})")


def _check_names(given, allowed, what: str) -> set[str]:
    by_lower = {a.lower(): a for a in allowed}
    chosen = set()
    for name in given or ():
        for part in str(name).split(","):
            part = part.strip()
            if not part:
                continue
            if part.lower() not in by_lower:
                raise InputError(f"unknown {what} {part!r} (choose from: {', '.join(allowed)})")
            chosen.add(by_lower[part.lower()])
    return chosen


def _candidate_edges(graph: Graph, grouped: dict, reference: bool) -> dict:
    """Evidence per canonical edge; with *reference*, also the reference data's relations (no evidence)."""
    edges = dict(grouped)
    if reference:
        for relation in RELATIONS:
            for s, o in graph.subject_objects(UNODC[relation]):
                edges.setdefault(_canonical(s, relation, o), [])
    return edges


def _edge_attributes(relation: str, items: list, paras: list, paragraphs: dict) -> dict:
    """The attributes of one edge: weight (paragraphs), their names, documents, rules and evidence sentences."""
    said = defaultdict(set)  # paragraph -> its evidence sentences
    for p, _, e, _ in items:
        if p is not None and e is not None:
            said[p].add(str(e))
    sentences = []
    for para in paras:
        for sentence in sorted(said[para]):
            sentences.append(f"[{paragraphs.get(para, (None, local_name(para)))[1]}] {sentence}")
    return {
        "relation": relation,
        "predicate": str(UNODC[relation]),
        "weight": len(paras),
        "source": "extracted" if items else "reference",
        "paragraphs": SEPARATOR.join(str(p) for p in paras),
        "paragraph_names": SEPARATOR.join(paragraphs.get(p, (None, local_name(p)))[1] for p in paras),
        "documents": SEPARATOR.join(sorted({str(d) for _, d, _, _ in items if d is not None})),
        "rules": SEPARATOR.join(sorted({str(r) for *_, r in items if r is not None})),
        "evidence": SEPARATOR.join(sentences),
    }


def project(
    graph: Graph,
    *,
    types=None,
    relations=None,
    min_weight: int = 0,
    document: str | None = None,
    reference: bool = False,
    reference_labels: Graph | None = None,
    evidence: dict | None = None,
    paragraphs: dict | None = None,
) -> nx.MultiDiGraph:
    """Project the RDF graph onto a typed, weighted multigraph of entities (see kg.steps.network.model).

    Types and labels missing from *graph* are read from *reference_labels* (default: the reference
    data's description of that entity)."""
    keep_types = _check_names(types, NODE_TYPES, "node type") or set(NODE_TYPES)
    keep_relations = _check_names(relations, RELATIONS, "relation") or set(RELATIONS)
    keep_relations |= {INVERSE[r] for r in keep_relations if r in INVERSE}
    if min_weight < 0:
        raise InputError(f"--min-weight must be 0 or more, not {min_weight}")
    doc = resolve_document(graph, document) if evidence is None else None
    types_of = type_map()
    paragraphs = paragraph_keys(graph) if paragraphs is None else paragraphs
    grouped = evidence_of(graph, doc) if evidence is None else evidence

    edges = _candidate_edges(graph, grouped, reference and doc is None)
    infos: dict[URIRef, dict | None] = {}

    def info(iri):
        if iri not in infos:
            infos[iri] = _node_info(graph, iri, types_of, reference_labels) if isinstance(iri, URIRef) else None
        return infos[iri]

    def typed(iri) -> bool:
        found = info(iri)
        return found is not None and found["type"] in keep_types

    kept = []
    for (s, relation, o), items in edges.items():
        if relation not in keep_relations or s == o or not typed(s) or not typed(o):
            continue
        paras = sorted({p for p, *_ in items if p is not None}, key=lambda p: paragraphs.get(p, ((str(p), 0), ""))[0])
        if len(paras) < min_weight or (min_weight > 0 and not paras):
            continue
        kept.append((str(s), str(o), relation, _edge_attributes(relation, items, paras, paragraphs)))

    g = nx.MultiDiGraph()
    for iri in sorted({n for s, o, *_ in kept for n in (s, o)}):
        g.add_node(iri, **info(URIRef(iri)))
    for s, o, relation, attrs in sorted(kept, key=lambda e: (e[0], e[2], e[1])):
        g.add_edge(s, o, key=relation, **attrs)
    return g

