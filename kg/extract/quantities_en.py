"""English quantities: numbers in digits or words ("thirteen", "two hundred"), scale words (million), money
(US$, EUR, dollars), units (tonnes, kg, hectares, per cent), fractions ("one fifth of"), ranges and counted nouns.

Not quantities: years and dates (25 May, 2019-2021), symbols and codes (E/CN.7/2023, ISO 3166), reference
numbers (article 33, paragraph 5), ordinals, durations ("five working days"), numerals inside names (the Group
of Eight) and counts of members named elsewhere ("the two organizations").  Words: ontology/quantities.toml.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg.extract.amounts import NUMBER, Amount, digits_value, fraction_value, join_ranges, measure_units, scale_words
from kg.extract.quantities_en_counts import elided, fractions_of_those, listed_money, names_listed, small
from kg.extract.quantities_en_words import (
    FOOTNOTE_BEFORE,
    NOUNS_ING,
    ORDINAL_SUFFIXES,
    RANGE_END,
    ROMAN,
    STOP,
    SYMBOL_BEFORE,
    EnglishTables,
    english_tables,
    words_value,
)

# a duration between a count and its noun ("two 3-day training courses", "five one-week workshops")
DURATION_BEFORE = re.compile(r"\s+(?:\d+|[a-z]+)[-\s](?:day|week|month|year|hour)(?:-long)?(?=\s+[a-z])")
# digits opening a line before an acronym, "The", or a capitalised word that a lower-case word follows: a footnote's
# number, no count (English writes a count that opens a sentence in words; a headline in title case keeps its count)
LINE_MARK = re.compile(r"\d{1,3}[ \t]+([A-Z][\w\-]*)[ \t]+(\S+)")
# a second name of the same kind, both with their abbreviations, joined to a counted name ("Port Control Units (PCUs)
# and Air Cargo Control Units (ACCUs)")
NAMED_PAIR = re.compile(r"\s*\([A-Z][A-Za-z]{1,9}\)\s+and\s+(?:[A-Z][\w-]*\s+){0,4}[A-Z][\w-]*s\b(?!\s+[a-z])(?:\s*\([A-Z][A-Za-z]{1,9}\))?")


# a second plural noun joined to the counted noun, before a stop, a preposition or a verb
JOINED_NOUN = re.compile(r"\s+and\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*)(?=\s*[,.;:)]|\s*$|\s+(?:from|of|in|at|for|to|who|that|were|was|have|"
                         r"had|took|attended|participated|received|across|on|with)\b)")
# a modifier, and/or, and up to three more words of a noun ("regional and country offices")
COORDINATED = re.compile(r"\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*)\s+(?:and|or)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")


def _symbol_or_date(text: str, m: re.Match, first: int, t: EnglishTables) -> bool:
    """A number inside a symbol or code (E/CN.7/2023, 3.5-fold, ISO 3166), a year or a date (25 May, June 5)."""
    if RANGE_END.search(text, 0, first) and not SYMBOL_BEFORE.search(text, 0, first):
        pass  # the second number of a range written with a dash: "10–15 tons", "20-30 per cent"
    elif first > 0 and (text[first - 1] in "/-–." or text[first - 1].isalnum()):
        return True
    if FOOTNOTE_BEFORE.search(text, 0, first):
        return True  # a footnote mark glued to the word before it: "by the Assembly,3", "(UNODC, 2020)6"
    after = text[m.end(): m.end() + 2]
    if after[:1] in "-–" and after[1:2].isdigit():
        pass  # the first number of such a range: its joiner gives it the unit of the second
    elif after.startswith(("/", "-", "–")) and not _hyphen_unit(text, m.end(), t) or after[:1] == "." and after[1:2].isdigit():
        return True
    if m.group("cur"):
        return False
    if re.fullmatch(r"(1[89]|20)\d\d", m.group("num")):
        return True  # a year
    if re.search(r"(?<![\w-])[A-Z]{2,}[A-Z0-9]*\s?$", text[:first]):
        return True  # a code or a numbered name: ISO 3166, SDG 16, COP 26
    # a date: 25 May, 16 to 19 February, June 5
    return bool(t.date_after.match(text, m.end()) or t.date_before.search(text[:first]))


def _label(text: str, first: int, t: EnglishTables) -> bool:
    """A number that labels the thing named before it: article 33, paragraph 5, resolutions 2178, Footnote 3, and a
    capitalised word inside a sentence right before it (Week 12, Convention 108, Recommendation 23)."""
    before = text[max(0, first - 40):first].rstrip()
    low = before.lower()
    if any(low.endswith(w) and not low[:-len(w)][-1:].isalnum() for w in t.references):
        return True
    word = re.search(r"(?:^|(?<=\s))([A-Z][a-z]+)\s?$", text[max(0, first - 40):first])
    if not word or word.group(1).lower() in t.label_exceptions or any(word.group(1) == m for m in t.cfg["months_en"]):
        return False
    counted = re.match(r"[\d,.]*\+?\s+([a-z][\w-]*)", text[first:])
    if counted and (_plural(counted.group(1), t) or _plural_ahead(text[first:].split()[1:4], t)):
        return False  # "in Afghanistan 5,000 officers were trained": a place before a count
    if _measure(text, first + len(re.match(r"[\d,.]*", text[first:]).group()), None, t):
        return False  # "in Europe 40 per cent": a place before a measure
    head = text[:first - len(word.group(0))].rstrip()
    return bool(head) and head[-1] not in ".!?:;(\n\"“'‘"


def _reference_or_name(text: str, m: re.Match, first: int, in_words: bool, t: EnglishTables) -> bool:
    """A reference number (article 33, paragraph 5) or a number word that is not a count (Group of Eight)."""
    if not m.group("cur") and _label(text, first, t):
        return True  # article 33, paragraph 5
    if not in_words:
        return False
    if m.group("cur") or m.group("num").lower() == "hundred" and re.search(r"\d\s*$", text[:first]):
        return True
    # "the Group of Eight": a number word inside a name
    raw = m.group("num")
    return bool(raw[0].isupper() and t.cfg.get("name_of_number_en") and re.search(r"\b[A-Z][\w-]*\s+of\s+$", text[:first]))


def _hyphen_unit(text: str, end: int, t: EnglishTables) -> bool:
    """A unit of measure joined to its number by a hyphen before the noun it describes: "a 936-km border", "a
    1,000-kilometre road" (units of money and percent aside)."""
    if text[end:end + 1] != "-" or not re.match(r"[a-z]+\s+[a-z]", text[end + 1:]):
        return False
    rest = text[end + 1:]
    return any((hit := _unit_word(w, norm, rest, t)) and hit.start() == 0 and not rest[:1].isspace()
               and norm not in t.cfg["money_units"] and norm != "percent" and rest[hit.end():hit.end() + 1].isspace()
               for w, norm in measure_units())


