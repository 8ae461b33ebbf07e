"""The ontology and the reference data: parse, labels in both languages, unique names, codes."""

import re
import tomllib
from collections import Counter
from pathlib import Path

import pycountry
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Literal

from kg.core.namespaces import ID, UNODC
from kg.extract.nlp import normalize_label
from kg.core.reference import KINDS, load_entities, reference_graph
from kg.core.resources import data_dir, ontology_graph


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


# Treaties and instruments cited by human-rights, crime and drug resolutions (issue 21): every name and
# short form links to exactly its own entity, in its own language.
CITED_INSTRUMENTS = [
    "convention/cat", "convention/ced", "convention/cedaw", "protocol/cedaw-optional-protocol", "convention/cerd",
    "convention/cmw", "convention/crc", "protocol/crc-opac", "protocol/crc-opic", "protocol/crc-opsc",
    "convention/crpd", "protocol/crpd-optional-protocol", "convention/iccpr", "protocol/iccpr-op1",
    "protocol/iccpr-op2", "convention/icescr", "protocol/icescr-optional-protocol", "protocol/opcat",
    "convention/refugee-convention", "protocol/refugee-protocol", "treaty/rome-statute", "treaty/un-charter",
    "convention/vienna-convention-law-of-treaties", "convention/traffic-in-persons-convention-1949",
    "instrument/udhr", "instrument/declaration-violence-against-women", "instrument/bangkok-rules",
    "instrument/beijing-rules", "instrument/tokyo-rules", "instrument/riyadh-guidelines", "instrument/havana-rules",
    "instrument/nelson-mandela-rules", "instrument/victims-declaration", "instrument/legal-aid-principles",
    "instrument/code-of-conduct-law-enforcement", "instrument/judiciary-independence-principles",
    "instrument/use-of-force-firearms-principles", "instrument/prosecutors-role-guidelines",
    "instrument/lawyers-role-principles", "instrument/prisoners-treatment-basic-principles",
    "instrument/detention-body-of-principles", "instrument/vienna-declaration-crime-justice",
    "instrument/vienna-declaration-programme-of-action", "instrument/sdg-16", "instrument/agenda-2030",
    "instrument/un-global-counter-terrorism-strategy", "instrument/ungass-2016-outcome-document",
    "instrument/political-declaration-2009", "instrument/ministerial-declaration-2019",
    "instrument/salvador-declaration", "instrument/doha-declaration", "instrument/kyoto-declaration",
    "instrument/drug-demand-reduction-guiding-principles", "instrument/child-victims-witnesses-guidelines",
    "instrument/children-criminal-justice-action-guidelines", "instrument/remedy-reparation-principles",
    "instrument/restorative-justice-basic-principles", "instrument/declaration-eliminate-international-terrorism",
    *(f"instrument/sdg-{n}" for n in range(1, 18)),
]


def _names_of_cited_instruments():
    by_iri = {str(e.iri)[len(str(ID)):]: e for e in load_entities()}
    cases = []
    for key in CITED_INSTRUMENTS:
        entity = by_iri[key]
        names = sorted(entity.labels.items()) + list(entity.aliases)
        for n, (lang, name) in enumerate(names):
            cases.append(pytest.param(key, lang, name, id=f"{key}-{lang}-{n}"))
    return cases


@pytest.mark.parametrize("key,lang,name", _names_of_cited_instruments())
def test_reference_cited_instrument_name_links_to_its_entity_only(key, lang, name):
    from kg.extract.link import gazetteer

    gaz = gazetteer(lang)
    text = normalize_label(name)
    found = [(m.start, m.end, str(m.iri)) for m in gaz.match(gaz.nlp.make_doc(text))]
    assert found == [(0, len(text), str(ID[key]))]


# Protocols whose parent is not a convention (a protocol amending a protocol) and therefore stay without one.
PROTOCOLS_WITHOUT_CONVENTION = {"fixed-platforms-protocol-2005"}


def _protocols():
    return [pytest.param(e, id=e.id) for e in load_entities() if e.type == "Protocol"]


@pytest.mark.parametrize("protocol", _protocols())
def test_reference_every_protocol_has_its_parent_convention_both_ways(protocol):
    g = reference_graph()
    parents = list(g.objects(protocol.iri, UNODC.protocolOf))
    if protocol.id in PROTOCOLS_WITHOUT_CONVENTION:
        assert parents == []
        return
    assert len(parents) == 1, protocol.id
    parent = parents[0]
    assert (parent, RDF.type, UNODC.Convention) in g
    assert (parent, UNODC.hasProtocol, protocol.iri) in g
    assert str(parent).endswith("/" + protocol.row["parent"])


