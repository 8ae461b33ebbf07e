"""English counts read with the counts around them (and a currency written before a bare figure): a fraction or a count whose noun is left out ("36 countries of
which half", "150 have reported"), a bare sum in a list of sums of money, and the names listed after a count.  Read by
:mod:`kg.extract.quantities_en`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg.extract.amounts import Amount, fraction_value, measure_units
from kg.extract.quantities_en_words import EnglishTables

# what follows a count whose noun is left out: "150 have reported" ("two of which are …" re-counts: not a count)
ELIDED_AFTER = re.compile(r"(?:\s+of\s+(?:whom|them))?\s+(?:have|has|had|were|was|are|is|will|did)\b")
# words of comparison before a count whose noun is left out: "93 Member States responded, up from 81 in 2019"
COMPARED_BEFORE = re.compile(r"\b(?:up|down|rising|falling|increasing|decreasing)\s+from\s+$|\bcompared\s+(?:with|to)\s+$"
                             r"|\b(?:another|a\s+further)\s+$")  # "21 million people …, and another 30 million from …"
# a preposition after a count whose noun is left out, the same as after the count before it: "146 to the … Protocol"
PARALLEL_AFTER = re.compile(r"\s+(to|in|for|from)\s+(?:the\s+)?(?:[A-Z]|(?:19|20)\d\d\b)")  # … in 2021 and 980 in 2022
# the things a bare count is a part of, named before it: "Of those States, 183 were parties to …"
OF_THOSE_BEFORE = re.compile(r"(?:^|[.;:]\s+|\b)[Oo]f\s+(?:the|those|these|all(?:\s+the)?)\s+((?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*),\s*$")
# a part of a count broken down in parentheses right after it: "45 officials (24 in Punjab & 21 in KP)", "(17 in each …)"
PART_AFTER = re.compile(r"\s+(?:in|at|from|for|of)\s")


def fractions_of_those(text: str, found: list[Amount], t: EnglishTables) -> list[Amount]:
    """A fraction of the things counted just before: "36 countries, of which half are in Africa" (0.5 countries)."""
    out = []
    dens = dict(t.cfg["fraction_words_en"])
    for m in t.fraction_of_those.finditer(text):
        last = next((f for f in reversed(found) if f.end <= m.start()), None)
        if last is None or re.search(r"[.;!?](?:\s|$)", text[last.end:m.start()]) or last.unit in {n for _, n in measure_units()}:
            continue
        num, den = (1, 2) if m.group("half") else (small(m.group("num"), t), dens[m.group("den").lower()])
        if num and num < den:
            out.append(Amount(m.start("frac"), m.end(), fraction_value(num, den), last.unit))
    return out


def elided(text: str, start: int, end: int, number: Decimal, found: list[Amount], t: EnglishTables) -> Amount | None:
    """A count whose noun is left out takes the noun of the count before it in the sentence ("203 officers have been
    trained, while a total of 450 are due to", "Of the 190 States parties, 150 have reported", "120 prisoners, 18 of
    whom have been convicted")."""
    whole = OF_THOSE_BEFORE.search(text, max(0, start - 60), start)
    if whole and ELIDED_AFTER.match(text, end) and _plural_noun(whole.group(1), t):
        return Amount(start, end, number, whole.group(1))  # "Of those States, 183 were parties"
    last = next((f for f in reversed(found) if f.end <= start), None)
    if last is None or last.unit in {n for _, n in measure_units()}:
        return None
    if COMPARED_BEFORE.search(text, max(0, start - 30), start) and not re.search(r"[.!?;](?:\s|$)", text[last.end:start]):
        return Amount(start, end, number, last.unit)  # "93 Member States responded, up from 81 in 2019"
    parallel = PARALLEL_AFTER.match(text, end)  # "173 States parties to the TIP Protocol, 146 to the SOM Protocol"
    if parallel and not re.search(r"[.!?](?:\s|$)", text[last.end:start]) and re.match(
            rf"\s+{parallel.group(1)}\s", text[last.end:]):
        return Amount(start, end, number, last.unit)
    if _broken_down(text, start, end, found):
        paren = text.rindex("(", 0, start)
        return Amount(start, end, number, next(f for f in reversed(found) if f.end <= paren).unit)
    if not ELIDED_AFTER.match(text, end) or re.search(r"[.;!?](?:\s|$)", text[last.end:start]):
        return None
    return Amount(start, end, number, last.unit)


def unit_before(text: str, start: int, end: int, t: EnglishTables) -> tuple[int, str, str] | None:
    """A currency written in parentheses before a bare figure, as tables and project sheets write it: "Budget Amount
    (USD) 100000.00", "Total (EUR): 250,000"."""
    head = re.search(r"\(\s*(?:in\s+)?([A-Z]{3}|[A-Z]{0,2}\$|€)\s*\)\s*:?\s*$", text[max(0, start - 16):start])
    if head is None or not re.match(r"\s*(?:[-–—,;.)]|$)", text[end:]):
        return None
    currency = next((norm for c, norm in t.currencies if c.upper() == head.group(1).upper()), None)
    return (end, currency, "") if currency else None


def _plural_noun(words: str, t: EnglishTables) -> bool:
    """Words that end in a plural noun and hold no function word ("States", "States parties", "the victims")."""
    tokens = words.split()
    last = tokens[-1].lower()
    return not any(w.lower() in t.noun_end or w in t.verbs for w in tokens) and (
        last in t.plurals or len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")))


def _broken_down(text: str, start: int, end: int, found: list[Amount]) -> bool:
    """A bare number inside parentheses opened right after a count, followed by where or what part it counts: "45
    officials (24 in Punjab & 21 in KP)", "34 officials (17 in each tranche)"."""
    paren = text.rfind("(", max(0, start - 60), start)
    if paren < 0 or ")" in text[paren:start] or not PART_AFTER.match(text, end):
        return False
    counted = next((f for f in reversed(found) if f.end <= paren), None)
    units = {n for _, n in measure_units()}
    return counted is not None and not text[counted.end:paren].strip() and counted.unit not in units


def listed_money(text: str, start: int, end: int, number: Decimal, found: list[Amount], t: EnglishTables) -> Amount | None:
    """A bare number in a list of sums of money takes the currency of the sum before it ("UK: US$ 600,057; Japan:
    100,000; AusAID: 50,760")."""
    if not found or found[-1].unit not in t.cfg["money_units"]:
        return None
    if not re.fullmatch(r"[;,]\s*[A-Z][\w.&'’ -]{0,30}:\s*", text[found[-1].end:start]):
        return None
    return Amount(start, end, number, found[-1].unit) if re.match(r"\s*(?:[;,)]|$)", text[end:]) else None


def names_listed(text: str, end: int) -> int:
    """How many names a list opened by ":", "(" or a dash lists right after a counted noun ("four pilot countries
    where …: Côte d’Ivoire, Guinea-Bissau, Liberia and Sierra Leone"); 0 when what follows is no list of names."""
    opener = re.match(r"[^.;:()]{0,80}?(?::|\(|\s[-–—]\s)\s*", text[end:])
    if not opener:
        return 0
    start = end + opener.end()
    close = re.search(r"[);]|\.(?:\s|$)|\s[-–—]\s|$", text[start:start + 600])
    items = [i.strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", text[start:start + close.start()])]
    items = [re.sub(r"^the\s+", "", i) for i in items if i]
    names = all(i[:1].isupper() and len(i.split()) <= 6 for i in items)
    return len(items) if names and len(items) > 1 else 0


def small(raw: str, t: EnglishTables) -> int:
    """A numerator or denominator: digits, "a"/"an"/"one" or a number word."""
    low = raw.lower()
    return int(low) if low.isdigit() else 1 if low in ("a", "an", "one") else t.words.get(low, 0)
