"""Numeric facts: a value with its unit or counted thing (567 吨可卡因, 3,700 practitioners, US$ 354 million).

Arabic numerals with thousands separators and decimals, the scale words 万/亿/million,
and Chinese numerals before a measure word (三十个国家) are read; years, dates, symbols
and paragraph numbers are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from kg.core.resources import rules

# measure words that are the counted thing themselves when no noun follows (34 人, 74,000 多次)
STANDALONE_UNITS = {"国": "国家", "人": "人", "人次": "人次", "次": "次"}
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CN_NUMBER = r"[零〇一二两三四五六七八九十百千万亿]+"
ZH_NOUN_BREAK = re.compile(r"[的，。、；：,;:（）()“”《》\s]")
# words that end a counted noun when they follow it (from the third character on)
ZH_NOUN_END = ("参加", "参与", "提供", "进行", "建立", "制定", "报告", "受益", "获得", "接受", "完成", "开展",
               "设立", "截获", "互动", "培训", "使用", "加入", "收到", "签署", "通过", "得到", "分享", "注册", "实施",
               "举行", "举办", "召开", "发布", "编写", "支持", "促进", "加强", "组成", "起草", "获救", "还", "和", "与",
               "及", "在", "中", "并", "为", "对", "由", "从", "向", "相比", "已", "将", "均", "都")
EN_NOUNS_ING = {"training", "meeting", "meetings", "trainings", "hearing", "hearings", "building", "buildings",
                "proceeding", "proceedings", "offering", "briefing", "briefings", "screening"}
EN_STOP = {"of", "in", "from", "for", "to", "and", "with", "on", "at", "by", "the", "a", "an", "were", "was",
           "have", "has", "had", "are", "is", "who", "that", "which", "per", "across", "through", "during",
           "will", "would", "can", "could", "as", "or", "into", "under", "over", "since", "between", "among", "within"}


@dataclass(frozen=True)
class Amount:
    """A quantity found in normalised text (offsets of that text)."""

    start: int
    end: int
    value: Decimal
    unit: str  # normalised unit (tonne, USD, percent) or the counted thing (实验室, practitioners)
    of: str = ""  # what a measure is of (可卡因, cocaine)


def parse_chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral such as 三十五, 两千, 一万二千; None when it is not one."""
    total, section, number = 0, 0, 0
    seen = False
    for ch in text:
        if ch in CN_DIGITS:
            number = CN_DIGITS[ch]
            seen = True
        elif ch in CN_UNITS:
            section += (number or 1) * CN_UNITS[ch]
            number = 0
            seen = True
        elif ch in CN_BIG:
            total += (section + number) * CN_BIG[ch]
            section, number = 0, 0
            seen = True
        else:
            return None
    return total + section + number if seen else None


