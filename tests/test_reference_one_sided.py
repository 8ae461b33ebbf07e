"""Issue 16, one-sided names: an entity that one language edition of a UN text names and the reference data knew
only in the other language gets one IRI from both editions once its row carries the official name of each.

Data: tests/data/reference_checklist/one_sided_names.toml (sentences of the official texts the names were read in,
with their sources) and the paraphrases below, written for this test (not taken from any annotated set), which check
that the names link wherever they occur, not only in the sentence they were read in.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.core.namespaces import ID
from kg.core.reference import load_entities

CASES = tomllib.loads((Path(__file__).parent / "data" / "reference_checklist" / "one_sided_names.toml")
                      .read_text(encoding="utf-8"))["case"]


def _linked(lang: str, text: str) -> set[str]:
    from kg.extract.document import Extractor
    from kg.extract.ingest import parse_document

    known = {e.iri for e in load_entities()}
    doc = parse_document(f"one-sided.{lang}.md", text.encode("utf-8"), lang)
    return {str(m.entity)[len(str(ID)):] for m in Extractor().extract(doc).mentions if m.entity in known}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_one_sided_official_text_links_the_row(case):
    assert set(case["expected"]) <= _linked(case["lang"], case["text"])


DOCUMENTS = sorted({c["document"] for c in CASES if "document" in c})


@pytest.mark.parametrize("document", DOCUMENTS)
def test_one_sided_both_editions_of_a_document_give_the_same_iris(document):
    cases = [c for c in CASES if c.get("document") == document]
    assert {c["lang"] for c in cases} == {"en", "zh"}
    rows = {c["lang"]: _linked(c["lang"], c["text"]) & set(c["expected"]) for c in cases}
    assert rows["en"] == rows["zh"] == set(next(iter(cases))["expected"])


# (entity, English sentence, Chinese sentence): paraphrases in the style of UN texts, written for this test.
PARAPHRASES = [
    ("instrument/millennium-declaration",
     "Member States reaffirmed the commitments made in the United Nations Millennium Declaration.",
     "会员国重申在《联合国千年宣言》中作出的承诺。"),
    ("instrument/millennium-declaration",
     "The goals set out in the Millennium Declaration remain relevant.",
     "《千年宣言》提出的各项目标仍然具有现实意义。"),
    ("instrument/pact-for-the-future",
     "The Office will support the implementation of the Pact for the Future in the areas of its mandate.",
     "本办公室将在其任务领域支持落实《未来契约》。"),
    ("instrument/global-digital-compact",
     "States committed to the principles of the Global Digital Compact.",
     "各国承诺遵守《全球数字契约》的原则。"),
    ("instrument/declaration-on-future-generations",
     "The Declaration on Future Generations calls for long-term thinking in policymaking.",
     "《子孙后代问题宣言》呼吁在决策中进行长远思考。"),
    ("region/east-asia-and-the-pacific",
     "The Regional Programme covered the countries and territories of East Asia and the Pacific.",
     "该区域方案覆盖东亚和太平洋各国和地区。"),
    ("body/cpd",
     "The Commission on Population and Development adopted a resolution on population and sustainable development.",
     "人口与发展委员会通过了一项关于人口与可持续发展的决议。"),
    ("organization/ceb",
     "The Chief Executives Board for Coordination met to review the system-wide action plan.",
     "行政首长协调会审议了全系统行动计划。"),
    ("organization/world-economic-forum",
     "A report of the World Economic Forum on illicit trade was presented at the meeting.",
     "会上介绍了世界经济论坛关于非法贸易的一份报告。"),
]


@pytest.mark.parametrize("entity,en,zh", PARAPHRASES, ids=[f"{p[0]}-{n}" for n, p in enumerate(PARAPHRASES)])
def test_one_sided_names_link_the_same_row_in_both_languages(entity, en, zh):
    assert entity in _linked("en", en)
    assert entity in _linked("zh", zh)


@pytest.mark.parametrize("text,lang,entity", [
    ("The Pact of the Mayors was signed in 2019.", "en", "instrument/pact-for-the-future"),
    ("各方签署了一项合作契约。", "zh", "instrument/pact-for-the-future"),
    ("该宣言旨在保护子孙后代的利益。", "zh", "instrument/declaration-on-future-generations"),
    ("The Forum discussed the world economic situation.", "en", "organization/world-economic-forum"),
    ("Seizures rose in East Asia and in South-East Asia and the Pacific.", "en", "region/east-asia-and-the-pacific"),
    ("东亚和东南亚的缉获量有所上升。", "zh", "region/east-asia-and-the-pacific"),
    ("尼日利亚国家人口委员会发布了人口普查数据。", "zh", "body/cpd"),
    ("The National Population Commission of Nigeria published census data.", "en", "body/cpd"),
])
def test_one_sided_names_do_not_link_generic_words(text, lang, entity):
    """Bare 'Pact', 契约, 'Forum' and the words of a name in running text are not the entity."""
    assert entity not in _linked(lang, text)
