"""Bodies and organisations of the reference data: every name links to its own entity, parents exist,
treaty-body acronyms stay with the treaties, and official Chinese and English paragraphs link alike."""

import tomllib
from pathlib import Path

import pytest
from rdflib import RDF

from kg.extract.ingest import parse_document
from kg.extract.link import gazetteer, labels_of
from kg.core.namespaces import ID, UNODC
from kg.extract.nlp import normalize_label
from kg.core.reference import entities_by_iri, load_entities, reference_graph

KINDS = ("body", "organization")
ENTITIES = [e for e in load_entities() if e.kind in KINDS]
LABELS = [(e, label) for e in ENTITIES for label in labels_of(e)]
CASES_FILE = Path(__file__).resolve().parent / "data" / "reference_bodies" / "parallel.toml"
CASES = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))["case"]


def short(iri) -> str:
    return str(iri)[len(str(ID)):]


def test_reference_bodies_label_list_is_complete():
    assert len(ENTITIES) >= 150 and len(LABELS) >= 600


@pytest.mark.parametrize("entity,label", LABELS, ids=[f"{e.id}-{lab.lang}-{lab.text[:40]}" for e, lab in LABELS])
def test_reference_bodies_name_links_to_exactly_its_entity(entity, label):
    gaz = gazetteer(label.lang)
    text = normalize_label(label.text)
    assert {lab.iri for lab in gaz.lookup(text)} == {entity.iri}
    whole = [m for m in gaz.match(gaz.nlp.make_doc(text)) if (m.start, m.end) == (0, len(text))]
    assert [m.iri for m in whole] == [entity.iri]


PARENTED = [e for e in ENTITIES if e.row.get("parent")]


@pytest.mark.parametrize("entity", PARENTED, ids=[e.id for e in PARENTED])
def test_reference_bodies_parent_exists_in_the_same_file(entity):
    parent = ID[f"{entity.kind}/{entity.row['parent']}"]
    assert parent in entities_by_iri() and parent != entity.iri


@pytest.mark.parametrize("acronym", ["CAT", "CEDAW", "CERD", "CRC", "CRPD", "CMW", "CED", "HRC", "CCPR", "CoP", "COSP"])
def test_reference_bodies_treaty_and_ambiguous_acronyms_are_not_body_aliases(acronym):
    owners = {e.id for e, lab in LABELS if lab.text == acronym}
    assert not owners


@pytest.mark.parametrize("iri,cls,reports_to", [
    ("body/committee-against-torture", "ExpertBody", "body/ga"),
    ("body/subcommittee-prevention-of-torture", "ExpertBody", "body/committee-against-torture"),
    ("body/committee-economic-social-cultural-rights", "ExpertBody", "body/ecosoc"),
    ("body/human-rights-committee", "ExpertBody", "body/ga"),
    ("body/committee-rights-of-the-child", "ExpertBody", "body/ga"),
    ("body/committee-migrant-workers", "ExpertBody", "body/ga"),
    ("body/sanctions-committee-isil-al-qaida", "IntergovernmentalBody", "body/security-council"),
    ("body/committee-1540", "IntergovernmentalBody", "body/security-council"),
    ("body/crime-congress-10", "Congress", "body/crime-congress"),
    ("body/crime-congress-11", "Congress", "body/crime-congress"),
    ("body/cop-cites", "ConferenceOfParties", None),
])
def test_reference_bodies_iris_types_and_parents_are_stable(iri, cls, reports_to):
    g = reference_graph()
    assert (ID[iri], RDF.type, UNODC[cls]) in g
    assert g.value(ID[iri], UNODC.reportsTo) == (ID[reports_to] if reports_to else None)


@pytest.mark.parametrize("iri,part_of", [
    ("organization/ifad", None),
    ("organization/unama", "organization/un-secretariat"),
    ("organization/unsmil", "organization/un-secretariat"),
    ("organization/global-fund", None),
    ("organization/unoda", "organization/un-secretariat"),
    ("organization/wipo", None),
])
def test_reference_bodies_organizations_are_stable(iri, part_of):
    g = reference_graph()
    assert (ID[iri], RDF.type, None) in g
    assert g.value(ID[iri], UNODC.partOf) == (ID[part_of] if part_of else None)


def reference_iris(extractor, text, lang):
    known = entities_by_iri()
    extraction = extractor.extract(parse_document("t.md", text.encode("utf-8"), lang))
    return {short(m.entity) for m in extraction.mentions if m.entity in known}


def test_reference_bodies_parallel_cases_are_all_run():
    assert len(CASES) == 5 and all(c["source"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_reference_bodies_official_chinese_and_english_link_to_the_same_iris(extractor, case):
    zh = reference_iris(extractor, case["zh"], "zh")
    en = reference_iris(extractor, case["en"], "en")
    assert zh == en == set(case["expected"])
