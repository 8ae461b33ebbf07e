"""Chinese names of agencies found from the lists they stand in (kg.extract.bodies_zh): every item of a list joined by
、 ends with an agency head, so every item is a name; with the lists that name nothing."""

from __future__ import annotations

import pytest


def _labels(extract, text):
    return {label for e in extract(text, "zh").new_entities for _, label in e.labels}


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("代表来自保安司、司法警察局、社会工作局及禁毒委员会。", {"保安司", "司法警察局", "社会工作局", "禁毒委员会"},
                 set(), id="list-with-last-item-after-ji"),
    pytest.param("在外交部、法务部、财政部关务署等相关单位协助下举办培训。", {"外交部", "法务部", "财政部关务署", "财政部"},
                 {"相关单位"}, id="list-ending-with-deng-and-a-unit"),
    pytest.param("會議邀請了衞生局、教育暨青年局和民政總署的代表參加。", {"衞生局", "教育暨青年局", "民政總署"},
                 {"了卫生局"}, id="traditional-list-after-a-verb"),
    pytest.param("澳门方面的海关、治安警察局亦会出席。", set(), {"治安警察局"}, id="item-without-a-head-names-none"),
    pytest.param("各国外交部、司法部和内政部应加强合作。", set(), {"各国外交部", "司法部", "内政部"}, id="any-states-ministries"),
    pytest.param("地方当局、总部和各部门都参加了会议。", set(), {"地方当局", "总部"}, id="common-words-ending-with-a-head"),
])
def test_agencies_in_lists(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


def _linked(extract, text):
    from kg.core.namespaces import ID
    return {str(m.entity)[len(str(ID)):] for m in extract(text, "zh").mentions}


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("中老缅泰四国在湄公河开展联合巡逻执法。", {"country/CHN", "country/LAO", "country/MMR", "country/THA"}, set(),
                 id="short-forms-counted-in-words"),
    pytest.param("泰緬寮3國邊界地區成為製毒基地。", {"country/THA", "country/MMR", "country/LAO"}, set(), id="short-forms-counted-in-digits"),
    pytest.param("中美俄3国外长举行会晤。", {"country/CHN", "country/USA", "country/RUS"}, set(), id="three-states-counted"),
    pytest.param("中美洲国家与各方合作。", set(), {"country/CHN", "country/USA"}, id="no-count-no-states"),
    pytest.param("中美等5国开展合作。", set(), {"country/CHN", "country/USA"}, id="count-other-than-the-run"),
])
def test_states_counted_by_short_forms(extract, text, present, absent):
    linked = _linked(extract, text)
    assert present <= linked
    assert not absent & linked


