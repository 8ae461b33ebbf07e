"""Entity linking, resolutions, new entities, relations and quantities on real and written passages."""

import pytest

from kg.core.namespaces import ID, UNODC
from kg.core.resources import rules
from kg.extract.document import Extractor
from kg.extract.relations import RULES, Sentence


def ids(extraction):
    return {str(m.entity)[len(str(ID)):] for m in extraction.mentions}


def rels(extraction):
    short = lambda t: str(t)[len(str(ID)):]
    return {(short(r.subject), str(r.predicate).rsplit("#", 1)[1], short(r.object)) for r in extraction.relations}


def test_extract_cnd_resolution_list_yields_nine(extract):
    x = extract("报告还载有根据麻醉药品委员会第56/9号、第59/3号、第60/8号、第61/2号、第61/9号、第62/7号、"
                "第63/4号、第64/1号和第64/2号决议、经济及社会理事会第1999/22号和第1999/23号决议以及预防犯罪和"
                "刑事司法委员会第27/4号决议所载要求提供的资料。")
    cnd = {i for i in ids(x) if i.startswith("resolution/cnd/")}
    assert len(cnd) == 9 and "resolution/cnd/64-2" in cnd
    assert {"resolution/ecosoc/1999-22", "resolution/ecosoc/1999-23", "resolution/ccpcj/27-4"} <= ids(x)
    assert ("resolution/cnd/56-9", "adoptedBy", "body/cnd") in rels(x)


@pytest.mark.parametrize("text,expected", [
    ("大会第76/181号决议", "resolution/ga/76-181"),
    ("根据联合国大会关于第十四届预防犯罪大会的第 76/181 号决议，", "resolution/ga/76-181"),
    ("as requested in General Assembly resolution 55/25.", "resolution/ga/55-25"),
    ("In Commission on Narcotic Drugs resolution 64/1, Member States", "resolution/cnd/64-1"),
    ("The Conference of the Parties to the United Nations Convention against Transnational Organized Crime, in its decision 9/1, welcomed", "decision/cop-untoc/9-1"),
    ("Economic and Social Council resolutions 1999/22 and 1999/23", "resolution/ecosoc/1999-23"),
    ("see A/RES/76/181.", "resolution/ga/76-181"),
])
def test_extract_resolution_patterns(extract, text, expected):
    assert expected in ids(extract(text))


def test_extract_resolution_without_body_is_not_guessed(extract):
    assert not [i for i in ids(extract("The Commission, in resolution 64/1, requested a report.")) if i.startswith("resolution/")]


def test_extract_chinese_names_inside_words(extract):
    x = extract("与日本、挪威和瑞典政府进行了战略对话，并发布了西班牙文版。")
    assert {"country/JPN", "country/NOR", "country/SWE", "country/ESP"} <= ids(x)


@pytest.mark.parametrize("text,absent", [
    ("其中非法药物的生产有所增加。", "region/middle-africa"),
    ("发展中国家面临挑战。", "country/CHN"),
    ("这是世界毒品问题。", "region/world"),
])
def test_extract_no_false_hits_across_word_boundaries(extract, text, absent):
    assert absent not in ids(extract(text))


@pytest.mark.parametrize("text,expected", [
    ("通过批准和加入《打击有组织犯罪公约》及其议定书", "convention/untoc"),
    ("麻委会第六十五届会议", "body/cnd"),
    ("毒品和犯罪问题办公室继续开展工作。", "organization/unodc"),
    ("《联合国反腐败公约》缔约国", "convention/uncac"),
    ("States parties to the United Nations Convention against Corruption", "convention/uncac"),
    ("the Commission on Narcotic Drugs (CND)", "body/cnd"),
])
def test_extract_short_forms_link_to_full_entity(extract, text, expected):
    assert expected in ids(extract(text))


def test_extract_same_iris_in_chinese_and_english(extract):
    zh = extract("毒品和犯罪问题办公室向阿富汗和哥伦比亚提供了援助，以支持实施《联合国反腐败公约》，并与世界卫生组织合作。")
    en = extract("UNODC provided assistance to Afghanistan and Colombia to support the implementation of the "
                 "United Nations Convention against Corruption, in cooperation with the World Health Organization.")
    common = {"organization/unodc", "country/AFG", "country/COL", "convention/uncac", "organization/who"}
    assert common <= ids(zh) and common <= ids(en)
    assert ("organization/unodc", "assists", "country/AFG") in rels(zh) & rels(en)
    assert ("organization/unodc", "partnerOf", "organization/who") in rels(zh) & rels(en)


