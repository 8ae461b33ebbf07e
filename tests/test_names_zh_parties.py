"""Chinese names that open with two parties, meetings of office-holders, Latin names with a Chinese head word and loose
renderings of reference titles (kg.extract.mint_zh, kg.extract.minted): paraphrases written for these tests, with the
cases each rule must leave alone."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID


def _found(extract, text):
    x = extract(text, "zh")
    labels = {label for e in x.new_entities for _, label in e.labels}
    linked = {str(m.entity)[len(str(ID)):] for m in x.mentions}
    return labels, linked


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("两国检察机关依托中国与东盟成员国检察院合作机制交换信息。", {"中国与东盟成员国检察院合作机制"},
                 {"东盟成员国检察院合作机制"}, id="state-and-organisation-joined-open-a-mechanism"),
    pytest.param("去年在昆明召开了越南和东盟禁毒合作部长级会议。", {"越南和东盟禁毒合作部长级会议"}, set(),
                 id="state-and-organisation-joined-open-a-meeting"),
    pytest.param("联合国亚太经社会与中国国家禁毒委员会签署了协议。", set(), {"联合国亚太经社会与中国国家禁毒委员会"},
                 id="organisation-before-a-state-joins-no-name"),
    pytest.param("会议在上海合作组织成员国外长会议期间举行。", {"上海合作组织成员国外长会议"}, set(),
                 id="foreign-ministers-meeting-of-an-organisation"),
    pytest.param("第二届东盟成员国总检察长会议在万象举行。", {"东盟成员国总检察长会议"}, set(),
                 id="prosecutors-general-meeting-after-an-ordinal"),
    pytest.param("各国禁毒部门局长会议将于明年举行。", set(), {"各国禁毒部门局长会议"}, id="meeting-of-any-states-heads-no-name"),
    pytest.param("三国加强协调，巩固深化中国—东盟成员国检察长会议成果。", {"中国—东盟成员国检察长会议"},
                 {"巩固深化中国—东盟成员国检察长会议"}, id="two-verbs-before-the-opening-state"),
    pytest.param("检察机关建立了三项合作机制——上海合作组织成员国检察院合作机制和其他机制。",
                 {"上海合作组织成员国检察院合作机制"}, {"三项合作机制——上海合作组织成员国检察院合作机制"},
                 id="double-dash-breaks-a-name"),
    pytest.param("该国去年设立了国际刑警组织巴西国家中心局。", {"国际刑警组织巴西国家中心局"}, {"巴西国家中心局"},
                 id="organisation-before-the-state-after-a-verb-opens-the-name"),
    pytest.param("项目帮助肯尼亚国家警察局培训警官。", {"肯尼亚国家警察局"}, set(), id="verb-before-the-state-stays-out"),
    pytest.param("峰会期间，集体安全条约组织地区反恐机构举行了演习。", {"集体安全条约组织地区反恐机构"}, set(),
                 id="agency-head-after-a-known-organisation"),
    pytest.param("会议决定赋予集体安全条约组织地区反恐怖机构新的职能。", {"集体安全条约组织地区反恐怖机构"}, {"会议决定赋予集体安全条约组织地区反恐怖机构"},
                 id="agency-head-name-starts-at-the-organisation"),
    pytest.param("各国执法机构与东盟各成员国主管机构交换信息。", set(), {"东盟各成员国主管机构", "各国执法机构"},
                 id="agencies-of-members-or-states-are-no-name"),
    pytest.param("8月2日，中俄禁毒合作工作组第二次高官会议在莫斯科举行。", {"中俄禁毒合作工作组"},
                 {"中俄禁毒合作工作组第二次高官会议"}, id="session-of-a-working-group-names-the-group"),
    pytest.param("代表团出席了“加强边境管控合作部长级会议”。", set(), {"加强边境管控合作部长级会议"},
                 id="meeting-theme-opened-by-a-purpose-verb-is-no-name"),
    pytest.param("代表团还会见了美国国土安全部、司法部和缉毒署官员。", {"美国国土安全部"}, set(),
                 id="word-and-one-character-head-not-all"),
    pytest.param("该国开展了“净边清源”、“断链追踪”和“雷霆出击”等三项专项行动。", {"净边清源", "断链追踪", "雷霆出击"}, set(),
                 id="quoted-names-sharing-a-head-after-a-count"),
    pytest.param("双方在“禁毒”“反恐”等多个领域的合作项目取得进展。", set(), {"禁毒", "反恐"},
                 id="quoted-topics-across-de-share-no-head"),
    pytest.param("该署与开发署实施了“绿色乡村”“清洁水源”等多个发展项目。", {"绿色乡村", "清洁水源"}, set(),
                 id="quoted-names-without-joiners-sharing-a-head"),
    pytest.param("双方在“相互尊重”、“互利合作”等原则基础上合作。", set(), {"相互尊重", "互利合作"},
                 id="quoted-principles-share-no-programme-head"),
    pytest.param("会议介绍了上合组织最高决策机构的职能。", set(), {"上合组织最高决策机构"},
                 id="description-of-an-organ-is-no-agency-name"),
    pytest.param("非盟下设机构负责落实该计划。", set(), {"非盟下设机构"}, id="subordinate-bodies-are-no-name"),
    pytest.param("欧盟执法合作机构派员出席。", set(), {"欧盟执法合作机构"}, id="a-description-of-an-agency-is-no-name"),
    pytest.param("该国与上海合作组织反恐机构交换情报。", {"上海合作组织反恐机构"}, set(), id="anti-terrorist-structure-of-an-organisation"),
    pytest.param("会议由东盟——中国合作基金资助。", {"东盟——中国合作基金"}, {"中国合作基金"}, id="long-dash-between-two-parties-joins-them"),
    pytest.param("中方与东盟区域安全机构（ARSA）开展合作。", {"东盟区域安全机构"}, {"中方与东盟区域安全机构"},
                 id="a-partner-joined-before-an-agency-is-no-part-of-its-name"),
    pytest.param("1994年白俄罗斯部长会议通过了该决定。", {"白俄罗斯部长会议"}, {"1994年白俄罗斯部长会议"},
                 id="a-states-council-of-ministers-after-a-date"),
    pytest.param("澜沧江——湄公河合作机制由六国共同创建。", {"澜沧江——湄公河合作机制"}, {"湄公河合作机制"},
                 id="double-dash-between-two-names-joins-them"),
    pytest.param("项目由中国-联合国和平与发展基金资助。", {"中国-联合国和平与发展基金"}, {"联合国和平与发展基金"},
                 id="state-dashed-to-the-un-opens-the-name"),
    pytest.param("双方举办了首届东盟禁毒合作部长级会议。", {"东盟禁毒合作部长级会议"}, {"首届东盟禁毒合作部长级会议"},
                 id="first-session-ordinal-stays-out-of-the-name"),
    pytest.param("会议由广东省禁毒办和四川省禁毒委共同主办。", {"广东省禁毒办", "四川省禁毒委"}, set(),
                 id="a-provinces-drug-control-office"),
    pytest.param("各市禁毒办负责人参加了会议。", set(), {"各市禁毒办"}, id="any-citys-office-is-no-name"),
    pytest.param("工业和信息化部与生态环境部联合发布通知。", {"工业和信息化部", "生态环境部"}, set(),
                 id="state-council-departments-without-the-state"),
    pytest.param("各国科技部长出席了会议。", set(), {"科技部"}, id="a-ministers-title-is-no-ministry"),
    pytest.param("该署去年成功令国际检察官联合会的会员增加。", {"国际检察官联合会"}, {"该署去年成功令国际检察官联合会"},
                 id="world-opener-inside-the-clause-starts-the-name"),
])
def test_names_opened_by_parties(extract, text, present, absent):
    labels, _ = _found(extract, text)
    assert present <= labels
    assert not absent & labels


@pytest.mark.parametrize("text,iri,absent", [
    pytest.param("亚太地区缉毒局局长会议（HONLAP）第四十届会议在曼谷举行。", "body/honlea-asia-pacific", "亚太地区缉毒局",
                 id="heads-meeting-is-no-person-title"),
    pytest.param("该国机构加入了GlobE网络，交流案件信息。", "programme/globe-network", "GlobE网络", id="latin-name-chinese-head"),
    pytest.param("各机构均为全球反腐败执法行动网络（GlobE网络）的成员。", "programme/globe-network", "全球反腐败执法行动网络",
                 id="name-defined-by-a-latin-name-with-head"),
    pytest.param("该国于2006年批准了《制止核恐怖主义行为公约》。", "convention/nuclear-terrorism-convention", "制止核恐怖主义行为公约",
                 id="convention-title-without-international"),
    pytest.param("各国重申《联合国全球反恐怖主义战略》的四大支柱。", "instrument/un-global-counter-terrorism-strategy",
                 "联合国全球反恐怖主义战略", id="counter-terrorism-written-in-full"),
])
def test_reference_entity_under_another_rendering(extract, text, iri, absent):
    labels, linked = _found(extract, text)
    assert iri in linked
    assert absent not in labels


@pytest.mark.parametrize("text,absent", [
    pytest.param("该国机构加入了ABCD网络。", "programme/globe-network", id="unknown-latin-name-is-no-reference-entity"),
    pytest.param("各方讨论了《反恐怖主义筹资公约》。", "convention/terrorist-financing-convention", id="loose-form-needs-the-whole-title"),
])
def test_other_latin_names_and_titles_stay_apart(extract, text, absent):
    _, linked = _found(extract, text)
    assert absent not in linked


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("該區的市場在澳洲、紐西蘭及南韓。", {"country/AUS", "country/NZL", "country/KOR"}, set(),
                 id="taiwan-and-hong-kong-names-of-states"),
    pytest.param("創始成員國為哈薩克、塔吉克和烏茲別克。", {"country/KAZ", "country/TJK", "country/UZB"}, set(),
                 id="short-names-of-central-asian-states"),
    pytest.param("总理马利基会见了东加里曼丹省官员。", set(), {"country/MLI", "country/TON"},
                 id="two-character-names-inside-longer-words-are-no-states"),
    pytest.param("香港獅子山下的社區中心舉辦禁毒講座。", set(), {"country/SLE"}, id="lion-rock-is-no-sierra-leone"),
    pytest.param("美国乔治亚州警方破获一起贩毒案。", set(), {"country/GEO"}, id="the-us-state-is-no-georgia"),
    pytest.param("印度西孟加拉邦警方查获了大量毒品。", set(), {"country/BGD"}, id="west-bengal-is-no-bangladesh"),
])
def test_regional_names_of_states(extract, text, present, absent):
    _, linked = _found(extract, text)
    assert present <= linked
    assert not absent & linked


@pytest.mark.parametrize("text,label", [
    pytest.param("中方支持「边境执法能力项目”和“雷霆」行动。", "“雷霆”行动", id="mixed-quotes-one-kind-in-the-label"),
    pytest.param("中方支持「雷霆」行动。", "「雷霆」行动", id="corner-quotes-alone-kept"),
])
def test_quoted_name_label(extract, text, label):
    labels, _ = _found(extract, text)
    assert label in labels
    assert not any("」" in x and "“" in x or "「" in x and "”" in x for x in labels)


def test_council_of_ministers_of_one_state_is_a_national_body(extract):
    x = extract("越南部长会议批准了该计划。", "zh")
    assert {e.type for e in x.new_entities if dict(e.labels).get("zh") == "越南部长会议"} == {"NationalBody"}


def test_latin_aside_with_chinese_words_is_no_other_form(extract):
    labels, linked = _found(extract, "各国加入了反腐败执法协调网络（UNODC与中国合作网络）。")
    assert "programme/globe-network" not in linked


def test_title_opening_a_name_keeps_both_marks(extract):
    labels, _ = _found(extract, "双方签署了《边境安全管理》合作项目的协议。")
    assert "《边境安全管理》合作项目" in labels
    assert not any(x.count("》") > x.count("《") for x in labels)
