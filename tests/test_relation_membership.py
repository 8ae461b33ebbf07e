"""Relations of issue 15 by error class, on passages written for the test (not the annotated ones): a member named by
its role in a whole (cosponsor, convening agency, 共同发起组织, "是 Y 成员"), and the places of work an organisation
supports ("with support from UNODC", 在毒罪办的支持下)."""

import pytest


@pytest.fixture(scope="module")
def rels(relation_triples):
    return relation_triples


@pytest.mark.parametrize("text,lang", [
    ("UNODC, a UNAIDS cosponsor, leads the response to HIV among people who use drugs.", "en"),
    ("UNODC, UNAIDS's convening agency for HIV in prisons, supports national programmes.", "en"),
    ("UNODC is a cosponsor of UNAIDS.", "en"),
    ("毒品和犯罪问题办公室作为联合国艾滋病毒/艾滋病联合规划署的共同发起组织，负责监狱中的艾滋病毒问题。", "zh"),
    ("毒品和犯罪问题办公室是联合国艾滋病毒/艾滋病联合规划署成员。", "zh"),
])
def test_relation_member_named_by_its_role(rels, text, lang):
    assert ("organization/unodc", "partOf", "organization/unaids") in rels(text, lang)


@pytest.mark.parametrize("text,lang", [
    ("毒品和犯罪问题办公室与联合国艾滋病毒/艾滋病联合规划署成员举行了会议。", "zh"),
    ("毒品和犯罪问题办公室支持东盟成员国加强边境管理。", "zh"),
    ("UNODC met the UNAIDS cosponsors in Geneva.", "en"),
])
def test_relation_member_cue_without_membership(rels, text, lang):
    assert not any(p == "partOf" for _, p, _ in rels(text, lang))


@pytest.mark.parametrize("text,lang,place", [
    ("A national workshop was held in Nairobi, Kenya, with support from UNODC.", "en", "country/KEN"),
    ("In West Africa, several regional initiatives were launched by Governments with the support of the United Nations "
     "Office on Drugs and Crime.", "en", "region/western-africa"),
    ("肯尼亚在毒品和犯罪问题办公室的支持下举办了全国讲习班。", "zh", "country/KEN"),
    ("在毒品和犯罪问题办公室的技术支持下，肯尼亚举办了全国讲习班。", "zh", "country/KEN"),
])
def test_relation_places_an_organisation_supports(rels, text, lang, place):
    assert ("organization/unodc", "assists", place) in rels(text, lang)


def test_relation_support_cue_is_not_said_of_a_flow(rels):
    assert not any(p == "assists" for _, p, _ in rels("Heroin trafficked from Afghanistan was seized with the support of UNODC.", "en"))


@pytest.mark.parametrize("text,lang,expected", [
    ("The members of the Paris Pact Initiative include UNODC, the European Union and the World Bank.", "en",
     {"organization/unodc", "organization/european-union", "organization/world-bank"}),
    ("Members of the United Nations Crime Prevention and Criminal Justice Programme Network include UNODC and UNICRI.", "en",
     {"organization/unodc", "organization/unicri"}),
])
def test_relation_members_of_a_whole_listed_after_it(rels, text, lang, expected):
    whole = {o for _, p, o in rels(text, lang) if p == "partOf"}
    assert len(whole) == 1 and expected == {s for s, p, _ in rels(text, lang) if p == "partOf"}


@pytest.mark.parametrize("text,lang", [
    ("The Global Judicial Integrity Network is one of the initiatives of the Global Programme for the Implementation of "
     "the Doha Declaration.", "en"),
    ("The Global Judicial Integrity Network is one of the four components of the Global Programme for the Implementation "
     "of the Doha Declaration.", "en"),
    ("全球司法廉正网络是执行多哈宣言全球方案的四个组成部分之一。", "zh"),
    ("全球司法廉正网络是执行多哈宣言全球方案的一项倡议。", "zh"),
])
def test_relation_one_of_the_parts_of_a_programme(rels, text, lang):
    assert ("programme/global-judicial-integrity-network", "partOf", "programme/doha-declaration-global-programme") \
        in rels(text, lang)


