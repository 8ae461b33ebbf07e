"""Quantities (kg.extract.quantities) and resolution forms (kg.extract.resolutions) on written passages
of the kinds UN and UNODC texts use; conventions: tests/data/annotations/CONVENTIONS.md sections 4 and 5."""

from decimal import Decimal

import pytest

from kg.core.namespaces import ID
from kg.extract.amounts import fraction_value
from kg.extract.document import Extractor
from kg.extract.ingest import parse_document
from kg.extract.nlp import normalize
from kg.extract.quantities import find_quantities, format_decimal, parse_chinese_number, written


def found(text: str, lang: str) -> set:
    norm = normalize(text)
    return {(format_decimal(q.value), written(q, norm, text)[0]) for q in find_quantities(norm.text, lang)}


@pytest.mark.parametrize("text,expected", [
    ("More than 1,200 officers were trained in thirteen countries.", {("1200", "officers"), ("13", "countries")}),
    ("Two hundred prosecutors attended.", {("200", "prosecutors")}),
    ("twenty-five judges and two hundred and ten police officers", {("25", "judges"), ("210", "police officers")}),
    ("UNODC received US$ 354 million and USD 2.5 billion", {("354000000", "USD"), ("2500000000", "USD")}),
    ("The budget is USD 5.6m.", {("5600000", "USD")}),
    ("a grant of 4 million euros", {("4000000", "EUR")}),
    ("one million people and 5 million US dollars", {("1000000", "people"), ("5000000", "USD")}),
    ("1 million USD was allocated", {("1000000", "USD")}),
    ("covered 233,000 hectares and reached 6,400 tons", {("233000", "hectares"), ("6400", "tonne")}),
    ("seized 1.5 tonnes of cocaine and 300 kg of heroin", {("1.5", "tonne"), ("300", "kilogram")}),
    ("Seizures rose by 12 per cent and by 5%.", {("12", "percent"), ("5", "percent")}),
    ("between 20 and 30 per cent of users", {("20", "percent"), ("30", "percent")}),
    ("around one fifth of the total output is smuggled", {("0.2", "total output")}),
    ("Two thirds of the victims were women", {("0.667", "victims")}),
    ("1 in 5 victims was a child", {("0.2", "victims")}),
    ("10 officers attended, three of whom were women.", {("10", "officers"), ("3", "women")}),
    ("visiting Afghanistan and its five Central Asian neighbours", {("5", "Central Asian neighbours")}),
    ("grants were awarded to 28 new projects", {("28", "projects")}),
    ("representatives of 40 Member States", {("40", "Member States")}),
    ("over 300 officers from 15 law enforcement agencies took part", {("300", "officers"), ("15", "law enforcement agencies")}),
    ("reaching 10,000 direct beneficiaries", {("10000", "beneficiaries")}),
    ("with 28 new projects, five more countries, 20 such requests and four other partners",
     {("28", "projects"), ("5", "countries"), ("20", "requests"), ("4", "partners")}),
    ("two additional cross cutting themes, four main goals and 18 different schools",
     {("2", "cross cutting themes"), ("4", "goals"), ("18", "schools")}),
    ("a meeting of the police of the three Triangular Initiative (TI) members", {("3", "Triangular Initiative (TI) members")}),
    ("Three additional ones were found with a total of 75 kg of cocaine.", {("75", "kilogram")}),
    ("Seizures of 10–15 tons and 20-30 per cent of users", {("10", "tonne"), ("15", "tonne"), ("20", "percent"), ("30", "percent")}),
    ("between 1.5-2 million people and between 20 and 30 million users",
     {("1500000", "people"), ("2000000", "people"), ("20000000", "users"), ("30000000", "users")}),
    ("3-5 experts per country and 100–150 participants attended", {("3", "experts"), ("5", "experts"), ("100", "participants"),
                                                                   ("150", "participants")}),
    ("18 monitors, 13 mice and keyboards, 4 laptops", {("18", "monitors"), ("13", "mice and keyboards"), ("4", "laptops")}),
    ("UNODC will implement these three projects.", {("3", "projects")}),
    ("what was one per cent in 2016 was 10 per cent in 2020", {("1", "percent"), ("10", "percent")}),
    ("The total number of victims in 2022 was 69,627.", {("69627", "victims")}),
    ("the number of States parties reached 10 in 2021", {("10", "States parties")}),
    ("An estimated 11.2 million people inject drugs worldwide.", {("11200000", "people")}),
    ("Its three Protocols have 178, 150 and 120 parties respectively.", {("178", "parties"), ("150", "parties"), ("120", "parties")}),
    ("UNODC implemented 45 projects worth USD 150 million.", {("45", "projects"), ("150000000", "USD")}),
    ("equipment was handed over to 12 border crossing points", {("12", "border crossing points")}),
    ("50 countries participating in the survey and 10 officers trained", {("50", "countries"), ("10", "officers")}),
    ("Only three out of ten victims were identified.", {("0.3", "victims")}),
    ("the Office supported 3 of the 5 countries in the subregion", {("3", "countries"), ("5", "countries")}),
    ("UNODC trained 2,000+ officers in 2022.", {("2000", "officers")}),
    ("Half a million people were displaced.", {("500000", "people")}),
    ("Opium poppy cultivation covered 224,000 hectares (233,000 ha in 2022).", {("224000", "hectares"), ("233000", "ha")}),
    ("Seizures of heroin stood at between 72 and 78 tons, or 2 or 3 tons a month.", {("72", "tonne"), ("78", "tonne"),
                                                                                     ("2", "tonne"), ("3", "tonne")}),
    ("The project received USD 1.2 million, $3 billion was pledged and EUR 500,000 was spent.",
     {("1200000", "USD"), ("3000000000", "USD"), ("500000", "EUR")}),
    ("Twelve Member States and two hundred and fifty practitioners took part.", {("12", "Member States"), ("250", "practitioners")}),
    ("In 2021, 30 countries reported seizures; In Colombia, 1,200 laboratories were dismantled.",
     {("30", "countries"), ("1200", "laboratories")}),
    ("In Afghanistan 5,000 officers were trained.", {("5000", "officers")}),
    ("Over 60 Parliamentarians from 25 African Union Member States took part.", {("60", "Parliamentarians"),
                                                                               ("25", "African Union Member States")}),
    ("Seizures rose in Europe 40 per cent and in Africa 25%.", {("40", "percent"), ("25", "percent")}),
    ("The Convention¹ entered into force, and 15 countries² ratified it in 2020.³", {("15", "countries")}),
    ("50,000 victims detected (UNODC, 2020)6 in 148 countries.", {("50000", "victims"), ("148", "countries")}),
    ("The number of States parties to the Convention increased from 147 in 2008 to 190 in 2022.",
     {("147", "States parties"), ("190", "States parties")}),
    ("The number of victims detected rose from 20,000 to 50,000.", {("20000", "victims"), ("50000", "victims")}),
    ("SHERLOC holds 3,400 pieces of legislation; police seized 500 rounds of ammunition and 1.2 million tablets of captagon.",
     {("3400", "pieces of legislation"), ("500", "rounds of ammunition"), ("1200000", "tablets")}),
    ("there are between 119 million and 224 million cannabis users", {("119000000", "cannabis users"), ("224000000", "cannabis users")}),
    ("That is 1 in every 200 people.", {("0.005", "people")}),
    ("GLO.ACT worked with the 13 selected target countries.", {("13", "target countries")}),
    ("Donors gave 200 000 euros, NOK 10 million and £2 million.", {("200000", "EUR"), ("10000000", "NOK"), ("2000000", "GBP")}),
    # money: currency words in any case, a currency sign after the number, dots between thousands, a list of donors
    ("The Union set aside 12 million Euros for a 4 million Euro project and 2 million Swiss francs.",
     {("12000000", "EUR"), ("4000000", "EUR"), ("2000000", "CHF")}),
    ("Total: 2.450.000€ (EU share - 1.800.000€)", {("2450000", "EUR"), ("1800000", "EUR")}),
    ("Funding: US$ 900,000 (Norway: US$ 400,000; Sweden: 300,000; UNDP: 200,000)",
     {("900000", "USD"), ("400000", "USD"), ("300000", "USD"), ("200000", "USD")}),
    ("three pillars: Justice, Health and Research; 5 countries (see annex)", {("3", "pillars"), ("5", "countries")}),
    # two plural nouns joined by "and" before a preposition; a count whose noun is left out takes the noun before it
    ("It brought together 25 judges and prosecutors from five States.", {("25", "judges and prosecutors"), ("5", "States")}),
    ("Of the 190 States parties, 150 have completed their review.", {("190", "States parties"), ("150", "States parties")}),
    ("The network links 24 countries of which half are in Asia; 120 victims, of whom two thirds were women.",
     {("24", "countries"), ("0.5", "countries"), ("120", "victims"), ("0.667", "victims")}),
    ("It delivered two 3-day training courses and five one-week workshops; budget: 20 billion naira.",
     {("2", "training courses"), ("5", "workshops"), ("20000000000", "naira")}),
    ("UNODC has more than 20 regional and country offices; 12 or more countries took part; 30 women and children were "
     "rescued.", {("20", "regional and country offices"), ("12", "countries"), ("30", "women and children")}),
    ("It granted HK$ 5 million, NT$ 300,000, RMB 2 million and 40 million yuan.",
     {("5000000", "HKD"), ("300000", "TWD"), ("2000000", "CNY"), ("40000000", "yuan")}),
    # two names of units counted together, each with its abbreviation
    ("Over 40 Joint Airport Interdiction Task Forces (JAITFs) and Mobile Border Teams (MBTs) operate.",
     {("40", "Joint Airport Interdiction Task Forces (JAITFs) and Mobile Border Teams (MBTs)")}),
    # qualifiers that only pick some of the things counted
    ("It works in four prisons and has three specific components.", {("4", "prisons"), ("3", "components")}),
    # other dollars by their prefix; a unit joined to its number by a hyphen before the noun it describes
    ("New Zealand gave NZ$ 4 million and Singapore S$2 million.", {("4000000", "NZD"), ("2000000", "SGD")}),
    ("The country has a 1,200-km border and a 350-kilometre coastline; a 40-hectare plot was cleared.",
     {("1200", "km"), ("350", "kilometre"), ("40", "hectare")}),
])
def test_quantities_en_counts_and_measures(text, expected):
    assert found(text, "en") == expected


