"""The class groups the extraction rules reason about come from the ontology's class tree (kg.core.vocabulary)."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.core import vocabulary
from kg.core.namespaces import UNODC
from kg.core.resources import ontology_graph

# what the extraction rules rely on: each group with exactly these classes of ontology/unodc.ttl
GROUPS = {
    "PLACES": {"Country", "Region"},
    "ORGANIZATIONS": {"Organization", "UNEntity", "IntergovernmentalOrganization", "NonGovernmentalOrganization",
                      "NationalBody", "Company", "AcademicInstitution"},
    "PROGRAMMES": {"Programme", "GlobalProgramme", "RegionalProgramme", "CountryProgramme", "Initiative", "Network",
                   "Platform", "Campaign", "TrustFund", "Project"},
    "TREATIES": {"Treaty", "Convention", "Protocol"},
    "BODIES": {"IntergovernmentalBody", "Commission", "PrincipalOrgan", "ConferenceOfParties", "WorkingGroup",
               "ReviewMechanism", "Congress", "ExpertBody"},
    "INSTRUMENTS": {"Instrument", "Declaration", "Strategy", "ActionPlan", "Standard", "Agenda", "Goal"},
    "RESOLUTIONS": {"Resolution", "Decision"},
}
FAMILY_CASES = [("Commission", "Body"), ("Decision", "Resolution"), ("Protocol", "Treaty"), ("Goal", "Instrument"),
                ("Project", "Programme"), ("UNEntity", "Organization"), ("Country", "Country"), ("Region", "Region"),
                ("Place", "Other"), ("LegalInstrument", "Other"), ("Entity", "Other"), ("Paragraph", "Other"),
                ("NoSuchClass", "Other")]


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_vocabulary_group_holds_the_classes_the_rules_rely_on(name):
    assert getattr(vocabulary, name) == frozenset(GROUPS[name])


def test_vocabulary_place_or_org_is_both_groups():
    assert vocabulary.PLACE_OR_ORG == frozenset(GROUPS["PLACES"] | GROUPS["ORGANIZATIONS"])


@pytest.mark.parametrize("etype,expected", FAMILY_CASES, ids=[c[0] for c in FAMILY_CASES])
def test_vocabulary_family_of_a_class(etype, expected):
    assert vocabulary.family(etype) == expected


def test_vocabulary_every_grouped_class_is_declared_in_the_ontology():
    declared = {str(c)[len(str(UNODC._NS)):] for c in ontology_graph().subjects(RDF.type, OWL.Class)}
    grouped = set().union(*vocabulary.FAMILIES.values(), vocabulary.PLACES)
    assert grouped <= declared


def test_vocabulary_a_class_added_to_the_ontology_joins_its_group():
    graph = Graph() + ontology_graph()
    ns = str(UNODC._NS)
    graph.add((URIRef(ns + "Bureau"), RDFS.subClassOf, UNODC.Commission))  # two levels below IntergovernmentalBody
    graph.add((URIRef(ns + "Province"), RDFS.subClassOf, UNODC.Place))
    families = vocabulary.families_of(graph)
    assert "Bureau" in families["Body"] and "Bureau" not in vocabulary.BODIES
    assert vocabulary.places_of(graph) == {"Country", "Region", "Province"}
