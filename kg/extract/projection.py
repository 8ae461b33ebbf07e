"""Evidence across language editions: what one edition finds in a paragraph, confirmed in the aligned paragraph
of another edition.

The editions of one UN document say the same things paragraph by paragraph, so a name or a relation that one
edition's rules find is evidence for the aligned paragraph of every other edition (`project`):

* a reference entity that edition A mentions in a paragraph and edition B does not becomes a mention in B
  (rule ``aligned``) when one of its names in B's language, or a running-text form of it (ontology/editions.toml
  [projection]: without 《》, without a leading 联合国 / "United Nations" / "the"), stands in B's aligned
  paragraph as a whole word (spaced languages) and not inside a name B already found; a resolution or decision
  is found by its symbol (64/1), the same in every language;
* a relation A states in a paragraph whose two arguments B's aligned paragraph mentions (its own mentions and
  the projected ones) becomes an assertion of B with the sentence of B that names both as evidence, A's
  confidence and the rule ``<A's rule>+aligned``.

Everything is computed from the editions' own extractions (never from another projection), sources and
entities in sorted order, so the result does not depend on the order the editions were read in.  Offsets: the
graph keeps each paragraph's readable text and its span in the source; a projected mention's offsets are its
place in the readable text shifted as the nearest mention the edition found before it in that paragraph is
(the markup before it), kept inside the paragraph's span.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, SKOS, Literal, URIRef
from rdflib.namespace import XSD

from kg.core.namespaces import UNODC
from kg.extract.editions import KIND_OF_CLASS, own_abbreviations, settings
from kg.extract.forms import abbreviated_hits, abbreviations_of, forms_table, is_abbreviation
from kg.extract.nlp import normalize, normalize_label

MENTION_RULE = "aligned"
# mentions that name an entity without its name (the Office, its): the other edition need not name it either
DISCOURSE_RULES = frozenset({"anaphor", "topic"})
RELATION_SUFFIX = "+aligned"
SYMBOL_RULE = "aligned"


@dataclass(frozen=True)
class Block:
    """A paragraph as projection reads it: its span in the source, its readable text, its place."""

    iri: str
    start: int
    end: int
    text: str
    order: int


@dataclass
class Edition:
    """What projection reads of one edition's graph."""

    iri: str
    lang: str
    blocks: dict = field(default_factory=dict)  # paragraph iri -> Block
    mentions: dict = field(default_factory=lambda: defaultdict(list))  # paragraph iri -> [(start, end, entity, text)]
    assertions: dict = field(default_factory=lambda: defaultdict(list))  # paragraph iri -> [(s, p, o, rule, confidence)]
    symbols: dict = field(default_factory=dict)  # entity iri -> its symbol (resolutions and decisions)
    abbreviations: dict = field(default_factory=dict)  # minted entity iri -> its abbreviations in Latin letters
    implicit: dict = field(default_factory=lambda: defaultdict(set))  # paragraph iri -> entities it names only by discourse


def _entity_facts(graph, entity: URIRef, out: Edition) -> None:
    """What finds an entity in any language: its symbol (a resolution), the abbreviations of a minted name (its
    altLabels, and a Latin word in a name of an unspaced language: CASA项目)."""
    symbol = graph.value(entity, UNODC.symbol)
    if symbol is not None:
        out.symbols[str(entity)] = str(symbol)
    if graph.value(entity, UNODC.minted) is None:
        return
    abbreviations = {str(a) for a in graph.objects(entity, SKOS.altLabel) if is_abbreviation(str(a))}
    abbreviations |= {w for label in graph.objects(entity, SKOS.prefLabel) for w in own_abbreviations(str(label), out.lang)}
    if abbreviations:
        out.abbreviations[str(entity)] = tuple(sorted(abbreviations))