@pytest.mark.parametrize("text,lang,expected", [
    ("The Global Programme against Money Laundering was established pursuant to the United Nations Convention against "
     "Transnational Organized Crime.", "en", ("programme/gpml", "convention/untoc")),
    ("SHERLOC was developed in line with the United Nations Convention against Transnational Organized Crime.", "en",
     ("programme/sherloc", "convention/untoc")),
    ("夏洛克数据库是根据《联合国打击跨国有组织犯罪公约》设立的。", "zh", ("programme/sherloc", "convention/untoc")),
])
def test_relation_programme_set_up_under_a_treaty_serves_it(rels, text, lang, expected):
    assert (expected[0], "serves", expected[1]) in rels(text, lang)


def test_relation_member_of_a_committee_of_a_whole_opening_the_sentence(rels):
    r = rels("作为联合国移民问题网络执行委员会的成员，毒品和犯罪问题办公室继续支持加强机构间协调。", "zh")
    assert ("organization/unodc", "partOf", "programme/un-network-on-migration") in r


@pytest.mark.parametrize("text,lang,places", [
    ("UNODC handed over equipment to the Kenya Coast Guard.", "en", {"country/KEN"}),
    ("UNODC donated vehicles to Kenya and Uganda.", "en", {"country/KEN", "country/UGA"}),
    ("毒品和犯罪问题办公室向肯尼亚海岸警卫队移交了两艘巡逻艇。", "zh", {"country/KEN"}),
    ("毒品和犯罪问题办公室向肯尼亚捐赠了车辆。", "zh", {"country/KEN"}),
])
def test_relation_goods_handed_over_to_a_place_or_its_institution(rels, text, lang, places):
    assert places <= {o for s, p, o in rels(text, lang) if s == "organization/unodc" and p == "assists"}


@pytest.mark.parametrize("text,lang", [
    ("中国政府向毒品和犯罪问题办公室捐赠了100万美元。", "zh"),
    ("The Government of Japan donated funds to UNODC for its work.", "en"),
])
def test_relation_donation_to_unodc_is_not_assistance(rels, text, lang):
    assert not any(p == "assists" for _, p, _ in rels(text, lang))


@pytest.mark.parametrize("text,lang,expected", [
    ("The Container Control Programme, through its Air Cargo Control Programme, trains officers.", "en",
     ("programme/air-cargo-control-programme", "programme/container-control-programme")),
    ("Through its Education for Justice initiative, the Global Programme for the Implementation of the Doha Declaration "
     "reached teachers.", "en", ("programme/e4j", "programme/doha-declaration-global-programme")),
    ("执行多哈宣言全球方案通过其教育促进正义倡议开展工作。", "zh", ("programme/e4j", "programme/doha-declaration-global-programme")),
])
def test_relation_programme_of_a_programme_its_possessive_names(rels, text, lang, expected):
    assert (expected[0], "partOf", expected[1]) in rels(text, lang)


@pytest.mark.parametrize("text,lang", [
    ("UNODC, through its Global Maritime Crime Programme, trains coast guards.", "en"),
    ("The Container Control Programme works with the World Customs Organization and its Global Maritime Crime Programme.",
     "en"),
])
def test_relation_its_of_an_organisation_is_not_part_of_a_programme(rels, text, lang):
    assert not any(p == "partOf" for _, p, _ in rels(text, lang))


@pytest.mark.parametrize("text,lang", [
    ("Experts presented the requirements of the United Nations Convention against Transnational Organized Crime (UNTOC) "
     "and its Firearms Protocol.", "en"),
    ("The Firearms Protocol is one of the three protocols supplementing the United Nations Convention against "
     "Transnational Organized Crime.", "en"),
    ("《枪支议定书》是《联合国打击跨国有组织犯罪公约》的重要议定书之一。", "zh"),
    ("各国应批准《联合国打击跨国有组织犯罪公约》及其《枪支议定书》。", "zh"),
])
def test_relation_convention_and_its_protocol(rels, text, lang):
    assert ("convention/untoc", "hasProtocol", "protocol/firearms-protocol") in rels(text, lang)


@pytest.mark.parametrize("text,lang,expected", [
    ("In 2003 UNODC teamed up with the World Customs Organization (WCO) to launch the Container Control Programme.", "en",
     ("programme/container-control-programme", "organization/wco")),
    ("UNODC joined forces with INTERPOL to launch the Global Maritime Crime Programme.", "en",
     ("programme/global-maritime-crime-programme", "organization/interpol")),
    ("毒品和犯罪问题办公室与世界海关组织合作启动了集装箱管制方案。", "zh",
     ("programme/container-control-programme", "organization/wco")),
])
def test_relation_programme_partners_launch_together(rels, text, lang, expected):
    r = rels(text, lang)
    assert (expected[0], "implementedWith", expected[1]) in r and not any(p == "partnerOf" for _, p, _ in r)


