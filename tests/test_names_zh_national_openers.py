"""A central body's name opened by 国家 (issue 15: names cut at the wrong start): 国家公安部 and 国家监察部 are
another form of the State's 公安部 and 监察部, one entity with both labels."""

from __future__ import annotations

import pytest


def _entities(extract, text):
    x = extract(text, "zh")
    return {label: e for e in x.new_entities for _, label in e.labels + e.aliases}


@pytest.mark.parametrize("text,name", [
    pytest.param("三名学员来自国家监察部，另有两人来自外交部。", "国家监察部", id="ministry"),
    pytest.param("据国家司法部消息，新法规将于明年施行。", "国家司法部", id="other-ministry"),
    pytest.param("记者从国家公安部禁毒局获悉，案件已告破。", "国家公安部禁毒局", id="unit-of-the-ministry"),
])
def test_national_opener_form_is_a_label(extract, text, name):
    found = _entities(extract, text)
    assert name in found, sorted(found)
    assert name[2:] in found and found[name[2:]].iri == found[name].iri  # one entity: the body of the State


def test_bare_and_opened_forms_are_one_entity(extract):
    found = _entities(extract, "国家公安部与老挝禁毒委员会签署备忘录。公安部表示将加强合作。")
    assert found["国家公安部"].iri == found["公安部"].iri


@pytest.mark.parametrize("text,name", [
    pytest.param("发展中国家公安部门的代表出席了会议。", "国家公安部", id="inside-a-longer-word"),
    pytest.param("各国家司法部的代表出席了会议。", "国家司法部", id="any-states"),
])
def test_no_national_opener(extract, text, name):
    assert name not in _entities(extract, text)
