"""Security Council resolutions are numbered consecutively since 1946, so the number alone identifies one
(kg.extract.resolutions, rules.toml [resolutions] consecutive_bodies): the English "resolution 2253 (2015)" and the
Chinese 安理会第2253号决议 or 第2253（2015）号决议 are one entity id/resolution/security-council/2253; the year, where
written, stays in the graph as unodc:year and as alternative labels (S/RES/2253 (2015)).  Other bodies keep their
symbols (General Assembly 60/288).  The evaluator reads a gold id written with the year the same way."""

from __future__ import annotations

import pytest
from rdflib import SKOS, XSD, Literal

from kg.core.namespaces import ID, UNODC
from kg.core.reference import entities_by_iri
from kg.extract.gold import GoldNames
from kg.extract.ingest import parse_document
from kg.extract.to_ntriples import document_ntriples
from kg.extract.to_rdf import document_graph


def _resolutions(extraction) -> set[str]:
    short = (str(m.entity)[len(str(ID)):] for m in extraction.mentions)
    return {iri for iri in short if iri.startswith(("resolution/", "decision/"))}


def _entity(extraction, local):
    return next(e for e in extraction.new_entities if e.iri == ID[local])


# the same sentence in both editions, and other wordings of each
@pytest.mark.parametrize("text,lang,number", [
    pytest.param("The Security Council, in its resolution 2253 (2015), strengthened the sanctions regime.", "en", "2253",
                 id="en-with-year"),
    pytest.param("安全理事会在第2253（2015）号决议中加强了制裁制度。", "zh", "2253", id="zh-with-year-full-width"),
    pytest.param("安理会第2253号决议加强了制裁制度。", "zh", "2253", id="zh-number-only"),
    pytest.param("States recalled SC res. 1540 (2004) on weapons of mass destruction.", "en", "1540", id="en-short-body"),
    pytest.param("各国回顾了安全理事会第1540(2004)号决议。", "zh", "1540", id="zh-half-width-year"),
    pytest.param("各国回顾了安理会第1540号决议。", "zh", "1540", id="zh-short-body-number-only"),
])
def test_one_iri_whatever_the_form(extract, text, lang, number):
    assert _resolutions(extract(text, lang)) == {f"resolution/security-council/{number}"}


@pytest.mark.parametrize("en,zh", [
    pytest.param("The Council adopted measures. Security Council resolution 2368 (2017) renewed them.",
                 "安理会通过了措施。安理会第2368号决议延长了这些措施。", id="year-in-english-only"),
    pytest.param("Member States should apply Security Council resolution 1373 (2001) without delay.",
                 "会员国应毫不拖延地执行安全理事会第1373（2001）号决议。", id="year-in-both"),
])
def test_both_editions_one_graph_node(extract, en, zh):
    """The English and Chinese editions of one sentence name the same resolution node, with the same labels."""
    a, b = extract(en, "en"), extract(zh, "zh")
    assert _resolutions(a) == _resolutions(b) and len(_resolutions(a)) == 1
    local = next(iter(_resolutions(a)))
    assert _entity(a, local).labels == _entity(b, local).labels
    assert _entity(a, local).symbol == _entity(b, local).symbol == local.rsplit("/", 1)[-1]


@pytest.mark.parametrize("text,lang,local,year,alias", [
    pytest.param("Security Council resolution 2253 (2015) extended the mandate.", "en",
                 "resolution/security-council/2253", 2015, ("en", "S/RES/2253 (2015)"), id="en"),
    pytest.param("安全理事会第2253（2015）号决议延长了任务期限。", "zh",
                 "resolution/security-council/2253", 2015, ("zh", "安全理事会第2253(2015)号决议"), id="zh"),
    pytest.param("The Council first cited resolution 2178, then Security Council resolution 2178 (2014) again.", "en",
                 "resolution/security-council/2178", 2014, ("en", "Security Council resolution 2178 (2014)"),
                 id="year-written-at-a-later-mention"),
])
def test_the_year_stays_in_the_graph(extract, text, lang, local, year, alias):
    extraction = extract(text, lang)
    entity = _entity(extraction, local)
    assert entity.year == year and alias in entity.aliases
    doc = parse_document("t.md", text.encode("utf-8"), lang)
    graph = document_graph(doc, extraction)
    iri = ID[local]
    assert (iri, UNODC.year, Literal(year, datatype=XSD.integer)) in graph
    assert (iri, SKOS.altLabel, Literal(alias[1], lang=alias[0])) in graph
    assert list(graph.objects(iri, UNODC.symbol)) == [Literal(local.rsplit("/", 1)[-1])]
    rows = document_ntriples(doc, extraction)[0].decode("utf-8")
    assert f"<{iri}> <{UNODC.year}> \"{year}\"^^<{XSD.integer}> ." in rows


@pytest.mark.parametrize("text,lang", [
    pytest.param("Security Council resolution 2253 (2015) and resolution 2368 (2017) were cited.", "en", id="en-list"),
    pytest.param("安理会第2253、2368号等各项有关决议均被援引。", "zh", id="zh-list"),
])
def test_two_numbers_stay_two(extract, text, lang):
    assert _resolutions(extract(text, lang)) == {"resolution/security-council/2253", "resolution/security-council/2368"}


def test_no_year_no_year_property(extract):
    extraction = extract("安理会第2368号决议延长了措施。", "zh")
    entity = _entity(extraction, "resolution/security-council/2368")
    assert entity.year is None and entity.aliases == ()


@pytest.mark.parametrize("text,lang,local,symbol", [
    pytest.param("General Assembly resolution 60/288 adopted the Global Counter-Terrorism Strategy.", "en",
                 "resolution/ga/60-288", "60/288", id="ga-en"),
    pytest.param("大会第60/288号决议通过了《全球反恐战略》。", "zh", "resolution/ga/60-288", "60/288", id="ga-zh"),
    pytest.param("The Commission on Narcotic Drugs adopted resolution 64/1.", "en", "resolution/cnd/64-1", "64/1", id="cnd"),
])
def test_other_bodies_keep_their_symbols(extract, text, lang, local, symbol):
    extraction = extract(text, lang)
    assert local in _resolutions(extraction)
    entity = _entity(extraction, local)
    assert entity.symbol == symbol and entity.year is None and entity.aliases == ()


@pytest.mark.parametrize("item,expected", [
    pytest.param("resolution/security-council/2253-2015", "resolution/security-council/2253", id="sc-with-year"),
    pytest.param("resolution/security-council/1373", "resolution/security-council/1373", id="sc-number-only"),
    pytest.param("resolution/ga/60-288", "resolution/ga/60-288", id="ga-untouched"),
    pytest.param("resolution/ecosoc/1999-22", "resolution/ecosoc/1999-22", id="ecosoc-year-symbol-untouched"),
    pytest.param("resolution/cnd/64-1", "resolution/cnd/64-1", id="cnd-untouched"),
])
def test_gold_ids_compare_the_same_way(item, expected):
    assert GoldNames(entities_by_iri()).entity(item) == (expected, "Resolution")
