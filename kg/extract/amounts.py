"""What the quantity readers share: the Amount record, the tables of ontology/quantities.toml, ranges, decimals."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache

from kg.core.resources import ontology_dir

# digits with thousands separators (1,200; 200 000 with a space or a narrow space; 3.324.000 with dots, two groups
# at least, as European texts write it), decimals
NUMBER = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d{1,3}(?:\.\d{3}){2,}(?![\d.,])"
          r"|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Amount:
    """A quantity found in normalised text (offsets of that text)."""

    start: int
    end: int
    value: Decimal
    unit: str  # normalised unit (tonne, USD, percent) or the counted thing (实验室, practitioners)
    of: str = ""  # what a measure is of (可卡因, cocaine)
    unit_span: tuple[int, int] | None = None  # where the counted thing is written (offsets of the same text)
    of_span: tuple[int, int] | None = None  # where what a measure is of is written


@cache
def quantity_tables() -> dict:
    """The tables of ontology/quantities.toml (units, measure words, number words, cue words)."""
    with (ontology_dir() / "quantities.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def measure_units() -> tuple:
    """(unit word, normalised unit) pairs, longest word first."""
    return tuple(sorted(map(tuple, quantity_tables()["measure_units"]), key=lambda x: -len(x[0])))


@cache
def scale_words() -> dict:
    """Scale words and their factors (万, 亿, million)."""
    return dict(quantity_tables()["scale_words"])


def digits_value(raw: str) -> Decimal:
    """The value of a number written in digits with its separators: 1,200; 200 000; 3.324.000; 2.5; 7,5 (a decimal
    comma: the English reader takes it only before a scale word)."""
    if raw.count(".") > 1:
        raw = raw.replace(".", "")
    if re.fullmatch(r"\d{1,3},\d{1,2}", raw):
        raw = raw.replace(",", ".")  # a decimal comma before a scale word: "7,5 million USD"
    return Decimal(re.sub(r"[,\s\u00a0\u202f]", "", raw))


def format_decimal(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros."""
    return format(value.normalize(), "f")


def fraction_value(numerator: int, denominator: int) -> Decimal:
    """A fraction as a decimal: exact when it terminates (1/5 = 0.2), else three decimals (1/3 = 0.333)."""
    frac = Fraction(numerator, denominator)
    rest = frac.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest == 1:
        return Decimal(frac.numerator) / Decimal(frac.denominator)
    return (Decimal(frac.numerator) / Decimal(frac.denominator)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def join_ranges(pending: list[tuple], found: list[Amount]) -> list[Amount]:
    """The numbers of a range or list take the unit of the last: 10至15吨, "between 20 and 30 per cent", "178, 150 and
    120 parties" (*pending*: start, end, value and where the next number starts, in text order)."""
    out: list[Amount] = []
    known = list(found)
    for start, end, number, next_start in reversed(pending):
        second = next((f for f in known if f.start == next_start), None)
        if second is not None:
            out.append(Amount(start, end, number, second.unit, second.of))
            known.append(out[-1])
    return out[::-1]