@pytest.mark.parametrize("text", [
    "On 25 May 2019, the Commission met in Vienna.",
    "The programme ran from 2019-2021 and covered fiscal year 2020/21 and FY2022.",
    "Parties to the 1988 Convention reported seizures.",
    "At its sixty-fourth session and its 64th session, under agenda item 5.",
    "In accordance with paragraph 12 of resolution 415 (V) and article 3.",
    "Tel: (+ 43-1) 26060-0 Fax: (+ 43-1) 26060-5866, PO Box 500, 1400 Vienna, Austria",
    "ISO 3166 code 004 for Afghanistan; SDG 16 and COP 26.",
    "Chapter Paragraphs Page I. MATTERS 1-2 1 A. Draft resolutions 1 1 B. Draft decisions 2 4 II.",
    "a special session of five working days in 1990",
    "The two organizations praised their cooperation.",
    "authorities from these three countries met in Dakar",
    "the border areas of six countries in South-East Asia, namely Cambodia, China and Thailand",
    "The Conference held its tenth session from 12 to 16 October 2020.",
    "Over the past two decades; the first two years of the project.",
    "the Group of Eight",
    "The 5th edition was launched on the 10th anniversary.",
    "Footnote 3 refers to the report of the Secretary-General.",
    "Security Council resolution 1373 (2001) and resolutions 2178 (2014) and 2396 (2017) require States to act.",
    "Articles 5, 6 and 7 of the Convention and paragraphs 3 (a) and 4 of decision 63/1 apply.",
    "Goal 16 and target 16.4 of the 2030 Agenda (A/RES/70/1) call for action.",
    "The General Assembly, at its seventy-fifth session, adopted resolution 75/1 on 25 May 2021.",
    "During the period 2019-2021 and in 2022-2023, fiscal reports were filed.",
    "Week 12 of the campaign, Model 3 of the law, Recommendation 23 of FATF and Convention 108 of the Council of Europe.",
    "(a) To strengthen cooperation; (b) to provide technical assistance; 1. Introduction",
    "For information call +43 1 26060 4666 or fax +43 1 263 3389.",
    "Children aged 12 to 17 years and 15-year-old students were surveyed.",
    "since the six countries seizing the largest amounts (Afghanistan, China, Pakistan and Türkiye) grew",
    "The Convention and its three Protocols entered into force.",
    "At the 12th meeting, on 15 April, the Commission adopted draft resolution E/CN.15/2021/L.3/Rev.1.",
    "1. Welcomes the report; 2 Requests the Executive Director to report; 3 Decides to remain seized of the matter.",
    "the world population aged between 15 and 64 using a drug, persons aged 15-64 and those under the age of 18",
    "The 12 th Meeting of HONLEA Europe took place in Vienna.",
    "The Protocol,12 adopted by the Assembly,3 countries welcomed it.",
    "Over the first two rounds and the last three cycles, the project trained staff.",
    "It ran two 5-day advanced boarding (ship inspection) training courses.",
    "It covers the 4 Member States of the Commission: Comoros, Madagascar, Mauritius and Seychelles.",
    "work focuses on 3 countries - Cambodia, the Lao People's Democratic Republic, Viet Nam - in the region",
    "officers of five pilot countries where UNODC is present (Chad, Mali, the Niger, Benin and Togo) were trained",
    "a 3-day course, a two-week visit, the 2019-km campaign and a 10-percent-funded plan",
    "The COVID-19 pandemic; E/CN.7/2021-3 officers; 2019-2021; 25-26 May; pages 12-15; articles 5-8; the 15-24 age group.",
])
def test_quantities_en_not_quantities(text):
    assert found(text, "en") == set()


