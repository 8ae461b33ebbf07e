"""Offset-keeping text normalisation, the parsed text the extractor reads, and spaCy's blank pipelines.

Text is cut the way spaCy's blank pipelines cut it (kg.extract.tokens computes the same tokens and
sentences on plain strings; the pipelines themselves are loaded only by tests and tools that ask for them).
Chinese uses spaCy's character segmenter: every name is found, including names inside
longer words (瑞典 in 瑞典政府), which a word segmenter such as jieba would hide; false
hits across word boundaries are guarded in :mod:`kg.extract.link`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.extract.tokens import SENTENCE_END, Sentence


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs and CJK punctuation/full-width forms."""
    code = ord(ch)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or 0x3000 <= code <= 0x303F


TITLE_MARKS = "《》〈〉"


@dataclass(frozen=True)
class Parsed:
    """A normalised text with its token spans (English; None for Chinese, whose tokens are its characters) and
    its sentences: what the extractor read of a spaCy Doc."""

    text: str
    spans: list | None
    sents: list[Sentence]


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, for each of its characters, the offset in the original."""

    text: str
    index: tuple

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        return self.index[start], self.index[end - 1] + 1

    def to_normalized(self, offset: int) -> int:
        """Position in the normalised text of the first character at or after original *offset*."""
        return bisect.bisect_left(self.index, offset)


@cache
def _traditional() -> dict[str, str]:
    """Traditional Chinese characters -> simplified (ontology/zh-traditional.toml, from OpenCC's t2s table)."""
    import tomllib

    from kg.core.resources import ontology_dir

    with (ontology_dir() / "zh-traditional.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return dict(zip(table["traditional"], table["simplified"]))


CORNER_QUOTES = ("「『", "」』")  # opening and closing corner brackets, read as “ and ”


def _fold(ch: str) -> str:
    """NFKC-fold one character when it stays one character (full-width → ASCII); read a traditional Chinese
    character as its simplified form (聯合國 is 联合国), one character for one, so offsets stay; corner brackets
    (「」『』, the quotation marks of traditional-character texts) read as the quotation marks “”."""
    if ch in CORNER_QUOTES[0]:
        return "“"
    if ch in CORNER_QUOTES[1]:
        return "”"
    if ch in "《》〈〉【】、。":
        return ch
    if ch in "‘’":
        return "'"
    folded = unicodedata.normalize("NFKC", ch)
    folded = folded if len(folded) == 1 else ch
    return _traditional().get(folded, folded)


def fold_char(ch: str) -> str:
    """One character as normalisation reads it (full-width, traditional and corner-quote folding)."""
    return _fold(ch)


SPECIAL_RE = re.compile(r"\s+|[《》〈〉]")  # what normalisation drops or rewrites (\s is str.isspace)
_FOLD_TABLE: dict[int, str] = {}  # code point -> folded character, for characters _fold changes
_SEEN: set[str] = set()  # characters already looked at


def _fold_table(text: str) -> dict[int, str]:
    new = set(text) - _SEEN
    for ch in new:
        folded = _fold(ch)
        if folded != ch:
            _FOLD_TABLE[ord(ch)] = folded
    _SEEN.update(new)
    return _FOLD_TABLE


def normalize(text: str, base: int = 0) -> Normalized:
    """Fold full-width forms, drop title marks 《》 and whitespace next to CJK text; keep an offset map."""
    table = _fold_table(text)
    out: list[str] = []
    index: list[int] = []
    last, pos, n = "", 0, len(text)
    for m in SPECIAL_RE.finditer(text):
        a, b = m.span()
        if a > pos:
            piece = text[pos:a].translate(table)
            out.append(piece)
            index.extend(range(base + pos, base + a))
            last = piece[-1]
        if text[a] not in TITLE_MARKS:
            after = text[b] if b < n else ""
            if last and after and not is_cjk(last) and not is_cjk(after):
                out.append(" ")
                index.append(base + a)
                last = " "
        pos = b
    if pos < n:
        out.append(text[pos:].translate(table))
        index.extend(range(base + pos, base + n))
    return Normalized("".join(out), tuple(index))


@lru_cache(maxsize=1 << 16)
def normalize_label(label: str) -> str:
    """Normalise a reference label the way document text is normalised (the same labels recur in every paragraph:
    each is normalised once; the folding of a character never changes)."""
    return normalize(label.strip()).text


def any_word(text: str, words: list[str], lang: str, tail: str = "", flags: int = 0) -> bool:
    """Whether one of *words* (word_pattern, then *tail*) is in *text*: one search of their alternation."""
    pattern = _alternation(tuple(words), lang, tail, flags)
    return pattern is not None and pattern.search(text) is not None


@cache
def _alternation(words: tuple[str, ...], lang: str, tail: str, flags: int) -> re.Pattern | None:
    """Whether one of *words* is there, as one pattern: the words as a trie (one branch per first character, and so
    on), so each position of the text tries the few words that go on from it instead of every word.  It matches
    where the alternation of `(?:word_pattern(w, lang)tail)` matches (backtracking tries every word of the trie
    that is there before the guards and *tail*), which is all a search for whether one is there needs."""
    if not words:
        return None
    if "|" in tail:  # a tail of alternatives binds to the last word alone
        return re.compile("|".join(f"(?:{word_pattern(w, lang)}{tail})" for w in words), flags)
    before, after = ("(?<![\\w-])", "(?![\\w-])") if lang == "en" else ("", "")
    return re.compile(f"{before}{_trie(words)}{after}(?:{tail})", flags)


def trie_pattern(words) -> str:
    """*words* as one regular expression of nested alternations of their escaped characters (one branch per first
    character, and so on): it matches where the alternation of the words does, trying at a position only the words
    that go on from it."""
    return _trie(words)


def _trie(words) -> str:
    """The words as one regular expression of nested alternations of their escaped characters."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append("")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(root)


@cache
def literal(phrase: str, flags: int = 0) -> re.Pattern:
    """*phrase* as a compiled pattern that matches it as it is (made once: the same phrases are looked for in
    every paragraph)."""
    return re.compile(re.escape(phrase), flags)


def cue_hits(cue: str, text: str):
    """`literal(cue, re.IGNORECASE).finditer(text)`, without the scan when *cue* cannot be in *text*: a cue of
    CJK characters (which have no case) that is not a substring, or an ASCII cue whose lower case is not in an
    ASCII text's (there, matching without case is comparing lower cases)."""
    entry = _CUES.get(cue)
    if entry is None:
        entry = _CUES[cue] = (_cue_kind(cue), cue.lower(), literal(cue, re.IGNORECASE))
    kind, lower, pattern = entry
    if kind == "caseless":
        if cue not in text:
            return iter(())
    elif kind == "ascii" and _ascii_lacks(text, lower):
        return iter(())
    return pattern.finditer(text)


def present_cues(cues: tuple[str, ...], text: str) -> list[str]:
    """The cues of *cues*, in their order, that `cue_hits` would scan *text* for: `[c for c in cues if
    any(cue_hits(c, text))]` holds the same hits in the same order, without a call per cue that is not there (a
    sentence is tried for dozens of membership cues)."""
    rows = _cue_rows(cues)
    if text.isascii():
        lower = text.lower()
        return [cue for cue, kind, low in rows if (cue in text if kind == "caseless" else low in lower if kind == "ascii" else True)]
    return [cue for cue, kind, _ in rows if kind != "caseless" or cue in text]


@cache
def _cue_rows(cues: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple((cue, _cue_kind(cue), cue.lower()) for cue in cues)


def _ascii_lacks(text: str, lower: str) -> bool:
    """Whether *text* is ASCII and its lower case does not hold *lower* (one sentence is searched for many cues in a
    row: its lower case is made once)."""
    global _LAST_TEXT
    last = _LAST_TEXT
    if last[0] is not text:
        plain = text.isascii()
        last = _LAST_TEXT = (text, plain, text.lower() if plain else "")
    return last[1] and lower not in last[2]


def word_hits(word: str, lang: str, text: str, flags: int = 0):
    """`re.finditer(word_pattern(word, lang), text, flags)` (flags 0 or re.IGNORECASE), the pattern compiled once,
    without the scan when *word* cannot be in *text*: not a substring of it (with re.IGNORECASE, as in cue_hits)."""
    key = (word, lang, flags)
    entry = _WORDS.get(key)
    if entry is None:
        entry = _WORDS[key] = (_cue_kind(word), word.lower(), re.compile(word_pattern(word, lang), flags))
    kind, lower, pattern = entry
    if not flags or kind == "caseless":
        if word not in text:
            return iter(())
    elif kind == "ascii" and flags == re.IGNORECASE and _ascii_lacks(text, lower):
        return iter(())
    return pattern.finditer(text)


_WORDS: dict[tuple, tuple] = {}  # (word, lang, flags) -> (kind, lower case, compiled word_pattern)


_CUES: dict[str, tuple] = {}  # cue -> (kind, lower case, pattern)
_LAST_TEXT: tuple = (None, False, "")  # the text cue_hits saw last, whether it is ASCII, its lower case


@cache
def _cue_kind(cue: str) -> str:
    if cue and all("\u3000" <= ch <= "\u9fff" for ch in cue):
        return "caseless"
    return "ascii" if cue.isascii() else "other"


def ending_word(text: str, i: int, words: list[str]) -> str | None:
    """The first of *words* that ends at *i* (`next(w for w in words if text.endswith(w, 0, i))`), by looking up the
    few characters before *i* instead of trying every word."""
    global _LAST_ENDINGS
    last = _LAST_ENDINGS
    if last[0] is words:  # the same tuple as the call before (a name is walked left one character a call)
        index, lengths = last[1]
    else:
        index, lengths = table = _ending_table(tuple(words))
        if type(words) is tuple:  # immutable, and kept alive here: its identity stands for its words
            _LAST_ENDINGS = (words, table)
    found = [w for n in lengths if n <= i for w in (text[i - n:i],) if w in index]
    return min(found, key=index.__getitem__) if found else None


_LAST_ENDINGS: tuple = (None, None)  # the word tuple ending_word saw last and its table


@cache
def by_length(words: tuple[str, ...]) -> tuple[str, ...]:
    """*words* longest first (a stable sort: words of one length keep their order), made once per word list."""
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _ending_table(words: tuple[str, ...]) -> tuple[dict[str, int], tuple[int, ...]]:
    index: dict[str, int] = {}
    for k, w in enumerate(words):
        index.setdefault(w, k)
    return index, tuple(sorted({len(w) for w in words}, reverse=True))


def alternation(words) -> str:
    """Cue words as one regular-expression alternation, the longest first (so "in partnership with" wins over "with");
    "" when there are none."""
    return _escaped_alternation(tuple(words))


@cache
def _escaped_alternation(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def blank_pipeline(lang: str):
    """A blank spaCy pipeline for *lang* ("zh" with character segmentation, or "en") with a sentencizer."""
    import spacy

    if lang == "zh":
        nlp = spacy.blank("zh")  # default segmenter: "char"
    else:
        nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_END["zh" if lang == "zh" else "en"]})
    return nlp


@cache
def word_pattern(word: str, lang: str) -> str:
    """A cue word as a regular expression: a whole word in English (not inside a longer or hyphenated word), a
    plain substring in Chinese (no spaces between words).  Made once per word (cue words are looked for in
    every sentence)."""
    return rf"(?<![\w-]){re.escape(word)}(?![\w-])" if lang == "en" else re.escape(word)