@pytest.mark.parametrize("text,iri", [
    pytest.param("根据联合国毒品犯罪办公室的资料，鸦片产量上升。", "organization/unodc", id="short-form-without-he-and-wenti"),
    pytest.param("聯合國毒品與犯罪署署長表示支持。", "organization/unodc", id="shu-read-as-office"),
    pytest.param("聯合國毒品暨犯罪辦公室今天發布一份報告。", "organization/unodc", id="ji-read-as-he"),
    pytest.param("德国技术合作公司、巴塞尔治理问题研究所以及孟加拉国治理研究所提供了培训。", "organization/basel-institute-on-governance", id="wenti-dropped-from-an-institute"),
    pytest.param("中亚区域信息协调中心继续支持成员国之间的信息交流。", "organization/caricc", id="he-dropped-from-a-centre"),
    pytest.param("各国政府可通过联合国贩运人口受害者自愿信托基金提供支助。", "programme/un-trust-fund-trafficking-victims",
                 id="two-renderings-of-trafficking"),
    pytest.param("各国批准了《关于制止危害民用航空安全的非法行动的公约》。", "convention/montreal-convention-1971",
                 id="two-renderings-of-unlawful-acts"),
])
def test_loose_variants_of_reference_names(extract, text, iri):
    assert iri in _linked(extract, text)


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("各方重申2016年特别联大成果文件和2019年麻委会高级别会议部长级宣言。",
                 {"instrument/ungass-2016-outcome-document", "instrument/ministerial-declaration-2019", "body/cnd"}, set(),
                 id="year-body-and-kind"),
    pytest.param("会议审查了落实《1998年政治宣言》的进展。", {"instrument/political-declaration-1998"}, set(), id="titled-year-and-kind"),
    pytest.param("各国重申2014年部长级联合声明中的承诺。", {"instrument/joint-ministerial-statement-2014"}, set(), id="joint-statement"),
    pytest.param("各国落实2019年《关于在国家、区域和国际各级加大行动力度的部长级宣言》。", {"instrument/ministerial-declaration-2019"}, set(),
                 id="year-before-a-long-title"),
    pytest.param("各国落实2016年联合国大会世界毒品问题特别会议成果文件。", {"instrument/ungass-2016-outcome-document"}, set(),
                 id="year-and-a-long-session-name"),
    pytest.param("自2016年以来发表的政治宣言均强调合作。", set(), {"instrument/ungass-2016-outcome-document"}, id="year-in-a-clause"),
    pytest.param("2031年政治宣言将在下届会议上通过。", set(), {"instrument/political-declaration-1998"}, id="year-without-a-declaration"),
])
def test_declarations_by_year_and_kind(extract, text, present, absent):
    linked = _linked(extract, text)
    assert present <= linked
    assert not absent & linked


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("今年是香港的禁毒常務委員會（禁常會）成立六十周年。", {"禁毒常務委員會"}, {"的禁毒常務委員會"}, id="short-form-in-order"),
    pytest.param("会议由国际反贪局联合会（反贪联）主办。", {"国际反贪局联合会"}, {"反贪局联合会"}, id="opener-left-out-of-the-short-form"),
    pytest.param("该国成立了反洗钱情报中心（情报室）。", set(), {"反洗钱情报中心"}, id="short-form-not-in-the-head"),
    pytest.param("他在委员会（本会）发言。", set(), {"委员会"}, id="short-form-not-in-the-name"),
])
def test_names_with_their_chinese_short_form(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


def test_short_form_of_a_reference_name_mints_nothing(extract):
    x = extract("国际麻醉品管制局（麻管局）发布了报告。", "zh")
    assert not {label for e in x.new_entities for _, label in e.labels}
    assert "body/incb" in _linked(extract, "国际麻醉品管制局（麻管局）发布了报告。")


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("代表团出席了有关毒品的中央决策组织的年会。", set(), {"中央决策组织"}, id="central-organisation-described"),
    pytest.param("国家禁毒委员会发布了年度报告。", {"国家禁毒委员会"}, set(), id="national-commission-still-named"),
])
def test_national_openers_before_organisation_heads(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("毒品和犯罪问题办公室通过其打击贩运人口和偷运移民全球方案提供了援助。", {"打击贩运人口和偷运移民全球方案"},
                 {"偷运移民全球方案"}, id="global-programme-with-he-after-its-owner"),
    pytest.param("毒品和犯罪问题办公室的全球电子资源和法律共享（SHERLOC）知识管理门户收录了判例。", set(),
                 {"法律共享（SHERLOC）知识管理门户", "全球电子资源和法律共享（SHERLOC）知识管理门户"}, id="known-abbreviation-inside-a-name"),
    pytest.param("东盟禁毒事务高官（ASOD）工作组举行了会议。", {"东盟禁毒事务高官（ASOD）工作组"}, set(), id="unknown-abbreviation-inside-a-name"),
])
def test_programme_names_around_joiners_and_asides(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("香港特區政府保安局禁毒處與香港海關聯合舉辦了活動。", {"保安局禁毒處", "保安局"}, {"香港特區政府保安局禁毒處"},
                 id="government-left-out-and-unit-parent"),
    pytest.param("澳门特别行政区政府社会工作局推出了新的戒毒服务。", {"社会工作局"}, {"澳门特别行政区政府社会工作局"}, id="sar-government-left-out"),
    pytest.param("台湾法务部调查局与美国缉毒局合作侦破案件。", {"台湾法务部调查局", "台湾法务部", "美国缉毒局"}, set(), id="ministry-opening-a-unit"),
    pytest.param("澳门司法警察局与内地公安机关加强情报交流。", {"澳门司法警察局"}, {"澳门司"}, id="head-inside-a-word-opens-no-parent"),
    pytest.param("澳门特区政府禁毒委员会组织代表团前往北京。", {"禁毒委员会"}, {"禁毒委员会组织"}, id="organise-after-a-body-is-a-verb"),
])
def test_bodies_of_a_government_and_their_units(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("大会发起了打击贩运人口的全球行动计划，提出了具体行动。", set(), {"打击贩运人口的全球行动"}, id="head-opening-a-longer-word"),
    pytest.param("按照该计划，打击贩运人口将成为联合国更广泛的发展和安全政策及方案的一部分。", set(),
                 {"联合国更广泛的发展和安全政策及方案", "打击贩运人口将成为联合国更广泛的发展和安全政策及方案"}, id="clause-and-listed-noun"),
    pytest.param("赞赏该国政府组成跨部门机制开展反拐工作。", set(), {"该国政府组成跨部门机制"}, id="verb-of-forming-ends-a-name"),
    pytest.param("双方与国际移民组织签署《移民管理能力建设项目》谅解备忘录。", set(), {"国际移民组织签署移民管理能力建设项目谅解备忘录"},
                 id="verb-of-signing-ends-a-name"),
    pytest.param("该办公室启动了应对偷运移民和贩运人口（包括以性剥削为目的）问题的全球方案。",
                 {"应对偷运移民和贩运人口（包括以性剥削为目的）问题的全球方案"}, set(), id="stop-word-inside-an-aside-kept"),
])
def test_purpose_names_and_clauses(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("该中心是亚洲、太平洋地区海关之间情报交流的联络中心。", set(), {"太平洋地区海关"}, id="region-customs-no-body"),
    pytest.param("尼日利亚海关与毒罪办合作。", {"尼日利亚海关"}, set(), id="state-customs-a-body"),
    pytest.param("湄公河合作机制下海关开展了联合行动。", set(), {"湄公河合作机制下海关"}, id="mechanism-customs-no-body"),
    pytest.param("除国家公安部禁毒局外，各方亦会派代表出席。", {"公安部禁毒局", "公安部"}, {"国家公安部禁毒局"}, id="state-word-before-a-ministry"),
])
def test_state_services_and_ministries(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("我国与美、俄、老、缅、泰、越、柬等国家建立了会晤机制。", {"country/USA", "country/RUS", "country/KHM", "country/VNM"},
                 set(), id="short-forms-listed-before-deng-guojia"),
    pytest.param("与澳、新、英、法、巴、阿等国家保持密切交流。", {"country/AUS", "country/GBR", "country/FRA"}, set(),
                 id="ambiguous-items-left-out"),
    pytest.param("他们在上、中、下三个阶段开展了工作。", set(), {"country/CHN"}, id="list-of-other-words"),
    pytest.param("今年以来，中老缅泰湄公河联合巡逻执法部门加大了打击力度。", {"country/CHN", "country/LAO", "country/MMR", "country/THA"},
                 set(), id="uncounted-run-of-four"),
    pytest.param("中越边境地区联合扫毒行动正式启动。", {"country/CHN", "country/VNM"}, set(), id="pair-before-a-border"),
    pytest.param("中印尼禁毒部门建立了年度会晤机制。", {"country/CHN", "country/IDN"}, {"country/IND"}, id="two-character-short-form"),
    pytest.param("其中美国的捐款最多，会议提供中英文传译。", {"country/USA"}, {"country/CHN", "country/GBR"}, id="runs-inside-words"),
    pytest.param("在这一过程中越来越多的国家加入。", set(), {"country/CHN", "country/VNM"}, id="pair-without-a-bilateral-word"),
    pytest.param("2011年10月31日中老缅泰四国发表联合声明。", {"country/LAO"}, {"country/JPN"}, id="day-of-a-date"),
])
def test_states_named_by_uncounted_short_forms(extract, text, present, absent):
    linked = _linked(extract, text)
    assert present <= linked
    assert not absent & linked


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("第五届东盟毒品问题部长级会议通过了工作计划。", {"东盟毒品问题部长级会议"}, {"第五届东盟毒品问题部长级会议"},
                 id="ministerial-meeting-without-its-ordinal"),
    pytest.param("越南公安部举行第38届东盟禁毒事务高官会。", {"东盟禁毒事务高官会"}, {"越南公安部举行第38届东盟禁毒事务高官会"},
                 id="senior-officials-after-a-verb-of-holding"),
    pytest.param("各国代表出席了第十届部长级会议。", set(), {"部长级会议", "第十届部长级会议"}, id="meeting-of-no-organisation"),
])
def test_recurring_meetings_as_bodies(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,iri", [
    pytest.param("各国加入了《修正1961年麻醉品单一公约的议定书》。", "protocol/single-convention-protocol-1972", id="protocol-title-without-its-year"),
    pytest.param("以《经1972年〈修正1961年麻醉品单一公约的议定书〉修正的1961年麻醉品单一公约》为基石。", "convention/single-convention",
                 id="treaty-as-amended"),
])
def test_treaty_titles_as_written(extract, text, iri):
    x = extract(text, "zh")
    assert iri in _linked(extract, text)
    assert not {label for e in x.new_entities for _, label in e.labels}


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("成员国落实《上合组织成员国关于合作打击非法贩运麻醉药品的协议》。", {"上合组织成员国关于合作打击非法贩运麻醉药品的协议"}, set(),
                 id="agreement-title"),
    pytest.param("双方贯彻《湄公河流域执法安全合作会议联合声明》精神。", {"湄公河流域执法安全合作会议联合声明"}, set(), id="joint-statement-title"),
    pytest.param("国务院印发了《关于加强禁毒工作的意见》。", {"关于加强禁毒工作的意见"}, set(), id="opinions-title"),
    pytest.param("双方签署了《中国公安部禁毒局和印度尼西亚国家禁毒委员会关于加强禁毒合作的实施方案》。",
                 {"中国公安部禁毒局和印度尼西亚国家禁毒委员会关于加强禁毒合作的实施方案", "中国公安部禁毒局", "印度尼西亚国家禁毒委员会"},
                 set(), id="implementation-plan-title-and-the-bodies-inside"),
    pytest.param("各方讨论了《声明》的草案。", set(), {"声明"}, id="title-word-alone"),
])
def test_titles_of_agreements_and_statements(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


def test_implementation_plan_title_is_no_programme(extract):
    x = extract("双方签署了《中国公安部禁毒局和印度尼西亚国家禁毒委员会关于加强禁毒合作的实施方案》。", "zh")
    kinds = {e.type for e in x.new_entities for _, label in e.labels if label.endswith("实施方案")}
    assert kinds == {"Instrument"}


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("禁常会联同保安局禁毒处举办了宣传活动。", {"保安局禁毒处", "保安局"}, set(), id="body-and-unit-after-a-joining-verb"),
    pytest.param("研讨会由内政部警政署召集。", {"内政部警政署", "内政部"}, set(), id="ministry-and-agency-after-you"),
    pytest.param("启动了保安局禁毒处的新项目。", {"保安局禁毒处"}, {"启动了保安局禁毒处", "启动了保安局"}, id="verb-before-a-body"),
    pytest.param("各国当局禁毒处加强了合作。", set(), {"当局禁毒处", "各国当局禁毒处"}, id="common-word-ending-with-a-head"),
    pytest.param("签署了《中华人民共和国公安部禁毒局和印尼国家禁毒委员会的实施方案》。", set(), {"国公安部禁毒局", "国公安部"},
                 id="stop-character-inside-a-word"),
])
def test_bodies_with_their_units(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("记者从云南省公安厅获悉，今年以来破获案件多起。", {"云南省公安厅"}, set(), id="province-before-a-department"),
    pytest.param("各省公安厅加强了协作。", set(), {"各省公安厅", "省公安厅"}, id="every-province"),
    pytest.param("盐城市公安局破获一起贩毒案。", {"盐城市公安局"}, set(), id="city-name-ending-with-cheng"),
    pytest.param("中小城市公安局也参与了行动。", set(), {"中小城市公安局", "小城市公安局"}, id="city-sizes"),
    pytest.param("国家禁毒委员会办公室、外交部、国家食品药品监督管理总局等部门参加了会议。",
                 {"国家禁毒委员会办公室", "外交部", "国家食品药品监督管理总局"}, set(), id="long-items-and-an-office"),
    pytest.param("代表包括保安司司长办公室、司法警察局的人员。", set(), {"保安司司长办公室"}, id="a-persons-office"),
    pytest.param("中共中央、国务院印发了《关于加强禁毒工作的意见》。", {"中共中央", "国务院"}, set(), id="central-bodies"),
])
def test_provinces_offices_and_central_bodies(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("13名船员遭某犯罪集团杀害。", set(), {"船员遭某犯罪集团"}, id="passive-verb-ends-a-name"),
    pytest.param("他感谢《现代世界警察》杂志的关注。", set(), {"现代世界警察"}, id="magazine-title-no-organisation"),
    pytest.param("安全理事会审议了题为“几内亚比绍局势”的项目。", set(), {"几内亚比绍局势"}, id="agenda-item-no-programme"),
    pytest.param("共有约30个国家及1个欧洲组织签署了该协定。", set(), {"欧洲组织"}, id="counted-organisation"),
    pytest.param("缅甸加入东盟国家反腐败机构联盟。", set(), {"国家反腐败机构联盟"}, id="state-word-after-an-organisation"),
    pytest.param("澳门特别行政区政府警察总局局长主持开幕仪式。", {"警察总局"}, {"澳门特别行政区政府警察"}, id="head-inside-a-longer-head"),
])
def test_common_nouns_titles_and_agenda_items(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("与会者在国家监委会议室举行了座谈。", {"国家监委"}, set(), id="national-commission-abbreviated"),
    pytest.param("该国委员会与中国国家监委签署合作备忘录。", {"中国国家监委"}, set(), id="state-before-a-national-abbreviation"),
    pytest.param("中新社香港9月12日电 香港廉政公署发布消息称。", {"香港廉政公署"}, {"香港9月12日电香港廉政公署"}, id="public-office-after-a-dateline"),
    pytest.param("毒品和犯罪问题办公室支持尼日利亚国家禁毒执法局。", {"尼日利亚国家禁毒执法局"}, set(), id="state-kept-before-a-national-opener"),
])
def test_national_bodies_abbreviated_and_public_offices(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("3人分别来自外交部条法司和中国常驻联合国代表团。", {"中国常驻联合国代表团"}, set(), id="permanent-mission"),
    pytest.param("中国代表团团长在会上发言。", set(), {"中国代表团"}, id="delegation-no-name"),
])
def test_permanent_missions(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,present", [
    pytest.param("安全理事会，回顾其以往关于海盗问题的各项决议，尤其是第1846(2008)号第1851(2008)号决议，",
                 {"resolution/security-council/1846", "resolution/security-council/1851"}, id="list-without-joiners-after-its"),
    pytest.param("安全理事会，回顾其第1846(2008)号、第1851(2008)号和第1897(2009)号决议，",
                 {"resolution/security-council/1846", "resolution/security-council/1897"}, id="list-with-joiners"),
])
def test_chinese_resolution_lists(extract, text, present):
    assert present <= _linked(extract, text)