@pytest.mark.parametrize("text,lang,place", [
    ("中国政府感谢毒品和犯罪问题办公室长期以来在技术和人员培训等方面对中国禁毒工作的支持。", "zh", "country/CHN"),
    ("毒品和犯罪问题办公室对肯尼亚刑事司法改革的支持取得了成效。", "zh", "country/KEN"),
])
def test_relation_support_of_an_organisation_for_a_place_named_as_a_noun(rels, text, lang, place):
    assert ("organization/unodc", "assists", place) in rels(text, lang)


@pytest.mark.parametrize("text,expected", [
    ("11 March 2009 - UNODC and WHO launched the Joint Programme on Drug Dependence Treatment and Care.",
     ("programme/unodc-who-programme-drug-dependence-treatment", "implementedWith", "organization/who")),
    ("28 November to 1 December 2022 - UNODC and INTERPOL held a training in Abidjan.",
     ("organization/unodc", "partnerOf", "organization/interpol")),
])
def test_relation_joint_subjects_after_an_opening_date(rels, text, expected):
    assert expected in rels(text, "en")


def test_relation_partners_assisting_member_states_are_not_members(rels):
    r = rels("毒品和犯罪问题办公室与世界卫生组织合作向东南亚国家联盟的成员国提供了援助。", "zh")
    assert ("organization/unodc", "partnerOf", "organization/who") in r and not any(p == "partOf" for _, p, _ in r)


def test_relation_sentence_initial_joint_heads(rels):
    r = rels("Senior staff from UNODC and the World Health Organization reviewed the joint programme.", "en")
    assert ("organization/unodc", "partnerOf", "organization/who") in r


def test_relation_every_funder_listed_is_not_a_partner_of_the_programme(rels):
    r = rels("The training was funded by Japan and the European Union and delivered by UNODC in partnership with INTERPOL "
             "under the framework of the Container Control Programme.", "en")
    assert ("programme/container-control-programme", "implementedWith", "organization/interpol") in r
    assert ("programme/container-control-programme", "implementedWith", "organization/european-union") not in r


def test_relation_no_framework_cue_attaches_no_programme():
    from kg.extract.link import Match
    from kg.extract.relations.evidence import attached_programmes

    text = "Argentina (Spotlight Initiative)"
    mentions = [Match(0, 9, "country/ARG", "Country", "label"), Match(11, 31, "programme/spotlight", "Initiative", "label")]
    assert attached_programmes(text, mentions, []) == {}
    assert attached_programmes("Argentina (through Spotlight Initiative)", [mentions[0], Match(19, 39, "p", "Initiative", "label")],
                               ["through"]) != {}


def test_relation_planned_support_named_as_a_noun_is_not_assistance(rels):
    assert not any(p == "assists" for _, p, _ in rels("毒品和犯罪问题办公室明年将扩大对乍得的援助。", "zh"))


@pytest.mark.parametrize("text,lang,whole", [
    ("Under the Global Maritime Crime Programme, UNODC runs the Coast Guard Mentoring Project in Kenya.", "en",
     "programme/global-maritime-crime-programme"),
    ("As part of its Global Programme on Cybercrime, UNODC implements the Digital Evidence Project in Peru.", "en",
     "programme/global-programme-on-cybercrime"),
    ("在全球海事犯罪方案下，毒罪办在肯尼亚实施了加强肯尼亚海岸警卫队能力项目。", "zh", "programme/global-maritime-crime-programme"),
    ("作为全球网络犯罪方案的一部分，毒罪办在秘鲁实施了加强秘鲁电子证据能力项目。", "zh", "programme/global-programme-on-cybercrime"),
], ids=["en-under", "en-as-part-of-its", "zh-xia", "zh-yibufen"])
def test_relation_project_in_a_clause_a_programme_frames_is_its_part(rels, text, lang, whole):
    parts = {s for s, p, o in rels(text, lang) if p == "partOf" and o == whole}
    assert parts and "organization/unodc" not in parts  # the project is the part, not the organisation running it


