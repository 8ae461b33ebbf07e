"""The extractor's fast paths answer what the plain forms they replace answer (kg.extract.nlp, kg.rdf.light)."""

from __future__ import annotations

import re

import pytest

from kg.extract import nlp
from kg.extract.candidates import _cues
from kg.rdf.light import LightGraph

SENTENCES = {
    "en": [
        "UNODC did not provide assistance to Kenya, but it may support Uganda in cooperation with UNDP.",
        "In partnership with the European Union, the Office supported Nigeria's border-control units.",
        "The Government of Ghana cannot yet implement the programme; it could request technical assistance.",
        "Non-assistance cases: support-related activities were not-funded by INTERPOL in Kelvin (K) units.",
        "İstanbul and Straße hosted a meeting on ſtrategies that UNODC might co-organize next year.",
        "",
    ],
    "zh": [
        "毒品和犯罪问题办公室没有向肯尼亚提供援助，但可能与开发署合作支持乌干达。",
        "在欧洲联盟的伙伴关系下，该办公室支持尼日利亚加强边境管制。",
        "加纳政府尚未实施该方案；它可以请求技术援助，并与国际刑警组织合作。",
        "UNODC与UNDP合作，在Kenya开展了培训。",
        "",
    ],
}


def _plain(words, lang: str, tail: str, flags: int) -> re.Pattern:
    return re.compile("|".join(f"(?:{nlp.word_pattern(w, lang)}{tail})" for w in words), flags)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("cue_list", ["negation", "not_assistance", "modal", "partner", "activity", "location"])
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_any_word_finds_what_the_plain_alternation_finds(lang, cue_list, flags):
    cues = _cues(lang)
    words = cues.get(cue_list) or []
    if not words or not all(isinstance(w, str) for w in words):
        pytest.skip(f"no {cue_list} word list for {lang}")
    for tail in ("", cues["negation_tail"], cues["modal_tail"]):
        plain = _plain(words, lang, tail, flags)
        for text in SENTENCES[lang]:
            for start in range(0, max(1, len(text)), 7):
                piece = text[start:]
                assert nlp.any_word(piece, words, lang, tail, flags) == (plain.search(piece) is not None), (tail, piece)


@pytest.mark.parametrize("tail", ["(?=x)|y", "a|(?!b)"])
def test_any_word_with_a_tail_of_alternatives_keeps_the_plain_form(tail):
    words = ["support", "assist"]
    for text in SENTENCES["en"] + ["y", "assistx", "supportb", "a"]:
        assert nlp.any_word(text, words, "en", tail) == (_plain(words, "en", tail, 0).search(text) is not None)


@pytest.mark.parametrize("cue", ["in cooperation with", "support", "k", "s", "i", "与", "合作", "技术援助", "Kenya",
                                 "UNODC与", "straße", "co-organize", "not"])
def test_cue_hits_are_the_case_insensitive_hits(cue):
    for lang in ("en", "zh"):
        for text in SENTENCES[lang]:
            expected = [m.span() for m in re.finditer(re.escape(cue), text, re.IGNORECASE)]
            assert [m.span() for m in nlp.cue_hits(cue, text)] == expected, text


@pytest.mark.parametrize("words", [["的", "和", "在", "与其", "以及", "和平"], ["和平", "和", "平"], ["平", "和平"], ["a", "", "ba"]])
def test_ending_word_is_the_first_word_ending_there(words):
    for text in SENTENCES["zh"] + ["和平与发展以及和平", "aba"]:
        for i in range(len(text) + 1):
            assert nlp.ending_word(text, i, words) == next((w for w in words if text.endswith(w, 0, i)), None), (text, i)


def test_ending_word_of_word_tuples_in_turns_reads_each_tuple_own_words():
    first, second = ("和平", "和", "平"), ("平", "和平")  # the table of the tuple seen last must not answer for another
    for text in SENTENCES["zh"] + ["和平与发展以及和平"]:
        for i in range(len(text) + 1):
            for words in (first, second, first, list(second)):
                assert nlp.ending_word(text, i, words) == next((w for w in words if text.endswith(w, 0, i)), None)


def test_by_length_is_a_stable_longest_first_sort():
    words = ("和", "和平", "a", "以及", "ab", "平")
    assert nlp.by_length(words) == tuple(sorted(words, key=len, reverse=True)) == ("和平", "以及", "ab", "和", "a", "平")


@pytest.mark.parametrize("cues", [("in cooperation with", "support", "k", "s", "i", "与", "合作", "技术援助", "Kenya", "UNODC与",
                                   "straße", "co-organize", "not", "", "İstanbul"), ("合作", "欧洲联盟", "援助"), ()])
def test_present_cues_keep_every_cue_with_hits_in_order(cues):
    for lang in ("en", "zh"):
        for text in SENTENCES[lang] + ["KENYA and Uganda", "ISTANBUL"]:
            kept = nlp.present_cues(cues, text)
            assert kept == [c for c in cues if c in kept]  # the cues' own order
            assert [(c, m.span()) for c in kept for m in nlp.cue_hits(c, text)] == \
                [(c, m.span()) for c in cues for m in nlp.cue_hits(c, text)], text
            assert all(c in kept for c in cues if any(True for _ in nlp.cue_hits(c, text)))


LINES = [
    b'<https://w3id.org/unodc-kg/id/doc/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/unodc-kg/def#Document> .',
    b'<https://w3id.org/unodc-kg/id/doc/a> <https://w3id.org/unodc-kg/def#title> "A"@en .',
    b'<https://w3id.org/unodc-kg/id/doc/a> <https://w3id.org/unodc-kg/def#title> "A"@zh .',
    b'<https://w3id.org/unodc-kg/id/doc/a/p1> <https://w3id.org/unodc-kg/def#start> "0"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    b'<https://w3id.org/unodc-kg/id/doc/a/p1> <https://w3id.org/unodc-kg/def#text> "" .',
    b'<https://w3id.org/unodc-kg/id/doc/a/p2> <https://w3id.org/unodc-kg/def#start> "0"^^<http://www.w3.org/2001/XMLSchema#integer> .',
]


def _table(graph: LightGraph) -> tuple:
    def dump(d):
        return [(k, dump(v)) if isinstance(v, dict) else (k, v) for k, v in d.items()]

    return len(graph), dump(graph.spo), dump(graph.pos)


def _one_by_one(lines: list[bytes]) -> tuple:
    graph = LightGraph()
    for line in lines:
        graph.add(tuple(LightGraph.from_ntriples(line + b"\n").triples((None, None, None)))[0])
    return _table(graph)


@pytest.mark.parametrize("order", ["sorted", "repeated", "reversed", "interleaved"])
def test_light_graph_reads_lines_as_adding_them_one_by_one(order):
    lines = {"sorted": LINES, "repeated": LINES + LINES[1:3], "reversed": LINES[::-1],
             "interleaved": [LINES[0], LINES[3], LINES[1], LINES[4], LINES[2], LINES[0]]}[order]
    assert _table(LightGraph.from_ntriples(b"\n".join(lines) + b"\n")) == _one_by_one(lines)
    assert _table(LightGraph.from_ntriples(b"\n".join(lines[:2]) + b"\n", b"\n".join(lines[2:]) + b"\n")) == _one_by_one(lines)
