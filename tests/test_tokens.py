"""The linker without spaCy cuts and matches exactly as spaCy did: tokens, sentences and gazetteer hits, compared
with spaCy's blank pipelines and a PhraseMatcher (the matcher the gazetteer used before) on the sample, the
English bench text and synthetic documents of both languages; and the gazetteer cache is rebuilt, never
trusted, when it is damaged."""

from __future__ import annotations

from functools import lru_cache

import pytest
from spacy.matcher import PhraseMatcher

from bench.synth import ENGLISH, SAMPLE, make_corpus
from kg.extract import compiled
from kg.extract.ingest import read_document
from kg.extract.link import Gazetteer, Match, gazetteer, longest_first
from kg.extract.nlp import normalize
from kg.extract.segment import bounded_segments
from kg.extract.tokens import zh_spans


@lru_cache(maxsize=None)
def _texts(lang: str, tmp: str) -> tuple[str, ...]:
    """Normalised paragraph texts, as the extractor reads them, of real and synthetic documents."""
    from pathlib import Path

    paths = ([SAMPLE] if lang == "zh" else [ENGLISH]) + make_corpus(Path(tmp) / lang, 3, lang=lang, seed=7)
    out = []
    for path in paths:
        doc = read_document(Path(path))
        for p in doc.paragraphs:
            for s, e in bounded_segments(doc.masked, p.start, p.end):
                text = normalize(doc.masked[s:e], base=s).text
                if text:
                    out.append(text)
    return tuple(out)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("tokens"))


def _old_match(gaz: Gazetteer, matcher: PhraseMatcher, text: str, inside: bool = False) -> list[Match]:
    """The PhraseMatcher linker of before (kg.extract.link at the automaton's introduction), as the oracle."""
    from kg.extract.nlp import normalize_label

    doc = gaz.nlp.make_doc(text)
    found = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        s, e = span.start_char, span.end_char
        labels = [lab for lab in gaz.by_key[gaz.nlp.vocab.strings[match_id]]
                  if not lab.case_sensitive or normalize_label(lab.text) == text[s:e]]
        iris = sorted({lab.iri for lab in labels})
        if len(iris) != 1 or not gaz._boundaries_ok(text, s, e) or (inside and e - s == len(text)):
            continue
        found.append(Match(s, e, iris[0], labels[0].type, "label" if any(lab.preferred for lab in labels) else "alias"))
    return longest_first(gaz.in_context(text, found))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tokens_and_sentences_are_spacys(lang, corpus_dir):
    gaz = gazetteer(lang)
    texts = _texts(lang, corpus_dir)
    assert len(texts) > 50
    for text in texts:
        doc = gaz.nlp(text)
        want_tokens = [(t.idx, t.idx + len(t)) for t in doc]
        got_tokens = zh_spans(text) if lang == "zh" else gaz.tokenizer.spans(text)
        assert got_tokens == want_tokens, text
        assert [(s.start_char, s.end_char, s.text) for s in gaz.parse(text).sents] == \
               [(s.start_char, s.end_char, s.text) for s in doc.sents], text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gazetteer_hits_are_the_phrase_matchers(lang, corpus_dir):
    gaz = gazetteer(lang)
    matcher = PhraseMatcher(gaz.nlp.vocab, attr="LOWER")
    for key in sorted(gaz.by_key):
        matcher.add(key, [gaz.nlp.make_doc(key)])
    total = 0
    for text in _texts(lang, corpus_dir):
        got = gaz.match(gaz.parse(text))
        assert got == _old_match(gaz, matcher, text), text
        total += len(got)
        for m in got:  # names inside names, matched on the name alone
            inner = text[m.start:m.end]
            assert gaz.match(inner, inside=True) == _old_match(gaz, matcher, inner, inside=True), inner
    assert total > 100


TRICKY_EN = [
    "UNODC's office (Vienna), e.g. the U.S.-based programme; Mr. Smith's 'Afghan' heroin—and co-operation.",
    "  Leading spaces,\ttabs\nand new lines: the Commission on Narcotic Drugs!? (CND) ... 1.5 tons; 3,000 kg.",
    "http://www.unodc.org/ and e-mail@un.org, don't, can't, o'clock, 9 a.m., 'tis, (UNODC)), [WHO].",
]
TRICKY_ZH = ["联合国毒品和犯罪问题办公室（UNODC）。 中国  和\n越南！？ 东南亚", "  UN Women 和 Viet Nam；south east asia。"]


@pytest.mark.parametrize("text", TRICKY_EN)
def test_english_edge_cases(text):
    gaz = gazetteer("en")
    doc = gaz.nlp(text)
    assert gaz.tokenizer.spans(text) == [(t.idx, t.idx + len(t)) for t in doc]
    assert [(s.start_char, s.end_char) for s in gaz.parse(text).sents] == [(s.start_char, s.end_char) for s in doc.sents]


