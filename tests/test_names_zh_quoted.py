"""A quoted programme name right before its head word, across a short description of who runs it (issue 15):
「平安航道」合作项目 names the programme 平安航道."""

from __future__ import annotations

import pytest


def _found(extract, text):
    x = extract(text, "zh")
    return {label: e.type for e in x.new_entities for _, label in e.labels}


@pytest.mark.parametrize("text,name,kind", [
    pytest.param("两国于去年启动了「蓝色海岸」合作项目，由欧盟资助。", "蓝色海岸", "Project", id="corner-quotes-and-cooperation-project"),
    pytest.param("“安全边境”东盟五国合作方案今年进入第二阶段。", "安全边境", "Programme", id="who-runs-it-between"),
    pytest.param("毒罪办支持“清洁港口”西非五国倡议。", "清洁港口", "Initiative", id="initiative-head"),
])
def test_quoted_name_before_its_head(extract, text, name, kind):
    assert _found(extract, text).get(name) == kind, _found(extract, text)


@pytest.mark.parametrize("text,name", [
    pytest.param("各方积极践行“共同繁荣”理念和全球发展倡议。", "共同繁荣", id="another-names-head-across-a-joiner"),
    pytest.param("该方案获得了“联合国创新奖”，这是对方案贡献的认可。", "联合国创新奖", id="across-a-comma"),
    pytest.param("双方开展了“禁毒”项目。", "禁毒", id="a-topic-word"),
    pytest.param("会议讨论了“海上安全”的项目。", "海上安全", id="across-de"),
])
def test_no_quoted_name(extract, text, name):
    assert name not in _found(extract, text)


@pytest.mark.parametrize("text,name", [
    pytest.param("“平安边境”中越两国合作项目启动。", "平安边境", id="two-states-in-words"),
    pytest.param("“安全港口”中老缅泰四国合作项目启动。", "安全港口", id="four-states-in-words"),
    pytest.param("“清源”中缅两国联合方案正在实施。", "清源", id="programme-of-two-states"),
])
def test_description_gives_way_to_the_quoted_name(extract, text, name):
    x = extract(text, "zh")
    labels = [label for e in x.new_entities for _, label in e.labels]
    assert labels == [name], labels
