"""Quantities written the way unseen UN and UNODC texts write them (kg.extract.quantities): unit spellings, decimal
commas, words of selection, counts broken down in parentheses, counts of the things named before them, labels of
sub-programmes and counts of members referred to again.  Conventions: tests/data/annotations/CONVENTIONS.md section 5.
Every case is written for this test, not copied from an annotated passage."""

import pytest

from kg.extract.nlp import normalize
from kg.extract.quantities import find_quantities, format_decimal, written


def found(text: str, lang: str) -> set:
    norm = normalize(text)
    return {(format_decimal(q.value), written(q, norm, text)[0]) for q in find_quantities(norm.text, lang)}


@pytest.mark.parametrize("text,expected", [
    # British spellings of kilogram and gram, and the short "kilo"
    ("Police seized some 300 kilogrammes of heroin at the port.", {("300", "kilogram")}),
    ("A courier carried one kilogramme of cocaine and 2 kilo of opium.", {("1", "kilogram"), ("2", "kilogram")}),
    ("The laboratory held 450 grammes of fentanyl.", {("450", "grammes")}),
    # a decimal comma before a scale word, as European writers put it
    ("Donors pledged 3,2 million EUR for the programme.", {("3200000", "EUR")}),
    ("projects worth more than 12,75 billion USD were approved", {("12750000000", "USD")}),
    # words of selection are no part of the counted noun; an adverb before them goes with them
    ("The project works in nine selected provinces.", {("9", "provinces")}),
    ("Assistance went to 7 targeted municipalities.", {("7", "municipalities")}),
    ("Mentors visited 14 different prisons last year.", {("14", "prisons")}),
    ("It is delivered in 11 carefully selected districts across the region.", {("11", "districts")}),
    # a count broken down in parentheses right after it: each part counts the same thing
    ("The courses trained 60 judges (35 in Lima & 25 in Cusco).", {("60", "judges"), ("35", "judges"), ("25", "judges")}),
    ("Some 40 prosecutors (20 in each session) took part.", {("40", "prosecutors"), ("20", "prosecutors")}),
    # a bare count after "Of those X," counts X
    ("Of those countries, 12 have ratified the Protocol.", {("12", "countries")}),
    ("Of the victims identified, 40 were children.", set()),
    ("Of the victims, 40 were children.", {("40", "victims")}),
    # a count that "remained at" or "stands at" a figure
    ("The number of States parties to the Convention remained at 191.", {("191", "States parties")}),
    ("The number of focal points now stands at 64.", {("64", "focal points")}),
    # "another N" with no noun counts what the count before it counts
    ("Some 2 million people used opioids, and another 5 million used cocaine.", {("2000000", "people"), ("5000000", "people")}),
    # "or so" after a number is no part of the noun
    ("The office works at some twenty or so border posts.", {("20", "border posts")}),
    # a currency in parentheses before a bare figure, as project sheets write it; "US" glued to a figure
    ("Project Type Counter-Narcotics - Budget Amount (USD) 250000.00 - Year 2019", {("250000", "USD")}),
    ("Total cost (EUR): 45,000.", {("45000", "EUR")}),
    ("The country loses an estimated US200 million each year.", {("200000000", "USD")}),
    # the noun of "the number of" with a long qualifier before "stood at"
    ("The number of States parties to the Convention against Corruption or to its amendment adopted in 2005 stood at 140.",
     {("140", "States parties")}),
    # a count opening a text with a name of the kind counted stays a count
    ("40 Member States attended the session.", {("40", "Member States")}),
    ("30 Member States Sign the Convention in Hanoi", {("30", "Member States")}),
    ("12 Countries Join the Network", {("12", "Countries")}),
    ("25 States parties reported on their laws.", {("25", "States parties")}),
    # an acronym ending in S is no plural noun: the counted noun runs on
    ("The Office works in 15 ECOWAS member States.", {("15", "ECOWAS member States")}),
    ("in 12 of the 15 ECOWAS member States", {("12", "ECOWAS member States"), ("15", "ECOWAS member States")}),
    # a bare figure for another year counts what the figure for the year before counts
    ("The Office trained 1,200 officers in 2021 and 980 in 2022.", {("1200", "officers"), ("980", "officers")}),
    # "N of the X" counts a part of the things X names
    ("The country is bound by 14 of the universal counter-terrorism instruments.", {("14", "universal counter-terrorism instruments")}),
    ("Only 3 of its laboratories were accredited.", {("3", "laboratories")}),
    # "the initial N" counts, as "the following N" does
    ("The plan goes beyond the initial four targeted districts.", {("4", "districts")}),
    # "the following N" counts the things that follow: no ordinal
    ("The Office will work through the following four sub-programmes:", {("4", "sub-programmes")}),
])
def test_quantities_en_unseen_forms(text, expected):
    assert found(text, "en") == expected


