"""The English words of quantities (ontology/quantities.toml) compiled once: number words and their values, the
patterns of a number, a fraction, a date, a range or list, a count written after "the number of", and the word
lists that end a counted noun.  Read by :mod:`kg.extract.quantities_en`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from kg.extract.amounts import NUMBER, quantity_tables, scale_words
from kg.extract.nlp import alternation

NOUNS_ING = {"training", "meeting", "meetings", "trainings", "hearing", "hearings", "building", "buildings",
             "proceeding", "proceedings", "offering", "briefing", "briefings", "screening", "screenings", "seizing"}
STOP = {"of", "in", "from", "for", "to", "and", "with", "on", "at", "by", "the", "a", "an", "were", "was",
        "have", "has", "had", "are", "is", "who", "that", "which", "per", "across", "through", "during",
        "will", "would", "can", "could", "as", "or", "into", "under", "over", "since", "between", "among", "within"}
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
FOOTNOTE_BEFORE = re.compile(r"[A-Za-z)\]][,;:)\]”’\"']?$")  # a mark right after a word or a closing bracket
RANGE_END = re.compile(r"(?<![\w/.,–-])\d[\d,.]*[-–]$")  # "10–" before the second number of a range
SYMBOL_BEFORE = re.compile(r"(?:/|(?<!\d)\.|[A-Za-z]-?)\d[\d,.]*[-–]$")  # "E/CN.7/2021-", "COVID-" (not a range)
ROMAN = re.compile(r"[IVXLC]+|[A-Z]")  # "1 B", "4 II": a list label or a numbered part, not a noun


@dataclass(frozen=True)
class EnglishTables:
    """The English tables of quantities.toml, compiled once."""

    cfg: dict
    currencies: list
    words: dict  # number word -> value
    pattern: re.Pattern
    fractions: re.Pattern
    date_after: re.Pattern
    date_before: re.Pattern
    references: list
    periods: set
    verbs: frozenset
    count_of: re.Pattern
    label_exceptions: frozenset
    plurals: frozenset  # plural nouns without -s (people, women)
    noun_end: frozenset  # words that end a counted noun (respectively, worth)
    list_after_label: re.Pattern  # what stands between two reference numbers of one list ("5, 6 and 7")
    joiner: re.Pattern  # what stands between two numbers of a range or a list that share a unit
    scaled: re.Pattern  # a number with its scale word ("2 million")
    ordinal_before: re.Pattern  # "the first two phases": an ordinal range, not a count
    fraction_of_those: re.Pattern  # "of which half", "of whom a third": a fraction of the things counted before
    fraction_dens: frozenset  # the words of fractions (thirds, quarter)


def _word_patterns(cfg: dict) -> tuple[dict, str, str]:
    """Number words and their values, the pattern of a number in words ("twenty-five", "two hundred and ten")
    and the pattern of a small number (a numerator)."""
    units, teens, tens = (dict(cfg[k]) for k in ("number_units_en", "number_teens_en", "number_tens_en"))
    words = {**units, **teens, **tens, "hundred": 100, "thousand": 1000}
    u, t, x = ("|".join(sorted(d, key=len, reverse=True)) for d in (units, teens, tens))
    small = rf"(?:(?:{x})(?:[-\s](?:{u}))?|{t}|{u})"
    hundreds = rf"(?:(?:{u})\s+hundred(?:\s+(?:and\s+)?{small})?|hundred|{small})"
    number = rf"(?<![\w-])(?:{hundreds}(?:\s+thousand(?:\s+(?:and\s+)?{hundreds})?)?)(?![\w-])"
    return words, number, rf"(?:{u}|{t}|{x})"


@cache
def english_tables() -> EnglishTables:
    cfg = quantity_tables()
    currencies = sorted(map(tuple, cfg["currency_prefixes"]), key=lambda x: -len(x[0]))
    cur_re = "|".join(re.escape(c) for c, _ in currencies)
    scale_re = "|".join(w for w in scale_words() if w.isascii())
    words, words_re, small = _word_patterns(cfg)
    half = rf"(?<![\w-])half an?(?=\s+(?:{scale_re})\b)"  # "half a million people"
    comma = rf"\d{{1,3}},\d{{1,2}}(?=\s*(?:{scale_re})\b)"  # a decimal comma before a scale word: "7,5 million USD"
    pattern = re.compile(rf"(?P<cur>{cur_re})?\s?(?P<num>{comma}|{NUMBER}|{half}|{words_re})\+?(?:\s*(?P<scale>{scale_re})\b)?",
                         flags=re.IGNORECASE)
    dens = "|".join(sorted(dict(cfg["fraction_words_en"]), key=len, reverse=True))
    determiners = r"(?:\s+(?:the|all|its|their|these|those))?"
    fractions = re.compile(
        rf"(?<![\w-])(?:(?P<num>a|an|{small}|\d+)[\s-]+(?P<den>{dens})|(?P<half>half))\s+of{determiners}(?=\s)"
        rf"|(?<![\w),;\]-])(?P<a>{small}|\d+)\s+(?:in|out of)\s+(?:every\s+)?(?P<b>{small}|\d+)(?=\s+[a-z])", flags=re.IGNORECASE)
    months = "|".join(map(re.escape, cfg["months_en"]))
    date_after = re.compile(rf"\s*(?:(?:to|and|-|–|—)\s*\d{{1,2}}\s*)?(?:{months})(?![a-z])")
    date_before = re.compile(rf"(?:{months})\s*$")
    references = sorted({w.lower() for w in cfg["reference_words_en"]}, key=len, reverse=True)
    return EnglishTables(cfg, currencies, words, pattern, fractions, date_after, date_before, references, set(cfg["period_nouns_en"]),
                    frozenset(cfg["verbs_en"]), _count_of(cfg), frozenset(cfg["label_exceptions_en"]),
                    frozenset(cfg["irregular_plurals_en"]), frozenset(cfg["noun_end_en"]), _list_after_label(cfg), _joiner(),
                    re.compile(rf"(?:{NUMBER})\s*({scale_re})\b", flags=re.IGNORECASE),
                    re.compile(rf"(?<![\w-])(?:{alternation(cfg['ordinal_before_en'])})\s+$", flags=re.IGNORECASE),
                    re.compile(rf"\bof\s+(?:which|whom|them)\s+(?P<frac>(?P<num>a|an|{small}|\d+)[\s-]+(?P<den>{dens})|(?P<half>half))\b",
                               flags=re.IGNORECASE),
                    frozenset(w.lower() for w, _ in cfg["fraction_words_en"]))


def _list_after_label(cfg: dict) -> re.Pattern:
    """Joiners of a list of reference numbers, with a part or year between ("resolutions 2178 (2014) and 2396")."""
    words = alternation(cfg["list_joiners_en"])
    return re.compile(rf"(?:\s*(?:\([^()]{{1,12}}\)|(?:{words})(?![\w])))+\s*")


def _joiner() -> re.Pattern:
    """A range ("20 and 30", "2 or 3", "10-15"), a list ("178, 150 and 120") or a part ("3 of the 5")."""
    later = rf"(?={NUMBER}(?:\s*,\s*|\s+(?:and|or)\s+){NUMBER})"
    return re.compile(rf"\s*(?:and|or|to|-|–)\s*(?={NUMBER})|\s*,\s*{later}|\s+(?:of|out of)\s+(?:the|its|their|these|those)\s+(?={NUMBER}\s)")


def _count_of(cfg: dict) -> re.Pattern:
    """ "the number of X [in 2022] was|reached [about] ": the counted noun written before a bare number."""
    verbs = "|".join(sorted(map(re.escape, cfg["count_of_en"]), key=len, reverse=True))
    # "increased from 147 in 2008 to 190 in 2022": both numbers count the noun
    change = "|".join(map(re.escape, cfg["count_change_en"]))
    scales = "|".join(w for w in scale_words() if w.isascii())
    changed = rf"(?:{change})\s+from(?:\s+[\d,.]+(?:\s+(?:{scales}))?(?:\s+in\s+\d{{4}})?,?\s+to)?"
    approx = r"(?:about|some|over|more than|almost|nearly|approximately|around|just over|just under)"
    return re.compile(rf"\bnumber of\s+(?P<noun>(?:[A-Za-z][\w-]*\s+){{0,2}}[A-Za-z][\w-]*?)"
                      rf"(?:\s+(?:in|by|at|of|for|from|to|under)\s+[^,.;]{{0,90}}?)?\s+(?:{verbs}|{changed})\s+(?:{approx}\s+)?$")


def words_value(raw: str, words: dict) -> Decimal | None:
    """Value of a number in words ("two hundred and fifty", "twenty-one"); None for "one" alone ("one of")."""
    tokens = [w for w in re.split(r"[\s-]+", raw.lower()) if w != "and"]
    if tokens[0] == "half":
        return Decimal("0.5")
    if tokens == ["one"]:
        return None
    total, current = 0, 0
    for word in tokens:
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total, current = total + (current or 1) * 1000, 0
        else:
            current += words[word]
    return Decimal(total + current)
