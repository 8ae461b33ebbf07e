"""How often what one edition confirms in the other (kg.extract.projection) is right: the projected mentions and
relations of annotated parallel passages checked against the gold of the passage they were projected into.

`python -m kg.extract.agreement --parallel FILE.toml --confirmed` prints it (dev half only).  Minted names have
no gold id of their own here; a projected item that names one is counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF

from kg.core.namespaces import ID, UNODC
from kg.extract.projection import MENTION_RULE, RELATION_SUFFIX, with_projections


@dataclass
class Confirmed:
    """Projected items: (in the gold of their passage, not in it, naming a minted entity)."""

    mentions: tuple = (0, 0, 0)
    relations: tuple = (0, 0, 0)


def _gold_id(iri, minted: set) -> str | None:
    """The gold-style id of an IRI (None for a minted name, whose gold id is its name)."""
    if iri in minted:
        return None
    text = str(iri)
    path = text[len(str(ID)):] if text.startswith(str(ID)) else text
    return path.lower() if path.startswith(("resolution/", "decision/")) else path


def _add(counts: tuple, found: str | None, gold: set) -> tuple:
    right, wrong, minted = counts
    if found is None:
        return right, wrong, minted + 1
    return (right + 1, wrong, minted) if found in gold else (right, wrong + 1, minted)


def check(graph, iri, case: dict, names, result: Confirmed) -> None:
    """Count the projected items of one passage's graph against its gold *case* (names: kg.extract.gold.GoldNames)."""
    from rdflib import Literal

    minted = set(graph.subjects(UNODC.minted, Literal(True))) - {s for s, _ in graph.subject_objects(UNODC.symbol)}
    classes = names.classes(case.get("entities", []))
    gold_entities = {names.entity(item)[0] for item in case.get("entities", [])}
    gold_relations = {(names.term(s, classes), p, names.term(o, classes)) for s, p, o in case.get("relations", [])}
    for m in sorted(graph.subjects(RDF.type, UNODC.Mention)):
        if str(graph.value(m, UNODC.rule)) == MENTION_RULE and graph.value(m, UNODC.inDocument) == iri:
            result.mentions = _add(result.mentions, _gold_id(graph.value(m, UNODC.refersTo), minted), gold_entities)
    for a in sorted(graph.subjects(RDF.type, UNODC.Assertion)):
        if not str(graph.value(a, UNODC.rule)).endswith(RELATION_SUFFIX) or graph.value(a, UNODC.inDocument) != iri:
            continue
        s, o = (_gold_id(graph.value(a, UNODC[k]), minted) for k in ("subject", "object"))
        key = None if s is None or o is None else (s, str(graph.value(a, UNODC.predicate)).rsplit("#", 1)[-1], o)
        result.relations = _add(result.relations, key, gold_relations)


def confirmed(paths, passages, graph_of) -> Confirmed:
    """The projected items of every pair of parallel passages of *paths*, checked against their gold;
    *passages*: kg.extract.agreement.parallel_passages, *graph_of*: kg.extract.agreement.text_graph."""
    from kg.core.reference import entities_by_iri
    from kg.extract.document import Extractor
    from kg.extract.gold import GoldNames

    extractor, names, result = Extractor(), GoldNames(entities_by_iri()), Confirmed()
    for path in paths:
        for _, cases in passages(path):
            graphs = [graph_of(f"{c['id']}.md", c["text"], c["lang"], extractor) for c in cases[:2]]
            for (g, iri), case in zip(with_projections(graphs), cases[:2]):
                check(g, iri, case, names, result)
    return result


def lines(result: Confirmed) -> list[str]:
    out = []
    for kind, (right, wrong, minted) in (("mentions", result.mentions), ("relations", result.relations)):
        checked = right + wrong
        share = f"{right / checked:.2f}" if checked else "-"
        out.append(f"confirmed by the other edition: {kind} {checked + minted}, in the gold of their passage "
                   f"{right} of {checked} ({share}), naming a minted entity {minted}")
    return out