@pytest.mark.parametrize("text,expected", [
    ("阿富汗的罂粟种植面积为13万1000公顷，鸦片产量为6400吨。", {("131000", "公顷"), ("6400", "tonne")}),
    ("特别用途捐款总额为 3.54 亿美元", {("354000000", "USD")}),
    ("缉获了10至15吨可卡因", {("10", "tonne"), ("15", "tonne")}),
    ("该方案在十三个国家开展工作，为两百名检察官举办了讲习班", {("13", "国家"), ("200", "检察官")}),
    ("并向 1,600 名决策者和治疗服务提供者提供了能力建设", {("1600", "决策者和治疗服务提供者")}),
    ("培训了 5,000 多名海事执法官员、检察官和法官。", {("5000", "海事执法官员、检察官和法官")}),
    ("对大约300个监狱和卫生机构、监狱和医疗保健工作人员以及民间社会组织进行了培训", {("300", "监狱和卫生机构")}),
    ("为 20 项此类请求提供了便利", {("20", "请求")}),
    ("发布了三个新的知识产品", {("3", "知识产品")}),
    ("有来自182个国家和领土的11,600多名各学科的注册用户。", {("182", "国家和领土"), ("11600", "注册用户")}),
    ("开展了三项与预防和惩戒改革有关的国家研究", {("3", "国家研究")}),
    ("提供了五期区域培训课程", {("5", "区域培训课程")}),
    ("由五个区域平台巩固了其快速实施", {("5", "区域平台")}),
    ("2021 年，捐助方数量为 106 个，", {("106", "捐助方")}),
    ("提供了15笔赠款。", {("15", "赠款")}),
    ("约有四分之一的受害者是儿童，百分之二十五的国家", {("0.25", "受害者"), ("25", "percent")}),
    ("均在世界上人口最多的 10 个国家之列", {("10", "国家")}),
    ("管理5036公里陆地边界和3260公里海岸线", {("5036", "公里"), ("3260", "公里")}),
    ("会员国重申对叁项目标的承诺", {("3", "目标")}),
    ("2010年大约2.3亿人--每20人中就有1人--使用过非法药物", {("230000000", "人")}),
    ("该项目获得1.2亿美元资助，罂粟种植面积为22.4万公顷。", {("120000000", "USD"), ("224000", "公顷")}),
    ("15-64岁人口中有5.5%使用过毒品，约3,600万人患有吸毒病症。", {("5.5", "percent"), ("36000000", "人")}),
    ("毒品和犯罪问题办公室在60多个国家设有115个外地办事处。", {("60", "国家"), ("115", "外地办事处")}),
    ("会议于6月26日至28日举行，来自30个国家的150名代表出席。", {("30", "国家"), ("150", "代表")}),
    ("儿童占人口贩运受害者的三分之一。", {("0.333", "人口贩运受害者")}),
    ("在可卡因产量占全世界一半的哥伦比亚，种植量下降了18%。", {("0.5", "可卡因产量"), ("18", "percent")}),
    ("半数以上的国家报告了增长。", {("0.5", "国家")}),
    ("这份长达314页的报告已经发布。", {("314", "页")}),
    ("办事处还对七国政府开展非法作物监测调查提供了支助。", {("7", "国政府")}),
    ("会员国重申对公约的叁项目标和目的的承诺。", {("3", "目标和目的")}),
    ("本届会议吸引了近1000名代表一同出席。", {("1000", "代表")}),
    ("以联合国六种正式语文即阿拉伯文、中文、英文、法文、俄文和西班牙文出版。", {("6", "正式语文")}),
    ("全球有1.5至2亿人使用毒品，缉获了10-15吨可卡因。", {("150000000", "人"), ("200000000", "人"), ("10", "tonne"), ("15", "tonne")}),
    # traditional characters: 個, 噸, 億 read as 个, 吨, 亿; the noun as written
    ("該組織在全球8個區域設有辦事處，查獲5噸毒品和3億美元。", {("8", "區域"), ("5", "tonne"), ("300000000", "USD")}),
    ("現有成員機構25個。", {("25", "成員機構")}),
    # the noun written before its number (statistics), or only the measure word (20袋)
    ("警方破获案件120起，逮捕嫌疑人86人，缴获汽车12辆、摩托车30辆、20袋。",
     {("120", "案件"), ("86", "嫌疑人"), ("12", "汽车"), ("30", "摩托车"), ("20", "袋")}),
    ("截至2020年，成员国数量达到30个。", {("30", "成员国")}),
    ("全球吸毒人数超过2.9亿。", {("290000000", "吸毒人数")}),
    ("发现了12处制毒工厂，其中5处位于边境。", {("12", "制毒工厂"), ("5", "制毒工厂")}),
    # where the noun ends or begins: an approximate number, a verb, a describing clause, a word with 中 inside
    ("来自20个国家约300名代表参加了会议。", {("20", "国家"), ("300", "代表")}),
    ("中国联合周边三国开展联合行动。", {("3", "国")}),
    ("共有80名来自边境地区的执法人员参加培训。", {("80", "执法人员")}),
    ("为40多个发展中国家提供援助。", {("40", "发展中国家")}),
    ("在190个缔约国中，已有150个完成了第一轮审议。", {("190", "缔约国"), ("150", "缔约国")}),
    # 1萬8千 (a scale word inside the number), 场次 counts itself, 学生人数逾2万名 counts 学生, qualifiers such as 主要 dropped
    ("共舉辦86場次，超過2萬5千人次參與；教師人數逾3千名。", {("86", "場次"), ("25000", "人次"), ("3000", "教師")}),
    ("该中心的主要任务有三项：培训、研究和交流。", {("3", "任务")}),
    ("撥款500萬港元，另有3億元人民幣及2000元。", {("5000000", "港元"), ("300000000", "人民幣"), ("2000", "元")}),
    ("澳門司法警察局今年共偵破毒品案件62宗，其中青少年佔15人。", {("62", "毒品案件"), ("15", "青少年")}),
    ("与中亚3国警方合作，为20项司法合作请求提供便利。", {("3", "国警方"), ("20", "司法合作请求")}),
    ("邀請全球20餘國、逾百名執法人員參加；起獲大麻植株1,500株，拘捕 950 人。",
     {("20", "國"), ("100", "執法人員"), ("1500", "大麻植株"), ("950", "人")}),
    ("本次行動共出動警力5000餘人次，搗毀製毒窩點12個。", {("5000", "人次"), ("12", "製毒窩點")}),
    ("過去十年，吸毒人數下降了六成，約三成是青少年。", {("60", "percent"), ("30", "percent")}),
    ("在反恐战略所有四个支柱基础上制定应对举措，这四个支柱包括预防。", {("4", "支柱")}),
    # Chinese numerals at the start of a text, with 余/多, in formal characters
    ("三千五百名代表出席", {("3500", "代表")}),
    ("二十余个国家和一百多个组织", {("20", "国家"), ("100", "组织")}),
    ("两名官员获得壹佰贰拾万元。", {("2", "官员"), ("1200000", "元")}),
    ("新增2国加入了该网络。", {("2", "国")}),
    ("设立了3个工作组负责后续工作，配备了50台计算机，为12项司法协助请求提供便利。",
     {("3", "工作组"), ("50", "计算机"), ("12", "司法协助请求")}),
    ("从预防、保护和起诉四个主要方面提出行动。", {("4", "方面")}),
    # 各类 a qualifier; a noun before its number after 侦办; 例 a measure word of cases; 倍 a unit
    ("警方共破获各类走私案件45起，立案侦办洗钱犯罪案件120起。", {("45", "走私案件"), ("120", "洗钱犯罪案件")}),
    ("报告记录了320例过量致死病例。", {("320", "过量致死病例")}),
    ("非法资金流动相当于官方发展援助的3倍。", {("3", "倍")}),
    # verbs that end a counted noun or open no noun; a clause opened by 首次 before 的
    ("项目与20多个国际组织密切合作，在12个省区发放物资，三位代表随团访问。", {("20", "国际组织"), ("12", "省区"), ("3", "代表")}),
    ("会议吸引了五个首次派员出席的国家，中国向30余国提供援助。", {("5", "国家"), ("30", "国")}),
])
def test_quantities_zh_counts_and_measures(text, expected):
    assert found(text, "zh") == expected