def test_extract_acronym_case_sensitive(extract):
    x = extract("Those who use drugs need services. WHO and UNODC published guidance.")
    mentions = [m for m in x.mentions if m.entity == ID["organization/who"]]
    assert [m.text for m in mentions] == ["WHO"]


def test_extract_new_entities_get_deterministic_iris(extract):
    a = extract("2021 年 1 月，毒品和犯罪问题办公室启动了实施《联合国打击跨国有组织犯罪公约》全球方案的第二阶段。")
    b = extract("该办公室继续推进实施《联合国打击跨国有组织犯罪公约》全球方案。")
    new_a = {e.iri: e for e in a.new_entities if e.type == "GlobalProgramme"}
    new_b = {e.iri: e for e in b.new_entities if e.type == "GlobalProgramme"}
    assert new_a and new_a.keys() == new_b.keys()
    (iri,) = new_a
    assert (str(iri)[len(str(ID)):], "serves", "convention/untoc") in {
        (str(r.subject)[len(str(ID)):], str(r.predicate).rsplit("#", 1)[1], str(r.object)[len(str(ID)):]) for r in a.relations
    }


def test_extract_generic_programme_words_are_not_entities(extract):
    x = extract("该方案和这些技术援助方案继续进行。合作方案也在实施。")
    assert not x.new_entities


def test_extract_english_new_programme_and_defined_acronym(extract):
    x = extract("UNODC launched the Global Programme on Strengthening Criminal Justice Responses to Online Harms "
                "(GPOH) in 2022. GPOH trained 120 officers.")
    (new,) = [e for e in x.new_entities if e.type == "GlobalProgramme"]
    assert ("en", "Global Programme on Strengthening Criminal Justice Responses to Online Harms") in new.labels
    assert ("en", "GPOH") in new.aliases
    assert sum(1 for m in x.mentions if m.entity == new.iri) == 3


def test_extract_programme_relations_from_names_and_cues(extract):
    x = extract("2021 年最后一个季度启动了阿富汗及其邻国区域方案（2022-2025 年）和中亚方案（2022-2025 年）的新周期。")
    r = rels(x)
    assert ("programme/regional-programme-afghanistan-neighbouring-countries", "operatesIn", "country/AFG") in r
    assert ("programme/programme-central-asia", "operatesIn", "region/central-asia") in r
    en = rels(extract("The Container Control Programme, implemented jointly with the World Customs Organization, "
                      "expanded its work."))
    assert ("programme/container-control-programme", "implementedWith", "organization/wco") in en


def test_extract_assistance_list(extract):
    x = extract("毒品和犯罪问题办公室向阿塞拜疆、博茨瓦纳、科特迪瓦、冈比亚和多哥提供了立法援助。")
    assisted = {o for s, p, o in rels(x) if p == "assists" and s == "organization/unodc"}
    assert assisted == {"country/AZE", "country/BWA", "country/CIV", "country/GMB", "country/TGO"}


def test_extract_no_relation_without_cue(extract):
    x = extract("世界卫生组织和阿富汗均在报告中被提及。")
    assert not x.relations


@pytest.mark.parametrize("text,value,unit", [
    ("截获了超过 567 吨可卡因", "567", "tonne"),
    ("特别用途捐款总额为 3.54 亿美元", "354000000", "USD"),
    ("来自 83 个国家的 285 个实验室", "285", "实验室"),
    ("为三十五个国家提供了培训", "35", "国家"),
    ("trained 3,700 practitioners from 55 countries", "3700", "practitioners"),
    ("seized 567 tonnes of cocaine", "567", "tonne"),
    ("earmarked contributions of US$ 354 million", "354000000", "USD"),
])
def test_extract_quantities(extract, text, value, unit):
    assert (value, unit) in {(q.value, q.unit) for q in extract(text).quantities}


