"""Groups of ontology classes (local names) the extraction rules reason about, read from the ontology's class tree.

A group is a class of ontology/unodc.ttl with every class below it (rdfs:subClassOf, followed transitively), so
a class added to the ontology joins its group without a change here.  PLACES holds the classes below
unodc:Place, not Place itself (a place is named as a country or a region).  The ontology is read once
(kg.core.resources.ontology_graph).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDFS, Graph

from kg.core.namespaces import UNODC
from kg.core.resources import ontology_graph

# family -> the ontology class at its top; family() answers with these names, in this order
FAMILY_TOPS = {
    "Body": "IntergovernmentalBody",
    "Resolution": "Resolution",
    "Treaty": "Treaty",
    "Instrument": "Instrument",
    "Programme": "Programme",
    "Organization": "Organization",
    "Country": "Country",
    "Region": "Region",
}
PLACE_TOP = "Place"


def subclasses(graph: Graph) -> dict[str, set[str]]:
    """Local name of each class of the ontology's namespace -> the local names of the classes directly below it."""
    below: dict[str, set[str]] = defaultdict(set)
    prefix = str(UNODC._NS)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if str(sub).startswith(prefix) and str(sup).startswith(prefix):
            below[str(sup)[len(prefix):]].add(str(sub)[len(prefix):])
    return below


def tree(below: dict[str, set[str]], top: str) -> frozenset[str]:
    """*top* and every class below it."""
    found, todo = set(), [top]
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo.extend(below.get(name, ()))
    return frozenset(found)


def families_of(graph: Graph) -> dict[str, frozenset[str]]:
    """Family name -> the classes in it, from an ontology graph."""
    below = subclasses(graph)
    return {name: tree(below, top) for name, top in FAMILY_TOPS.items()}


def places_of(graph: Graph) -> frozenset[str]:
    """The classes below unodc:Place (not Place itself), from an ontology graph."""
    return tree(subclasses(graph), PLACE_TOP) - {PLACE_TOP}


FAMILIES = families_of(ontology_graph())
BODIES = FAMILIES["Body"]
RESOLUTIONS = FAMILIES["Resolution"]
TREATIES = FAMILIES["Treaty"]
INSTRUMENTS = FAMILIES["Instrument"]
PROGRAMMES = FAMILIES["Programme"]
ORGANIZATIONS = FAMILIES["Organization"]
PLACES = places_of(ontology_graph())
PLACE_OR_ORG = PLACES | ORGANIZATIONS


def family(etype: str) -> str:
    """The top class (Body, Treaty, Programme …) an ontology class belongs to."""
    return next((name for name, members in FAMILIES.items() if etype in members), "Other")