@pytest.mark.parametrize("text", [
    "2019年5月25日，委员会举行第六十二届会议。",
    "最新信息发表在一年两次的“当前新型”报告中。",
    "会议每年举行两次。",
    "办公室还为未参加上述三个网络的国家之间的合作提供了便利。",
    "瑞士加入了所有 19 项文书。",
    "印度和土耳其这两个传统供应国",
    "通过题为“强大的家庭”和“家庭团结”的两个家庭技能方案",
    "针对数百起重大毒品缉获",
    "八国集团和二十国集团的领导人",
    "坚定维护以联合国三项禁毒公约为基础的国际禁毒体制",
    "促进加入 19 项国际反恐公约和议定书。",
    "根据第5条第2款和第64/1号决议",
    "2019-2021年期间，第6/2号决议，A/RES/75/1，5-6月，6-8日，E/CN.7/2021-3。",
    "第五十五届会议 议程项目107 大会决议 [根据第三委员会的报告通过]",
    "15至64岁的人口和18岁以下的儿童。",
    "电话：+43 1 26060 0；传真：+43 1 26060 5866。",
    "大会第七十五届会议通过了A/RES/70/1号文件；可持续发展目标16和具体目标16.4。",
    "（a）加强合作；（b）提供援助；1. 导言",
    "二〇二一年六月二十六日是国际禁毒日。",
    "前两期分别于2019年和2021年举行。",
    "提出了“加强合作；共享情报；联合执法”三项建议。",
    # counts of States named in the passage: one-character names before, a list after, and the same count again
    "中老缅泰4国联合开展巡逻，4国决定继续合作。",
    "流域3国：中国、老挝和缅甸，在去年启动了合作。",
    "邀请参加「2019国际禁毒合作论坛」。",
    "落实党的十九大和二十大精神。",
    "三四个国家在两三年内完成了十几个项目。",
    "“平安航道”联合执法行动二期培训班在昆明举行。",
    "2019台湾地区的报告和2020国际论坛。",
])
def test_quantities_zh_not_quantities(text):
    assert found(text, "zh") == set()


