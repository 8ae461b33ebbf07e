"""Link names in text to canonical entities of the reference data (a gazetteer of every label, one automaton).

Every preferred and alternative label, in every language, is a pattern.  Matching is
case-insensitive except for short upper-case labels (WHO must not match "who").  In
Chinese, where spaCy matches on characters, two guards keep precision: an ASCII name
must not touch other ASCII letters (UNODC in UNODCX), and a two-character name must not
sit inside a longer word or straddle two words (中非 in 其中非法, 中国 in 发展中国家); the
word list is jieba's dictionary, read once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rdflib import URIRef

from kg.core.namespaces import ID
from kg.core.reference import Entity, load_entities
from kg.core.resources import rules
from kg.core.vocabulary import PLACES
from kg.extract.compiled import cached
from kg.extract.english_forms import english_context, footnotes_apart, in_name_only
from kg.extract.nlp import Parsed, blank_pipeline, is_cjk, literal, normalize_label
from kg.extract.phrases import Phrases
from kg.extract.tokens import EnglishTokenizer, sentences, zh_sentences
from kg.extract.words import WordTable

CJK_ONLY = re.compile(r"^[\u3400-\u9fff]+$")
HAS_CJK = re.compile(r"[\u3400-\u9fff]")
ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
MEMO_CHARS, MEMO_SIZE = 200, 50_000  # names (short strings) whose matches a gazetteer remembers
MIN_WORD_FREQ = 20  # jieba dictionary frequency below which a word is too rare to block a name


@dataclass(frozen=True)
class Label:
    """One label of one entity, as the matcher sees it."""

    iri: URIRef
    type: str
    text: str
    lang: str
    preferred: bool
    case_sensitive: bool


@dataclass(frozen=True)
class Match:
    """A linked span of normalised text."""

    start: int
    end: int
    iri: URIRef
    type: str
    method: str


def is_case_sensitive(label: str) -> bool:
    """Short labels with capitals (WHO, UN-Women, SMART) match only in their own case."""
    return len(label) <= 8 and any(ch.isupper() for ch in label)


def labels_of(entity: Entity):
    """Yield every label of a reference entity."""
    for lang, text in sorted(entity.labels.items()):
        yield Label(entity.iri, entity.type, text, lang, True, is_case_sensitive(text))
    for lang, text in entity.aliases:
        yield Label(entity.iri, entity.type, text, lang, False, is_case_sensitive(text))


def label_variants(key: str, lang: str) -> list[str]:
    """Other written forms of a long label (rules.toml [mint.variants]): 与 for 和 and back in Chinese names (联合国毒品与犯罪问题办公室),
    English names without an inner "the" (Protocol against Smuggling of Migrants) or inner_words_en (United Nations), and
    with the broken ligatures of a PDF copy (split_ligatures_en: "Traffi cking")."""
    cfg = rules()["mint"]["variants"]
    out = []
    if lang == "zh" and HAS_CJK.search(key) and len(key) >= 6:
        for a, b in cfg["same_chars_zh"]:
            for x, y in ((b, a), (a, b)):
                if x in key:
                    out.append(key.replace(x, y))
    elif lang != "zh" and not HAS_CJK.search(key) and len(key.split()) >= 4:
        out += [re.sub(r"\s+the\s+", " ", " " + key + " ").strip(), re.sub(cfg["split_ligatures_en"], r"\1 ", key)]
        out += [short + key[len(long):] for long, short in cfg.get("short_openers_en", []) if key.startswith(long + " ")]
        out += [key[:m.start()] + key[m.end():] for word in cfg.get("inner_words_en", [])  # "Office of the High Commissioner …"
                for m in re.finditer(rf"(?<=\s){re.escape(word)}\s+(?=\w)", key)]
    return sorted({v for v in out if v and v != key})


def label_table(lang: str, entities=None) -> dict[str, list[Label]]:
    """Every gazetteer key (normalised, lower-cased label) of *lang* with its labels: the reference labels, the
    English adjectives of places, and the written variants of long labels."""
    cfg = rules()["link"]
    unlinked = {normalize_label(label).lower() for label in cfg["unlinked_labels"]}
    by_key: dict[str, list[Label]] = {}
    for entity in entities if entities is not None else load_entities():
        for label in labels_of(entity):
            key = normalize_label(label.text).lower()
            if not key or key in unlinked or (lang != "zh" and HAS_CJK.search(key)):
                continue
            by_key.setdefault(key, []).append(label)
    if lang != "zh":  # "Afghan heroin", "Central Asian officers": an adjective names the place (never a label)
        by_iri = {str(lab.iri): lab for labels in by_key.values() for lab in labels}
        for adjective, ref in cfg.get("adjectives_en", []) + cfg.get("language_adjectives_en", []):
            target = by_iri.get(str(ID[ref]))
            key = normalize_label(adjective).lower()
            if target is not None and key not in by_key:
                by_key[key] = [Label(target.iri, target.type, adjective, "en", False, True)]
    variants: dict[str, list[Label]] = {}
    for key, labels in by_key.items():
        for variant in label_variants(key, lang):
            if variant not in by_key and variant not in unlinked:  # a real label always wins
                variants.setdefault(variant, []).extend(
                    Label(lab.iri, lab.type, variant, lab.lang, False, False) for lab in labels if not lab.case_sensitive)
    by_key.update({k: v for k, v in variants.items() if v})
    return by_key


@dataclass
class Tables:
    """What a gazetteer is compiled into (kept in the gazetteer cache): keys with their labels, the English
    tokenizer's rules and the automaton of the keys."""

    by_key: dict
    tokenizer: EnglishTokenizer | None
    phrases: Phrases

    @classmethod
    def build(cls, lang: str, entities=None) -> "Tables":
        by_key = label_table(lang, entities)
        tokenizer = EnglishTokenizer.from_spacy(blank_pipeline(lang)) if lang != "zh" else None
        keys = sorted(by_key)
        phrases = Phrases(lang, keys, tokenizer.spans if tokenizer else None, order=lambda group: matcher_order(lang, group))
        return cls(by_key, tokenizer, phrases)


