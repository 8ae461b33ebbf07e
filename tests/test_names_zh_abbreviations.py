"""Chinese names written later by their regular abbreviation without a definition (issue 15): 廉政公署 …… 廉署; the
short name is the entity of the full name, and an alternative label of a new one."""

from __future__ import annotations

import pytest

from kg.extract.short_forms_zh import abbreviations_of


@pytest.mark.parametrize("name,short", [
    pytest.param("廉政公署", "廉署", id="first-character-and-head"),
    pytest.param("国家国际发展合作署", "国合署", id="initials-of-words-and-head"),
    pytest.param("澳门廉政公署", "澳廉署", id="place-initial-too"),
])
def test_regular_abbreviations(name, short):
    assert short in abbreviations_of(name)


@pytest.mark.parametrize("name,short", [
    pytest.param("廉政公署", "廉政", id="a-truncation-is-no-abbreviation"),
    pytest.param("廉政公署", "公署", id="the-head-alone"),
    pytest.param("全球反腐败执法机构业务网络", "全球网络", id="first-and-last-words-are-a-generic-phrase"),
])
def test_no_abbreviation(name, short):
    assert short not in abbreviations_of(name)


def _aliases(extract, text):
    x = extract(text, "zh")
    return {m.text: str(m.entity) for m in x.mentions}, x


@pytest.mark.parametrize("text,full,short", [
    pytest.param("香港廉政公署与毒罪办签署了合作备忘录。廉署将派员赴维也纳。", "香港廉政公署", "廉署", id="place-left-out"),
    pytest.param("澳门廉政公署举办了培训班。澳门的廉署人员与东盟代表交流。", "澳门廉政公署", "廉署", id="other-territory"),
    pytest.param("国家国际发展合作署新闻发言人介绍，国合署已与世界粮食计划署合作。", "国家国际发展合作署", "国合署",
                 id="agency-initials"),
])
def test_abbreviation_names_the_entity(extract, text, full, short):
    mentions, x = _aliases(extract, text)
    assert mentions.get(short) == mentions.get(full) is not None, mentions
    labels = {label for e in x.new_entities if str(e.iri) == mentions[full] for _, label in e.labels + e.aliases}
    assert short in labels


@pytest.mark.parametrize("text,short", [
    pytest.param("香港廉政公署与毒罪办签署了合作备忘录。", "廉署", id="not-written"),
    pytest.param("联合国维也纳办事处举办会议。联合国机构代表出席。", "联合国机构", id="inside-a-longer-word"),
])
def test_no_implied_abbreviation(extract, text, short):
    mentions, _ = _aliases(extract, text)
    assert short not in mentions, mentions


@pytest.mark.parametrize("text,short", [
    pytest.param("国家禁毒委员会召开会议。国家会继续加强禁毒工作。", "国家会", id="word-and-will-after-a-commission"),
    pytest.param("联合国儿童基金会参加会议。联合国会继续提供支持。", "联合国会", id="organisation-word-and-will"),
    pytest.param("中国禁毒基金会举办活动。中国会继续支持禁毒工作。", "中国会", id="state-word-and-will"),
    pytest.param("国家卫生健康委员会发布通知。国家会采取措施。", "国家会", id="other-commission-and-will"),
    pytest.param("国家药品监督管理局发布公告。国家局领导出席。", "国家局", id="word-and-a-generic-head"),
    pytest.param("国家移民管理局开展行动。国家局长出席了会议。", "国家局", id="word-and-head-of-a-longer-word"),
])
def test_word_and_one_character_is_no_abbreviation(extract, text, short):
    mentions, _ = _aliases(extract, text)
    assert short not in mentions, mentions


@pytest.mark.parametrize("name,short", [
    pytest.param("国家禁毒委员会", "国家会", id="state-word-and-head"),
    pytest.param("联合国儿童基金会", "联合国会", id="un-and-head"),
    pytest.param("中国禁毒基金会", "中国会", id="china-and-head"),
])
def test_word_and_head_character_not_made(name, short):
    assert short not in abbreviations_of(name)