@pytest.mark.parametrize("text,value", [("三十五", 35), ("两千", 2000), ("一万二千", 12000), ("十三", 13), ("两百", 200),
                                        ("一万零五百", 10500), ("三四", None)])
def test_quantities_chinese_numerals(text, value):
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize("num,den,expected", [(1, 5, "0.2"), (1, 3, "0.333"), (2, 3, "0.667"), (1, 4, "0.25")])
def test_quantities_fractions_terminate_or_take_three_decimals(num, den, expected):
    assert format_decimal(fraction_value(num, den)) == expected


def test_quantities_are_deterministic():
    text = "UNODC trained 1,200 officers in thirteen countries and seized 5 tons; 培训了 5,000 多名海事执法官员、检察官和法官。"
    assert find_quantities(text, "en") == find_quantities(text, "en")
    assert all(isinstance(q.value, Decimal) for q in find_quantities(text, "zh"))


@pytest.fixture(scope="module")
def resolution_ids():
    extractor = Extractor()

    def run(text, lang):
        x = extractor.extract(parse_document("t.md", text.encode("utf-8"), lang))
        short = lambda t: str(t)[len(str(ID)):]
        return ({short(m.entity) for m in x.mentions if short(m.entity).startswith(("resolution/", "decision/"))},
                {(short(r.subject), short(r.object)) for r in x.relations if str(r.predicate).endswith("adoptedBy")})

    return run


