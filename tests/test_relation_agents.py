"""Features of implementedWith candidates (kg.extract.relations.agents, kg.extract.candidates): an organisation that
runs, sets up or takes part in a programme (agent), a funder is no implementing partner (funder); on passages written
for the test in both languages."""

import pytest

from kg.core.namespaces import UNODC
from kg.extract.candidates import FEATURES
from kg.extract.document import Extractor
from kg.extract.ingest import parse_document


@pytest.fixture(scope="module")
def features():
    extractor = Extractor(keep_candidates=True)

    def run(text: str, lang: str, kind: str = "implementedWith") -> dict:
        extraction = extractor.extract(parse_document("case.txt", text.encode("utf-8"), lang))
        out: dict = {}
        for _, c in extraction.candidates:
            if c.predicate == UNODC[kind]:
                key = (str(c.subject).rsplit("/id/", 1)[-1], str(c.object).rsplit("/id/", 1)[-1])
                values = dict(zip(FEATURES, c.features))
                out[key] = {k: max(v, out.get(key, {}).get(k, 0.0)) for k, v in values.items()}
        return out
    return run


@pytest.mark.parametrize("text,lang,pair", [
    ("In 2012, INTERPOL and the World Customs Organization set up the Container Control Programme in Ecuador.", "en",
     ("programme/container-control-programme", "organization/wco")),
    ("The World Customs Organization also participates in the Container Control Programme.", "en",
     ("programme/container-control-programme", "organization/wco")),
    ("The Container Control Programme, implemented by the World Customs Organization, reached Peru.", "en",
     ("programme/container-control-programme", "organization/wco")),
    ("世界海关组织参与了集装箱管制方案。", "zh", ("programme/container-control-programme", "organization/wco")),
    ("集装箱管制方案由世界海关组织实施。", "zh", ("programme/container-control-programme", "organization/wco")),
    ("集装箱管制方案由世界海关组织合作实施。", "zh", ("programme/container-control-programme", "organization/wco")),
    ("集装箱管制方案由国际刑警组织和世界海关组织联合实施。", "zh", ("programme/container-control-programme", "organization/wco")),
    ("集装箱管制方案由国际刑警组织、世界海关组织和开发署共同执行。", "zh",
     ("programme/container-control-programme", "organization/wco")),
    ("The Container Control Programme is implemented jointly by INTERPOL and the World Customs Organization.", "en",
     ("programme/container-control-programme", "organization/wco")),
], ids=["en-set-up", "en-participates", "en-passive", "zh-participates", "zh-passive", "zh-passive-prefixed-verb",
        "zh-passive-listed-last", "zh-passive-listed-middle", "en-passive-listed"])
def test_relation_organisation_running_a_programme_is_its_agent(features, text, lang, pair):
    assert features(text, lang)[pair]["agent"] == 1.0


@pytest.mark.parametrize("text,lang,pair", [
    ("The Container Control Programme reached Peru, which INTERPOL had visited before.", "en",
     ("programme/container-control-programme", "organization/interpol")),
    ("国际刑警组织发表了声明；集装箱管制方案在秘鲁开展活动。", "zh",
     ("programme/container-control-programme", "organization/interpol")),
], ids=["en-no-verb", "zh-other-clause"])
def test_relation_organisation_merely_named_is_no_agent(features, text, lang, pair):
    assert features(text, lang).get(pair, {}).get("agent", 0.0) == 0.0


@pytest.mark.parametrize("text,lang,pair", [
    ("The Container Control Programme, funded by the European Union, trains customs officers.", "en",
     ("programme/container-control-programme", "organization/european-union")),
    ("集装箱管制方案由欧洲联盟资助。", "zh", ("programme/container-control-programme", "organization/european-union")),
], ids=["en-funded-by", "zh-funded"])
def test_relation_funder_of_a_programme_is_marked(features, text, lang, pair):
    assert features(text, lang)[pair]["funder"] == 1.0


@pytest.mark.parametrize("text,lang,pair", [
    ("Officials from Ghana, Kenya and Peru attended the workshop of the Global Maritime Crime Programme.", "en",
     ("programme/global-maritime-crime-programme", "country/KEN")),
    ("The meeting of the Paris Pact Initiative, with participants from Iran and Pakistan, reviewed the plan.", "en",
     ("programme/paris-pact-initiative", "country/PAK")),
    ("来自加纳、肯尼亚和秘鲁的官员参加了全球海事犯罪方案举办的讲习班。", "zh",
     ("programme/global-maritime-crime-programme", "country/KEN")),
    ("Ministers of Justice of Ghana and Kenya signed the declaration of the Global Maritime Crime Programme.", "en",
     ("programme/global-maritime-crime-programme", "country/KEN")),
    ("来自加纳和肯尼亚的部长签署了全球海事犯罪方案的宣言。", "zh", ("programme/global-maritime-crime-programme", "country/KEN")),
], ids=["en-officials-from-attended", "en-with-participants-from", "zh-officials-from-attended", "en-ministers-of-signed",
        "zh-ministers-from-signed"])
def test_relation_places_of_attendees_are_marked(features, text, lang, pair):
    assert features(text, lang, "operatesIn")[pair]["attendance"] == 1.0