def format_decimal(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros."""
    text = format(value.normalize(), "f")
    return text


@cache
def _tables():
    cfg = rules()["quantities"]
    units = sorted(cfg["measure_units"], key=lambda x: -len(x[0]))
    scales = dict(cfg["scale_words"])
    return cfg, units, scales


def find_zh(text: str) -> list[Amount]:
    """Quantities in normalised Chinese text."""
    cfg, units, scales = _tables()
    classifiers = sorted(cfg["classifiers"], key=len, reverse=True)
    pattern = re.compile(rf"(?P<num>{NUMBER}|{CN_NUMBER})\s*(?:多|余)?\s*(?P<scale>万|亿|千)?(?P<tail>(?<=[万亿千])\d{{1,4}}(?![\d.,]))?"
                         rf"\s*(?P<approx>多|余)?\s*")
    found: list[Amount] = []
    pending: list[tuple] = []  # numbers before a range joiner: 10至15吨
    for m in pattern.finditer(text):
        start, raw = m.start(), m.group("num")
        if start > 0 and (text[start - 1] in "第/.-–" or text[start - 1].isdigit()):
            continue
        if re.fullmatch(CN_NUMBER, raw):
            # Chinese numerals only before a measure word, and never "一" alone (一个 = "a")
            value = parse_chinese_number(raw)
            if value is None or value < 2:
                continue
            number = Decimal(value)
        else:
            number = Decimal(raw.replace(",", ""))
        if m.group("scale"):
            number *= scales[m.group("scale")]
            if m.group("tail"):  # 13万1000 = 131000
                number += Decimal(m.group("tail"))
        rest = text[m.end():]
        if re.match(r"(?:至|到|-|–|~)\s*\d", rest):
            pending.append((start, m.end(), number, m.end() + re.match(r"(?:至|到|-|–|~)\s*", rest).end()))
            continue
        if any(rest.startswith(word) for word in cfg["not_after"]):
            continue
        hit = next(((word, norm) for word, norm in units if rest.startswith(word)), None)
        end = m.end()
        if hit is not None:
            end += len(hit[0])
            found.append(Amount(start, end, number, hit[1], "" if hit[1] in ("USD", "EUR", "percent") else _zh_noun(text[end:])))
            continue
        cls = next((c for c in classifiers if rest.startswith(c)), None)
        if cls is None:
            continue
        end += len(cls)
        if any(text.startswith(word, end) for word in cfg.get("name_heads_zh", [])):
            continue  # a numeral inside a name: 八国集团, 八国首脑会议
        if cls in cfg.get("self_counting_classifiers", ()) and not _zh_compound(text, end):
            found.append(Amount(start, end, number, cls))
            continue
        noun = _zh_noun(text[end:]) or STANDALONE_UNITS.get(cls, "")
        if noun:
            found.append(Amount(start, end + (len(noun) if text.startswith(noun, end) else 0), number, noun))
    return found + _ranges(pending, found)


def _ranges(pending: list[tuple], found: list[Amount]) -> list[Amount]:
    """The first number of a range takes the unit of the second: 10至15吨, "between 20 and 30 per cent"."""
    out = []
    for start, end, number, next_start in pending:
        second = next((f for f in found if f.start == next_start), None)
        if second is not None:
            out.append(Amount(start, end, number, second.unit, second.of))
    return out


def _zh_compound(text: str, end: int) -> bool:
    """人 as the first character of a word (人员, 人口, 人民): the measure word is part of the noun."""
    return text[end:end + 1] in ("员", "口", "民", "类", "士", "数", "质")


def _zh_noun(text: str) -> str:
    """The counted noun right after a measure word: up to a break or a verb, at most six characters."""
    noun = ZH_NOUN_BREAK.split(text[:12], 1)[0]
    cut = min((pos for word in ZH_NOUN_END if (pos := noun.find(word, 2)) >= 2), default=len(noun))
    noun = noun[:cut][:10]
    return noun if len(noun) >= 2 else ""


@dataclass(frozen=True)
class _English:
    """The English tables of rules.toml, compiled once."""

    cfg: dict
    units: list
    scales: dict
    currencies: list
    number_words: dict
    pattern: re.Pattern
    date_after: re.Pattern | None
    date_before: re.Pattern | None
    references: list
    periods: set


@cache
def _english() -> _English:
    cfg, units, scales = _tables()
    currencies = sorted(cfg["currency_prefixes"], key=lambda x: -len(x[0]))
    cur_re = "|".join(re.escape(c) for c, _ in currencies)
    scale_re = "|".join(w for w in scales if w.isascii())
    number_words = dict(cfg.get("number_words_en", []))
    words_re = "|".join(sorted(map(re.escape, number_words), key=len, reverse=True))
    number_re = rf"{NUMBER}|(?<![\w-])(?:{words_re})(?![\w-])" if words_re else NUMBER
    pattern = re.compile(rf"(?P<cur>{cur_re})?\s?(?P<num>{number_re})(?:\s*(?P<scale>{scale_re})\b)?", flags=re.IGNORECASE)
    months = "|".join(map(re.escape, cfg.get("months_en", [])))
    date_after = re.compile(rf"\s*(?:(?:to|and|-|–|—)\s*\d{{1,2}}\s*)?(?:{months})(?![a-z])") if months else None
    date_before = re.compile(rf"(?:{months})\s*$") if months else None
    references = sorted(cfg.get("reference_words_en", []), key=len, reverse=True)
    return _English(cfg, units, scales, currencies, number_words, pattern, date_after, date_before, references,
                    set(cfg.get("period_nouns_en", [])))


def _en_symbol_or_date(text: str, m: re.Match, first: int, t: _English) -> bool:
    """A number inside a symbol or code (E/CN.7/2023, 3.5-fold), a year or a date (25 May, June 5)."""
    if first > 0 and (text[first - 1] in "/-–." or text[first - 1].isalnum()):
        return True
    after = text[m.end(): m.end() + 2]
    if after.startswith(("/", "-")) or after[:1] == "." and after[1:2].isdigit():
        return True
    if m.group("cur"):
        return False
    if re.fullmatch(r"(1[89]|20)\d\d", m.group("num")):
        return True  # a year
    # a date: 25 May, 16 to 19 February, June 5
    return t.date_after is not None and bool(t.date_after.match(text, m.end()) or t.date_before.search(text[:first]))


def _en_reference_or_name(text: str, m: re.Match, first: int, t: _English) -> bool:
    """A reference number (article 33, paragraph 5) or a number word that is not a count (Group of Eight)."""
    raw = m.group("num")
    before = text[max(0, first - 40):first].rstrip()
    if not m.group("cur") and any(before.endswith(w) and not before[:-len(w)][-1:].isalnum() for w in t.references):
        return True  # article 33, paragraph 5
    if raw.lower() not in t.number_words:
        return False
    if m.group("cur") or raw.lower() == "hundred" and re.search(r"\d\s*$", text[:first]):
        return True
    # "the Group of Eight": a number word inside a name
    return bool(raw[0].isupper() and t.cfg.get("name_of_number_en") and re.search(r"\b[A-Z][\w-]*\s+of\s+$", text[:first]))


def _en_measure(text: str, end: int, cur: str | None, t: _English) -> tuple[int, str, str] | None:
    """A currency before the number or a unit after it: (end, unit, what it measures)."""
    currency = next((norm for c, norm in t.currencies if cur == c), None)
    if currency:
        return end, currency, ""
    rest = text[end:]
    unit_hit = next(((w, norm) for w, norm in t.units if re.match(rf"\s*{re.escape(w)}\b", rest) or (w in "%％" and rest.startswith(w))), None)
    if not unit_hit:
        return None
    word, norm = unit_hit
    end += rest.index(word) + len(word)
    of = re.match(r"\s+of\s+([a-z][\w\-]*)", text[end:])
    return end, norm, of.group(1) if of and of.group(1) not in EN_STOP else ""


def _en_noun(text: str, end: int, first: int, in_words: bool, t: _English) -> tuple[int, str] | None:
    """The counted noun after a number: (its end, the noun)."""
    rest = text[end:]
    words = re.match(r"\s+((?:[A-Za-z][\w\-]*\s+){0,3}[A-Za-z][\w\-]*)", rest)
    if not words:
        return None
    tokens = []
    for tok in words.group(1).split():
        # the counted noun ends before a function word or a verb ("50 countries reported")
        if tok.lower() in EN_STOP or (tokens and re.search(r"(?:ed|ing)$", tok) and tok.lower() not in EN_NOUNS_ING):
            break
        tokens.append(tok)
    if not tokens or tokens[0].lower() in t.periods or (in_words and tokens[0][:1].isupper()):
        return None
    if tokens[0][:1].isupper() and re.search(r"(?<![.!?:;]\s)\b[A-Z][A-Za-z]+\s*$", text[:first]) and first > 0:
        return None  # inside a name: "United Nations 21 Award"
    return end + rest.index(tokens[-1]) + len(tokens[-1]), " ".join(tokens)


def find_en(text: str) -> list[Amount]:
    """Quantities in normalised English text."""
    t = _english()
    found: list[Amount] = []
    pending: list[tuple] = []
    for m in t.pattern.finditer(text):
        cur, raw = m.group("cur"), m.group("num")
        start = first = m.start("cur") if cur else m.start("num")
        if _en_symbol_or_date(text, m, first, t) or _en_reference_or_name(text, m, first, t):
            continue
        in_words = raw.lower() in t.number_words
        number = Decimal(t.number_words[raw.lower()]) if in_words else Decimal(raw.replace(",", ""))
        if m.group("scale"):
            number *= t.scales[m.group("scale")]
        end = m.end()
        joiner = re.match(rf"\s*(?:and|to|-|–)\s*(?={NUMBER})", text[end:])
        if joiner and not cur and not m.group("scale"):
            pending.append((start, end, number, end + joiner.end()))
            continue
        measure = _en_measure(text, end, cur, t)
        if measure is not None:
            found.append(Amount(start, measure[0], number, measure[1], measure[2]))
            continue
        noun = _en_noun(text, end, first, in_words, t)
        if noun is not None:
            found.append(Amount(start, noun[0], number, noun[1]))
    return found + _ranges(pending, found)


def find_quantities(text: str, lang: str) -> list[Amount]:
    """Quantities in one paragraph of normalised text."""
    return find_zh(text) if lang == "zh" else find_en(text)
