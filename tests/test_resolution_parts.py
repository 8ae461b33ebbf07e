"""Part letters of resolution symbols (kg.extract.resolutions): "S-20/4 B" is S-20/4B, a capital after a spaced
symbol is a part only before a boundary, never the first word of the text that follows."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID
from kg.extract.ingest import parse_document


def _resolutions(extractor, text, lang):
    extraction = extractor.extract(parse_document("t.md", text.encode("utf-8"), lang))
    short = (str(m.entity)[len(str(ID)):] for m in extraction.mentions)
    return {iri for iri in short if iri.startswith(("resolution/", "decision/"))}


@pytest.mark.parametrize("text,lang,expected", [
    pytest.param("Recalling Commission on Narcotic Drugs resolution 61/11 A new approach was then agreed.", "en",
                 {"resolution/cnd/61-11"}, id="en-capital-word-after-symbol-is-no-part"),
    pytest.param("Recalling General Assembly resolution S-20/4 B, on measures to enhance cooperation", "en",
                 {"resolution/ga/S-20-4-B"}, id="en-spaced-part-before-comma"),
    pytest.param("Recalling General Assembly resolution S-20/4B, on measures to enhance cooperation", "en",
                 {"resolution/ga/S-20-4-B"}, id="en-unspaced-part"),
    pytest.param("Recalling General Assembly resolution S-20/4 B", "en", {"resolution/ga/S-20-4-B"},
                 id="en-spaced-part-at-end-of-text"),
    pytest.param("Recalling General Assembly resolution S-20/4 B of 10 June 1998,", "en", {"resolution/ga/S-20-4-B"},
                 id="en-spaced-part-before-its-date"),
    pytest.param("Recalling General Assembly resolution 60/1 A and B", "en", {"resolution/ga/60-1-A"},
                 id="en-spaced-part-before-and"),
    pytest.param("Recalling General Assembly resolutions 60/1 A and 60/2 B.", "en",
                 {"resolution/ga/60-1-A", "resolution/ga/60-2-B"}, id="en-list-of-spaced-parts"),
    pytest.param("Recalling General Assembly resolution 60/1 A (2005)", "en", {"resolution/ga/60-1"},
                 id="en-spaced-capital-before-a-parenthesis-is-no-part"),
    pytest.param("大会第S-20/4 B号决议", "zh", {"resolution/ga/S-20-4-B"}, id="zh-spaced-part-before-hao"),
    pytest.param("大会第S-20/4B号决议", "zh", {"resolution/ga/S-20-4-B"}, id="zh-unspaced-part"),
    pytest.param("大会第60/1 A和第60/2号决议", "zh", {"resolution/ga/60-1-A", "resolution/ga/60-2"},
                 id="zh-spaced-part-before-he"),
    pytest.param("大会第60/1 A、第60/2号决议", "zh", {"resolution/ga/60-1-A", "resolution/ga/60-2"},
                 id="zh-spaced-part-before-dunhao"),
])
def test_resolution_part_letters(extractor, text, lang, expected):
    assert _resolutions(extractor, text, lang) == expected


@pytest.mark.parametrize("text,lang,expected", [
    pytest.param("大会，\n\n回顾其关于加强预防犯罪和刑事司法领域国际合作问题的2003年12月22日第58/140号决议，\n", "zh",
                 {"resolution/ga/58-140"}, id="zh-its-resolution-after-a-relative-clause"),
    pytest.param("麻醉药品委员会，\n\n注意到其在第五十届会议上通过的关于替代发展的第50/3号决议，\n", "zh",
                 {"resolution/cnd/50-3"}, id="zh-its-resolution-after-a-session"),
    pytest.param("大会在其2010年7月30日第64/293号决议中请秘书长根据第63/194和2009年12月18日第64/178及"
                 "2010年3月24日第64/179号决议提出报告。", "zh",
                 {"resolution/ga/64-293", "resolution/ga/63-194", "resolution/ga/64-178", "resolution/ga/64-179"},
                 id="zh-list-without-body-continues-the-sentence"),
    pytest.param("In its resolution 55/25, the General Assembly requested the Ad Hoc Committee, pursuant to resolutions "
                 "53/111 and 54/126, to continue its work.", "en",
                 {"resolution/ga/55-25", "resolution/ga/53-111", "resolution/ga/54-126"},
                 id="en-list-without-body-continues-the-sentence"),
    pytest.param("大会第55/25号决议通过了公约。委员会根据第53/111号决议开展工作。", "zh", {"resolution/ga/55-25"},
                 id="zh-no-body-across-a-sentence-end"),
    pytest.param("第六十四届会议 议程项目104 大会决议 [根据第三委员会的报告（A/64/440）通过]64/179. 加强联合国预防犯罪和刑事司法方案", "zh",
                 {"resolution/ga/64-179"}, id="zh-header-of-a-resolution-text"),
    pytest.param("Resolution adopted by the General Assembly [on the report of the Third Committee (A/55/595)] "
                 "55/67. Traffic in women and girls", "en", {"resolution/ga/55-67"}, id="en-header-of-a-resolution-text"),
])
def test_resolution_bodies_from_context(extractor, text, lang, expected):
    assert _resolutions(extractor, text, lang) == expected


@pytest.mark.parametrize("text,lang,expected", [
    pytest.param("回顾第八届联合国预防犯罪和罪犯待遇大会通过的题为“预防城市犯罪”的第3号决议和题为“少年司法”的第7号决议，",
                 "zh", {"resolution/crime-congress-8/3", "resolution/crime-congress-8/7"}, id="zh-congress-numbered-resolutions"),
    pytest.param("Noting resolution 15 of the Eighth United Nations Congress on the Prevention of Crime and the Treatment of "
                 "Offenders,", "en", {"resolution/crime-congress-8/15"}, id="en-congress-numbered-resolution"),
    pytest.param("大会第15号决议", "zh", set(), id="zh-no-number-alone-for-a-session-body"),
    pytest.param("see resolution 15 above", "en", set(), id="en-no-number-without-a-congress"),
])
def test_resolutions_numbered_without_session(extractor, text, lang, expected):
    assert _resolutions(extractor, text, lang) == expected
