"""Numeric facts: a value with its unit or counted thing (567 吨可卡因, 3,700 practitioners, US$ 354 million).

Arabic numerals with thousands separators and decimals, numbers in words, the scale words 万/亿/million,
fractions and ranges are read; years, dates, symbols, reference numbers, durations and counts of members
named elsewhere are not (tests/data/annotations/CONVENTIONS.md section 5).  One reader per language:
:mod:`kg.extract.quantities_zh` (simplified and traditional characters; its words and counted nouns:
:mod:`kg.extract.quantities_zh_words`), :mod:`kg.extract.quantities_en` (its compiled words:
:mod:`kg.extract.quantities_en_words`; counts read with the counts around them:
:mod:`kg.extract.quantities_en_counts`); their words are in ontology/quantities.toml.
"""

from __future__ import annotations

from kg.extract.amounts import Amount, format_decimal
from kg.extract.quantities_en import find_en
from kg.extract.quantities_zh import find_zh, parse_chinese_number

__all__ = ["Amount", "find_en", "find_quantities", "find_zh", "format_decimal", "parse_chinese_number"]


def find_quantities(text: str, lang: str) -> list[Amount]:
    """Quantities in one paragraph of normalised text."""
    return find_zh(text) if lang == "zh" else find_en(text)