def matcher_order(lang: str, keys: list[str]) -> list[str]:
    """The order spaCy's PhraseMatcher reports keys that share one token sequence in (its hash map's order)."""
    from spacy.matcher import PhraseMatcher

    nlp = blank_pipeline(lang)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for key in sorted(keys):
        matcher.add(key, [nlp.make_doc(key)])
    return [nlp.vocab.strings[match_id] for match_id, _, _ in matcher(nlp.make_doc(keys[0]))]


class Gazetteer:
    """Every reference label of one language, compiled into one automaton (cached on disk, see kg.extract.compiled)."""

    def __init__(self, lang: str, entities=None):
        self.lang = lang
        cfg = rules()["link"]
        self.left_bounded, self.left_ok = {normalize_label(label) for label in cfg["left_bounded_labels"]}, set(cfg["left_boundary_chars"])
        self.not_after = tuple(cfg.get("left_bounded_not_after", ()))  # ok_after: with the verbs opening a resolution's paragraphs
        self.ok_after = tuple(cfg.get("left_bounded_ok_after", ())) + tuple(rules()["resolutions"].get("preamble_openers", ()))
        self.person_dots, self.not_before = cfg.get("person_name_dots", ""), tuple(cfg.get(f"country_not_before_{lang}", ()))
        if entities is None:
            tables = cached("gazetteer", lang, lambda: Tables.build(lang))
        else:
            tables = Tables.build(lang, entities)
        self.by_key, self.tokenizer, self.phrases = tables.by_key, tables.tokenizer, tables.phrases
        self._memo: dict[tuple[str, bool], tuple[Match, ...]] = {}

    @property
    def nlp(self):
        """The language's blank spaCy pipeline (loaded on first use; the extractor itself does not need it)."""
        return blank_pipeline(self.lang)

    def parse(self, text: str) -> Parsed:
        """The text with its tokens (English) and sentences, as spaCy's pipeline cuts them."""
        if self.lang == "zh":
            return Parsed(text, None, zh_sentences(text))
        spans = self.tokenizer.spans(text)
        return Parsed(text, spans, sentences(text, spans, self.lang))

    def lookup(self, text: str) -> list[Label]:
        """Labels whose normalised form equals *text* (case rules applied)."""
        key = normalize_label(text).lower()
        return [lab for lab in self.by_key.get(key, []) if not lab.case_sensitive or normalize_label(lab.text) == text]

    def match(self, doc, inside: bool = False, titles=()) -> list[Match]:
        """Linked, non-overlapping spans of normalised text (a str, a Parsed text or a spaCy Doc), longest first.

        With *inside*, a match covering the whole text is ignored: the names inside a name.
        A match that crosses the edge of a title (a span that stood in 《》) is ignored too.
        """
        if isinstance(doc, str) and not titles and len(doc) <= MEMO_CHARS:  # names inside names recur: remembered
            key = (doc, inside)
            if key not in self._memo:
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.clear()
                self._memo[key] = tuple(self._match(doc, inside, titles))
            return list(self._memo[key])
        return self._match(doc, inside, titles)

    def _match(self, doc, inside: bool, titles) -> list[Match]:
        text = doc if isinstance(doc, str) else doc.text
        spans = None
        if self.lang != "zh":
            spans = footnotes_apart(text, doc.spans if isinstance(doc, Parsed) else self.tokenizer.spans(text))
        found: list[Match] = []
        for s, e, key in self.phrases.find(text, spans):
            surface = text[s:e]
            labels = [lab for lab in self.by_key[key] if not lab.case_sensitive or normalize_label(lab.text) == surface]
            iris = sorted({lab.iri for lab in labels})
            if len(iris) != 1 or not self._boundaries_ok(text, s, e) or (inside and e - s == len(text)):
                continue
            if any(ts < s < te < e or s < ts < e < te for ts, te in titles):
                continue
            method = "label" if any(lab.preferred for lab in labels) else "alias"
            found.append(Match(s, e, iris[0], labels[0].type, method))
        return longest_first(self.in_context(text, found))

    def in_context(self, text: str, found: list[Match]) -> list[Match]:
        """The candidate matches that the words around them leave standing: a country's name that a sea's or a town's
        name continues (印度洋 is the Indian Ocean, not India; Mexico City) is none, nor a name other than a place's that starts
        inside a place's name (南亚区域方案 in 东南亚区域方案)."""
        kept = [m for m in found if not (self.not_before and m.type == "Country" and text.startswith(self.not_before, m.end))]
        if self.lang != "zh":  # "Mexico City": a town; "East, West and Central Africa": three places
            return english_context(text, kept, self.lookup, Match)
        return [m for m in kept if not (m.type not in PLACES and any(p.start < m.start < p.end < m.end and p.type in PLACES for p in found))]

    def _boundaries_ok(self, text: str, s: int, e: int) -> bool:
        if self.lang != "zh":
            return True
        if text[s:e] in self.left_bounded and s > 0 and (text[s - 1] not in self.left_ok and noun_before(text, s) and not
                                                         text.endswith(self.ok_after, 0, s) or text.endswith(self.not_after, 0, s)):
            return False  # 世界卫生大会, 本届大会: not the General Assembly
        if any(ch and ch in self.person_dots for ch in (text[s - 1:s], text[e:e + 1])):
            return False  # 安东尼奥·马里亚·科斯塔: a transliterated person's name, not Mali
        if ASCII_ALNUM.match(text[s]) and s > 0 and ASCII_ALNUM.match(text[s - 1]):
            return False
        if ASCII_ALNUM.match(text[e - 1]) and e < len(text) and ASCII_ALNUM.match(text[e]):
            return False
        if e - s <= 2 and CJK_ONLY.match(text[s:e]):
            return not inside_word(text, s, e)
        return True