@pytest.mark.parametrize("text,lang", [
    ("Under the Global Maritime Crime Programme, UNODC assisted Kenya and Somalia.", "en"),
    ("在全球海事犯罪方案下，毒罪办协助肯尼亚和索马里。", "zh"),
], ids=["en", "zh"])
def test_relation_frame_without_a_project_states_no_part(rels, text, lang):
    assert not any(p == "partOf" for _, p, _ in rels(text, lang))


@pytest.mark.parametrize("text,place", [
    ("UNODC is assisting Nepal with the drafting of its anti-corruption strategy.", "country/NPL"),
    ("UNODC has been advising Ecuador on prison management.", "country/ECU"),
    ("UNODC is helping Kenya and Somalia to prosecute piracy suspects.", "country/SOM"),
], ids=["assisting", "advising", "helping"])
def test_relation_assistance_verbs_in_the_progressive(rels, text, place):
    assert ("organization/unodc", "assists", place) in rels(text, "en")


@pytest.mark.parametrize("text,place", [
    ("These projects are carried out for the benefit of the Federal Government of Kenya and implemented by UNODC.",
     "country/KEN"),
    ("UNODC trained the relevant national authorities of Ghana and Togo.", "country/TGO"),
], ids=["federal-government-of", "relevant-national-authorities-of"])
def test_relation_possessor_with_modifiers_before_the_place(rels, text, place):
    assert ("organization/unodc", "assists", place) in rels(text, "en")


@pytest.mark.parametrize("text,lang,whole,member", [
    ("The International Consortium on Combating Wildlife Crime is a collaborative effort by five organizations: "
     "INTERPOL, UNODC, the World Bank and the World Customs Organization.", "en", "programme/iccwc", "organization/wco"),
    ("ICAT comprises 31 United Nations entities and international organizations: UNODC, IOM, UNHCR and ILO.", "en",
     "programme/icat", "organization/unhcr"),
    ("UNAIDS has eleven cosponsors: UNICEF, UNDP, WHO and UNODC.", "en", "organization/unaids", "organization/who"),
    ("A Memorandum of Understanding was signed by the six original co-sponsors of UNAIDS: UNICEF, UNDP, UNFPA and WHO.",
     "en", "organization/unaids", "organization/unfpa"),
    ("联合国艾滋病毒/艾滋病联合规划署由儿基会、开发署、世卫组织和毒罪办等组织共同组成。", "zh", "organization/unaids", "organization/who"),
    ("联合国艾滋病毒/艾滋病联合规划署的共同发起组织包括儿基会、开发署和毒罪办。", "zh", "organization/unaids", "organization/undp"),
    ("联合国艾滋病毒/艾滋病联合规划署有十一个共同发起组织：儿基会、开发署、世卫组织和毒罪办。", "zh", "organization/unaids",
     "organization/unicef"),
], ids=["en-effort-by", "en-comprises-colon", "en-cosponsors-colon", "en-cosponsors-of-colon", "zh-you-zucheng",
        "zh-gongtong-faqi-baokuo", "zh-colon"])
def test_relation_membership_list_names_the_members(rels, text, lang, whole, member):
    triples = rels(text, lang)
    assert (member, "partOf", whole) in triples
    assert not any(p == "partnerOf" for _, p, _ in triples)  # co-members are not thereby partners


@pytest.mark.parametrize("text,lang", [
    ("The Commission comprises 53 Member States: Kenya, Peru and China.", "en"),
    ("该项目由毒罪办和开发署共同实施。", "zh"),
], ids=["en-states", "zh-implemented-by"])
def test_relation_membership_list_of_no_members(rels, text, lang):
    assert not any(p == "partOf" for _, p, _ in rels(text, lang))


@pytest.mark.parametrize("text,lang", [
    ("UNODC convened a meeting bringing together INTERPOL, the World Customs Organization and UNDP to discuss container "
     "control.", "en"),
    ("UNODC convened a meeting comprising INTERPOL, the World Customs Organization and UNDP.", "en"),
    ("UNODC, in partnership with INTERPOL, held a training in Abidjan, bringing together magistrates from Senegal and "
     "Benin.", "en"),
    ("The Container Control Programme comprises several partners: WCO, INTERPOL and UNODC.", "en"),
    ("毒罪办召集了由国际刑警组织、世界海关组织和开发署等机构组成的工作组。", "zh"),
    ("该会议由国际刑警组织和世界海关组织组成的代表团出席。", "zh"),
], ids=["en-meeting-bringing-together", "en-meeting-comprising", "en-training-bringing-together",
        "en-comprises-partners", "zh-composes-a-following-noun", "zh-delegation"])