@pytest.mark.parametrize("text,lang,expected", [
    ("The General Assembly,\n\nRecalling its resolution 415 (V) of 1 December 1950,", "en", {"resolution/ga/415-v"}),
    ("The Economic and Social Council,\n\nRecalling its resolutions 1982/29, 1983/24 and 1984/45,", "en",
     {"resolution/ecosoc/1982-29", "resolution/ecosoc/1983-24", "resolution/ecosoc/1984-45"}),
    ("Recalling General Assembly resolutions 33/168 of 20 December 1978, 35/195 of 15 December 1980 and 40/120,", "en",
     {"resolution/ga/33-168", "resolution/ga/35-195", "resolution/ga/40-120"}),
    ("The Economic and Social Council adopted decision 2019/234 on the matter.", "en", {"decision/ecosoc/2019-234"}),
    ("The Economic and Social Council,\nRecalling its resolution 155 C (VII) of 13 August 1948,", "en", {"resolution/ecosoc/155-c-vii"}),
    ("Security Council resolution 2178 (2014) and resolution 1373 (2001)", "en",
     {"resolution/security-council/2178", "resolution/security-council/1373"}),
    ("麻醉药品委员会第64/1号决议和第65/2号决定。", "zh", {"resolution/cnd/64-1", "decision/cnd/65-2"}),
    ("大会第415(V)号决议。", "zh", {"resolution/ga/415-v"}),
    ("经济及社会理事会第1982/29、1983/24和1984/45号决议。", "zh",
     {"resolution/ecosoc/1982-29", "resolution/ecosoc/1983-24", "resolution/ecosoc/1984-45"}),
    ("安全理事会第2178(2014)号决议", "zh", {"resolution/security-council/2178"}),
    # a resolution text headed by its own number: the body of its opening line adopted it
    ("52/85. Measures to eliminate international terrorism\n\nThe General Assembly,\n\nRecalling its resolution 49/60,", "en",
     {"resolution/ga/52-85", "resolution/ga/49-60"}),
    ("52/85. Measures to eliminate international terrorism\nThe General Assembly,\nRecalling its resolution 49/60,", "en",
     {"resolution/ga/52-85", "resolution/ga/49-60"}),
    ("2004/43. Promoting cooperation\n\nThe Economic and Social Council,\n\nRecalling its resolution 2003/32,", "en",
     {"resolution/ecosoc/2004-43", "resolution/ecosoc/2003-32"}),
    ("Resolution 64/1\n\nThe Commission on Narcotic Drugs,\n\nRecalling its resolution 62/5,", "en",
     {"resolution/cnd/64-1", "resolution/cnd/62-5"}),
    ("Decision 9/1\n\nThe Conference of the Parties to the United Nations Convention against Transnational Organized Crime,"
     "\n\nRecalling its resolution 5/4,", "en", {"decision/cop-untoc/9-1", "resolution/cop-untoc/5-4"}),
    ("52/85. 消除国际恐怖主义的措施\n\n大会，\n\n回顾其1994年12月9日第49/60号决议，", "zh", {"resolution/ga/52-85", "resolution/ga/49-60"}),
    ("第64/1号决议\n\n麻醉药品委员会，\n\n回顾其第62/5号决议，", "zh", {"resolution/cnd/64-1", "resolution/cnd/62-5"}),
])
def test_resolutions_forms_and_their_body(resolution_ids, text, lang, expected):
    found_ids, adopted = resolution_ids(text, lang)
    assert found_ids == expected
    assert {subject for subject, _ in adopted} == expected