def test_extract_years_and_symbols_are_not_quantities(extract):
    x = extract("2021 年，根据第 64/1 号决议，in 2021 and resolution 64/1 (E/CN.7/2022/1).")
    assert not x.quantities


def test_extract_mentions_are_exact_source_spans(sample_doc):
    x = Extractor().extract(sample_doc)
    by_order = {p.order: p for p in sample_doc.paragraphs}
    assert len(x.mentions) > 300
    for m in x.mentions:
        p = by_order[m.paragraph]
        assert p.start <= m.start < m.end <= p.end
        assert sample_doc.text[m.start:m.end] == m.text


def test_extract_sample_covers_every_class(sample_graph):
    from rdflib.namespace import RDF

    classes = set()
    for m in sample_graph.subjects(RDF.type, UNODC.Mention):
        entity = sample_graph.value(m, UNODC.refersTo)
        classes.update(sample_graph.objects(entity, RDF.type))
    local = {str(c).rsplit("#", 1)[1] for c in classes}
    for needed in ("Commission", "Resolution", "Convention", "Protocol", "Country", "Region", "UNEntity"):
        assert needed in local, needed
    assert local & {"GlobalProgramme", "RegionalProgramme", "CountryProgramme", "Programme", "Network", "Platform"}
    assert local & {"Declaration", "Strategy", "Standard", "Agenda"}
    assert len(set(sample_graph.subjects(RDF.type, UNODC.Assertion))) > 20
    assert len(set(sample_graph.subjects(RDF.type, UNODC.Quantity))) > 20


def test_extract_abbreviation_belongs_to_the_longest_name_before_it(extract):
    x = extract("Officials from the Regional Anti-Corruption Academy for Central America and the Caribbean (RACA) "
                "attended. RACA hosted 30 judges.")
    (new,) = x.new_entities
    assert new.type == "AcademicInstitution" and ("en", "RACA") in new.aliases
    assert new.labels == (("en", "Regional Anti-Corruption Academy for Central America and the Caribbean"),)
    assert "region/central-america-and-the-caribbean" in ids(x)


def test_extract_new_organisation_partner_in_chinese(extract):
    """The partner cue gives the candidate with a recorded confidence; the scorer fitted on real-a..y puts a
    relation of a new Chinese name under the default threshold (0.13 on new text), so it is kept from --min-confidence 0.1."""
    from kg.extract.ingest import parse_document

    text = "毒品和犯罪问题办公室与西非司法培训研究所合作。"
    x = extract(text)
    (new,) = x.new_entities
    assert new.labels == (("zh", "西非司法培训研究所"),)
    lenient = Extractor(min_confidence=0.1).extract(parse_document("t.md", text.encode("utf-8"), None))
    assert ("organization/unodc", "partnerOf", str(new.iri)[len(str(ID)):]) in rels(lenient)


def test_extract_names_do_not_cross_title_marks(extract):
    x = extract("就如何建立有效和高效的《阿拉伯反腐败公约》实施情况审议机制提供咨询。")
    assert "convention/arab-anti-corruption-convention" in ids(x)
    assert "body/irm-uncac" not in ids(x) and not x.new_entities


@pytest.mark.parametrize("text,expected", [
    ("回顾大会2016年4月19日第S-30/1号决议，其中大会通过了成果文件，", "resolution/ga/S-30-1"),
    ("recalling General Assembly resolution S-30/1 of 19 April 2016,", "resolution/ga/S-30-1"),
])
def test_extract_special_session_resolutions(extract, text, expected):
    assert expected in ids(extract(text))


@pytest.mark.parametrize("text,linked", [
    ("第七十四届世界卫生大会通过了决议。", False),
    ("缔约国大会第九届会议", False),
    ("根据大会第七十六届会议的决定", True),
    ("经社理事会和大会", True),
    ("赞赏地注意到第八届大会探讨了加强国际合作的可能性。", False),
    ("该学院举办成立大会，秘书长出席成立大会并发表讲话。", False),
    ("决定在北京举行会员代表大会。", False),
    ("请秘书长向大会第七十九届会议提交报告。", True),
])
def test_extract_general_assembly_short_name_needs_a_boundary(extract, text, linked):
    assert ("body/ga" in ids(extract(text, "zh"))) is linked


