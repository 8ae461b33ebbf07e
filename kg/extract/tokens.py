"""Token boundaries and sentences of spaCy's blank pipelines, computed on character offsets without spaCy.

The extractor matches names on tokens and cuts sentences the way spaCy's blank "zh" (character segmenter) and
"en" pipelines with a sentencizer do.  Building spaCy Docs cost more than everything else the linker does, and
importing spaCy most of the pipeline's load, so the same rules run here on plain strings:

- Chinese: every character is a token; a single space after a character belongs to that character
  (spaCy's get_words_and_spaces), any other run of white space is a token of its own.
- English: spaCy's rule-based tokenizer (split on white space, then prefixes, suffixes, infixes, special
  cases, URLs, then the special-case pass over the tokens), ported from spacy/tokenizer.pyx.  Its rules
  (affix expressions and special cases) are read from spaCy once and kept in the gazetteer cache
  (:mod:`kg.extract.compiled`), keyed by spaCy's version.
- Sentences: spaCy's Sentencizer (a sentence starts at the first non-punctuation token after an end mark).

tests/test_tokens.py compares every boundary and sentence with spaCy's on the sample and synthetic corpora.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SENTENCE_END = {
    "zh": ["。", "！", "？", "；", "!", "?", ";"],
    "en": [".", "!", "?", ";"],
}
RUN_RE = re.compile(r"\s+|\S+")  # \s is str.isspace
CHUNK_CACHE = 50_000  # whitespace-separated chunks whose English tokens are remembered (spaCy keeps 10,000)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: its character span and its text (what the extractor reads of a spaCy Span)."""

    start_char: int
    end_char: int
    text: str


def zh_spans(text: str) -> list[tuple[int, int]]:
    """Token spans of spaCy's Chinese character segmenter: each character, and runs of white space (minus a single
    space right after a character, which is that character's trailing space)."""
    spans = []
    i, n = 0, len(text)
    while i < n:
        if not text[i].isspace():
            spans.append((i, i + 1))
            i += 1
            if i < n and text[i] == " ":
                i += 1
            continue
        j = i
        while j < n and text[j].isspace():
            j += 1
        spans.append((i, j))
        i = j
    return spans


def is_punct(token: str) -> bool:
    """spaCy's IS_PUNCT: every character is Unicode punctuation (category P*)."""
    return all(unicodedata.category(ch).startswith("P") for ch in token)


def sentences(text: str, spans: list[tuple[int, int]], lang: str) -> list[Sentence]:
    """The sentences spaCy's Sentencizer finds (punct_chars of SENTENCE_END) over tokens *spans* of *text*."""
    ends = set(SENTENCE_END["zh" if lang == "zh" else "en"])
    starts = [0] if spans else []
    seen_period = False
    for i, (s, e) in enumerate(spans):
        token = text[s:e]
        in_ends = token in ends
        if seen_period and not in_ends and not is_punct(token):
            starts.append(i)
            seen_period = False
        elif in_ends:
            seen_period = True
    out = []
    for first, after in zip(starts, starts[1:] + [len(spans)]):
        s, e = spans[first][0], spans[after - 1][1]
        out.append(Sentence(s, e, text[s:e]))
    return out


ZH_END_RE = re.compile(r"[。！？；!?;]")
IRREGULAR_SPACE_RE = re.compile(r"^\s|\s\s|[^\S ]")  # white space that is a token of its own


def zh_sentences(text: str) -> list[Sentence]:
    """Sentences of a Chinese text: the general rule over character tokens, read only at the end marks when every
    space is the trailing space of a character (always so in normalised text)."""
    if IRREGULAR_SPACE_RE.search(text):
        return sentences(text, zh_spans(text), "zh")
    n = len(text)
    if not n:
        return []
    starts = [0]
    for m in ZH_END_RE.finditer(text):
        j = m.end()
        while j < n and (text[j] == " " or is_punct(text[j])):
            j += 1
        if j < n and j > starts[-1]:
            starts.append(j)
    out = []
    for a, b in zip(starts, starts[1:] + [n]):
        e = b - 1 if text[b - 1] == " " else b
        out.append(Sentence(a, e, text[a:e]))
    return out


