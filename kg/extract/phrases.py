"""Every gazetteer key found in one pass over a text: an Aho-Corasick automaton over lower-cased tokens.

It finds what spaCy's PhraseMatcher (attr LOWER) found over a Doc, in the same order, without a Doc: a key
matches where its tokens, lower-cased, equal a run of the text's tokens, lower-cased (white space between
tokens does not count).  Chinese tokens are characters, so the automaton runs over the text with the spaces
that belong to a character left out; English tokens (kg.extract.tokens.EnglishTokenizer) are joined by one
space, and a hit counts only where it starts and ends on token edges.  pyahocorasick does the scan in C:
one pass over the text for all keys (tests/test_tokens.py compares the hits with the PhraseMatcher's).
"""

from __future__ import annotations

import re

import ahocorasick

from kg.extract.tokens import IRREGULAR_SPACE_RE, zh_spans

HOLE = "\x00"  # a white-space token: matches no key
SPACE_RE = re.compile(" ")


def lower_each(text: str) -> str:
    """Lower-case every character on its own (spaCy's LOWER of one-character tokens); a character whose lower
    case is two characters (İ) is kept, as no lower-cased key contains it."""
    if "İ" not in text and "Σ" not in text:  # str.lower differs from per-character lowering only for these
        return text.lower()
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def zh_compact(text: str) -> tuple[str, list[int] | None]:
    """The text without the spaces that trail a character (not tokens in spaCy's character segmenter) and, when
    some were left out, the offset in *text* of each remaining character."""
    if " " not in text:
        return text, None
    if IRREGULAR_SPACE_RE.search(text):
        index = [i for start, end in zh_spans(text) for i in range(start, end)]
        return "".join(text[i] for i in index), index
    index, pos = [], 0  # every space trails a character: all of them go
    for m in SPACE_RE.finditer(text):
        index.extend(range(pos, m.start()))
        pos = m.end()
    index.extend(range(pos, len(text)))
    return text.replace(" ", ""), index


class Phrases:
    """An automaton of gazetteer keys for one language (picklable: it is kept in the gazetteer cache)."""

    def __init__(self, lang: str, keys: list[str], tokenize, order=None):
        """*keys* in their PhraseMatcher insertion order; *tokenize* gives a key's token spans (English);
        *order* (keys sharing one token sequence -> the order the PhraseMatcher reports them in)."""
        self.lang = lang
        groups: dict[str, list[str]] = {}
        sizes: dict[str, int] = {}
        for key in keys:
            if lang == "zh":
                pattern = lower_each(zh_compact(key)[0])
                sizes[pattern] = len(pattern)
            else:
                tokens = [key[s:e].lower() for s, e in tokenize(key)]
                if any(not t or t.isspace() or " " in t or HOLE in t for t in tokens):
                    raise ValueError(f"gazetteer key {key!r} has a white-space token")
                pattern = " ".join(tokens)
                sizes[pattern] = len(tokens)
            if pattern:
                groups.setdefault(pattern, []).append(key)
        self.automaton = ahocorasick.Automaton()
        for pattern, group in groups.items():
            if len(group) > 1 and order is not None:
                group = order(group)
            self.automaton.add_word(pattern, (len(pattern), sizes[pattern], tuple(group)))
        self.automaton.make_automaton()
        self.shared = {p: g for p, g in groups.items() if len(g) > 1}

    def find(self, text: str, spans=None) -> list[tuple[int, int, str]]:
        """(start, end, key) of every key in *text* (English: given its token *spans*), in PhraseMatcher order:
        by start, then end, then the order of keys sharing a token sequence."""
        hits = self._find_zh(text) if self.lang == "zh" else self._find_en(text, spans)
        hits.sort(key=lambda h: (h[0], h[1]))
        return [(s, e, key) for s, e, keys in hits for key in keys]

    def _find_zh(self, text: str) -> list:
        compact, index = zh_compact(text)
        hits = []
        for end, (size, _, keys) in self.automaton.iter(lower_each(compact)):
            start = end - size + 1
            if index is None:
                hits.append((start, end + 1, keys))
            else:
                hits.append((index[start], index[end] + 1, keys))
        return hits

    def _find_en(self, text: str, spans) -> list:
        if not spans:
            return []
        words, starts, ends = [], {}, []
        pos = 0
        spaced = IRREGULAR_SPACE_RE.search(text) is not None  # else no token holds white space
        for i, (s, e) in enumerate(spans):
            word = text[s:e].lower()
            if spaced and (not word or any(ch.isspace() for ch in word)):
                word = HOLE * max(1, len(word))
            words.append(word)
            starts[pos] = i
            pos += len(word)
            ends.append(pos)
            pos += 1
        hits = []
        for end, (size, count, keys) in self.automaton.iter(" ".join(words)):
            first = starts.get(end - size + 1)
            if first is None or ends[first + count - 1] != end + 1:
                continue
            hits.append((spans[first][0], spans[first + count - 1][1], keys))
        return hits