def test_relation_participants_or_partners_are_no_members(rels, text, lang):
    assert not any(p == "partOf" for _, p, _ in rels(text, lang))


@pytest.mark.parametrize("text,lang", [
    ("Under the Global Programme on Cybercrime, the European Union funded the Global Programme against Money Laundering.",
     "en"),
    ("在全球海事犯罪方案下，欧洲联盟资助了全球打击洗钱方案。", "zh"),
], ids=["en-funded", "zh-zizhu"])
def test_relation_frame_whose_clause_runs_nothing_states_no_part(rels, text, lang):
    assert not any(p == "partOf" for _, p, _ in rels(text, lang))


@pytest.mark.parametrize("text,lang,whole", [
    ("The Law Enforcement Sub-programme of the Country Programme for Afghanistan trained 40 officers.", "en",
     "programme/country-programme-afghanistan"),
    ("Last year the Counter-Narcotics Sub-programme of UNODC's Regional Programme for Afghanistan and Neighbouring "
     "Countries opened two border offices.", "en", "programme/regional-programme-afghanistan-neighbouring-countries"),
    ("The Prison Reform Sub-programme of the Global Maritime Crime Programme ran a course in Kenya.", "en",
     "programme/global-maritime-crime-programme"),
])
def test_relation_name_headed_by_a_part_word_is_part_of_the_programme_after_of(rels, text, lang, whole):
    """"the X Sub-programme of Y", "the X Component of Y": a name whose head word names a part is part of the programme
    named right after "of" (the possessive UNODC's or its may stand between)."""
    assert any(p == "partOf" and o == whole for _, p, o in rels(text, lang))


def test_relation_generic_parts_of_two_programmes_are_two_entities(rels):
    """Review rel9-3: "the Law Enforcement Sub-programme" of two programmes is two sub-programmes, each part of its own
    programme only (the part keyed by the whole named after "of"), never one entity part of both."""
    a = rels("The Law Enforcement Sub-programme of the Global Maritime Crime Programme ran a course in Kenya.")
    b = rels("The Law Enforcement Sub-programme of the Country Programme for Afghanistan trained 40 officers.")
    (part_a,) = {s for s, p, _ in a if p == "partOf"}
    (part_b,) = {s for s, p, _ in b if p == "partOf"}
    assert part_a != part_b
    c = rels("The Maritime Law Enforcement Sub-programme of the Global Maritime Crime Programme met in Mombasa.")
    assert {s for s, p, _ in c if p == "partOf"} - {part_a}


@pytest.mark.parametrize("text", [
    "The Global Maritime Crime Programme of UNODC trained officers in Kenya.",
    "The Country Programme for Afghanistan of 2016 trained officers.",
])
def test_relation_name_without_a_part_head_is_no_part_of_what_follows_of(rels, text):
    assert not [t for t in rels(text) if t[1] == "partOf"]


@pytest.mark.parametrize("text,whole", [
    ("The International Consortium on Combating Wildlife Crime (ICCWC) is a collaborative effort by five organizations: "
     "INTERPOL, UNODC, the World Bank and the World Customs Organization.", "programme/iccwc"),
    ("The Paris Pact Initiative (PPI) comprises 20 organizations: UNODC, INTERPOL and the World Customs Organization.",
     "programme/paris-pact-initiative"),
])
def test_relation_members_listed_after_a_whole_with_its_abbreviation(rels, text, whole):
    """The whole may be the abbreviation in parentheses after its name, right before the cue of its members."""
    r = rels(text)
    assert ("organization/unodc", "partOf", whole) in r and ("organization/interpol", "partOf", whole) in r


def test_relation_unit_a_body_has_under_it(rels):
    """Y 所属 X (no 的): X is part of Y, as with 下属 and 所属的."""
    r = rels("昆明海关所属畹町海关设有一个样品室。", "zh")
    assert any(p == "partOf" for _, p, _ in r)