@pytest.mark.parametrize("protocol,convention", [
    ("iccpr-op1", "iccpr"), ("iccpr-op2", "iccpr"), ("icescr-optional-protocol", "icescr"),
    ("cedaw-optional-protocol", "cedaw"), ("opcat", "cat"), ("crc-opac", "crc"), ("crc-opsc", "crc"),
    ("crc-opic", "crc"), ("crpd-optional-protocol", "crpd"), ("refugee-protocol", "refugee-convention"),
])
def test_reference_human_rights_protocols_belong_to_their_convention(protocol, convention):
    g = reference_graph()
    assert (ID[f"protocol/{protocol}"], UNODC.protocolOf, ID[f"convention/{convention}"]) in g
    assert (ID[f"convention/{convention}"], UNODC.hasProtocol, ID[f"protocol/{protocol}"]) in g


@pytest.mark.parametrize("goal", [f"sdg-{n}" for n in range(1, 18)])
def test_reference_goal_is_part_of_its_agenda_and_adopted_by_the_general_assembly(goal):
    g = reference_graph()
    assert (ID[f"instrument/{goal}"], RDF.type, UNODC.Goal) in g
    assert (ID[f"instrument/{goal}"], UNODC.partOf, ID["instrument/agenda-2030"]) in g
    assert (ID[f"instrument/{goal}"], UNODC.adoptedInstrument, ID["body/ga"]) in g


@pytest.mark.parametrize("lang,text,goal", [
    ("en", "in line with Sustainable Development Goal 16 and SDG 1", ["sdg-16", "sdg-1"]),
    ("en", "SDG 17 and SDG 1", ["sdg-17", "sdg-1"]),
    ("zh", "实现可持续发展目标16和可持续发展目标1", ["sdg-16", "sdg-1"]),
    ("zh", "可持续发展目标10", ["sdg-10"]),
])
def test_reference_goal_number_is_read_whole(lang, text, goal):
    """A goal number is read to its end: 'SDG 16' / 可持续发展目标16 is goal 16, never goal 1 followed by 6."""
    from kg.extract.link import gazetteer

    gaz = gazetteer(lang)
    found = [str(m.iri) for m in gaz.match(gaz.nlp.make_doc(normalize_label(text)))]
    assert found == [str(ID[f"instrument/{g}"]) for g in goal]



@pytest.mark.parametrize("instrument,congress", [
    ("vienna-declaration-crime-justice", "crime-congress-10"), ("salvador-declaration", "crime-congress-12"),
    ("doha-declaration", "crime-congress-13"), ("kyoto-declaration", "crime-congress-14"),
    ("judiciary-independence-principles", "crime-congress-7"), ("use-of-force-firearms-principles", "crime-congress-8"),
    ("lawyers-role-principles", "crime-congress-8"), ("prosecutors-role-guidelines", "crime-congress-8"),
])
def test_reference_crime_congress_declaration_is_adopted_by_its_congress(instrument, congress):
    g = reference_graph()
    assert (ID[f"instrument/{instrument}"], UNODC.adoptedInstrument, ID[f"body/{congress}"]) in g

RESOLUTION_EXCERPTS = sorted((Path(__file__).parent / "data" / "resolutions").glob("*.toml"))


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in RESOLUTION_EXCERPTS])
def test_reference_official_chinese_and_english_resolution_cite_the_same_instruments(path):
    """The official English and Chinese texts of one resolution, extracted separately, cite the same
    reference treaties and instruments (the same IRIs): the ones listed in the excerpt file."""
    from kg.core.vocabulary import family
    from kg.extract.document import Extractor
    from kg.extract.ingest import parse_document

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    known = {e.iri: e for e in load_entities()}
    extractor = Extractor()
    cited = {}
    for lang in ("en", "zh"):
        doc = parse_document(f"{path.stem}.{lang}.md", data[lang]["text"].encode("utf-8"), lang)
        cited[lang] = {str(m.entity)[len(str(ID)):] for m in extractor.extract(doc).mentions
                       if m.entity in known and family(known[m.entity].type) in ("Treaty", "Instrument")}
    assert cited["en"] == cited["zh"] == set(data["cites"])