def longest_first(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (then the leftmost), sorted by position."""
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start, str(m.iri))):
        if taken.isdisjoint(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


NOUN, OTHER = 1, 2  # part-of-speech codes of the word table


@lru_cache(maxsize=1)
def zh_dictionary() -> tuple[WordTable, WordTable, WordTable]:
    """Common Chinese words from jieba's dictionary: two-character words, longer words by their
    character pairs, and whether words up to four characters are nouns (cached, see kg.extract.compiled)."""
    return cached("words", "zh", _read_zh_dictionary)


def _read_zh_dictionary() -> tuple[WordTable, WordTable, WordTable]:
    import importlib.util

    two: set[str] = set()
    longer: dict[str, list[str]] = {}
    pos: dict[str, int] = {}
    folder = os.path.dirname(importlib.util.find_spec("jieba").origin)  # the word list, without importing jieba
    with open(os.path.join(folder, "dict.txt"), encoding="utf-8") as handle:
        for line in handle:
            word, freq, tag = line.split()
            if int(freq) < MIN_WORD_FREQ:
                continue
            if len(word) <= 4:
                pos[word] = NOUN if tag.startswith("n") or tag == "an" else OTHER
            if len(word) == 2:
                two.add(word)
            elif 2 < len(word) <= 6:
                for i in range(len(word) - 1):
                    longer.setdefault(word[i: i + 2], []).append(word)
    return WordTable(dict.fromkeys(two, 1), 2), WordTable(longer, 2), WordTable(pos, 4)


def zh_words() -> tuple[WordTable, WordTable]:
    """Two-character words and longer words by their character pairs (see zh_dictionary)."""
    two, longer, _ = zh_dictionary()
    return two, longer


def noun_before(text: str, s: int) -> bool:
    """True when the word just before position *s* is a noun (卫生大会, 缔约国大会), not a verb or particle."""
    pos = zh_dictionary()[2]
    for size in (4, 3, 2, 1):
        if s - size >= 0:
            tag = pos.get(text[s - size: s])
            if tag is not None:
                return tag == NOUN
    return False


def inside_word(text: str, s: int, e: int) -> bool:
    """True when the short name text[s:e] straddles two words or lies inside a longer word that starts before it."""
    two, longer = zh_words()
    name = text[s:e]
    left = text[s - 1] + text[s] if s > 0 and is_cjk(text[s - 1]) else ""
    right = text[e - 1] + text[e] if e < len(text) and is_cjk(text[e]) else ""
    if left in two and right in two:
        return True
    for word in longer.get(name[:2], ()):
        offset = word.find(name)
        if offset > 0 and text[s - offset: s - offset + len(word)] == word:
            return True
    return False


@cache
def gazetteer(lang: str) -> Gazetteer:
    """The gazetteer of the reference data for *lang*, built once per process."""
    return Gazetteer(lang)


def _elided_directions(gaz: Gazetteer, text: str, matches: list[Match], prefixes: list[str]) -> list[Match]:
    """东部和南部非洲 names Eastern Africa too: a compass word before 和/及/、 shares the place name after it."""
    found = []
    for m in matches:
        name = text[m.start:m.end]
        own = next((p for p in prefixes if name.startswith(p)), None)
        joiner = next((j for j in ("和", "及", "与", "、") if text.endswith(j, 0, m.start)), None)
        if m.type not in PLACES or own is None or joiner is None:
            continue
        at = m.start - len(joiner)
        other = next((p for p in prefixes if text.endswith(p, 0, at)), None)
        if other is None or any(o.start < at and o.end > at - len(other) for o in matches):
            continue
        base = name[len(own):]
        for tried in (other + base, other.rstrip("部") + base, other.rstrip("部") + base.rstrip("洲")):
            labels = gaz.lookup(tried)
            if len({lab.iri for lab in labels}) == 1 and labels[0].type in PLACES:
                found.append(Match(at - len(other), at, labels[0].iri, labels[0].type, "alias"))
                break
    return found


def _sides(text: str, matches: list[Match]) -> list[Match]:
    """中方, 塔方 (rules.toml [link] sides_zh): a State named as a party by its short form and 方, never inside a word
    (集中方式, 加方案: 方案) nor inside a name found; short forms counted as States (中老缅泰四国: kg.extract.states_zh)."""
    from kg.extract.states_zh import state_runs
    cfg = rules()["link"]
    spans = [(h.span(), ref) for word, ref in cfg.get("sides_zh", []) if word in text for h in literal(word).finditer(text)]
    return [Match(s, e, ID[ref], "Country", "alias") for (s, e), ref in spans
            if not any(m.start < e and s < m.end for m in matches) and not inside_word(text, s, e)
            and not (text[e:e + 1] and text[e] in cfg.get("sides_not_before", ""))] + [Match(s, e, ID[ref], "Country", "alias")
            for s, e, ref in state_runs(text, zh_words()[0]) if not any(m.start < e and s < m.end for m in matches)]


def place_variants(gaz: Gazetteer, text: str, matches: list[Match]) -> list[Match]:
    """Places read with the words around them: 西部非洲 is Western Africa (西非), not Africa; "Central and
    Eastern Africa" names Central Africa too.  Returns the matches with these corrections."""

    out = [m for m in matches if not in_name_only(text, m.start, m.end)]  # "the African Press Organization"
    if gaz.lang == "zh":
        prefixes = sorted(rules()["link"].get("direction_prefixes", []), key=len, reverse=True)
        for m in list(out):
            if m.type not in PLACES:
                continue
            prefix = next((p for p in prefixes if text.endswith(p, 0, m.start)), None)
            if prefix is None:
                continue
            name = text[m.start:m.end]
            tried = [prefix + name, prefix.rstrip("部") + name, prefix.rstrip("部") + name.rstrip("洲")]
            looked = [gaz.lookup(t) for t in tried]
            known = next((labels for labels in looked if len({lab.iri for lab in labels}) == 1), None)
            out.remove(m)
            if known:
                out.append(Match(m.start - len(prefix), m.end, known[0].iri, known[0].type, "alias"))
        out += _elided_directions(gaz, text, out, prefixes) + _sides(text, out)
        return sorted(out, key=lambda m: (m.start, -m.end))
    for m in list(out):
        if m.type not in PLACES:
            continue
        if m.type == "Region" and re.match(r"-[A-Z]", text[m.end:m.end + 2]) and not any(o.start == m.end + 1 for o in matches):
            out.remove(m)  # "Asia-Pacific": a compound of the region with a word that names no place
            continue
        name = text[m.start:m.end]
        head = name.split(" ", 1)
        if len(head) != 2:
            continue
        before = re.search(r"(?<![\w-])([A-Z][a-z]+)(?:,\s*|\s+and\s+|\s+or\s+)$", text[:m.start])
        if before is None or any(o.start <= before.start(1) < o.end for o in matches):
            continue
        for tail in dict.fromkeys((name.rsplit(" ", 1)[1], head[1])):  # "South and South East Asia": South Asia
            labels = gaz.lookup(f"{before.group(1)} {tail}")
            if len({lab.iri for lab in labels}) == 1 and labels[0].type in PLACES and labels[0].iri != m.iri:
                out.append(Match(before.start(1), before.end(1), labels[0].iri, labels[0].type, "alias"))
                break
    return sorted(out, key=lambda m: (m.start, -m.end))
