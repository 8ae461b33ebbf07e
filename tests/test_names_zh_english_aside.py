"""A Chinese name followed by its English name in parentheses is a name (issue 15): 欧洲反欺诈办公室（European
Anti-Fraud Office (OLAF)）, as an abbreviation in Latin letters already licenses one (……执法局（INL）)."""

from __future__ import annotations

import pytest


def _found(extract, text):
    return {label for e in extract(text, "zh").new_entities for _, label in e.labels}


@pytest.mark.parametrize("text,name", [
    pytest.param("该学院由奥地利政府、欧洲反欺诈办公室（European Anti-Fraud Office (OLAF)）等机构倡议成立。", "欧洲反欺诈办公室",
                 id="english-name-and-abbreviation"),
    pytest.param("本项目与北欧禁毒合作中心（Nordic Drug Cooperation Centre）共同执行。", "北欧禁毒合作中心", id="english-name-alone"),
    pytest.param("亚洲禁毒研究所（以下简称ADRI）发布了报告。", "亚洲禁毒研究所", id="abbreviation-after-yixia-jiancheng"),
])
def test_english_name_aside_licenses_a_name(extract, text, name):
    assert name in _found(extract, text), _found(extract, text)


@pytest.mark.parametrize("text,name", [
    pytest.param("会议由办公室（Office）负责。", "办公室", id="one-word-is-no-name"),
    pytest.param("该项目与国际刑事暨透明组织（Crime and Transparency International）合作。", "国际刑事暨透明组织",
                 id="english-name-holding-a-reference-name"),
])
def test_no_name_from_the_aside(extract, text, name):
    assert name not in _found(extract, text)