@pytest.mark.parametrize("text,lang", [
    ("pursuant to resolution 1373 (2001), the Committee met", "en"),
    ("The Conference adopted resolution 6/2.", "en"),
    ("缔约方会议第6/2号决议", "zh"),
    ("52/85. Measures to eliminate international terrorism\n\nRecalling resolution 49/60,", "en"),
    ("52/85. 消除国际恐怖主义的措施\n\n回顾第49/60号决议，", "zh"),
])
def test_resolutions_without_an_identified_body_are_left_out(resolution_ids, text, lang):
    assert resolution_ids(text, lang)[0] == set()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_quantities_any_text_gives_spans_inside_it(lang):
    """Readers never fail on odd input, and every amount is a span of the text it was read from."""
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    alphabet = st.sampled_from(["0", "1", "9", "12", ",", "000", ".", "/", "-", "–", "%", " ", "万", "亿", "千", "百", "十", "一",
                                "两", "三", "叁", "分之", "的", "第", "个", "名", "项", "吨", "和", "、", "国家", "of", "the", "and",
                                "in", "one", "two", "hundred", "thirds", "per cent", "US$", "million", "m", "officers", "May"])

    @hypothesis.settings(max_examples=300, deadline=None, derandomize=True)
    @hypothesis.given(st.lists(alphabet, max_size=30).map("".join))
    def check(text):
        for q in find_quantities(text, lang):
            assert 0 <= q.start < q.end <= len(text)
            assert q.value >= 0 and q.unit

    check()


@pytest.mark.parametrize("text,lang", [
    ("Delivered: 18 monitors, 13 mice and keyboards, 4 laptops and 1 base station to the unit in the port of the capital.", "en"),
    ("It brought together 25 judges and prosecutors from five States; 40 Port Control Units (PCUs) and Air Cargo Control "
     "Units (ACCUs) work now.", "en"),
    ("拘捕疑犯4521人（女性612人），外籍人士87人；發現9處倉庫，其中4處位於邊境。", "zh"),
])
def test_quantities_spans_lie_inside_the_text(text, lang):
    norm = normalize(text).text
    spans = [(q.start, q.end) for q in find_quantities(norm, lang)]
    assert spans and all(0 <= start < end <= len(norm) for start, end in spans)


@pytest.mark.parametrize("text", ["截至去年，公约共有90个", "年共有15个", "來自約60個"])
def test_quantities_zh_a_count_cut_off_before_its_noun_gives_no_empty_noun(text):
    assert all(q.unit for q in find_quantities(normalize(text).text, "zh"))