def read_edition(graph, iri: URIRef) -> Edition:
    """The paragraphs, mentions, assertions and symbols of the document *iri* in *graph* (an rdflib Graph or
    anything with its read methods)."""
    out = Edition(str(iri), str(graph.value(iri, UNODC.language) or ""))
    discourse, explicit = defaultdict(set), defaultdict(set)
    for p in graph.subjects(UNODC.inDocument, iri):
        if not any(c in KIND_OF_CLASS for c in graph.objects(p, RDF.type)):
            continue
        start, end, order = (graph.value(p, UNODC[k]) for k in ("start", "end", "order"))
        if start is None or end is None or order is None:
            continue
        out.blocks[str(p)] = Block(str(p), int(start), int(end), str(graph.value(p, UNODC.text) or ""), int(order))
    for m in graph.subjects(RDF.type, UNODC.Mention):
        para, entity = graph.value(m, UNODC.inParagraph), min(graph.objects(m, UNODC.refersTo), key=str, default=None)
        if para is None or entity is None or graph.value(m, UNODC.inDocument) != iri:
            continue
        out.mentions[str(para)].append((int(graph.value(m, UNODC.start)), int(graph.value(m, UNODC.end)), str(entity),
                                        str(graph.value(m, UNODC.text) or "")))
        if str(graph.value(m, UNODC.rule) or "") in DISCOURSE_RULES:
            discourse[str(para)].add(str(entity))
        else:
            explicit[str(para)].add(str(entity))
    for entity in sorted({e for found in out.mentions.values() for _, _, e, _ in found}):
        _entity_facts(graph, URIRef(entity), out)
    for para, found in discourse.items():
        out.implicit[para] = found - explicit[para]
    for a in graph.subjects(RDF.type, UNODC.Assertion):
        para = graph.value(a, UNODC.inParagraph)
        if para is None or graph.value(a, UNODC.inDocument) != iri:
            continue
        out.assertions[str(para)].append(tuple(str(graph.value(a, UNODC[k])) for k in ("subject", "predicate", "object", "rule"))
                                         + (graph.value(a, UNODC.confidence),))
    for found in out.mentions.values():
        found.sort()
    for found in out.assertions.values():
        found.sort(key=lambda x: x[:4])
    return out


# ---------------------------------------------------------------- names of a reference entity in running text


def _occurrences(text: str, form: str, spaced: bool):
    """(start, end) of each occurrence of *form* in *text*: as a whole word in a spaced language."""
    if spaced:
        pattern = rf"(?<![\w-]){re.escape(form)}(?![\w-])"
    else:  # letters and digits of a Latin word stand apart even in an unspaced language
        pattern = ("(?<![0-9A-Za-z])" if form[:1].isascii() and form[:1].isalnum() else "") + re.escape(form) + \
            ("(?![0-9A-Za-z])" if form[-1:].isascii() and form[-1:].isalnum() else "")
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _symbol_occurrences(text: str, symbol: str):
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<![0-9A-Za-z/.-]){re.escape(symbol)}(?![0-9A-Za-z/-])", text)]


# ---------------------------------------------------------------- projection


@dataclass(frozen=True)
class Unit:
    """Paragraphs of a source edition that correspond to paragraphs of a target edition."""

    source: str  # source edition iri
    source_paragraphs: tuple
    target_paragraphs: tuple


def _taken(target: Edition, para: str) -> list[tuple[int, int, str]]:
    """(start, end, entity) in the readable text of every name the target edition found in the paragraph."""
    text = target.blocks[para].text
    out = []
    for _, _, entity, said in target.mentions.get(para, ()):
        out += [(s, e, entity) for s, e in _occurrences(text, said, False)] if said else []
    return out


def _shift(target: Edition, para: str, local: int) -> int:
    """Source offset of a place in a paragraph's readable text: as the nearest mention found before it (the k-th
    mention of a text is its k-th occurrence in the readable text)."""
    block = target.blocks[para]
    shift, seen = 0, defaultdict(int)
    for start, _, _, said in sorted(target.mentions.get(para, ())):
        if not said:
            continue
        at = -1
        for _ in range(seen[said] + 1):
            at = block.text.find(said, at + 1)
            if at < 0:
                break
        seen[said] += 1
        if 0 <= at <= local:
            shift = start - block.start - at
    return block.start + local + shift


def _find(target: Edition, para: str, entity: str, source: Edition):
    """(local start, local end, text) of the first form of *entity* in the paragraph, not inside a name the target
    found; None when none stands there."""
    block = target.blocks[para]
    spaced = settings()["languages"].get(target.lang, {}).get("spaced", True)
    if entity in source.symbols:
        hits = _symbol_occurrences(block.text, source.symbols[entity])
    else:  # in the text as the linker reads it (kg.extract.nlp.normalize: width, title marks, spacing folded)
        forms = forms_table(target.lang).get(entity, ()) + abbreviations_of(entity) + source.abbreviations.get(entity, ())
        norm = normalize(block.text)
        hits = [norm.span(*h) for form in dict.fromkeys(map(normalize_label, forms)) if form
                for h in _occurrences(norm.text, form, spaced)]
        hits += [norm.span(*h) for h in abbreviated_hits(norm.text, entity, target.lang)] if not hits else []
    taken = _taken(target, para)
    for s, e in sorted(hits, key=lambda h: (h[0], -h[1])):
        if any(ts <= s and e <= te and (ts, te) != (s, e) or (ts, te) == (s, e) and x != entity for ts, te, x in taken):
            continue
        return s, e, block.text[s:e]
    return None