@dataclass
class EnglishTokenizer:
    """spaCy's English tokenizer rules, applied in pure Python (spacy/tokenizer.pyx, same order of tests)."""

    prefix: tuple  # (pattern, flags) of the prefix expression (anchored at the start)
    suffix: tuple
    infix: tuple
    url: tuple | None
    token: tuple | None
    specials: dict  # special-case string -> its token strings
    special_patterns: dict  # first token -> set of token tuples of the special cases the token pass looks for
    _compiled: tuple | None = field(default=None, repr=False, compare=False)
    _chunks: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_spacy(cls, nlp) -> "EnglishTokenizer":
        """Read the rules of a spaCy tokenizer (affix expressions, URL and token matches, special cases)."""
        tok = nlp.tokenizer

        def pattern(fn):
            return None if fn is None else (fn.__self__.pattern, fn.__self__.flags)

        specials = {text: tuple(sub[65] if 65 in sub else sub["ORTH"] for sub in subs) for text, subs in tok.rules.items()}
        out = cls(pattern(tok.prefix_search), pattern(tok.suffix_search), pattern(tok.infix_finditer),
                  pattern(tok.url_match), pattern(tok.token_match), specials, {})
        heuristics = tok.faster_heuristics
        for text in sorted(specials):
            if not heuristics or out._prefix_len(text) or out._infixes(text) or out._suffix_len(text) or " " in text:
                tokens = tuple(text[s:e] for s, e in out._affix_spans(text, False))
                if tokens:
                    out.special_patterns.setdefault(tokens[0], set()).add(tokens)
        return out

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k not in ("_compiled", "_chunks")}

    def __setstate__(self, state):
        self.__dict__.update(state, _compiled=None, _chunks={})

    def _rx(self):
        if self._compiled is None:
            def comp(p):
                return None if p is None else re.compile(p[0], p[1])
            self._compiled = tuple(comp(p) for p in (self.prefix, self.suffix, self.infix, self.url, self.token))
        return self._compiled

    def _prefix_len(self, text: str) -> int:
        m = self._rx()[0].search(text)
        return m.end() - m.start() if m is not None else 0

    def _suffix_len(self, text: str) -> int:
        m = self._rx()[1].search(text)
        return m.end() - m.start() if m is not None else 0

    def _infixes(self, text: str) -> list:
        return list(self._rx()[2].finditer(text))

    def _whole(self, text: str) -> bool:
        """token_match or url_match: the string stays one token."""
        _, _, _, url, token = self._rx()
        return bool((token is not None and token.match(text)) or (url is not None and url.match(text)))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Token spans of *text* (spaCy's Tokenizer.__call__)."""
        spans = self._affix_spans(text, True)
        if self.special_patterns:
            spans = self._special_pass(text, spans)
        return spans

    def _affix_spans(self, text: str, specials: bool) -> list[tuple[int, int]]:
        """Runs of non-space and of space characters, each tokenized; a single space after a token is that token's
        trailing space, not a token."""
        out: list[tuple[int, int]] = []
        for m in RUN_RE.finditer(text):
            start, end = m.span()
            if start > 0 and text[start] == " ":
                start += 1
            if start < end:
                out.extend((start + s, start + e) for s, e in self._chunk(text[start:end], specials))
        return out

    def _chunk(self, chunk: str, specials: bool) -> tuple:
        """Token spans of one whitespace-separated chunk (remembered: a chunk's tokens never depend on context)."""
        key = (chunk, specials)
        found = self._chunks.get(key)
        if found is None:
            if specials and chunk in self.specials:
                found = _pieces(self.specials[chunk])
            else:
                found = self._tokenize(chunk, specials)
            if len(self._chunks) < CHUNK_CACHE:
                self._chunks[key] = found
        return found

    def _tokenize(self, string: str, specials: bool) -> tuple:
        prefixes: list[str] = []
        suffixes: list[str] = []
        string = self._split_affixes(string, prefixes, suffixes, specials)
        tokens = list(prefixes)
        if string:
            if specials and string in self.specials:
                tokens.extend(self.specials[string])
            elif self._whole(string):
                tokens.append(string)
            else:
                tokens.extend(self._infix_split(string))
        tokens.extend(reversed(suffixes))
        return _pieces(tokens)

    def _split_affixes(self, string: str, prefixes: list, suffixes: list, specials: bool) -> str:
        last = 0
        special = self.specials if specials else {}
        while string and len(string) != last:
            if self._rx()[4] is not None and self._rx()[4].match(string) or string in special:
                break
            last = len(string)
            pre = self._prefix_len(string)
            if pre and string[pre:] and string[pre:] in special:
                prefixes.append(string[:pre])
                return string[pre:]
            suf = self._suffix_len(string[pre:])
            if suf and string[:-suf] and string[:-suf] in special:
                suffixes.append(string[-suf:])
                return string[:-suf]
            if pre and suf and pre + suf <= len(string):
                prefixes.append(string[:pre])
                suffixes.append(string[-suf:])
                string = string[pre:-suf]
            elif pre:
                prefixes.append(string[:pre])
                string = string[pre:]
            elif suf:
                suffixes.append(string[-suf:])
                string = string[:-suf]
        return string

    def _infix_split(self, string: str) -> list[str]:
        matches = self._infixes(string)
        if not matches:
            return [string]
        out, start = [], 0
        for m in matches:
            a, b = m.start(), m.end()
            if a == 0:
                continue
            if a != start:
                out.append(string[start:a])
            if a != b:
                out.append(string[a:b])
            start = b
        if string[start:]:
            out.append(string[start:])
        return out

    def _special_pass(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """spaCy's second pass: special cases whose tokens the affix rules split (the longest, then leftmost,
        wins) are re-tokenized by their rule when the matched text is itself a special case."""
        words = [text[s:e] for s, e in spans]
        found = []
        for i, word in enumerate(words):
            for pattern in self.special_patterns.get(word, ()):
                if tuple(words[i: i + len(pattern)]) == pattern:
                    found.append((i, i + len(pattern)))
        if not found:
            return spans
        seen: set[int] = set()
        chosen = []
        for a, b in sorted(set(found), key=lambda m: (-(m[1] - m[0]), m[0])):
            if a not in seen and b - 1 not in seen:
                chosen.append((a, b))
            seen.update(range(a, b))
        out, i = [], 0
        for a, b in sorted(chosen):
            out.extend(spans[i:a])
            s, e = spans[a][0], spans[b - 1][1]
            rule = self.specials.get(text[s:e])
            out.extend(spans[a:b] if rule is None else ((s + x, s + y) for x, y in _pieces(rule)))
            i = b
        out.extend(spans[i:])
        return out


def _pieces(tokens) -> tuple:
    """Spans of consecutive token strings from offset 0."""
    out, pos = [], 0
    for t in tokens:
        out.append((pos, pos + len(t)))
        pos += len(t)
    return tuple(out)
