"""New names by class of error (lists of names, nested names, quoted names, descriptions, classifier heads,
partners after a name, Chinese boundaries and titles), name variants that are one entity, and one IRI per
minted entity across two language editions (tests/data/names: English and Chinese editions of two short reports,
written for the test, naming national bodies, task forces, institutes, networks, platforms and programmes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.core.namespaces import ID
from kg.extract.agreement import Agreement, agreement, document_graphs
from kg.extract.editions import edition_record
from kg.extract.minted import variant_key

NAMES = Path(__file__).resolve().parent / "data" / "names"


def new_labels(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions}


NEW_NAME_CASES = [
    # a list of names after a head word: each name stops at the comma before the next
    ("en", "Officers from the Ministry of Justice, State Migration Service and National Police Service of Armenia attended.",
     {"Ministry of Justice", "State Migration Service"}, {"Ministry of Justice, State Migration Service"}),
    # a national body nested after "of the" is a name of its own
    ("en", "The course was held at the Training Academy of the Ministry of Interior of Tajikistan.",
     {"Training Academy of the Ministry of Interior of Tajikistan", "Ministry of Interior of Tajikistan"}, set()),
    ("en", "Dogs were trained at the Canine Centre of the State Border Guard Service of Ukraine.",
     {"State Border Guard Service of Ukraine"}, set()),
    # national bodies by their head words
    ("en", "The Pakistan Anti-Narcotics Force and the Financial Intelligence Unit of Nigeria met.",
     {"Pakistan Anti-Narcotics Force", "Financial Intelligence Unit of Nigeria"}, set()),
    ("zh", "乌兹别克斯坦海关总局和巴基斯坦缉毒部队合作。", {"乌兹别克斯坦海关总局", "巴基斯坦缉毒部队"}, set()),
    ("zh", "秘书处法律事务司提供了意见。", {"秘书处法律事务司"}, set()),
    # a one-character head that ends a common word is no head
    ("zh", "会议在联合国总部举行，联合国内部协调得到加强。", set(), {"联合国总部", "联合国内部"}),
    # a quoted name after a class noun
    ("en", "The officers were trained under the initiative “Safe Borders for the Southern Cone” in 2019.",
     {"Safe Borders for the Southern Cone"}, set()),
    # an indefinite description and a head word that classifies the name after it are no names
    ("en", "The two organizations signed a Joint Action Plan in 2015.", set(), {"Joint Action Plan"}),
    ("en", "The donors funded the Project Support to Judicial Reform in Liberia.", set(),
     {"Project Support to Judicial Reform"}),
    # banks; a name made only of generic words refers back to a name, it is none
    ("en", "UNODC works with the Caribbean Development Bank.", {"Caribbean Development Bank"}, set()),
    ("en", "The Global Project functions as an ongoing project.", set(), {"Global Project"}),
    ("zh", "南亚禁毒区域合作谅解备忘录签约国举行了会议。", {"南亚禁毒区域合作谅解备忘录"}, set()),
    # "that" inside a title-case name
    ("en", "UNODC launched the Global Programme on Crimes that Affect the Oceans in 2023.",
     {"Global Programme on Crimes that Affect the Oceans"}, {"Global Programme on Crimes"}),
    # "and" before a preposition coordinates clauses, not the words of a name
    ("en", "UNODC gave advice to the Gendarmerie of Mali and to the Niger.", {"Gendarmerie of Mali"},
     {"Gendarmerie of Mali and to the Niger"}),
    # "and the" before a capitalised word opens another name, unless a place starts there
    ("en", "The National Police of Colombia and the Attorney General's Office of Peru took part.",
     {"National Police of Colombia", "Attorney General's Office of Peru"}, set()),
    ("en", "UNODC trained the Attorney General's Office of Peru and the Bolivian Special Force against Drug Trafficking.",
     {"Attorney General's Office of Peru", "Bolivian Special Force against Drug Trafficking"}, set()),
    ("en", "It worked with the Department of Consular Affairs and INTERPOL.", {"Department of Consular Affairs"},
     {"Department of Consular Affairs and INTERPOL"}),
    ("en", "UNODC runs the Regional Programme for Latin America and the Caribbean.",
     {"Regional Programme for Latin America and the Caribbean"}, {"Regional Programme for Latin America"}),
    # "in" and a place right after the head word say where the project works
    ("en", "The Law Enforcement Training Project in Ethiopia was funded by Japan.", {"Law Enforcement Training Project"},
     {"Law Enforcement Training Project in Ethiopia"}),
    ("en", "The Joint Airport Interdiction Task Force at Lima airport seized cocaine.",
     {"Joint Airport Interdiction Task Force"}, {"Joint Airport Interdiction Task Force at Lima"}),
    # a head word that opens the name; a word in camel case is a capitalised word
    ("en", "UNODC trained the Office of the Prosecutor General of Ukraine.", {"Office of the Prosecutor General of Ukraine"}, set()),
    ("en", "UNODC launched the Global eLearning Programme.", {"Global eLearning Programme"}, set()),
    # a known owner in the possessive opens no name; a possessive inside a name stays
    ("en", "UNODC's Global Programme against Trafficking in Persons supported Kenya's Ethics and Anti-Corruption Commission.",
     {"Global Programme against Trafficking in Persons", "Ethics and Anti-Corruption Commission"},
     {"UNODC's Global Programme against Trafficking in Persons", "Kenya's Ethics and Anti-Corruption Commission"}),
    ("en", "The Special Prosecutor's Office against Organized Crime of Guatemala received training.",
     {"Special Prosecutor's Office against Organized Crime of Guatemala"}, set()),
    ("en", "The training was held under the UNODC Passenger and Cargo Control Programme and the Government of Canada's "
     "Anti-Crime Capacity Building Program.", {"Passenger and Cargo Control Programme", "Anti-Crime Capacity Building Program"},
     {"UNODC Passenger and Cargo Control Programme"}),
    # quoted names beside a class noun, before or after it, without a project code at their end
    ("en", 'It was administered under the UNODC project on "Partnerships Against Transnational Crime Through Regional '
     'Organized Law Enforcement" (PATROL).', {"Partnerships Against Transnational Crime Through Regional Organized Law Enforcement"},
     set()),
    ("en", 'The "Response to Drugs and Related Organized Crime in Nigeria" project is funded by the EU.',
     {"Response to Drugs and Related Organized Crime in Nigeria"}, set()),
    ("en", 'It was implemented under the project "Consolidation of Border Liaison Offices in East Asia (RASI61)".',
     {"Consolidation of Border Liaison Offices in East Asia"}, {"Consolidation of Border Liaison Offices in East Asia (RASI61)"}),
    # a sentence end ("UNODC.") and a person after a comma end a name; a unit needs its State or a national word
    ("en", "It is implemented by UNODC. Project implementation began in 2013.", set(), {"UNODC. Project"}),
    ("en", "The Department of Mental Health and Substance Abuse, Dr Benedetto Saraceno, spoke.",
     {"Department of Mental Health and Substance Abuse"}, set()),
    ("en", "The El Salvador Cybercrime Unit and the National Unit of Financial Intelligence Processing met the Implementation "
     "Support Unit.", {"El Salvador Cybercrime Unit", "National Unit of Financial Intelligence Processing"},
     {"Implementation Support Unit"}),
    ("en", "The UNODC Regional Centre in Bangkok welcomed a delegation.", set(), {"Regional Centre in Bangkok",
                                                                                 "UNODC Regional Centre in Bangkok"}),
    # a global or regional programme written in lower case runs to a boundary word or punctuation
    ("en", "Its regional programme for West Africa supports ECOWAS.", {"regional programme for West Africa"}, set()),
    ("en", "The global programme on wildlife crime in ports works in 20 countries.", {"global programme on wildlife crime"},
     {"global programme on wildlife crime in ports"}),
    # a capitalised name before a class noun in lower case
    ("en", "UNODC launched the Safe Ports initiative in 2021.", {"Safe Ports initiative"}, set()),
    ("en", "UNODC works with the Kenya Wildlife Service and the Tanzania Forest Service.",
     {"Kenya Wildlife Service", "Tanzania Forest Service"}, set()),
    ("en", "The Narcotics Control Board of Ghana and the UNODC project exchanged data.", {"Narcotics Control Board of Ghana"},
     {"UNODC project"}),
    # a partner after "with" is not the tail of the name
    ("en", "UNODC launched the Andean Victim Support Network with the World Health Organization.",
     {"Andean Victim Support Network"}, {"Andean Victim Support Network with the World Health Organization"}),
    # a whole title in 《》 ending in 方案 is a programme; a titled toolkit is a publication
    ("zh", "开发署通过《司法廉正区域专题方案》向各国提供了支助。", {"司法廉正区域专题方案"}, set()),
    ("zh", "各国使用了《打击腐败工具包》。", set(), {"打击腐败工具包"}),
    # a character that opens a word (新闻) is no stop word; a verb (发挥) ends the name on its left
    ("zh", "报告由联合国新闻中心发布。", {"联合国新闻中心"}, set()),
    ("zh", "各国支持联合国发挥中心作用。", set(), {"联合国发挥中心"}),
    # 全球 opens a task force's name; a commission of a State is an organisation
    ("zh", "该文件由全球反洗钱工作队编写。", {"全球反洗钱工作队"}, set()),
    ("zh", "会议在斐济与斐济独立反腐败委员会举行。", {"斐济独立反腐败委员会"}, set()),
    # 和 inside an organisation's name that opens with a State; a head that opens a word (司法) is no head
    ("zh", "毒品和犯罪问题办公室与尼日利亚经济和金融犯罪委员会合作。", {"尼日利亚经济和金融犯罪委员会"}, set()),
    ("zh", "尼日尔加强军队和其他刑事司法机构。", set(), {"尼日尔加强军队和其他刑事司"}),
    ("zh", "在阿富汗，毒品和犯罪问题办公室支持了禁毒部队和边防部队。", set(), {"禁毒部队", "边防部队"}),
    # an organisation without a place is a name in a list of organisations, not a generic one
    ("zh", "合作伙伴包括世界卫生组织、日内瓦安全治理研究所以及东非司法培训研究所。", {"日内瓦安全治理研究所"}, set()),
    ("zh", "各国政府、区域组织、国际组织和学术研究所参加了会议。", set(), {"学术研究所", "区域组织"}),
    # police, prosecution and coast guard units of a State; a head word alone after 和 joins no name
    ("zh", "毒品和犯罪问题办公室与哥伦比亚国家警察、玻利维亚检察院和菲律宾海岸警卫队合作。",
     {"哥伦比亚国家警察", "玻利维亚检察院", "菲律宾海岸警卫队"}, set()),
    ("zh", "萨尔瓦多专职检察官和警察参加了培训。", set(), {"萨尔瓦多专职检察官和警察"}),
    # a quoted name given by a verb of naming to a class noun before or after it
    ("zh", "该项目称为“海洋之盾”，在西非实施。", {"海洋之盾"}, set()),
    ("zh", "一个名为“安全港口”的新举措于2021年启动。", {"安全港口"}, set()),
    # quoted names in a list after a verb of naming, for the class noun after 的; one quoted name right after a
    # programme's class noun
    ("zh", "毒品和犯罪问题办公室通过题为“强大的家庭”和“家庭团结”的两个家庭技能方案支持11个国家。", {"强大的家庭", "家庭团结"}, set()),
    ("zh", "毒品和犯罪问题办公室的预防方案“强大家庭”已在20多个国家实施。", {"强大家庭"}, set()),
    # a global programme is specific on its own, unless the name was cut at a joiner
    ("zh", "该办公室启动了打击网络犯罪全球方案。", {"打击网络犯罪全球方案"}, set()),
    ("zh", "通过联合国维也纳办事处与毒品和犯罪问题办公室性别平等和增强妇女权能全球方案推进了工作。", set(),
     {"增强妇女权能全球方案"}),
    # a programme right after the organisation that owns it; a head word before 长 is a person's title
    ("zh", "毒品和犯罪问题办公室的海上安全执法方案在印度洋开展工作。", {"海上安全执法方案"}, set()),
    ("zh", "阿富汗禁毒部长出席了会议。", set(), {"阿富汗禁毒部"}),
    # an organisation's name that holds a State opens with it: the words before are the clause around the name
    ("zh", "毒品和犯罪问题办公室协助尼日利亚警察部队开展调查。", {"尼日利亚警察部队"}, {"毒品和犯罪问题办公室协助尼日利亚警察部队"}),
    ("zh", "该项目帮助肯尼亚国家警察局加强能力。", {"肯尼亚国家警察局"}, set()),
    # 和 before another State joins two names, not the words of one
    ("zh", "资金来自日本政府和德国联邦外交部。", {"德国联邦外交部"}, {"日本政府和德国联邦外交部"}),
    # a regional programme opens with its place; a name that starts inside a place name (南亚 in 东南亚) is no name
    ("zh", "毒品和犯罪问题办公室继续实施东南亚区域方案。", {"东南亚区域方案"}, {"实施东南亚区域方案"}),
    # a name that opens with a place runs across 和 (南亚预防和打击……网络); a head word that opens a longer word ends no
    # name (网络犯罪股); an online platform of a network is the network
    ("zh", "南亚预防和打击暴力极端主义网络在线平台上线。", {"南亚预防和打击暴力极端主义网络"},
     {"南亚预防和打击暴力极端主义网络在线平台"}),
    ("zh", "萨尔瓦多专职检察官和警察网络犯罪股破获了案件。", set(), {"萨尔瓦多专职检察官和警察网络"}),
    # a Latin-letter name inside a Chinese name makes it specific
    ("zh", "毒品和犯罪问题办公室与Malongo咖啡公司合作。", {"Malongo咖啡公司"}, set()),
    # 和 that opens a dictionary word (和约) still joins two names when a known name follows it
    ("zh", "埃及国家禁毒和成瘾治疗基金和约旦公共安全局禁毒司参加了会议。", {"约旦公共安全局禁毒司"},
     {"埃及国家禁毒和成瘾治疗基金和约旦公共安全局禁毒司"}),
    # the organ of a known organisation; a title with its years; a group of a region; a one-character head inside
    # a common word (当局) does not stop a name that opens with a place
    ("zh", "毒品和犯罪问题办公室协助非洲联盟委员会制订了《非洲联盟药物管制和预防犯罪行动计划（2019-2023年）》。",
     {"非洲联盟委员会", "非洲联盟药物管制和预防犯罪行动计划（2019-2023年）"}, set()),
    ("zh", "东部和南部非洲反洗钱小组参加了讲习班。", {"东部和南部非洲反洗钱小组"}, set()),
    ("zh", "该网络即西非中央当局和检察官网络。", {"西非中央当局和检察官网络"}, set()),
    # offices and groups that open with 联合国; a council of 联合国 is a body; offices of an organisation in a place
    # and the organs of a known programme are no names
    ("zh", "联合国南南合作办公室与联合国可持续发展集团签署了协议。", {"联合国南南合作办公室", "联合国可持续发展集团"}, set()),
    ("zh", "联合国毒品和犯罪问题办公室驻哥伦比亚办公室和毒品和犯罪问题办公室东南亚和太平洋区域办事处提供了支持。", set(),
     {"联合国毒品和犯罪问题办公室驻哥伦比亚办公室", "东南亚和太平洋区域办事处"}),
    ("zh", "毒品和犯罪问题办公室参加了联合国移民问题网络执行委员会。", set(), {"联合国移民问题网络执行委员会"}),
    # national bodies that open with 国家 or 最高 (no State named); a headquarters word (司令部) ends no name
    ("zh", "国家禁毒委员会副主任率国家禁毒办、最高人民法院、最高人民检察院和国家卫健委参会。",
     {"国家禁毒委员会", "国家禁毒办", "最高人民法院", "最高人民检察院", "国家卫健委"}, set()),
    ("zh", "越南边防部队司令部举行了仪式。", {"越南边防部队"}, {"越南边防部队司令部"}),
    # the organisation that owns a programme opens no programme's name; a generic programme is no name
    ("zh", "议程项目3. 对联合国毒品和犯罪问题办公室毒品问题方案的政策指示。", set(),
     {"联合国毒品和犯罪问题办公室毒品问题方案", "毒品问题方案"}),
    ("zh", "该项目由美国国务院下属机构资助。", {"美国国务院"}, set()),
    # a name with its abbreviation in Latin letters right after it is specific
    ("zh", "该项目由打击跨国犯罪区域中心（RCTC）实施。", {"打击跨国犯罪区域中心"}, set()),
    # a verb right before the head word modifies it (信息协调中心)
    ("zh", "南亚区域信息协调中心继续支持成员国之间的信息交流。", {"南亚区域信息协调中心"}, set()),
    # a short aside in parentheses stays inside a name that opens with a purpose verb
    ("zh", "来自55个国家的人员在毒品和犯罪问题办公室应对偷运移民和贩运人口（包括以性剥削为目的）问题的全球方案下接受了培训。",
     {"应对偷运移民和贩运人口（包括以性剥削为目的）问题的全球方案"}, set()),
    # a colon inside a title keeps both halves; "to" between capitalised words stays inside the name
    ("en", "Judges met under the UNODC Maritime Security: East African Response to Piracy Programme last year.",
     {"Maritime Security: East African Response to Piracy Programme"}, {"Piracy Programme"}),
    # a colon before a sentence opener ends the name on its left
    ("en", "Key Results: The Coastal Policing Programme trained officers in Kenya.",
     {"Coastal Policing Programme"}, {"Key Results: The Coastal Policing Programme"}),
    # an acronym before "to" opens no name
    ("en", "Kenya asked UNODC to Coastal Policing Programme partners for help.", set(),
     {"UNODC to Coastal Policing Programme"}),
    # a quoted title with its acronym in parentheses before the class noun
    ("en", 'Under the "Partners Against Wildlife Crime Through Joint Border Patrols" (PAWJ) project, UNODC trained rangers.',
     {"Partners Against Wildlife Crime Through Joint Border Patrols"}, set()),
    # a body nested in a quoted title starts after the title's "of" and ends at its head
    ("en", 'UNODC ran the project "Strengthening of the Capacities of Kenya National Police to Detect Smuggled Arms" in Mombasa.',
     {"Kenya National Police"}, {"Capacities of Kenya National Police to Detect Smuggled Arms"}),
    # a long quoted title with a colon and a list of countries is kept whole
    ("en", "Norway funded the initiative “Strengthening the capacities of prosecutors in Southern Africa to investigate "
     "wildlife trafficking, illegal logging and associated financial flows through joint case work and regional "
     "cooperation: Botswana, Namibia, Zambia and Zimbabwe.”",
     {"Strengthening the capacities of prosecutors in Southern Africa to investigate wildlife trafficking, illegal "
      "logging and associated financial flows through joint case work and regional cooperation: Botswana, Namibia, "
      "Zambia and Zimbabwe"}, set()),
]


@pytest.mark.parametrize("lang,text,present,absent", NEW_NAME_CASES, ids=[c[1][:40] for c in NEW_NAME_CASES])
def test_names_new_names_by_class(extract, lang, text, present, absent):
    found = new_labels(extract(text, lang))
    assert present <= found, found
    assert not absent & found, found


REFERENCE_FORM_CASES = [
    # a reference abbreviation in parentheses makes the name another form of that entity
    ("en", "Staff of the Organisation for Security and Cooperation in Europe (OSCE) met UNODC.", "organization/osce"),
    # trailing generic words, "Pilot" and spellings are variants of the reference name
    ("en", "UNODC extended the Global Firearms Programme project to Peru.", "programme/global-firearms-programme"),
    ("en", "UNODC designed the Container Control Pilot Programme project to help Ghana.", "programme/container-control-programme"),
    ("en", "The Regional Programme for Afghanistan and Neighboring Countries Sub-programme 2 held a course.",
     "programme/regional-programme-afghanistan-neighbouring-countries"),
    # a long "United Nations" label written with "UN"
    ("en", "Senior staff from the UN Office on Drugs and Crime met.", "organization/unodc"),
    # a reference name written in lower case with its head word before its subject
    ("en", "UNODC's global programme on maritime crime works in the Indian Ocean.", "programme/global-maritime-crime-programme"),
    # a name set beside a reference name by a dash; a reference name with a head word after it
    ("en", "Under CRIMJUST – “Criminal Network Disruption Global Programme”, UNODC trained investigators.", "programme/crimjust"),
    # a quoted reference name with a head word after it
    # an owner before a reference abbreviation and its head word is cut
    ("en", "It was organized under the UNODC CRIMJUST Global Programme in Ghana.", "programme/crimjust"),
    # a joint programme named without the partner that the reference name joins to UNODC
    ("en", "UNODC and WHO launched the Joint Programme on Drug Dependence Treatment and Care this week.",
     "programme/unodc-who-programme-drug-dependence-treatment"),
    ("zh", "毒品和犯罪问题办公室在五个国家发起了“请先聆听”倡议。", "programme/listen-first"),
    ("zh", "毒品和犯罪问题办公室向加纳扩大了全球集装箱管制方案项目。", "programme/container-control-programme"),
]


@pytest.mark.parametrize("lang,text,iri", REFERENCE_FORM_CASES, ids=[c[2] for c in REFERENCE_FORM_CASES])
def test_names_reference_entity_under_another_form(extract, lang, text, iri):
    x = extract(text, lang)
    assert iri in linked(x)
    # the name is no new entity; a new place beside it (the Indian Ocean) is another name
    assert not x.new_entities or all(e.type in ("Resolution", "Decision", "Region") for e in x.new_entities), new_labels(x)


VARIANT_CASES = [
    ("en", "UNODC Andean Prosecutors Network", "Andean Prosecutors Network"),
    ("en", "the Global Andean Prosecutors Network", "Andean Prosecutors Network"),
    ("en", "Andean Prosecutors Network Sub-programme 2", "Andean Prosecutors Network"),
    ("en", "Andean Prosecutors Pilot Network Project", "Andean Prosecutors Network"),
    ("en", "UNODC-UNEP Andean Prosecutors Network", "Andean Prosecutors Network"),
    ("en", "the IMO/UNODC Andean Prosecutors Network", "Andean Prosecutors Network"),
    ("zh", "毒品和犯罪问题办公室安第斯检察官网络", "安第斯检察官网络"),
    ("zh", "“安第斯检察官与法官网络”", "安第斯检察官和法官网络"),
    ("zh", "安第斯检察官网络项目", "安第斯检察官网络"),
    ("zh", "安第斯检察官全球方案", "全球安第斯检察官方案"),
]


@pytest.mark.parametrize("lang,variant,name", VARIANT_CASES, ids=[c[1] for c in VARIANT_CASES])
def test_names_variants_share_one_form(lang, variant, name):
    assert variant_key(variant, lang) == variant_key(name, lang)


@pytest.mark.parametrize("lang,a,b", [("en", "Andean Prosecutors Network", "Andean Judges Network"),
                                      ("en", "Andean Prosecutors Network", "Andean Prosecutors Programme"),
                                      ("zh", "安第斯检察官网络", "安第斯法官网络")])
def test_names_different_names_keep_apart(lang, a, b):
    assert variant_key(a, lang) != variant_key(b, lang)


@pytest.fixture(scope="module")
def editions():
    """Both parallel fixtures extracted once: {stem: (graph en, iri en, graph zh, iri zh)}."""
    out = {}
    for stem in ("bodies", "programmes"):
        (ga, ia), (gb, ib) = document_graphs([NAMES / f"{stem}.en.md", NAMES / f"{stem}.zh.md"])
        out[stem] = (ga, ia, gb, ib)
    return out


@pytest.mark.parametrize("stem", ["bodies", "programmes"])
def test_names_editions_agree_on_new_names(editions, stem):
    result = agreement(*editions[stem])
    assert Agreement.f1(result.entities) >= 0.9, result.entities


@pytest.mark.parametrize("text,cls", [
    ("The West African Coast Guard Network met in Senegal.", "Network"),
    ("UNODC works with the United Nations Commission on International Trade Law.", "IntergovernmentalBody"),
    ("UNODC joined the UN Counter-Terrorism Implementation Task Force.", "Network"),
    ("联合国系统行政首长协调理事会通过了共同立场。", "IntergovernmentalBody"),
    # the class noun next to a quoted title gives its class, whatever the title ends with
    ('Training under the project "Police Cooperation Against Wildlife Crime (PCAWC) in East Africa" began.', "Project"),
    ('Kenya joined the initiative "Coastal Policing Through Joint Patrols Programme" last year.', "Initiative"),
])
def test_names_class_of_a_name(extract, text, cls):
    (new,) = extract(text, "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en").new_entities
    assert new.type == cls


@pytest.mark.parametrize("stem,en,zh", [
    ("bodies", "Ministry of Internal Affairs of Turkmenistan", "土库曼斯坦内政部"),
    ("bodies", "State Customs Service of Uzbekistan", "乌兹别克斯坦国家海关"),
    ("bodies", "Sahel Forensic Science Institute", "萨赫勒法证科学研究所"),
    ("bodies", "Kenya Drug Control Agency", "肯尼亚禁毒署"),
    ("bodies", "Southern Africa Victim Support Network", "南部非洲受害者支助网络"),
    ("bodies", "Fiji Independent Commission Against Corruption", "斐济独立反腐败委员会"),
    ("programmes", "Global Programme on Maritime Wildlife Trafficking", "全球海上野生生物贩运方案"),
    ("programmes", "West African Coast Guard Network", "西非海岸警卫队网络"),
    ("programmes", "Ministry of Justice of Nigeria", "尼日利亚司法部"),
    ("programmes", "National Drug Law Enforcement Agency of Nigeria", "尼日利亚国家禁毒执法局"),
    ("programmes", "Caribbean Asset Recovery Platform", "加勒比追回资产平台"),
    ("programmes", "Andean Cocaine Monitoring Project", "安第斯可卡因监测项目"),
])
def test_names_one_iri_for_a_name_both_editions_give(editions, stem, en, zh):
    from kg.extract.alignment import align, aligned_links, identity_mapping, reference_names, signature_links

    ga, ia, gb, ib = editions[stem]
    a, b = edition_record(ga, ia), edition_record(gb, ib)
    mapping = identity_mapping(aligned_links(a, b, align(a, b)) + signature_links([a, b]), reference_names([a, b]))
    by_label = {n.label: iri for r in (a, b) for iri, n in r.names.items() if not n.reference}
    assert en in by_label and zh in by_label, sorted(by_label)
    assert mapping.get(by_label[en], by_label[en]) == mapping.get(by_label[zh], by_label[zh])


@pytest.mark.parametrize("lang,text,present,absent", [
    # a country's name inside a sea's name names no country
    ("zh", "全球海事犯罪方案在印度洋和大西洋开展活动。", {"programme/global-maritime-crime-programme"}, {"country/IND"}),
    # a region inside a treaty's name is the treaty's adjective ("Inter-American"), no mention of the region
    ("zh", "铭记《美洲反腐败公约》，", {"convention/inter-american-convention-against-corruption"}, {"region/americas"}),
    # a compass word before "and" shares the place's last word ("South and South East Asia": South Asia too)
    ("en", "Heroin is smuggled to South and South East Asia.", {"region/southern-asia", "region/south-eastern-asia"}, set()),
    # a compass word before 和 shares the place after it (东部和南部非洲: Eastern Africa too)
    ("zh", "东部和南部非洲反洗钱小组参加了讲习班。", {"region/eastern-africa", "region/southern-africa"}, set()),
    # a region joined by a hyphen to a word that names no place is part of a compound ("Asia-Pacific")
    ("en", "UNODC works in the Asia-Pacific region and in Africa-Europe partnerships.", {"region/africa", "region/europe"},
     {"region/asia"}),
    # an adjective of a region names that region, not the continent
    ("en", "UNODC supported the Southern African Regional Police Chiefs Cooperation Organisation.", {"region/southern-africa"},
     {"region/africa"}),
])
def test_names_places_inside_other_names(extract, lang, text, present, absent):
    found = linked(extract(text, lang))
    assert present <= found and not absent & found, found


def _name(iri, lang, label, head):
    from kg.extract.editions import MintedName

    return MintedName(iri, "Organization", lang, label, head, frozenset({"country/AFG"}), frozenset(), False, False)


@pytest.mark.parametrize("en,zh,linked_to", [
    ("Counter Narcotics Police of Afghanistan", "阿富汗禁毒警察", "zh-drug"),
    ("Afghan Border Police", "阿富汗边防警察", "zh-border"),
])
def test_names_words_tell_apart_two_names_with_the_same_places(en, zh, linked_to):
    """Two police units of one State in each edition: the words each name holds pick its partner."""
    from kg.extract.alignment import aligned_links
    from kg.extract.editions import EditionRecord

    en_names = {"en-drug": _name("en-drug", "en", "Counter Narcotics Police of Afghanistan", ""),
                "en-border": _name("en-border", "en", "Afghan Border Police", "")}
    zh_names = {"zh-drug": _name("zh-drug", "zh", "阿富汗禁毒警察", "police"),
                "zh-border": _name("zh-border", "zh", "阿富汗边防警察", "police")}
    a = EditionRecord("doc-en", "report.en", "en", "", (), (), names=en_names, in_paragraph={"p": ("en-drug", "en-border")})
    b = EditionRecord("doc-zh", "report.zh", "zh", "", (), (), names=zh_names, in_paragraph={"p": ("zh-border", "zh-drug")})
    links = {(link.first, link.second) for link in aligned_links(a, b, [("p", "p", "number")])}
    iri = next(i for i, n in en_names.items() if n.label == en)
    assert (iri, linked_to) in links and any(n.label == zh for i, n in zh_names.items() if i == linked_to)


def test_names_signature_of_places_and_words_merges_across_documents():
    """Without a parallel edition, names that say nothing but the same State and the same words are one thing;
    a name that says more (a training centre) or other words (drug control) stays apart."""
    from kg.extract.alignment import signature_links
    from kg.extract.editions import EditionRecord, MintedName

    afg = str(ID["country/AFG"])

    def name(iri, lang, label, head):
        return MintedName(iri, "Organization", lang, label, head, frozenset({afg}), frozenset(), False)

    a = EditionRecord("d1", "a", "en", "", (), (), names={"en1": name("en1", "en", "Afghan Border Police", ""),
                                                          "en2": name("en2", "en", "Border Police Training Centre of Afghanistan", "centre")})
    b = EditionRecord("d2", "b", "zh", "", (), (), names={"zh1": name("zh1", "zh", "阿富汗边防警察", "police"),
                                                          "zh2": name("zh2", "zh", "阿富汗禁毒警察", "police")})
    links = signature_links([b, a])
    assert [(link.first, link.second, link.rule) for link in links] == [("en1", "zh1", "same-places-and-words")]
    assert signature_links([a, b]) == links
