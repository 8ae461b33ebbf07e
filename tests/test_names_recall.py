"""Entity recall rules (issue 15): national bodies named without their State, States as parties (中方), acronyms in
lists of organisations, country programmes named without their country, treaty bodies written as the treaty's name
and the body's head, new places, and the cases each rule must leave alone."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID
from kg.extract.gold import GoldNames


def new_names(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


FOUND = [
    # central bodies named without their State, and a unit right after one
    ("zh", "国家禁毒委员会副主任率国家禁毒办、外交部、最高人民检察院共同参会。", {"外交部", "最高人民检察院"}, set()),
    ("zh", "2013年国务院对应对履约审议的总体原则作出了安排。", {"国务院"}, set()),
    ("zh", "公安部禁毒局和海关总署参加了会议。", {"公安部", "公安部禁毒局", "海关总署"}, set()),
    ("zh", "越南公安部派员出席。", {"越南公安部"}, set()),
    # a body before a person and the person's title
    ("zh", "司法警察局苏兆强副局长和社会工作局郑耀达厅长代表澳门特区参会。", {"司法警察局", "社会工作局"}, set()),
    # a name joined by 和 with its Latin abbreviation, after 下属
    ("zh", "该项目由美国国务院下属国际麻醉品和执法局 （INL）资助。", {"国际麻醉品和执法局", "美国国务院"}, set()),
    ("zh", "毒品和犯罪问题办公室执行主任和美国国家禁毒政策办公室主任发布了报告。", {"美国国家禁毒政策办公室"}, set()),
    # a State as a party
    ("zh", "佩姬代表感谢中方长期以来的支持，塔方也表示感谢。", set(), {"country/CHN", "country/TJK"}),
    # reference bodies under other Chinese spellings and short forms
    ("zh", "国际麻醉药品管制局监督各国政府遵守国际药物管制条约。", set(), {"body/incb"}),
    ("zh", "第68届联合国麻醉品委员会会议在维也纳举行。", set(), {"body/cnd"}),
    ("zh", "违禁作物监测方案的目标是协助各国发展国家监测系统。", set(), {"programme/illicit-crop-monitoring-programme"}),
    ("zh", "坚定维护以联合国三项禁毒公约为基础的国际禁毒体制。", set(),
     {"convention/single-convention", "convention/psychotropic-convention", "convention/illicit-traffic-convention"}),
    ("zh", "中国已加入联合国三个禁毒国际公约。", set(),
     {"convention/single-convention", "convention/psychotropic-convention", "convention/illicit-traffic-convention"}),
    # a treaty's conference and review mechanism written with the treaty's name
    ("zh", "2009年11月，《联合国反腐败公约》第三届缔约国会议决定建立审议机制。", set(), {"body/cosp-uncac"}),
    ("zh", "各国代表就UNTOC履约机制等内容进行了交流。", set(), {"body/review-mechanism-untoc"}),
    # acronyms listed with known organisations' acronyms
    ("en", "The participating organizations (ILO, IOM, UNICEF, UNIFEM, UNDAW, UNHCR and UNODC) decided to continue.",
     {"UNDAW"}, {"organization/unifem"}),
    ("en", "The UNODC-UNDAW partnership is one such example.", {"UNDAW"}, set()),
    # a head-only name given its abbreviation; a name ended before a town and before an honorific
    ("en", "UNODC supported the Drug Control Agency (DCA) under the President of Tajikistan.", {"Drug Control Agency"}, set()),
    ("en", "These include the Central Asia Regional Information and Coordination Center in Almaty; border control.",
     set(), {"organization/caricc"}),
    ("en", "The Additional Inspector General of the Police of Khyber Pakhtunkhwa Mr. Khalid Masood was present.",
     {"Police of Khyber Pakhtunkhwa"}, set()),
    # the owner leaves an instrument's name, unless only the head and the years would be left
    ("en", "The UNODC Model Law against Trafficking in Persons was developed.", {"Model Law against Trafficking in Persons"}, set()),
    ("en", "UNODC implements the UNODC Strategy (2021–2025) in synergy.", set(), {"instrument/unodc-strategy-2021-2025"}),
    # a declaration joined by "and" to a plan in one title
    ("en", "It adopted the Declaration and Plan of Action on Drug Abuse Control and Illicit Drug Trafficking in Africa, which",
     {"Declaration and Plan of Action on Drug Abuse Control and Illicit Drug Trafficking in Africa"}, set()),
    # a country programme named without its country, in a passage on one State
    ("en", "UNODC and the Government of Pakistan signed a new Country Programme.", set(), {"programme/country-programme-pakistan"}),
    ("en", "Under Country Programme II, UNODC will help Pakistan.", set(), {"programme/country-programme-pakistan"}),
    # a place in an organisation's name that both its names state
    ("en", "UNODC and the Organization for Security and Co-operation in Europe (OSCE) reviewed results.", set(), {"region/europe"}),
    # new places
    ("en", "The team countered piracy in the Gulf of Aden, the Red Sea and the Indian Ocean.",
     {"Gulf of Aden", "Red Sea", "Indian Ocean"}, set()),
    ("zh", "推动非洲、亚太地区、近东及中东等地区层次的合作，在亚丁湾打击海盗。", {"亚太地区", "近东", "亚丁湾"}, set()),
    # the Pacific and Asia-Pacific, whatever the word after them
    ("en", "Customs training grew in the Asia-Pacific region and in small States of the Pacific.", {"Asia-Pacific", "Pacific"},
     set()),
    # a new place's name holding a known place's
    ("en", "Fishers around the Lake Chad basin met officials.", {"Lake Chad basin"}, set()),
    # bodies named by their subject and 问题, ad hoc committees named by their task
    ("zh", "附件一所载有组织跨国犯罪问题高级专家组拟订的建议；当代形式奴隶制问题工作组的建议。",
     {"有组织跨国犯罪问题高级专家组", "当代形式奴隶制问题工作组"}, set()),
    ("zh", "在拟订这些文书过程中，拟订一项禁止生殖性克隆人国际公约特设委员会审议了文书。",
     {"拟订一项禁止生殖性克隆人国际公约特设委员会"}, set()),
    # a new name followed by a reference entity's abbreviation is that entity
    ("zh", "中国政府支持延期“改善毒罪办管理和财务问题工作组”（FINGOV）。", set(), {"body/fingov"}),
]

LEFT_ALONE = [
    # any State's ministries, a person's title, a common word
    ("zh", "各国外交部和司法部应加强合作。", set(), {"外交部", "司法部"}),
    ("zh", "外交部长在会上发言。", set(), {"外交部"}),
    ("zh", "对各国执法和医疗卫生部门构成严峻挑战。", set(), {"卫生部"}),
    ("zh", "中国司法部副部长刘志强表示欢迎。", set(), {"中国司"}),
    # 方 opening a word; a place inside a transliterated person's name; a session of a meeting
    ("zh", "采取集中方式和加方案。", {"country/CAN"}, set()),
    ("zh", "执行主任安东尼奥·马里亚·科斯塔说。", {"country/MLI"}, set()),
    ("zh", "本届大会期间举办了若干个边会。", {"body/ga"}, set()),
    # 欧洲 in 欧洲联盟, which "European Union" does not name
    ("zh", "在欧洲联盟的支持下举行了会议。", {"region/europe"}, set()),
    # acronyms of other things; an indefinite description with an abbreviation; a longer name holding a sea
    ("en", "HIV and AIDS services were provided by UNODC and WHO.", set(), {"HIV", "AIDS"}),
    ("en", "The States adopted a Joint Plan of Action (JPA) last year.", set(), {"Joint Plan of Action"}),
    ("en", "UNODC supported the Indian Ocean Forum on Maritime Crime.", set(), {"Indian Ocean"}),
    ("en", "The Pacific Islands Forum met experts of Asia and the Pacific.", set(), {"Pacific"}),
    ("en", "Fishers around the Lake Chad basin met officials.", {"country/TCD"}, set()),
    ("en", "The Declaration and Plan of Action on Drug Control in Africa was adopted.", set(),
     {"Plan of Action on Drug Control in Africa"}),
    ("en", "The Political Declaration and the Plan of Action were adopted.", set(),
     {"Political Declaration and the Plan of Action"}),
    ("zh", "目前索马里海域的形势，3260公里海岸线。", set(), {"里海"}),
    # 有组织 "organized" is no organisation's head
    ("zh", "尼日利亚和萨赫勒地区跨国有组织犯罪问题严重。", set(), {"尼日利亚和萨赫勒地区跨国有组织"}),
]


@pytest.mark.parametrize("lang,text,names,iris", FOUND, ids=[c[1][:40] for c in FOUND])
def test_recall_names_found(extract, lang, text, names, iris):
    x = extract(text, lang)
    assert names <= new_names(x), new_names(x)
    assert iris <= linked(x), linked(x)


@pytest.mark.parametrize("lang,text,iris,names", LEFT_ALONE, ids=[c[1][:40] for c in LEFT_ALONE])
def test_recall_names_left_alone(extract, lang, text, iris, names):
    x = extract(text, lang)
    assert not iris & linked(x), linked(x)
    assert not names & new_names(x), new_names(x)


def test_recall_new_places_have_place_iris(extract):
    x = extract("Piracy in the Gulf of Aden fell.", "en")
    assert [str(e.iri) for e in x.new_entities] == [str(ID["place/gulf-of-aden"])]
    assert {e.type for e in x.new_entities} == {"Region"}


@pytest.mark.parametrize("item,expected", [("standard/nelson-mandela-rules", "instrument/nelson-mandela-rules"),
                                           ("strategy/unodc-strategy-2021-2025", "instrument/unodc-strategy-2021-2025"),
                                           ("country/AFG", "country/AFG")])
def test_recall_gold_instrument_kinds(item, expected):
    from kg.core.reference import entities_by_iri

    assert GoldNames(entities_by_iri()).entity(item)[0] == expected