@pytest.mark.parametrize("text", [
    # a number labelling a sub-programme or a component, and the verb after it
    "Sub-Programme 3 aims at promoting integrity in public institutions.",
    "Under Sub-Programme 4 supports the region in preventing terrorism.",
    "Component 2 covers forensic services.",
    # a paragraph or list number opening a text or a line
    "5 IAEA reports to the Security Council.",
    "7 Specialized agencies are autonomous organizations.",
    # "US" apart from a figure is the country
    "The team met in the US 3 times.",
    # a label number before "of the" stays a label; a number word after "of the" is no noun
    "under article 12 of the Convention",
    "Two of the three countries signed.",
    # "the same N" refers back to members named before
    "A second course will involve the same three countries in May.",
])
def test_quantities_en_unseen_not_quantities(text):
    assert found(text, "en") == set()


@pytest.mark.parametrize("text,expected", [
    # N国 without a measure word counts States after the scope it counts in, or as an approximate figure
    ("中亚五国执法部门参加了培训。", {("5", "国")}),
    ("东盟十国和东帝汶的部长出席了会议。", {("10", "国")}),
    ("中方向亚非拉30余国提供了援助。", {("30", "国")}),
    ("来自12国的代表参加了研讨会。", {("12", "国")}),
    ("2023年又有3国签署了该议定书。", {("3", "国")}),
    # verbs of operating end the counted noun
    ("该方案在60多个国家运营港口管制单位。", {("60", "国家")}),
    # a noun of "the number of" written before figures reached by a verb of change
    ("该议定书的缔约国已经增加到150个。", {("150", "缔约国")}),
    ("该网络的成员已达到64个。", {("64", "成员")}),
    # 与会 "attending" opens no clause; 围绕 ends the noun
    ("活动中，80名与会代表围绕安全治理进行研讨。", {("80", "与会代表")}),
    # 构成 across 机构|成员 is no verb
    ("该网络的机构成员近300个。", {("300", "机构成员")}),
    # 把 and a verb of change around a noun written before its figure
    ("项目把试点县增至120个。", {("120", "试点县")}),
    # adverbs and verbs of presence end the counted noun
    ("共有9个国家首次派员出席。", {("9", "国家")}),
    ("其中12个国家驻有人员。", {("12", "国家")}),
    # 亿 with a tail in 千万, a large count of staff without a measure word, compound measure words of times, households
    ("该组织每年可以获得2亿3千万美元。", {("230000000", "USD")}),
    ("我们的5万文职人员在外地服务。", {("50000", "文职人员")}),
    ("共派出巡逻艇420艘次。", {("420", "艘次")}),
    ("项目帮助300户农户脱贫。", {("300", "农户")}),
    # currencies written as they are named, and 亩
    ("冻结了超过12亿坚戈的资产。", {("1200000000", "坚戈")}),
    ("替代种植面积达8万多亩。", {("80000", "亩")}),
    # fractions: the noun right after without 的, a digit fraction before 的, the whole before 中
    ("仅五分之一患者得到了治疗。", {("0.2", "患者")}),
    ("有超过1/3的村庄种植罂粟。", {("0.333", "村庄")}),
    ("成年人口中约有二十分之一使用过毒品。", {("0.05", "成年人口")}),
    ("受害者中三分之一是儿童。", {("0.333", "受害者")}),
    # 种植 ends a noun, but not inside 种植者/种植户
    ("300名罂粟种植者参加了培训。", {("300", "罂粟种植者")}),
    # a named body joined to the counted noun is not counted with it; a collective of the UN system is
    ("公约已有140个国家和欧洲联盟批准。", {("140", "国家")}),
    ("来自30个国家和联合国毒品和犯罪问题办公室的代表。", {("30", "国家")}),
    ("来自30个国家和联合国机构的代表。", {("30", "国家和联合国机构")}),
    ("共有20个国家和国际组织参加。", {("20", "国家和国际组织")}),
    # a noun of eleven characters is read whole
    ("开展99次湄公河联合巡逻执法勤务。", {("99", "湄公河联合巡逻执法勤务")}),
    # a list open with 等, a list that modifies the noun (……的), a clause that is no list: the count stays
    ("成立预防教育、减少需求、缉毒执法、替代发展等四个工作组。", {("4", "工作组")}),
    ("在北京、上海等20个城市开展宣传。", {("20", "城市")}),
    ("中方在甘肃和青海的两个试点项目结束。", {("2", "试点项目")}),
    ("会议就将治疗作为定罪和惩罚的替代办法举行了两次专家磋商。", {("2", "专家磋商")}),
])
def test_quantities_zh_unseen_forms(text, expected):
    assert found(text, "zh") == expected