def _measure(text: str, end: int, cur: str | None, t: EnglishTables) -> tuple[int, str, str] | None:
    """A currency before the number or a unit after it: (end, unit, what it measures)."""
    currency = next((norm for c, norm in t.currencies if cur and cur.upper() == c.upper()), None)
    if currency:
        return end, currency, ""
    if _hyphen_unit(text, end, t):
        end += 1  # "a 936-km border"
    rest = text[end:]
    unit_hit = next(((hit, norm) for w, norm in measure_units() if (hit := _unit_word(w, norm, rest, t))), None)
    if not unit_hit:
        return None
    hit, norm = unit_hit
    end += hit.end()
    of = re.match(r"\s+of\s+([a-z][\w\-]*)", text[end:])
    return end, norm, of.group(1) if of and of.group(1) not in STOP else ""


def _unit_word(word: str, norm: str, rest: str, t: EnglishTables) -> re.Match | None:
    """A unit word at the head of *rest*: "tons", "%", "€"; words of money in any case ("Euros", "Euro project")."""
    boundary = r"\b" if word[-1].isalnum() else ""
    flags = re.IGNORECASE if norm in t.cfg["money_units"] else 0
    return re.match(rf"\s*{re.escape(word)}{boundary}", rest, flags=flags)


def _plural(word: str, t: EnglishTables) -> bool:
    """A plural noun: officers, States, people (not process, status, analysis)."""
    low = word.lower()
    return low in t.plurals or len(low) > 2 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


def _plural_ahead(words: list[str], t: EnglishTables) -> bool:
    """A plural noun follows before a function word: "selected target countries", "border crossing points"."""
    for word in words:
        if word.lower() in STOP or word.lower() in t.noun_end:
            return False
        if _plural(word, t):
            return True
    return False


