"""How far two language editions give the same entities and relations, per aligned paragraph.

`python -m kg.extract.agreement --agreement A B` measures it for two editions of one document (F1 of the entity
sets and of the relation sets of aligned paragraphs, micro-averaged, with minted names linked as kg build
links them); `--parallel FILE.toml` does it for the annotated passages of annotation files that share a
`parallel` id (each passage one aligned unit).  `--diff` lists what only one edition gives (each entity and
relation with the rules that produced it and its text), the symmetry check of the extractor.  The held-out test
half of the annotations is refused.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from kg.core.errors import InputError
from kg.core.namespaces import ID, UNODC
from kg.extract.alignment import (
    align,
    aligned_links,
    identity_mapping,
    reference_names,
    signature_links,
)
from kg.extract.editions import EditionRecord, edition_record
from kg.extract.folds import held_out as in_held_out_half
from kg.extract.ingest import Document, parse_document
from kg.extract.projection import with_projections

log = logging.getLogger(__name__)

@dataclass
class Agreement:
    """Entity and relation agreement of two editions over their aligned paragraphs."""

    paragraphs: list = field(default_factory=list)  # (paragraph a, paragraph b, entity F1, relation F1)
    entities: tuple = (0, 0, 0)  # (in both, only in a, only in b)
    relations: tuple = (0, 0, 0)

    @staticmethod
    def f1(counts: tuple) -> float:
        both, only_a, only_b = counts
        total = 2 * both + only_a + only_b
        return 1.0 if total == 0 else 2 * both / total


def _paragraph_sets(graph: Graph, mapping: dict, whole: bool = False) -> tuple[dict, dict]:
    """Per paragraph (or for the whole text): the entities mentioned and the relations stated, with IRIs mapped."""
    def m(term) -> URIRef:
        return _mapped(mapping, term)

    def unit(paragraph) -> str:
        return _unit(paragraph, whole)

    entities, relations = defaultdict(set), defaultdict(set)
    for mention in graph.subjects(RDF.type, UNODC.Mention):
        entities[unit(graph.value(mention, UNODC.inParagraph))].add(m(graph.value(mention, UNODC.refersTo)))
    for a in graph.subjects(RDF.type, UNODC.Assertion):
        relations[unit(graph.value(a, UNODC.inParagraph))].add(
            (m(graph.value(a, UNODC.subject)), graph.value(a, UNODC.predicate), m(graph.value(a, UNODC.object))))
    return entities, relations


def _mapped(mapping: dict, term) -> URIRef:
    """The IRI a term is linked to across the editions (itself when no minted name maps it)."""
    return URIRef(mapping.get(str(term), str(term)))


def _unit(paragraph, whole: bool) -> str:
    """The aligned unit a paragraph belongs to: itself, or the whole text."""
    return WHOLE if whole else str(paragraph)


def _as_one_unit(record: EditionRecord) -> EditionRecord:
    """The record with all its paragraphs taken as one (a passage without paragraph structure)."""
    order: list = []
    for p in record.paragraphs:
        order += [e for e in record.in_paragraph.get(p.iri, ()) if e not in order]
    return replace(record, in_paragraph={WHOLE: tuple(order)} if order else {})


WHOLE = "*"


def _aligned(graph_a: Graph, iri_a: URIRef, graph_b: Graph, iri_b: URIRef, whole: bool) -> tuple[list, dict]:
    """The aligned units of two editions [(a, b, rule)] and the mapping of their minted names, as kg build links them."""
    a, b = edition_record(graph_a, iri_a), edition_record(graph_b, iri_b)
    if whole:
        a, b = _as_one_unit(a), _as_one_unit(b)
        pairs = [(WHOLE, WHOLE, "whole")]
    else:
        pairs = align(a, b)
    return pairs, identity_mapping(aligned_links(a, b, pairs) + signature_links([a, b]), reference_names([a, b]))


def agreement(graph_a: Graph, iri_a: URIRef, graph_b: Graph, iri_b: URIRef, whole: bool = False,
              aware: bool = False) -> Agreement:
    """Per aligned paragraph, how far two editions' entities and relations agree once their minted names are linked.

    whole: compare the two texts as one aligned unit each (passages whose paragraphs do not correspond);
    aware: as an edition-aware build gives them, each edition with what the other confirms in it
    (kg.extract.projection), instead of as two separate single-edition builds."""
    pairs, mapping = _aligned(graph_a, iri_a, graph_b, iri_b, whole)
    if aware:
        (graph_a, _), (graph_b, _) = with_projections([(graph_a, iri_a), (graph_b, iri_b)], None if whole else pairs, mapping)
    ea, ra = _paragraph_sets(graph_a, mapping, whole)
    eb, rb = _paragraph_sets(graph_b, mapping, whole)
    result = Agreement()
    totals = {"entities": [0, 0, 0], "relations": [0, 0, 0]}
    for pa, pb, _ in pairs:
        row = [pa, pb]
        for kind, x, y in (("entities", ea[pa], eb[pb]), ("relations", ra[pa], rb[pb])):
            counts = (len(x & y), len(x - y), len(y - x))
            totals[kind] = [t + c for t, c in zip(totals[kind], counts)]
            row.append(Agreement.f1(counts))
        if ea[pa] or eb[pb] or ra[pa] or rb[pb]:
            result.paragraphs.append(tuple(row))
    result.entities, result.relations = tuple(totals["entities"]), tuple(totals["relations"])
    return result


@dataclass(frozen=True)
class Difference:
    """An entity or relation one edition gives in an aligned unit and the other does not, with how it was found."""

    unit: str  # the aligned unit (paragraphs "p6 p6", or a parallel id)
    side: str  # "A" or "B": the edition that gives it
    kind: str  # "entity" or "relation"
    item: str  # the entity, or "subject predicate object", IRIs shortened, minted names as linked
    rules: tuple[str, ...]  # the extractor's rules that produced it
    texts: tuple[str, ...]  # the mention texts (an entity) or the evidence of the statement (a relation)


def _short(term) -> str:
    """A term without the id/ or vocabulary namespace (resolution/cnd/64-1, partnerOf)."""
    text = str(term)
    for prefix in (str(ID), str(UNODC)):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _provenance(graph: Graph, mapping: dict, whole: bool) -> tuple[dict, dict]:
    """Per unit: {entity: {(rule, mention text)}} and {relation: {(rule, evidence)}}, with IRIs mapped."""
    def m(term) -> URIRef:
        return _mapped(mapping, term)

    def unit(paragraph) -> str:
        return _unit(paragraph, whole)

    entities, relations = defaultdict(lambda: defaultdict(set)), defaultdict(lambda: defaultdict(set))
    for mention in graph.subjects(RDF.type, UNODC.Mention):
        entity = m(graph.value(mention, UNODC.refersTo))
        entities[unit(graph.value(mention, UNODC.inParagraph))][entity].add(
            (str(graph.value(mention, UNODC.rule) or ""), str(graph.value(mention, UNODC.text) or "")))
    for a in graph.subjects(RDF.type, UNODC.Assertion):
        key = (m(graph.value(a, UNODC.subject)), graph.value(a, UNODC.predicate), m(graph.value(a, UNODC.object)))
        relations[unit(graph.value(a, UNODC.inParagraph))][key].add(
            (str(graph.value(a, UNODC.rule) or ""), str(graph.value(a, UNODC.evidence) or "")))
    return entities, relations


def differences(graph_a: Graph, iri_a: URIRef, graph_b: Graph, iri_b: URIRef, whole: bool = False,
                label: str | None = None, aware: bool = False) -> list[Difference]:
    """What only one of two editions gives, per aligned unit, with the rules that produced it (the agreement's
    misses, explained); *label* names the unit (else its paragraphs); *aware*: as an edition-aware build gives them."""
    pairs, mapping = _aligned(graph_a, iri_a, graph_b, iri_b, whole)
    if aware:
        (graph_a, _), (graph_b, _) = with_projections([(graph_a, iri_a), (graph_b, iri_b)], None if whole else pairs, mapping)
    sides = (("A",) + _provenance(graph_a, mapping, whole), ("B",) + _provenance(graph_b, mapping, whole))
    out = []
    for pa, pb, _ in pairs:
        name = label or f"{pa.rsplit('/', 1)[-1]} {pb.rsplit('/', 1)[-1]}"
        for kind, index in (("entity", 1), ("relation", 2)):
            here = {"A": sides[0][index][pa], "B": sides[1][index][pb]}
            for side, other in (("A", "B"), ("B", "A")):
                for item in sorted(here[side].keys() - here[other].keys()):
                    found = sorted(here[side][item])
                    shown = _short(item) if kind == "entity" else " ".join(_short(t) for t in item)
                    out.append(Difference(name, side, kind, shown, tuple(sorted({r for r, _ in found})),
                                          tuple(sorted({t for _, t in found}))))
    return out


def difference_lines(found: list[Difference]) -> list[str]:
    """One line per difference: unit, side, kind, item, [rules], and its text."""
    lines = []
    for d in found:
        text = " | ".join(t.replace("\n", " ") for t in d.texts)
        if len(text) > 160:
            text = text[:157] + "..."
        lines.append(f"{d.unit}  only {d.side}  {d.kind:<8} {d.item}  [{', '.join(d.rules)}]  {text}")
    return lines


def add_counts(results) -> Agreement:
    """The micro-averaged sum of several agreements."""
    total = Agreement()
    for r in results:
        total.paragraphs += r.paragraphs
        total.entities = tuple(x + y for x, y in zip(total.entities, r.entities))
        total.relations = tuple(x + y for x, y in zip(total.relations, r.relations))
    return total


def parallel_passages(path: Path, held_out: bool = False) -> list[tuple[str, list[dict]]]:
    """Annotated passages with a `parallel` id, grouped by it: [(id, [case, ...])] for ids with two languages,
    one case per language (the first in the file), in language order (en before zh).

    A parallel case without a `text` or `lang` string is an InputError.  The held-out half (an annotations/test/ folder) is refused unless *held_out* (a report of totals only)."""
    import tomllib

    path = Path(path)
    if not held_out and in_held_out_half(path):
        raise InputError(f"{path}: held-out test annotations are not used to measure editions (use the dev half)")
    try:
        cases = tomllib.loads(path.read_text("utf-8")).get("case", [])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read annotations ({exc})") from None
    groups: dict = defaultdict(dict)
    for case in cases:
        if not isinstance(case, dict) or not case.get("parallel"):
            continue
        for key in ("text", "lang"):
            if not isinstance(case.get(key), str):
                raise InputError(f"{path}: parallel case {case.get('id', '?')} ({case['parallel']}) has no `{key}` string")
        by_lang = groups[str(case["parallel"])]
        if case["lang"] in by_lang:
            log.warning("%s: parallel %s has more than one %s case; %s is used", path, case["parallel"], case["lang"],
                        by_lang[case["lang"]].get("id", "?"))
            continue
        by_lang[case["lang"]] = case
    return [(pid, [by_lang[lang] for lang in sorted(by_lang)]) for pid, by_lang in sorted(groups.items())
            if len(by_lang) >= 2]


def passage_graphs(paths: list[Path], held_out: bool = False) -> Iterator[tuple[str, Graph, URIRef, Graph, URIRef]]:
    """(parallel id, graph a, iri a, graph b, iri b) of each pair of parallel annotated passages, extracted (the first
    two languages of a group: en and zh)."""
    from kg.extract.document import Extractor

    extractor = Extractor()
    for path in paths:
        for pid, cases in parallel_passages(path, held_out):
            (ga, ia), (gb, ib) = [text_graph(f"{c['id']}.md", c["text"], c["lang"], extractor) for c in cases[:2]]
            yield pid, ga, ia, gb, ib


def passage_agreement(paths: list[Path], held_out: bool = False) -> list[tuple[str, Agreement, Agreement]]:
    """Agreement of the extractor on each pair of parallel annotated passages (each passage one aligned unit):
    (parallel id, as two separate builds, as an edition-aware build)."""
    return [(pid, agreement(ga, ia, gb, ib, whole=True), agreement(ga, ia, gb, ib, whole=True, aware=True))
            for pid, ga, ia, gb, ib in passage_graphs(paths, held_out)]


def passage_differences(paths: list[Path], aware: bool = False) -> list[Difference]:
    """What only one passage of each parallel pair gives, with the rules that produced it."""
    out = []
    for pid, ga, ia, gb, ib in passage_graphs(paths):
        out += differences(ga, ia, gb, ib, whole=True, label=pid, aware=aware)
    return out


def document_graphs(paths: list[Path]) -> list[tuple[Graph, URIRef]]:
    """Extract documents into their graphs (as kg build does, without the cache)."""
    from kg.extract.document import Extractor
    from kg.extract.ingest import read_document

    extractor = Extractor()
    out = []
    for path in paths:
        out.append(_extracted(read_document(Path(path)), extractor))
    return out


def text_graph(name: str, text: str, lang: str, extractor) -> tuple[Graph, URIRef]:
    """A passage (*text* in *lang*, read as the file *name*) extracted into its graph, and its document IRI."""
    return _extracted(parse_document(name, text.encode("utf-8"), lang), extractor)


def _extracted(doc: Document, extractor) -> tuple[Graph, URIRef]:
    """A document's graph with the reference data it uses (as the build's workers see it), and its IRI."""
    from kg.extract.to_rdf import document_graph, document_iri, reference_subgraph, referenced_entities

    g = document_graph(doc, extractor.extract(doc))
    g += reference_subgraph(referenced_entities([g]))
    return g, document_iri(doc)


def report_lines(result: Agreement, rows: list, units: str, paragraphs: bool = False) -> list[str]:
    """The lines of the report: with *paragraphs*, the F1 of each row (a, b, entity F1, relation F1); then the totals."""
    lines = []
    if paragraphs:
        width = max((len(f"{a} {b}".strip()) for a, b, *_ in rows), default=0)
        lines += [f"{f'{a} {b}'.strip():<{width}}  entities {fe:.2f}  relations {fr:.2f}" for a, b, fe, fr in rows]
    for kind, counts in (("entities", result.entities), ("relations", result.relations)):
        both, only_a, only_b = counts
        lines.append(f"{kind} agreement F1 {Agreement.f1(counts):.3f}  (both {both}, only A {only_a}, only B {only_b}; "
                     f"{len(result.paragraphs)} {units})")
    return lines


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.extract.agreement --agreement A B` or `--parallel FILE.toml`: entity and relation agreement F1 of editions."""
    parser = argparse.ArgumentParser(
        prog="python -m kg.extract.agreement",
        description="Measure how far two language editions of one document give the same entities and relations: "
        "F1 of the entity sets and of the relation sets of aligned paragraphs (micro-averaged), with minted names "
        "linked across the editions as kg build links them.  --parallel does the same for the annotated passages "
        "of an annotation file that share a `parallel` id (each passage one aligned unit; A is the English one).",
        epilog="examples:\n  python -m kg.extract.agreement --agreement report.zh.md report.en.md --paragraphs\n"
        "  python -m kg.extract.agreement --parallel tests/data/annotations/dev/real-a.toml tests/data/annotations/dev/real-b.toml\n"
        "  python -m kg.extract.agreement --diff --parallel tests/data/annotations/dev/*.toml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--agreement", nargs=2, type=Path, metavar=("A", "B"), help="two editions")
    what.add_argument("--parallel", nargs="+", type=Path, metavar="FILE.toml", help="annotation files with parallel passages")
    parser.add_argument("--paragraphs", action="store_true", help="also print the F1 of each aligned paragraph (or passage pair)")
    parser.add_argument("--diff", action="store_true",
                        help="list each entity and relation only one edition gives in an aligned unit, with the rules that produced it")
    parser.add_argument("--edition-aware", action="store_true",
                        help="with --diff: compare the editions as an edition-aware build gives them (kg.extract.projection)")
    parser.add_argument("--confirmed", action="store_true",
                        help="with --parallel: check what each edition confirms in the other against the gold of the passage")
    parser.add_argument("--held-out", action="store_true",
                        help="with --parallel: accept the held-out test half and print its totals only (for reporting, never for development)")
    args = parser.parse_args(argv)
    if args.confirmed and not args.parallel:
        parser.error("--confirmed checks --parallel annotation files against their gold (no --agreement)")
    if args.edition_aware and not args.diff:
        parser.error("--edition-aware goes with --diff (the agreement report prints both figures)")
    if args.held_out and (args.agreement or args.paragraphs or args.diff or args.confirmed):
        parser.error("--held-out reports the totals of --parallel annotation files only (no --agreement, --paragraphs, --diff, --confirmed)")
    try:
        if args.diff:
            graphs = document_graphs(args.agreement) if args.agreement else None
            found = differences(*graphs[0], *graphs[1], aware=args.edition_aware) if graphs else \
                passage_differences(args.parallel, args.edition_aware)
            print("\n".join(difference_lines(found) + [f"{len(found)} differences"]))
            return 0
        if args.confirmed and args.parallel:
            from kg.extract.confirmed import confirmed, lines

            print("\n".join(lines(confirmed(args.parallel, parallel_passages, text_graph))))
            return 0
        if args.agreement:
            (ga, ia), (gb, ib) = document_graphs(args.agreement)
            result, aware, units = agreement(ga, ia, gb, ib), agreement(ga, ia, gb, ib, aware=True), "aligned paragraphs"
            rows = [(pa.rsplit("/", 1)[-1], pb.rsplit("/", 1)[-1], fe, fr) for pa, pb, fe, fr in result.paragraphs]
        else:
            found = passage_agreement(args.parallel, args.held_out)
            result, units = add_counts(r for _, r, _ in found), "parallel passage pairs"
            aware = add_counts(r for _, _, r in found)
            rows = [(pid, "", Agreement.f1(r.entities), Agreement.f1(r.relations)) for pid, r, _ in found]
    except InputError as exc:
        print(f"python -m kg.extract.agreement: {exc}", file=sys.stderr)
        return 2
    lines = report_lines(result, rows, units, args.paragraphs)
    lines += ["edition-aware (each edition with what the aligned other confirms in it, as kg build of both gives):"]
    lines += ["  " + line for line in report_lines(aware, [], units)]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