@pytest.mark.parametrize("text", ["回顾大会第S-30/1号决议", "注意到大会的决定", "大会通过了决议。",
                                  "铭记大会2006年3月15日第60/251号决议第6段，", "又铭记大会通过的战略，"])
def test_extract_general_assembly_after_verbs(extract, text):
    assert "body/ga" in ids(extract(text, "zh"))


@pytest.mark.parametrize("text", [
    "the Single Convention on Narcotic Drugs of 1961 as amended by the 1972 Protocol",
    "经《1972年议定书》修正的《1961年麻醉品单一公约》",
])
def test_extract_convention_amended_by_protocol(extract, text):
    assert ("convention/single-convention", "hasProtocol", "protocol/single-convention-protocol-1972") in rels(extract(text))


def test_extract_partners_listed_with_abbreviations_and_bodies(extract):
    en = rels(extract("UNODC continued to work in partnership with the World Health Organization (WHO), the Joint "
                      "United Nations Programme on HIV/AIDS (UNAIDS) and the United Nations Development Programme."))
    assert {("organization/unodc", "partnerOf", o) for o in ("organization/who", "organization/unaids", "organization/undp")} <= en
    zh = rels(extract("毒品和犯罪问题办公室继续与世卫组织、麻管局、国际原子能机构和联合国开发计划署等国际伙伴一道倡导获取受管制药物。"))
    assert ("organization/unodc", "partnerOf", "organization/iaea") in zh
    assert ("organization/unodc", "partnerOf", "organization/undp") in zh


def test_extract_partnership_is_stated_with_unodc_first(extract):
    x = rels(extract("2021 年 8 月，世卫组织与毒品和犯罪问题办公室发布了第二份联合声明。"))
    assert ("organization/unodc", "partnerOf", "organization/who") in x


def test_extract_its_own_resolutions_in_a_body_document(extract):
    zh = ids(extract("麻醉药品委员会，\n\n回顾其2019年3月15日第62/5号决议，\n\n注意到其第64/1号决议，\n"))
    assert {"resolution/cnd/62-5", "resolution/cnd/64-1"} <= zh
    en = ids(extract("Commission on Crime Prevention and Criminal Justice\n\nRecalling its resolution 30/1,\n"))
    assert "resolution/ccpcj/30-1" in en
    assert not [i for i in ids(extract("Recalling its resolution 30/1,\n")) if i.startswith("resolution/")]


def test_extract_programme_serves_treaty_named_before_its_implementation(extract):
    x = rels(extract("毒品和犯罪问题办公室继续通过夏洛克数据库收集和分析以下方面的法律信息：《打击有组织犯罪公约》及其各项议定书实施情况。"))
    assert ("programme/sherloc", "serves", "convention/untoc") in x


def test_extract_relation_stated_twice_in_a_paragraph_keeps_one_confidence(sample_doc):
    """Regression: one rule stating a relation twice in a paragraph with two confidences gave its evidence node
    two unodc:confidence values (a SHACL violation on large documents)."""
    from dataclasses import replace

    from rdflib.namespace import RDF

    from kg.core.namespaces import ID, UNODC
    from kg.extract.records import Extraction, Relation
    from kg.extract.to_rdf import document_graph

    paragraph = sample_doc.paragraphs[10].order
    first = Relation(ID["organization/unodc"], UNODC.assists, ID["country/AFG"], paragraph, "one sentence.", "assist-cue", 0.61)
    again = replace(first, evidence="another sentence.", confidence=0.87)
    graph = document_graph(sample_doc, Extraction(relations=[first, again]))
    nodes = list(graph.subjects(RDF.type, UNODC.Assertion))
    assert len(nodes) == 1
    assert [float(c) for c in graph.objects(nodes[0], UNODC.confidence)] == [0.87]
    assert [str(e) for e in graph.objects(nodes[0], UNODC.evidence)] == ["another sentence."]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_extract_each_relation_rule_is_silent_without_mentions(rule, lang):
    """Every rule of the table runs on each language's cue data and states nothing where nothing is named."""
    text = {"en": "In partnership with the members, assistance to the region was provided as part of the work.",
            "zh": "在合作伙伴的支持下，向该区域提供了援助，作为工作的一部分。"}[lang]
    assert rule(Sentence(text, [], lang, rules()["relations"][lang])) == []
