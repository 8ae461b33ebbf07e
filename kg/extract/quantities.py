"""Numeric facts: a value with its unit or counted thing (567 吨可卡因, 3,700 practitioners, US$ 354 million).

Arabic numerals with thousands separators and decimals, numbers in words, the scale words 万/亿/million,
fractions and ranges are read; years, dates, symbols, reference numbers, durations and counts of members
named elsewhere are not (tests/data/annotations/CONVENTIONS.md section 5).  One reader per language:
:mod:`kg.extract.quantities_zh` (simplified and traditional characters; its words and counted nouns:
:mod:`kg.extract.quantities_zh_words`, its fractions:
:mod:`kg.extract.quantities_zh_fractions`), :mod:`kg.extract.quantities_en` (its compiled words:
:mod:`kg.extract.quantities_en_words`; counts read with the counts around them:
:mod:`kg.extract.quantities_en_counts`); their words are in ontology/quantities.toml.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.amounts import Amount, format_decimal, quantity_tables
from kg.extract.nlp import Normalized, literal
from kg.extract.quantities_en import find_en
from kg.extract.quantities_zh import find_zh, parse_chinese_number

__all__ = ["Amount", "find_en", "find_quantities", "find_zh", "format_decimal", "parse_chinese_number", "written"]


def find_quantities(text: str, lang: str) -> list[Amount]:
    """Quantities in one paragraph of normalised text, each with where its counted thing is written."""
    found = find_zh(text) if lang == "zh" else find_en(text)
    return [replace(a, unit_span=_where(a.unit, a, text), of_span=_where(a.of, a, text)) for a in found]


def _where(label: str, amount: Amount, text: str) -> tuple[int, int] | None:
    """The occurrence of *label* in *text* nearest the amount; None for a normalised unit (tonne, USD, percent)."""
    if not label or label in quantity_tables()["normalised_units"] or label.isascii() and label.isupper():
        return None
    hits = [m.start() for m in literal(label).finditer(text)]
    if not hits:
        return None
    at = min(hits, key=lambda h: (abs(h - amount.end) if h >= amount.start else amount.start - h, h))
    return at, at + len(label)


def written(amount: Amount, norm: Normalized, original: str) -> tuple[str, str]:
    """The counted thing and what a measure is of, as the original text writes them (區域 where the normalised text
    reads 区域): the text at their spans, else the labels as read."""
    unit = original[slice(*norm.span(*amount.unit_span))] if amount.unit_span else amount.unit
    of = original[slice(*norm.span(*amount.of_span))] if amount.of_span else amount.of
    return unit, of
