"""Organs of an organisation named bare after a cue that the organisation is made of them (issue 15): one IRI per
organisation and organ, never a bare head word elsewhere, never the actors of a 由 clause."""

from __future__ import annotations

import pytest


def _found(extract, text):
    x = extract(text, "zh")
    return {label: e for e in x.new_entities for _, label in e.labels + e.aliases}


@pytest.mark.parametrize("text,organs", [
    pytest.param("东南亚国家联盟设有两个常设机构，即设在雅加达的秘书处和常驻代表委员会。", {"秘书处", "常驻代表委员会"},
                 id="permanent-organs-after-the-organisation"),
    pytest.param("世界粮食计划署的机构包括执行局、秘书处。", {"执行局", "秘书处"}, id="organs-included"),
    pytest.param("国际刑警组织由全体大会、执行委员会两个机构和总秘书处组成。", {"全体大会", "执行委员会", "总秘书处"},
                 id="made-of-organs-closed-by-zucheng"),
    pytest.param("非洲联盟下设和平与安全理事会、泛非议会等机构。", {"和平与安全理事会", "泛非议会"}, id="organs-set-up-under"),
])
def test_listed_organs_are_bodies(extract, text, organs):
    found = _found(extract, text)
    assert organs <= set(found), sorted(found)
    assert all(found[o].type == "IntergovernmentalBody" for o in organs)


def test_organ_named_as_the_organisations_organ(extract):
    found = _found(extract, "部长理事会是东南亚国家联盟的最高决策机构，每年举行两次会议。")
    assert "部长理事会" in found, sorted(found)


def test_one_organ_iri_per_organisation(extract):
    first = _found(extract, "上海合作组织设有秘书处和地区反恐机构。")
    second = _found(extract, "东南亚国家联盟设有秘书处和常驻代表委员会。")
    assert first["秘书处"].iri != second["秘书处"].iri


def test_member_word_gives_the_same_organ(extract):
    found = _found(extract, "上海合作组织的非常设机构包括元首理事会。成员国元首理事会是上海合作组织的最高决策机构。")
    assert found["元首理事会"].iri == found["成员国元首理事会"].iri


@pytest.mark.parametrize("text", [
    pytest.param("该项目由国家禁毒委员会和公安部负责实施。", id="you-alone-names-who-acts"),
    pytest.param("秘书处编写了关于上海合作组织的报告。", id="bare-secretariat-without-a-cue"),
    pytest.param("上海合作组织设有多个部门领导人会议。", id="meetings-are-no-organs"),
    pytest.param("上海合作组织的机构包括各成员国的委员会。", id="generic-committees"),
    pytest.param("委员会是上海合作组织的重要伙伴，双方每年会晤。", id="no-organ-noun-after-the-organisation"),
])
def test_no_organ(extract, text):
    found = _found(extract, text)
    bare = {"秘书处", "委员会", "理事会", "执行局"}
    assert not bare & set(found), sorted(found)
    assert not any(label.endswith("会议") for label in found), sorted(found)


@pytest.mark.parametrize("text", [
    pytest.param("毒品和犯罪问题办公室向该国提供支持。该国的禁毒机构设有秘书处和执行局。", id="owner-in-an-earlier-sentence"),
    pytest.param("世界卫生组织派员参加。会议决定设有秘书处和协调委员会。", id="meeting-sets-them-up"),
    pytest.param("上海合作组织召开会议，该国政府下设秘书处和执行局。", id="organisation-not-the-cues-subject"),
])
def test_organ_owner_is_the_cues_subject(extract, text):
    found = _found(extract, text)
    assert not {"秘书处", "执行局", "协调委员会"} & set(found), sorted(found)


@pytest.mark.parametrize("text,organ", [
    pytest.param("老挝卫生部设有药品管理局和禁毒委员会。", "禁毒委员会", id="ministry-sets-up-a-commission"),
    pytest.param("泰国司法部的机构包括禁毒委员会和秘书处。", "秘书处", id="ministry-includes-a-secretariat"),
])
def test_national_bodys_unit_is_no_intergovernmental_body(extract, text, organ):
    found = _found(extract, text)
    assert organ in found and found[organ].type == "NationalBody", sorted(found)
    assert not any("和" in label for label in found), sorted(found)


def test_owner_after_the_organs_noun(extract):
    found = _found(extract, "东南亚国家联盟的主要机构包括秘书处和常驻代表委员会。")
    assert {"秘书处", "常驻代表委员会"} <= set(found)
    assert found["秘书处"].type == "IntergovernmentalBody"


@pytest.mark.parametrize("text,organ,full", [
    pytest.param("海湾合作委员会设有总秘书处。海湾合作委员会总秘书处位于利雅得。", "总秘书处", "海湾合作委员会总秘书处",
                 id="secretariat-general-written-in-full-later"),
    pytest.param("美洲国家组织设有常设理事会和总秘书处。美洲国家组织常设理事会每月开会。", "常设理事会", "美洲国家组织常设理事会",
                 id="permanent-council-written-in-full-later"),
])
def test_organ_written_in_full_is_the_organ(extract, text, organ, full):
    x = extract(text, "zh")
    mentions = {m.text: str(m.entity) for m in x.mentions}
    assert mentions.get(organ) == mentions.get(full) is not None, mentions
    assert all(e.type == "IntergovernmentalBody" for e in x.new_entities if str(e.iri) == mentions[organ])


@pytest.mark.parametrize("text,label", [
    pytest.param("非洲联盟下设多个委员会和理事会。", "多个委员会", id="many-committees"),
    pytest.param("欧洲联盟设有几个委员会和秘书处。", "几个委员会", id="several-committees"),
    pytest.param("东盟禁毒高官会议是东盟的重要机制，下设工作组和秘书处。", "工作组和秘书处", id="run-together-items"),
])
def test_generic_or_run_together_item_is_no_organ(extract, text, label):
    found = _found(extract, text)
    assert label not in found, sorted(found)


@pytest.mark.parametrize("text,organs", [
    pytest.param("非洲联盟设有两个常设机构，即委员会和泛非议会。非常设机构包括执行理事会和和平与安全理事会。",
                 {"执行理事会", "和平与安全理事会"}, id="next-sentence-opens-with-the-cue"),
    pytest.param("国际刑警组织是由总会、执行委员会和事务总局组成。", {"总会", "执行委员会", "事务总局"}, id="shi-you-zucheng"),
])
def test_organ_owner_carried_by_a_topic_chain(extract, text, organs):
    found = _found(extract, text)
    assert organs <= set(found), sorted(found)
