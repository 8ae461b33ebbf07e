"""The ontology and the reference data: parse, labels in both languages, unique names, codes."""

import re
from collections import Counter

import pycountry
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Literal

from kg.namespaces import ID, UNODC
from kg.nlp import normalize_label
from kg.reference import KINDS, load_entities, reference_graph
from kg.resources import data_dir, ontology_graph


def test_reference_ontology_terms_have_english_and_chinese_labels_and_definitions():
    g = ontology_graph()
    terms = set(g.subjects(RDF.type, OWL.Class)) | set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(
        g.subjects(RDF.type, OWL.DatatypeProperty))
    terms = {t for t in terms if str(t).startswith(str(UNODC._NS))}
    assert len(terms) > 60
    for term in terms:
        langs = {lit.language for lit in g.objects(term, RDFS.label)}
        assert {"en", "zh"} <= langs, term
        assert any(True for _ in g.objects(term, SKOS.definition)), term


def test_reference_ontology_has_the_required_class_names():
    g = ontology_graph()
    for name in ("Commission", "IntergovernmentalBody", "Resolution", "Convention", "Protocol", "Instrument",
                 "Programme", "Organization", "Country", "Region", "Document", "Paragraph"):
        assert (UNODC[name], RDF.type, OWL.Class) in g


def test_reference_namespace_terms_exist_in_the_ontology():
    g = ontology_graph()
    declared = {str(s) for s in g.subjects(RDF.type, None) if str(s).startswith(str(UNODC._NS))}
    for name in UNODC.__annotations__:
        assert str(UNODC[name]) in declared, name


def test_reference_relation_properties_have_domain_and_range():
    g = ontology_graph()
    for name in ("serves", "implementedWith", "operatesIn", "assists", "adoptedBy", "hasProtocol", "partOf", "partnerOf"):
        assert g.value(UNODC[name], RDFS.domain) is not None and g.value(UNODC[name], RDFS.range) is not None


def test_reference_every_file_is_read_and_every_entity_has_both_labels():
    entities = load_entities()
    kinds = Counter(e.kind for e in entities)
    assert set(kinds) == {k or "treaty" for k in KINDS.values()}
    assert kinds["country"] >= 195
    for e in entities:
        assert e.labels.get("en") and e.labels.get("zh"), e.iri
        assert (UNODC[e.type], RDF.type, OWL.Class) in ontology_graph(), (e.iri, e.type)


def test_reference_no_label_or_alias_names_two_entities():
    owners = {}
    clashes = []
    for e in load_entities():
        for text in list(e.labels.values()) + [alias for _, alias in e.aliases]:
            key = normalize_label(text).lower()
            if key in owners and owners[key] != e.iri:
                clashes.append((text, owners[key], e.iri))
            owners[key] = e.iri
    assert not clashes


def test_reference_ids_are_slugs_and_sorted():
    for stem in KINDS:
        text = (data_dir() / f"{stem}.csv").read_text(encoding="utf-8").splitlines()
        ids = [line.split(",", 1)[0] for line in text[1:] if line.strip()]
        assert ids == sorted(ids), stem
        pattern = r"[A-Z]{3}" if stem == "countries" else r"[a-z0-9]+(?:-[a-z0-9]+)*"
        assert all(re.fullmatch(pattern, i) for i in ids), stem


def test_reference_country_codes_are_well_formed_and_match_pycountry():
    countries = [e for e in load_entities() if e.kind == "country"]
    members = [e for e in countries if e.row["status"] == "member"]
    assert len(members) == 193
    for e in countries:
        row = e.row
        assert re.fullmatch(r"[A-Z]{2}", row["iso2"]) and re.fullmatch(r"[A-Z]{3}", row["iso3"])
        assert row["m49"] == "" or re.fullmatch(r"\d{3}", row["m49"])
        iso = pycountry.countries.get(alpha_3=row["iso3"])
        if iso is not None:
            assert iso.alpha_2 == row["iso2"], row["iso3"]
            if row["m49"]:
                assert iso.numeric == row["m49"], row["iso3"]
        else:
            assert row["status"] == "other", row["iso3"]


def test_reference_un_names_differ_from_iso_names():
    g = reference_graph()
    assert (ID["country/BOL"], SKOS.prefLabel, Literal("多民族玻利维亚国", lang="zh")) in g
    assert (ID["country/IRN"], SKOS.prefLabel, Literal("伊朗伊斯兰共和国", lang="zh")) in g
    assert (ID["country/BOL"], SKOS.prefLabel, Literal("Bolivia (Plurinational State of)", lang="en")) in g


@pytest.mark.parametrize("iri", [
    "convention/untoc", "convention/uncac", "country/AFG", "country/CHN", "body/cnd", "body/ccpcj",
    "body/ecosoc", "body/ga", "organization/unodc", "organization/who", "organization/wco",
    "programme/container-control-programme", "region/central-asia", "protocol/trafficking-in-persons-protocol",
])
def test_reference_iris_are_stable(iri):
    assert (ID[iri], RDF.type, None) in reference_graph()


def test_reference_protocols_belong_to_their_convention():
    g = reference_graph()
    protocols = set(g.subjects(RDF.type, UNODC.Protocol))
    untoc = {p for p in protocols if g.value(p, UNODC.protocolOf) == ID["convention/untoc"]}
    assert len(untoc) == 3