@pytest.mark.parametrize("text", [
    # N国 with no scope refers to States the text names or knows
    "会议回顾了两国禁毒合作成果。",
    "四国执法部门将成立联合指挥部。",
    "会上两国代表签署了合作协议。",
    "此后3国将加强边境协调。",
    # 国际 after a number is no measure word: a numbered heading
    "7 国际刑警组织向大会报告",
    # a digit fraction inside a symbol is none
    "见文件E/CN.7/2的附件。",
    # a run of characters longer than one counted noun gives no fragment of a word
    "与会的有18个地方边境禁毒联络办公室主任。",
    # a count in apposition to as many items listed right before it counts them
    "应同时从供给和需求两方面寻求解决途径。",
    "成立预防教育、减少需求、缉毒执法和替代发展四个工作组。",
    # ... and a list closed by 等 that names as many places or bodies as the count
    "该省项目在东湖区、西湖区、乐平市等三个市区实施。",
    "理事会下设人权、统计和麻醉品等3个职能委员会。",
    # a verb of change right after a measure word opens no counted noun
    "联合会的会员数目由90个增加至130个。",
])
def test_quantities_zh_unseen_not_quantities(text):
    assert found(text, "zh") == set()


@pytest.mark.parametrize("text,expected", [
    # a scale word alone after a word of approximation is one of it; 上 before it is no part of the noun written before
    ("警方查处贩毒案件上百起。", {("100", "贩毒案件")}),
    ("有上千名志愿者参与了宣传。", {("1000", "志愿者")}),
    ("该项目惠及近万户农民。", {("10000", "农民")}),
    ("当年抓获的嫌疑人逾千名。", {("1000", "嫌疑人")}),
    ("已有上百万人接受了治疗。", {("1000000", "人")}),
    # verbs of dismantling end the verb before a noun written before its figure
    ("去年共摧毁制毒窝点45个。", {("45", "制毒窝点")}),
    ("警方打掉贩毒团伙上千个。", {("1000", "贩毒团伙")}),
    # a range of two scaled numbers: the second number's noun is no scale word; a noun of "the number of" before
    # a range between (在……之间)
    ("每年约有800万至1100万人使用可卡因。", {("8000000", "人"), ("11000000", "人")}),
    ("受害者总数大约在二百万到四百万之间。", {("2000000", "受害者"), ("4000000", "受害者")}),
    ("吸毒者人数介于30万至50万之间。", {("300000", "吸毒者人数"), ("500000", "吸毒者人数")}),
    # a fraction after 其中 counts what the count before it counts
    ("该理事会共有36个成员国，其中的三分之一每两年改选一次。", {("36", "成员国"), ("0.333", "成员国")}),
    ("项目培训了200名法官，其中一半来自农村地区。", {("200", "法官"), ("0.5", "法官")}),
    ("共有80名学员，其中1/4为女性。", {("80", "学员"), ("0.25", "学员")}),
    ("其中一半受害者是妇女。", {("0.5", "受害者")}),
    # a verb right after a measure word opens a clause that ends at its 的: the noun follows 的
    ("全球有120万名注射使用毒品的人感染了丙肝。", {("1200000", "人")}),
    ("警方解救了45名被拐卖的妇女。", {("45", "妇女")}),
    ("共有60名参加培训的检察官获得证书。", {("60", "检察官")}),
    # ... but a verb that begins a noun stays in it
    ("举办了12期培训课程。", {("12", "培训课程")}),
])
def test_quantities_zh_approximate_scales_ranges_and_parts(text, expected):
    assert found(text, "zh") == expected


@pytest.mark.parametrize("text", [
    # a scale word alone inside a word or a vague multitude is no number
    "禁毒宣传走进千家万户。",
    "毒品给成千上万人带来不幸。",
    "成百上千个家庭因此破碎。",
    "这一成果来之不易，百姓受益。",
    # 其中 before a fraction of a measure: no parts of tonnes
    "缴获毒品300吨，其中三分之一是海洛因。",
])
def test_quantities_zh_approximate_scales_not_quantities(text):
    assert {q for q in found(text, "zh") if q[1] != "tonne"} == set()