@pytest.mark.parametrize("text,lang,pair", [
    ("The Global Maritime Crime Programme trained officials from Ghana and Kenya in Mombasa.", "en",
     ("programme/global-maritime-crime-programme", "country/KEN")),
    ("全球海事犯罪方案为加纳和肯尼亚的官员提供了培训。", "zh", ("programme/global-maritime-crime-programme", "country/KEN")),
], ids=["en-trained-officials-from", "zh-trained-officials"])
def test_relation_places_of_trainees_are_no_attendance(features, text, lang, pair):
    assert features(text, lang, "operatesIn")[pair]["attendance"] == 0.0


@pytest.fixture(scope="module")
def rels(relation_triples):
    return relation_triples


@pytest.mark.parametrize("text,lang", [
    ("毒罪办为来自加纳和肯尼亚的官员举办了培训，学员参加了讨论。", "zh"),
    ("UNODC trained 40 officers from Ghana and Kenya, who then shared their experience.", "en"),
    ("Trainees from Ghana and Kenya attended the UNODC training course in Accra.", "en"),
], ids=["zh-training-for-officials-from", "en-trained-officers-from", "en-trainees-from"])
def test_relation_people_trained_by_unodc_are_assisted_not_attendees(rels, features, text, lang):
    assert ("organization/unodc", "assists", "country/KEN") in rels(text, lang)
    found = features(text, lang, "assists")
    assert found.get(("organization/unodc", "country/KEN"), {}).get("attendance", 0.0) == 0.0
    assert all(values["attendance"] == 0.0 for values in found.values())


@pytest.mark.parametrize("text,lang", [
    ("Officials from Ghana and Kenya attended the meeting of the Paris Pact Initiative in Vienna.", "en"),
    ("来自加纳和肯尼亚的官员出席了巴黎公约倡议在维也纳举行的会议。", "zh"),
], ids=["en", "zh"])
def test_relation_countries_of_attendees_are_no_places_of_work(rels, text, lang):
    assert ("programme/paris-pact-initiative", "operatesIn", "country/KEN") not in rels(text, lang)


@pytest.mark.parametrize("text,lang,pair,value", [
    ("东南亚司法网络现有21个成员，包括澳大利亚、文莱和柬埔寨。", "zh", ("programme/seajust", "country/BRN"), 1.0),
    ("The Paris Pact Initiative has grown since 2003. Its members include Iran and Pakistan.", "en",
     ("programme/paris-pact-initiative", "country/PAK"), 1.0),
    ("The Paris Pact Initiative works in Iran and Pakistan.", "en", ("programme/paris-pact-initiative", "country/PAK"), 0.0),
    ("东南亚司法网络在澳大利亚、文莱和柬埔寨开展工作。", "zh", ("programme/seajust", "country/BRN"), 0.0),
], ids=["zh-members-including", "en-members-include", "en-works-in", "zh-works-in"])
def test_relation_places_listed_as_members_are_marked(features, text, lang, pair, value):
    assert features(text, lang, "operatesIn")[pair]["member_place"] == value


@pytest.mark.parametrize("text,lang", [
    ("UNODC trained 40 officers in Mombasa. Officers from Kenya and Uganda expressed their appreciation.", "en"),
    ("毒罪办在蒙巴萨培训了40名官员。来自肯尼亚和乌干达的官员表示感谢。", "zh"),
], ids=["en-trained-then-spoke", "zh-trained-then-spoke"])
def test_relation_people_who_speak_after_training_are_no_attendees(features, text, lang):
    found = features(text, lang, "assists")
    assert found.get(("organization/unodc", "country/KEN"), {}).get("attendance", 0.0) == 0.0
    assert all(values["attendance"] == 0.0 for values in found.values())


@pytest.mark.parametrize("text,lang,in_list", [
    ("里海海事培训中心与毒品和犯罪问题办公室合作，培训了海岸警卫队。", "zh", 0.0),
    ("The Caspian Sea Maritime Training Centre, in partnership with UNODC, trained coast guards.", "en", 0.0),
    ("毒品和犯罪问题办公室与国际刑警组织和世界海关组织开展合作。", "zh", 1.0),
], ids=["zh-with-is-no-list", "en-with", "zh-partners-listed-after-with"])
def test_relation_a_partner_after_with_is_no_list_item(features, text, lang, in_list):
    values = [v["in_list"] for v in features(text, lang, "partnerOf").values()]
    assert values and max(values) == in_list


@pytest.mark.parametrize("text,place", [
    ("毒罪办感谢日本提供的资金支持。", "country/JPN"),
    ("毒罪办与老挝建立了伙伴关系。", "country/LAO"),
    ("毒罪办赞扬泰国开展的禁毒工作。", "country/THA"),
    ("毒罪办对缅甸实施的替代发展政策表示支持。", "country/MMR"),
], ids=["zh-donor-provides", "zh-partner-established", "zh-state-carries-out", "zh-state-implements"])
def test_relation_a_place_that_acts_has_no_location_cue(features, text, place):
    """A Chinese word of work after a place without the frame that opens it (在/向 X) says the place acts (review rel7-12)."""
    values = features(text, "zh", "assists")[("organization/unodc", place)]
    assert values["cue_location"] == 0.0 and values["cue_after"] == 0.0
    assert values["cue_assist"] == (1.0 if text.startswith("毒罪办对") else 0.0)  # 对缅甸: the frame of support