def test_year_symbols_need_a_body(extract):
    assert not any(i.startswith("resolution/") for i in _linked(extract, "报告回顾了第1846(2008)号第1851(2008)号决议。"))


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("安理会2001年一致通过第1373号决议，要求各国采取措施。", {"resolution/security-council/1373"}, set(), id="council-number-without-year"),
    pytest.param("大会第15号决议已经过时。", set(), {"resolution/ga/15"}, id="assembly-number-without-session"),
    pytest.param("大会，\n还回顾其1990年12月14日第45/121号决议，", {"resolution/ga/45-121"}, set(), id="preamble-opener-with-an-adverb"),
])
def test_chinese_resolutions_of_the_council_and_preambles(extract, text, present, absent):
    linked = _linked(extract, text)
    assert present <= linked
    assert not absent & linked


@pytest.mark.parametrize("text,absent", [
    pytest.param("毒品主要经东南部、西北部和西南部边境流入。", {"东南部", "西北部", "西南部"}, id="compass-parts-listed"),
    pytest.param("该国的东北部、西南部地区种植罂粟。", {"东北部", "西南部"}, id="compass-parts-before-a-region-word"),
    pytest.param("许多大城市公安局开展了禁毒宣传。", {"许多大城市公安局", "大城市公安局"}, id="quantified-cities"),
    pytest.param("沿海城市公安局加强了巡查。", {"沿海城市公安局"}, id="city-as-a-common-word"),
    pytest.param("该中央协调组织负责统筹工作。", {"中央协调组织", "该中央协调组织"}, id="central-organisation-as-a-class"),
])
def test_parts_cities_and_descriptions_name_no_body(extract, text, absent):
    assert not absent & _labels(extract, text)


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("乌兹别克斯坦签署了《中亚禁毒区域合作谅解备忘录》。", {"中亚禁毒区域合作谅解备忘录"}, set(), id="memorandum-with-a-topic"),
    pytest.param("各方签署了《关于加强湄公河流域执法合作的谅解备忘录》。", {"关于加强湄公河流域执法合作的谅解备忘录"}, set(),
                 id="memorandum-on-a-subject-in-a-place"),
    pytest.param("各方签署了《关于加强执法合作的谅解备忘录》。", set(), {"关于加强执法合作的谅解备忘录"}, id="memorandum-of-no-place"),
    pytest.param("毒罪办与该国签署了《双边合作谅解备忘录》。", set(), {"双边合作谅解备忘录"}, id="bilateral-memorandum"),
    pytest.param("双方签署了《毒品和犯罪问题办公室与南部非洲发展共同体谅解备忘录》。", set(),
                 {"毒品和犯罪问题办公室与南部非洲发展共同体谅解备忘录", "与南部非洲发展共同体谅解备忘录"}, id="memorandum-of-its-parties"),
])
def test_memoranda_named_by_topic_not_parties(extract, text, present, absent):
    labels = _labels(extract, text)
    assert present <= labels
    assert not absent & labels
