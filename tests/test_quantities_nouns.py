"""How the counted noun of a quantity is read, and what is no quantity, on passages written for these tests (not taken
from any annotation set): kg.extract.quantities; tests/data/annotations/CONVENTIONS.md section 5."""

import pytest

from kg.extract.nlp import normalize
from kg.extract.quantities import find_quantities, format_decimal, written


def found(text: str, lang: str) -> set:
    norm = normalize(text)
    return {(format_decimal(q.value), written(q, norm, text)[0]) for q in find_quantities(norm.text, lang)}


@pytest.mark.parametrize("text,lang,expected", [
    # a second noun of one or two words joined to the counted one
    ("Some 45 judges and court officials from the region attended.", "en", {("45", "judges and court officials")}),
    ("About 80 students and community leaders from 12 countries took part.", "en",
     {("80", "students and community leaders"), ("12", "countries")}),
    ("我们与40多个组织和国家机构签订了协议。", "zh", {("40", "组织和国家机构")}),
    # a noun joined by 及/和 that opens with "related"/"other" is not counted by the number
    ("在12个研讨会及相关培训活动上进行了交流。", "zh", {("12", "研讨会")}),
    ("与8个国家和其他伙伴签署了文件。", "zh", {("8", "国家")}),
    # a head that needs its of-phrase to say what it counts; "initial", "original" are qualifiers
    ("The council includes three representatives of civil society organizations.", "en",
     {("3", "representatives of civil society organizations")}),
    ("UNODC held four initial trainings of trainers in 2022.", "en", {("4", "trainings of trainers")}),
    ("The five original members remain.", "en", {("5", "members")}),
    # a count whose noun is left out, parallel to the count before it
    ("The treaty has 150 States parties in Asia, 40 in Africa and 12 in Oceania.", "en",
     {("150", "States parties"), ("40", "States parties"), ("12", "States parties")}),
    # verbs that end a Chinese counted noun
    ("双方已与15个国家和地区签订合作协议，在三个方面作出承诺，四次会议取得成果。", "zh",
     {("15", "国家和地区"), ("3", "方面"), ("4", "会议")}),
    # coordinated modifiers joined by 、 before one noun
    ("已签署20份双边、多边合作文件。", "zh", {("20", "双边、多边合作文件")}),
    # a river basin that scopes the counted noun
    ("去年共破获涉澜沧江流域毒品案件210起，查获涉及湄公河流域走私案件35起。", "zh",
     {("210", "毒品案件"), ("35", "走私案件")}),
    # without 涉/涉及 the basin stays in the noun
    ("6个湄公河流域国家参加了会议。", "zh", {("6", "湄公河流域国家")}),
    # 国 before a joiner counts itself; 两级 and 两方面 count levels and aspects
    ("上合组织八国和观察员国代表出席。", "zh", {("8", "国")}),
    ("建立省、市两级工作机制，从预防和治疗两方面入手。", "zh", {("2", "级"), ("2", "方面")}),
    # words of time end a counted noun or open the predicate after it
    ("12个国家去年签署了协定，5国本月举行会议。", "zh", {("12", "国家"), ("5", "国")}),
    # nouns with an of-phrase that name one thing; irregular plurals
    ("The Governments signed 3 memoranda of understanding and reopened 12 points of entry.", "en",
     {("3", "memoranda of understanding"), ("12", "points of entry")}),
    ("Experts drafted four curricula.", "en", {("4", "curricula")}),
    # 以 ends a Chinese counted noun (以协商一致方式); 以上 after a measure word is a qualifier
    ("其193个会员国以协商一致方式通过了宣言，10个以上国家表示支持。", "zh", {("193", "会员国"), ("10", "国家")}),
    # verbs of suffering, gathering and making up end a Chinese noun; 追回 opens a noun written before its number
    ("5名渔民遭海盗劫持，12位大使齐聚北京，该联盟由4个区域组织构成。", "zh",
     {("5", "渔民"), ("12", "大使"), ("4", "区域组织")}),
    ("今年共追回外逃人员350人，其中从欧洲追回41人。", "zh", {("350", "外逃人员"), ("41", "人")}),
    # 千克 is kilogram (not 千 thousand and 克 gram); a people after a scaled number
    ("查获海洛因35.5千克，约120万叙利亚人需要援助。", "zh", {("35.5", "kilogram"), ("1200000", "叙利亚人")}),
    # English: two-word modifiers joined before one plural noun; police as a modifier; "N of whom" re-counts people
    ("UNODC trained 40 drug control and border security officers and 15 police investigators.", "en",
     {("40", "drug control and border security officers"), ("15", "police investigators")}),
    ("The prison holds 210 foreign nationals, 35 of whom have been sentenced.", "en",
     {("210", "foreign nationals"), ("35", "foreign nationals")}),
    ("It held two regional and three national workshops.", "en", {("3", "national workshops")}),
    # a count compared with one before it takes its noun
    ("In 2022, 64 States submitted data, up from 51 in 2018.", "en", {("64", "States"), ("51", "States")}),
    ("Some 296 million people used drugs, compared with 240 million in 2011.", "en",
     {("296000000", "people"), ("240000000", "people")}),
    # 就 ("regarding") ends a Chinese noun; a duration with a measure word (为期6个月) never takes an earlier noun
    ("该方案分四个阶段实施，每一阶段为期9个月；3个代表团就此发言。", "zh", {("4", "阶段"), ("3", "代表团")}),
    # one-character nouns before a verb (7个州通过了); 于 and 正在 end a noun; 沿线 is one word (not 沿 "along")
    ("已有6个省通过了条例，另有2个县正在起草；5个机构于2020年合并；沿线国家达40个。", "zh",
     {("6", "省"), ("2", "县"), ("5", "机构"), ("40", "沿线国家")}),
    # verbs of scheduling end a noun (列入, 纳入)
    ("麻委会将8种物质列入附表，另将2种前体纳入管制。", "zh", {("8", "物质"), ("2", "前体")}),
    # 万亿 and 千亿; a currency whose name opens with 日 (日元) after a scale word
    ("损失约为1.2 万亿美元，另有3千亿日元。", "zh", {("1200000000000", "USD"), ("300000000000", "日元")}),
])
def test_quantities_counted_nouns(text, lang, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("text", [
    # numerals inside a short quoted name
    "推动建立“五国六方”合作机制和“两廊一圈”倡议。",
    # a count of the treaties whose parties are meant, and of named members after a dash
    "该国是三项禁毒公约缔约国。",
    "该地区毗邻两大产区——金三角和金新月。",
    # dates written with a middle dot (6·26), durations in hours (2个半小时, 3小时)
    "每年的6·26国际禁毒日前后，会议持续了2个半小时，培训持续3小时。",
    # numerals inside a quoted title that closes right after the count
    "该案入选“2021年全国禁毒工作十大典型案例”。",
])
def test_quantities_zh_no_quantity(text):
    assert found(text, "zh") == set()


@pytest.mark.parametrize("text,expected", [
    # a definite count described by where its members are is a quantity; without such a description it counts members
    # named elsewhere
    ("Most of the four countries in the region lack forensic laboratories.", {("4", "countries")}),
    ("Few of the seven States of the subregion have ratified.", {("7", "States")}),
    ("He praised the cooperation between the two organizations.", set()),
])
def test_quantities_en_definite_counts(text, expected):
    assert found(text, "en") == expected


@pytest.mark.parametrize("text,expected", [
    # digits opening a line before a capitalised word number a footnote or an item, no count
    ("3 UNICEF and UNFPA report to the Executive Board.", set()),
    ("4 Regional commissions report to the Economic and Social Council.", set()),
    ("Notes\n2 The WFP reports to the Executive Board.", set()),
    # a headline in title case and a plural counted noun keep their counts
    ("30 Member States Sign the UN Convention against Cybercrime in Hanoi", {("30", "Member States")}),
    ("25 States parties have yet to report.", {("25", "States parties")}),
    # a count inside a sentence, or before a noun in lower case, stays
    ("12 countries signed the agreement in 2019.", {("12", "countries")}),
    ("In 2019, 14 Member States signed the agreement.", {("14", "Member States")}),
])
def test_quantities_en_line_marks(text, expected):
    assert found(text, "en") == expected