def _noun_tokens(words: list[str], t: EnglishTables) -> list[str]:
    """The words of a counted noun: they end before a function word, a verb ("50 countries reported", "people
    inject"), an adverb ("respectively") or after a plural head that a word other than a plural noun follows
    ("120 parties respectively"; "customs officers" and "States parties" go on); a participle inside a compound
    stays ("12 border crossing points")."""
    tokens: list[str] = []
    for i, tok in enumerate(words):
        low = tok.lower()
        if low in t.cfg["pronoun_nouns_en"]:
            return []  # "three additional ones": the noun is written elsewhere
        if low in STOP or low in t.noun_end or re.fullmatch(r"[a-z]{3,}(?:ively|ately|ally|ently|antly|ously|ibly|ably|arly)", low):
            break
        if not tokens and (tok in t.verbs or low in ORDINAL_SUFFIXES):
            break  # "1.4 million live with HIV", "the 12 th Meeting"
        after_plural = bool(tokens) and _plural(tokens[-1], t) and not (
            tokens[-1].lower() in t.cfg["modifier_plurals_en"] and _plural_ahead(words[i:i + 2], t))  # police liaison officers
        if tok in t.verbs or after_plural and not _plural(tok, t):
            break
        if re.search(r"(?:ed|ing)$", tok) and low not in NOUNS_ING and (after_plural or not _plural_ahead(words[i + 1:], t)):
            break
        tokens.append(tok)
    return tokens


def noun_after(text: str, end: int, first: int, t: EnglishTables, number: Decimal = Decimal(0)) -> tuple[int, str] | None:
    """The counted noun after a number: (its end, the noun), qualifiers ("new", "more", "12 or more") left out."""
    if lead := re.match(r"\s+(?:or|and)\s+(?:more|fewer|less|over|above)(?=\s+[A-Za-z])", text[end:]):
        end += lead.end()
    if lead := DURATION_BEFORE.match(text, end):  # "two 3-day training courses": the duration is not the noun
        end = lead.end()
    rest = text[end:]
    # words, and an abbreviation in parentheses inside the noun ("three Triangular Initiative (TI) members")
    words = re.match(r"\s+((?:(?:[A-Za-z][\w\-]*|\([A-Z][A-Za-z]{1,9}\))\s+){0,4}[A-Za-z][\w\-]*)", rest)
    if not words:
        return None
    tokens = _noun_tokens(words.group(1).split(), t)
    if 1 <= len(tokens) <= 2 and not any(_plural(tok, t) for tok in tokens) and (coordinated := _coordinated(text, end, t)):
        return coordinated  # "20 regional and country offices"
    mark = next((i for i, tok in enumerate(tokens) if re.search(r"[A-Za-z]\d+$", tok)), None)
    if mark is not None:  # "15 countries2": a footnote mark ends the noun
        tokens = tokens[:mark] + [re.sub(r"\d+$", "", tokens[mark])]
    last = tokens[-1] if tokens else ""
    stop = end + rest.index(last) + len(last) if tokens else end
    of = re.match(r"\s+of\s+([a-z][\w-]*)", text[stop:])  # "3,400 pieces of legislation"
    if of and tokens == [last] and last.lower() in t.cfg["container_nouns_en"] and of.group(1) not in STOP:
        tokens += ["of", of.group(1)]
        last, stop = of.group(1), stop + of.end()
    if tokens and (longer := _of_phrase(text, stop, last, t) or _joined(text, stop, last, t)):
        tokens, last, stop = tokens + longer[0], longer[0][-1], longer[1]
    elif tokens and all(tok[:1].isupper() for tok in tokens) and (named := NAMED_PAIR.match(text, stop)):
        tokens = text[end:named.end()].split()  # "115 Port Control Units (PCUs) and Air Cargo Control Units (ACCUs)"
        stop = named.end()
    while tokens and tokens[0].lower() in t.cfg["qualifiers_en"] and len(tokens) > 1:
        tokens.pop(0)
    if not tokens or any(tok.lower() in t.periods for tok in tokens) or ROMAN.fullmatch(tokens[0]):
        return None  # a duration ("five working days"), a list label ("1 B")
    if tokens[0].lower() in t.fraction_dens:
        return None  # the numerator of a fraction ("of whom two thirds")
    if all(tok[:1].isupper() for tok in tokens) and not tokens[-1].endswith("s"):
        return None  # a name, a place or a title after a number ("1400 Vienna", "68 Creation Date")
    name = re.search(r"(?<![.!?:;]\s)\b([A-Z][A-Za-z]+)\s*$", text[:first]) if tokens[0][:1].isupper() else None
    if name and name.group(1).lower() not in t.label_exceptions and text[:name.start()].strip():
        return None  # inside a name: "United Nations 21 Award" (not "Over 60 Parliamentarians" opening a sentence)
    if len(tokens) == 1 and not _plural(tokens[0], t) and tokens[0][:1].islower() and number > 1:
        return None  # "two 3-day basic (…) courses": an adjective alone is no counted noun
    return stop, " ".join(tokens)


