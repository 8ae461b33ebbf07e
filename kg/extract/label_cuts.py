"""Partial forms of reference labels, in any language: a label with one run of its words left out.

Texts write a known name without part of its words: English keeps a label's opening ("the United Nations Voluntary
Trust Fund for Victims of Trafficking" for the fund "… in Persons, Especially Women and Children"), Chinese its tail
(全球行动计划 for 联合国打击贩运人口的全球行动计划).  One helper serves every language: the caller gives the label cut
into words (English: the words of its variant form; Chinese: dictionary words), and the language's settings
(rules.toml [mint.label_cuts.<lang>]) say which part is kept and how its words are joined; a cut's own conditions
(the words a cut falls before, the least words or characters kept, kept parts that are never a form, openers kept
before a tail) are the caller's language data.  Each form comes with the words left out, for the caller to look for
in the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kg.core.resources import rules


@dataclass(frozen=True)
class Cut:
    """Where a label may be cut and what is kept: the cut falls right before one of *before* (anywhere when empty),
    the kept part has at least *least_words* words and *least_chars* characters, is none of *skip*, and its first
    word at least *first_word_chars* characters; *openers* the label opens with may be kept before a tail."""

    before: frozenset = frozenset()
    least_words: int = 1
    least_chars: int = 0
    first_word_chars: int = 0
    skip: frozenset = frozenset()
    openers: tuple = ()


@dataclass(frozen=True)
class Form:
    """One partial form of a label: the form, what it stands for, the opener kept and the words left out."""

    form: str
    hit: object
    opener: str
    left_out: str


def reference_labels(lang: str, families: Iterable[str] | None, keep: Callable[[str], bool]) -> list[tuple[str, tuple]]:
    """(label, (IRI, class)) for every label and alias in *lang* of the reference entities of *families* (every
    family when None) that *keep* accepts, in the reference data's order: the labels a language's short forms are
    cut from."""
    from kg.core.reference import load_entities
    from kg.core.vocabulary import family

    wanted = None if families is None else set(families)
    return [(label, (e.iri, e.type)) for e in load_entities() if wanted is None or family(e.type) in wanted
            for label_lang, label in list(e.labels.items()) + list(e.aliases) if label_lang == lang and keep(label)]


def settings(lang: str) -> dict:
    """Which part of a label a language keeps ("opening" or "tail") and the string that joins its words."""
    return rules()["mint"]["label_cuts"][lang]


def cut_forms(lang: str, labels: Iterable[tuple[tuple, object]], cut: Cut,
              boundary: Callable[[tuple, int], bool] | None = None) -> Iterator[Form]:
    """Every partial form of *labels* ((words of a label, what it stands for), …) that *cut* allows; *boundary*
    (words, k) may refuse a cut before words[k] (a dictionary word of the label runs across it)."""
    cfg = settings(lang)
    keep, join = cfg["keep"], cfg["joiner"]
    for words, hit in labels:
        label = join.join(words)
        for k in range(1, len(words)):
            kept, left = (words[:k], words[k:]) if keep == "opening" else (words[k:], words[:k])
            form, left_out = join.join(kept), join.join(left)
            if cut.before and words[k] not in cut.before or len(kept) < cut.least_words:
                continue
            if len(form) < cut.least_chars or form in cut.skip or len(kept[0]) < cut.first_word_chars:
                continue
            if boundary is not None and not boundary(words, k):
                continue
            yield Form(form, hit, "", left_out)
            if keep == "tail":
                for opener in cut.openers:
                    if label.startswith(opener) and len(opener) < len(left_out):
                        yield Form(opener + join + form if join else opener + form, hit, opener, left_out[len(opener):].lstrip())