@pytest.mark.parametrize("text", TRICKY_ZH)
def test_chinese_edge_cases(text):
    gaz = gazetteer("zh")
    doc = gaz.nlp(text)
    assert zh_spans(text) == [(t.idx, t.idx + len(t)) for t in doc]
    assert [(s.start_char, s.end_char) for s in gaz.parse(text).sents] == [(s.start_char, s.end_char) for s in doc.sents]
    matcher = PhraseMatcher(gaz.nlp.vocab, attr="LOWER")
    for key in sorted(gaz.by_key):
        matcher.add(key, [gaz.nlp.make_doc(key)])
    assert gaz.match(text) == _old_match(gaz, matcher, text)


@pytest.mark.parametrize("damage", ["truncate", "flip", "other-key", "garbage"])
def test_damaged_cache_is_rebuilt(damage, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    fresh = Gazetteer("en")
    path = tmp_path / "gazetteer-en.pickle"
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "other-key":
        head, key, rest = data.split(b"\n", 2)
        path.write_bytes(head + b"\n" + b"0" * len(key) + b"\n" + rest)
    else:
        path.write_bytes(b"not a cache")
    again = Gazetteer("en")
    text = "UNODC and the Commission on Narcotic Drugs met in Viet Nam."
    assert again.match(again.parse(text)) == fresh.match(fresh.parse(text)) != []
    assert compiled._read(path, compiled.source_key("en")) is not None  # rewritten intact


def test_word_tables_answer_as_the_dictionaries():
    import importlib.util
    import os

    from kg.extract.link import MIN_WORD_FREQ, NOUN, OTHER, zh_dictionary

    two, longer, pos = zh_dictionary()
    want_two, want_longer, want_pos = set(), {}, {}
    with open(os.path.join(os.path.dirname(importlib.util.find_spec("jieba").origin), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            if int(freq) < MIN_WORD_FREQ:
                continue
            if len(word) <= 4:
                want_pos[word] = NOUN if tag.startswith("n") or tag == "an" else OTHER
            if len(word) == 2:
                want_two.add(word)
            elif 2 < len(word) <= 6:
                for i in range(len(word) - 1):
                    want_longer.setdefault(word[i: i + 2], []).append(word)
    assert all(w in two for w in want_two) and all(pos.get(w) == t for w, t in want_pos.items())
    assert all(longer.get(p) == tuple(ws) for p, ws in want_longer.items())
    others = ["", "a", "中", "中国人民", "\0\0", "zz", "𠀀𠀀", "国中", "非法中"] + [w[::-1] for w in list(want_two)[:2000]]
    for w in others:
        assert (w in two) == (w in want_two) and pos.get(w) == want_pos.get(w) and longer.get(w) == (
            tuple(want_longer[w]) if w in want_longer else None), w


def _old_normalize(text: str, base: int = 0) -> tuple[str, tuple]:
    """kg.extract.nlp.normalize as it was written character by character (the oracle of the faster one)."""
    from kg.extract.nlp import TITLE_MARKS, _fold, is_cjk

    out, index, i, n = [], [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            before, after = (out[-1] if out else ""), (text[j] if j < n else "")
            if before and after and not is_cjk(before) and not is_cjk(after):
                out.append(" ")
                index.append(base + i)
            i = j
            continue
        if ch not in TITLE_MARKS:
            out.append(_fold(ch))
            index.append(base + i)
        i += 1
    return "".join(out), tuple(index)


@pytest.mark.parametrize("seed", range(4))
def test_normalize_is_the_character_loop(seed):
    import random

    from kg.extract.nlp import normalize

    rng = random.Random(seed)
    alphabet = list(" \t\n\u3000\xa0\x1c\x85\u2028《》〈〉「」、。‘’ＡＢ１２ａ中国 ab,.;İΣς①²ﬁ")
    texts = [SAMPLE.read_text(encoding="utf-8"), ENGLISH.read_text(encoding="utf-8")]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        got = normalize(text, base=seed)
        assert (got.text, got.index) == _old_normalize(text, base=seed), repr(text)


@pytest.mark.parametrize("seed", range(3))
def test_english_tokens_on_random_text(seed):
    """Pieces that exercise every rule (prefixes, suffixes, infixes, special cases, URLs, white space) in random order."""
    import random

    rng = random.Random(seed)
    pieces = ["U.S.", "e.g.", "don't", "Can't", "(", ")", "[", "]", "-", "--", "—", "'s", "’s", ".", ",", ";", "!", "?", "...",
              "http://www.unodc.org/x", "a.m.", "1.5", "3,000", "US$", "10%", "\"", "'", ":)", "UNODC", "co-operation",
              "Mr.", "No.", "n't", "&", "/", "20-30", "km2", " ", " ", " ", "  ", "\n", "\t", "\xa0", "E/CN.7/2022/1", "WHO"]
    gaz = gazetteer("en")
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        doc = gaz.nlp(text)
        assert gaz.tokenizer.spans(text) == [(t.idx, t.idx + len(t)) for t in doc], repr(text)
        assert [(s.start_char, s.end_char) for s in gaz.parse(text).sents] == [(s.start_char, s.end_char) for s in doc.sents], repr(text)