def _of_phrase(text: str, stop: int, last: str, t: EnglishTables) -> tuple[list[str], int] | None:
    """The of-phrase a head needs to say what it counts ("five representatives of nongovernmental organizations",
    "two trainings of trainers"): its words and where it ends."""
    of = re.match(r"\s+of\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})", text[stop:])
    if of and f"{last} of {of.group(1).split()[0]}".lower() in t.cfg["of_compounds_en"]:
        return ["of", of.group(1).split()[0]], stop + of.start(1) + len(of.group(1).split()[0])  # memoranda of understanding
    if not of or last.lower() not in t.cfg["of_heads_en"]:
        return None
    whose = _noun_tokens(of.group(1).split(), t)
    if not whose or whose[0].lower() in STOP or not _plural(whose[-1], t):
        return None
    return ["of", *whose], stop + of.start(1) + len(" ".join(whose))


def _joined(text: str, stop: int, last: str, t: EnglishTables) -> tuple[list[str], int] | None:
    """A second plural noun joined to the counted one ("13 mice and keyboards,", "25 judges and prosecutors from", "60
    experts and program officers from"): its words and where it ends."""
    joined = JOINED_NOUN.match(text, stop)
    if not joined or not _plural(last, t):
        return None
    words = joined.group(1).split()
    if not _plural(words[-1], t) or set(map(str.lower, words)) & STOP or len(words) == 2 and _plural(words[0], t):
        return None
    return ["and", *words], joined.end()


def _coordinated(text: str, end: int, t: EnglishTables) -> tuple[int, str] | None:
    """Two modifiers of one plural noun joined by and/or: "regional and country offices", "national or local police
    officers", "criminal justice and law enforcement officials" (the end and the whole noun)."""
    m = COORDINATED.match(text, end)
    if not m or any(w.lower() in STOP or w.lower() in t.noun_end or _plural(w, t) for w in m.group(1).split()):
        return None
    tail = _noun_tokens(m.group(2).split(), t)
    if not tail or any(tok.lower() in t.words or tok[:1].isdigit() for tok in tail) or not _plural(tail[-1], t) or any(tok.lower() in t.periods for tok in tail):
        return None
    stop = m.start(2) + m.group(2).index(tail[-1]) + len(tail[-1]) if len(tail) == 1 else m.start(2) + len(" ".join(tail))
    return stop, text[m.start(1):stop]


def _fractions(text: str, t: EnglishTables) -> list[Amount]:
    """Fractions of a counted noun: "one fifth of the total output" (0.2), "two thirds of the victims", "1 in 5 victims"."""
    found = []
    dens = dict(t.cfg["fraction_words_en"])
    for m in t.fractions.finditer(text):
        if m.group("a"):
            num, den = (small(m.group(g), t) for g in ("a", "b"))
        elif m.group("half"):
            num, den = 1, 2
        else:
            num, den = small(m.group("num"), t), dens[m.group("den").lower()]
        if not num or not den or num >= den:
            continue
        noun = noun_after(text, m.end(), m.start(), t)
        if noun is not None:
            found.append(Amount(m.start(), noun[0], fraction_value(num, den), noun[1]))
    return found


def _skipped(text: str, m: re.Match, first: int, t: EnglishTables, labels: list[int]) -> bool:
    """A number that is no quantity: inside a fraction already read, a symbol, year or date, a reference number or
    one of a list of them ("articles 5, 6 and 7": *labels* holds where the last reference number ended)."""
    if _symbol_or_date(text, m, first, t) or t.ordinal_before.search(text, max(0, first - 12), first):
        return True  # … or "the first two phases"
    if (first == 0 or text[first - 1] == "\n") and (mark := LINE_MARK.match(text, first)) and not _plural(mark.group(1), t) and \
            (mark.group(1).isupper() or mark.group(1) in ("The", "A", "An") or mark.group(2)[:1].islower()):
        return True  # "5 IAEA reports to …", "7 Specialized agencies are …": a footnote's number (not "30 Member States Sign …")
    if labels and t.list_after_label.fullmatch(text, labels[-1], first):
        labels.append(m.end())
        return True
    if _reference_or_name(text, m, first, not m.group("num")[0].isdigit(), t):
        labels.append(m.end())
        return True
    return False