def _mapped(mapping: dict, iri: str) -> str:
    return mapping.get(iri, iri)


def _mention_triples(target: Edition, para: str, entity: str, found) -> list[tuple]:
    s, e, text = found
    block = target.blocks[para]
    start = min(max(_shift(target, para, s), block.start), block.end - len(text))
    node = URIRef(f"{target.iri}/m/{start}-{start + len(text)}/{MENTION_RULE}")
    return [(node, RDF.type, UNODC.Mention), (node, UNODC.refersTo, URIRef(entity)),
            (node, UNODC.inDocument, URIRef(target.iri)), (node, UNODC.inParagraph, URIRef(para)),
            (node, UNODC.start, Literal(start)), (node, UNODC.end, Literal(start + len(text))),
            (node, UNODC.text, Literal(text)), (node, UNODC.rule, Literal(MENTION_RULE))]


def _sentence(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentences of *text* from the one holding the first span to the one holding the last."""
    ends = [m.end() for m in re.finditer(r"[。！？!?；]|\.(?=\s|$)", text)] + [len(text)]
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    begin = max([0] + [x for x in ends if x <= first])
    finish = min(x for x in ends if x >= last)
    return text[begin:finish].strip()


def _local_spans(target: Edition, para: str, projected: dict) -> dict:
    """{entity: (start, end)} of the first place each entity is named in a paragraph's readable text."""
    text = target.blocks[para].text
    spans = {}
    for _, _, entity, said in target.mentions.get(para, ()):
        at = text.find(said) if said else -1
        if at >= 0:
            spans.setdefault(entity, (at, at + len(said)))
    for (p, entity), (s, e, _) in projected.items():
        if p == para:
            spans.setdefault(entity, (s, e))
    return spans


def _assertion_triples(target: Edition, para: str, relation: tuple, spans: tuple) -> list[tuple]:
    s, p, o, rule, confidence = relation
    rule = rule + RELATION_SUFFIX
    digest = hashlib.sha1("\x1f".join((s, p, o, para, rule)).encode("utf-8")).hexdigest()[:12]
    node = URIRef(f"{target.iri}/a/{digest}")
    out = [(URIRef(s), URIRef(p), URIRef(o)), (node, RDF.type, UNODC.Assertion), (node, UNODC.subject, URIRef(s)),
           (node, UNODC.predicate, URIRef(p)), (node, UNODC.object, URIRef(o)),
           (node, UNODC.inDocument, URIRef(target.iri)), (node, UNODC.inParagraph, URIRef(para)),
           (node, UNODC.evidence, Literal(_sentence(target.blocks[para].text, list(spans)))),
           (node, UNODC.rule, Literal(rule))]
    if confidence is not None:
        out.append((node, UNODC.confidence, Literal(str(confidence), datatype=XSD.decimal)))
    return out


def project(target: Edition, sources: dict, units: list[Unit], mapping: dict | None = None) -> list[tuple]:
    """The triples the target edition gains from the other editions (*sources*: {iri: Edition}) over the aligned
    *units*: projected mentions first, then projected relations; *mapping* links minted IRIs across editions."""
    mapping = mapping or {}
    units = sorted(units, key=lambda u: (u.source, u.source_paragraphs, u.target_paragraphs))
    projected: dict = {}  # (target paragraph, entity) -> (local start, local end, text)
    for unit in units:
        _project_mentions(target, sources[unit.source], unit, mapping, projected)
    triples = []
    for (para, entity), found in sorted(projected.items()):
        triples += _mention_triples(target, para, entity, found)
    added: set = set()
    for unit in units:
        triples += _project_relations(target, sources[unit.source], unit, mapping, projected, added)
    return triples


def _named(edition: Edition, paragraphs, mapping: dict) -> set:
    return {_mapped(mapping, e) for p in paragraphs for _, _, e, _ in edition.mentions.get(p, ())}


def _project_mentions(target: Edition, source: Edition, unit: Unit, mapping: dict, projected: dict) -> None:
    have = _named(target, unit.target_paragraphs, mapping) | {e for (p, e) in projected if p in unit.target_paragraphs}
    for entity in sorted(_named(source, unit.source_paragraphs, {}) - have):
        if _mapped(mapping, entity) in have:
            continue
        for para in sorted(unit.target_paragraphs, key=lambda p: target.blocks[p].order):
            found = _find(target, para, entity, source)
            if found is not None:
                projected[(para, entity)] = found
                have.add(entity)
                break


def _project_relations(target: Edition, source: Edition, unit: Unit, mapping: dict, projected: dict, added: set) -> list:
    paragraphs = sorted(unit.target_paragraphs, key=lambda p: target.blocks[p].order)
    spans = {p: {_mapped(mapping, e): (e, span) for e, span in sorted(_local_spans(target, p, projected).items(), reverse=True)}
             for p in paragraphs}
    stated = {(_mapped(mapping, s), p, _mapped(mapping, o)) for para in paragraphs for s, p, o, *_ in target.assertions.get(para, ())}
    implicit = {_mapped(mapping, e) for para in unit.source_paragraphs for e in source.implicit.get(para, ())}
    out = []
    for para_a in unit.source_paragraphs:
        for s, p, o, rule, confidence in source.assertions.get(para_a, ()):
            key = (_mapped(mapping, s), p, _mapped(mapping, o))
            if key in stated:
                continue
            where = next((x for x in paragraphs if _both_named(spans[x], key[0], key[2], implicit)), None)
            if where is None or (key, rule, where) in added:
                continue
            (s_b, span_s), (o_b, span_o) = (spans[where].get(arg, (arg, None)) for arg in (key[0], key[2]))
            added.add((key, rule, where))
            out += _assertion_triples(target, where, (s_b, p, o_b, rule, confidence), [x for x in (span_s, span_o) if x])
    return out


def _both_named(named: dict, subject: str, obj: str, implicit: set) -> bool:
    """Both arguments named in the target's paragraph (by name, or by discourse where the target's own rules
    resolved it); *implicit* (what the source names only by discourse) is no evidence for the target."""
    return subject in named and obj in named


def project_all(editions: list[Edition], units: dict, mapping: dict | None = None) -> dict[str, list[tuple]]:
    """{target iri: triples it gains} for editions of one document; *units*: {(source iri, target iri): [Unit]}."""
    by_iri = {e.iri: e for e in editions}
    out = {}
    for target in sorted(by_iri):
        mine = [u for (src, tgt), found in sorted(units.items()) if tgt == target and src != target for u in found]
        if mine:
            out[target] = project(by_iri[target], by_iri, mine, mapping)
    return out


def aligned_units(a: Edition, b: Edition, pairs=None) -> dict:
    """{(source iri, target iri): [Unit]} both ways for two editions: one unit per aligned paragraph pair
    [(paragraph of a, paragraph of b, rule)], or, without *pairs*, all the paragraphs of each as one unit."""
    if pairs is None:
        pairs = [(tuple(sorted(a.blocks)), tuple(sorted(b.blocks)))]
    else:
        pairs = [((pa,), (pb,)) for pa, pb, *_ in pairs if pa in a.blocks and pb in b.blocks]
    return {(a.iri, b.iri): [Unit(a.iri, pa, pb) for pa, pb in pairs],
            (b.iri, a.iri): [Unit(b.iri, pb, pa) for pa, pb in pairs]}


def with_projections(graphs: list, pairs=None, mapping: dict | None = None) -> list:
    """Copies of two editions' graphs [(graph, iri), (graph, iri)] each with what the other edition confirms in it
    (over *pairs* of aligned paragraphs, or the whole texts as one unit when None)."""
    from rdflib import Graph

    (ga, ia), (gb, ib) = graphs
    a, b = read_edition(ga, ia), read_edition(gb, ib)
    gained = project_all([a, b], aligned_units(a, b, pairs), mapping)
    out = []
    for g, iri in graphs:
        copy = Graph()
        copy += g
        for triple in gained.get(str(iri), ()):
            copy.add(triple)
        out.append((copy, iri))
    return out


def project_work(graphs: list, records: list, mapping: dict | None = None) -> dict[str, list[tuple]]:
    """{document iri: triples it gains} for the editions of one work: *graphs* [(graph, iri)] and their edition
    records (kg.extract.editions), paragraphs aligned as kg.extract.alignment.align aligns them, each edition
    confirmed by every edition in another language; minted IRIs in the triples are mapped by *mapping*."""
    from kg.extract.alignment import align

    editions = {str(iri): read_edition(g, iri) for g, iri in graphs}
    by_iri = {r.iri: r for r in records}
    units: dict = {}
    for a in sorted(editions):
        for b in sorted(editions):
            if a < b and editions[a].lang != editions[b].lang and a in by_iri and b in by_iri:
                units.update(aligned_units(editions[a], editions[b], align(by_iri[a], by_iri[b])))
    mapping = mapping or {}
    out = {}
    for iri, triples in project_all(list(editions.values()), units, mapping).items():
        out[iri] = [tuple(URIRef(mapping.get(str(t), str(t))) if isinstance(t, URIRef) else t for t in triple)
                    for triple in triples]
    return out