def _value(m: re.Match, text: str, t: EnglishTables) -> tuple[Decimal, int] | None:
    """The value of a number with its scale word or money abbreviation, and where it ends."""
    cur, raw = m.group("cur"), m.group("num")
    number = words_value(raw, t.words) if not raw[0].isdigit() else digits_value(raw)
    if number is None and (m.group("scale") or _measure(text, m.end(), None, t)):
        number = Decimal(1)  # "one million people", "one per cent"
    if number is None:
        return None
    end = m.end()
    if m.group("scale"):
        number *= scale_words()[m.group("scale").lower()]
    elif cur and (abbr := re.match(r"\s?(?:bn|mn|m)\b", text[end:])):  # US$ 5.6m
        number *= dict(t.cfg["money_scales_en"])[abbr.group().strip()]
        end += abbr.end()
    return number, end


def _same_scale(text: str, start: int, scale: str) -> bool:
    """The next number of a range has the same scale word: "between 119 million and 224 million users"."""
    return bool(re.match(rf"{NUMBER}\s*{re.escape(scale)}\b", text[start:], flags=re.IGNORECASE))


def find_en(text: str) -> list[Amount]:
    """Quantities in normalised English text."""
    t = english_tables()
    found = _fractions(text, t)
    taken = [(f.start, f.end) for f in found]
    pending: list[tuple] = []
    labels: list[int] = []
    for m in t.pattern.finditer(text):
        cur = m.group("cur")
        start = first = m.start("cur") if cur else m.start("num")
        if any(a <= first < b for a, b in taken) or _skipped(text, m, first, t, labels):
            continue
        valued = _value(m, text, t)
        if valued is None:
            continue
        number, end = valued
        # a range or a list that shares the unit of its last number: "between 20 and 30 per cent", "178, 150 and
        # 120 parties", "3 of the 5 countries"
        joiner = t.joiner.match(text, end)
        if joiner and not cur and (not m.group("scale") or _same_scale(text, joiner.end(), m.group("scale"))):
            if not m.group("scale") and (later := t.scaled.match(text, joiner.end())):
                number *= scale_words()[later.group(1).lower()]  # "1.5-2 million people", "between 20 and 30 million"
            pending.append((start, end, number, joiner.end()))
            continue
        amount = (_amount(text, start, end, first, number, cur, t) or listed_money(text, start, end, number, found, t)
                  or (None if cur else elided(text, start, end, number, found, t)))
        if amount is not None:
            found.append(amount)
    return found + join_ranges(pending, found) + fractions_of_those(text, found, t)


def _amount(text: str, start: int, end: int, first: int, number: Decimal, cur: str | None, t: EnglishTables) -> Amount | None:
    """The unit, currency or counted noun of a number ("three of whom were women": women)."""
    measure = _measure(text, end, cur, t)
    if measure is not None:
        return Amount(start, measure[0], number, measure[1], measure[2])
    partitive = next((p for p in t.cfg["partitive_en"] if re.match(rf"\s+{re.escape(p)}(?=\s)", text[end:])), None)
    if partitive is not None:
        end += text[end:].index(partitive) + len(partitive)
    noun = noun_after(text, end, first, t, number)
    if noun is None:
        counted = t.count_of.search(text[max(0, first - 120):first])
        bare = re.match(r"\s*(?:[.,;:)]|$)|\s+(?:in|by|at|during|since|from|compared)\b", text[end:])  # "… was 69,627."
        words = _noun_tokens(counted.group("noun").split(), t) if counted and bare else []
        return Amount(start, end, number, " ".join(words)) if words else None
    if _named_collective(text, first, noun, number, t):
        return None
    return Amount(start, noun[0], number, noun[1])


def _named_collective(text: str, first: int, noun: tuple[int, str], number: Decimal, t: EnglishTables) -> bool:
    """A count of entities named in the passage: "the two organizations", "these three countries" (a number word
    after a definite determiner, counting a kind of entity), "six countries …, namely Cambodia, …", "the 15 Member
    States of SADC: Angola, …, and Zimbabwe" (as many names listed after it as it counts)."""
    after = re.split(r"[.;]", text[noun[0]:noun[0] + 80], maxsplit=1)[0]
    if any(re.search(rf"(?<![\w-]){re.escape(w)}(?!\w)", after) for w in t.cfg["named_after_en"]):
        return True
    if noun[1].split()[-1] in t.cfg["collective_nouns_en"] and names_listed(text, noun[0]) == number:
        return True
    before = text[max(0, first - 12):first].rstrip()
    if re.match(r"\s+(?:in|of|across|from|within)\s+the\s+[a-z]", text[noun[0]:]):
        return False  # "the six countries in the sub-region": a description, not members named elsewhere
    return (not text[first].isdigit() and noun[1].split()[-1] in t.cfg["collective_nouns_en"]
            and any(re.search(rf"(?<![\w-]){re.escape(w)}$", before) for w in t.cfg["collective_before_en"]))
