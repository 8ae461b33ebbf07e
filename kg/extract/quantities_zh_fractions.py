"""Chinese fractions: 三分之一 and 1/3 with the noun they take (四分之一的受害者, 占受害者的三分之一, 受害者中三分之一), 百分之二十,
一半/半数, and a fraction after 其中 of the things counted just before it.  Read by :mod:`kg.extract.quantities_zh`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg.extract.amounts import NUMBER, Amount, fraction_value, measure_units
from kg.extract.nlp import alternation
from kg.extract.quantities_zh_words import CN_NUMBER, ChineseTables, head_noun, noun_after, numeral_value

FRACTION = re.compile(rf"(?P<den>百|{NUMBER}|{CN_NUMBER})分之(?P<num>{NUMBER}|{CN_NUMBER})"
                      r"|(?<![\d/.])(?P<snum>\d)/(?P<sden>\d{1,2})(?![\d/.])(?=(?:以上|多|左右)?的)")  # 1/3的村庄
DIGIT_FRACTION = re.compile(r"(?<![\d/.])(\d)/(\d{1,2})(?![\d/.])")


def fractions(text: str, z: ChineseTables) -> list[Amount]:
    """百分之二十 (20 percent) and 四分之一的受害者 (0.25 受害者)."""
    found = []
    for m in FRACTION.finditer(text):
        den, num = (numeral_value(m.group("den")), numeral_value(m.group("num"))) if m.group("den") else (
            Decimal(m.group("sden")), Decimal(m.group("snum")))
        if den is None or num is None or not den or num >= den and den != 100:
            continue
        if den == 100:
            found.append(Amount(m.start(), m.end(), num, "percent"))
            continue
        end, noun = _fraction_noun(text, m.start(), m.end(), z)
        if noun:
            found.append(Amount(m.start(), end, fraction_value(int(num), int(den)), noun))
    for word, value in z.cfg["fraction_words_zh"]:
        for hit in re.finditer(re.escape(word), text):
            end, noun = _fraction_noun(text, hit.start(), hit.end(), z)
            if noun:
                found.append(Amount(hit.start(), end, Decimal(value), noun))
    return found


def _fraction_noun(text: str, start: int, end: int, z: ChineseTables) -> tuple[int, str]:
    """The noun a fraction takes: written before it with 占 (占受害者的三分之一), else after it (四分之一的受害者); after
    其中 and before a verb or preposition it takes none here (其中一半在非洲: :func:`fractions_of_those` gives it the noun
    counted before)."""
    noun = _share_noun(text, start, z)
    if noun:
        return end, noun
    after = re.match(r"(?:以上|多|左右)?的?", text[end:])  # 四分之一的受害者, 五分之一患者
    if text[:start].endswith("其中的") or not after.group().endswith("的") and text[:start].endswith("其中") \
            and text.startswith(z.noun_end, end):
        return end, ""  # 其中的三分之一, 其中一半在非洲 (but 其中一半受害者是妇女)
    return noun_after(text, end + after.end(), z)


def _share_noun(text: str, start: int, z: ChineseTables) -> str:
    """The noun of a fraction written after it: 占人口贩运受害者的三分之一 (between 占 and 的), 可卡因产量占全世界一半
    (before 占, a whole such as 全世界 between)."""
    clause = re.split(r"[，。；：,;:\s]", text[:start])[-1]
    shares = "|".join(map(re.escape, z.cfg["fraction_share_zh"]))
    between = re.search(rf"(?:{shares})([^的{shares}]{{2,12}})的$", clause)
    if between:
        return between.group(1)
    whole = re.search(r"([^的中]{2,10})中(?:约有|约|有|近|超过|逾|仅有|仅|只有)*$", clause)
    if whole:  # 15岁至64岁的人口中约有二十分之一, 受害者中三分之一
        return head_noun(whole.group(1), z)
    before = re.search(rf"([^的{shares}]{{2,8}})(?:{shares})(?:全世界|全球|世界|全国)?的?$", clause)
    if before:
        return re.split(r"在|的|是|为", before.group(1))[-1]
    return ""


def fractions_of_those(text: str, found: list[Amount], z: ChineseTables) -> list[Amount]:
    """A fraction of the things counted just before it, after 其中 ("of them"): 共54个成员，每年改选其中的三分之一 (0.333
    成员), 36个国家，其中一半在非洲 (0.5 国家); a measure (吨, 美元) is not counted in parts this way."""
    out = []
    taken = [(f.start, f.end) for f in found]
    hits = [(m.start(), m.end(), m) for m in FRACTION.finditer(text)]
    hits += [(m.start(), m.end(), fraction_value(int(m.group(1)), int(m.group(2)))) for m in DIGIT_FRACTION.finditer(text)
             if 0 < int(m.group(1)) < int(m.group(2))]  # 其中1/4来自农村
    hits += [(h.start(), h.end(), Decimal(v)) for w, v in z.cfg["fraction_words_zh"] for h in re.finditer(re.escape(w), text)]
    for start, end, m in sorted(hits, key=lambda h: h[0]):
        if any(a <= start < b for a, b in taken) or not re.search(rf"(?:{alternation(z.cfg['fraction_of_those_zh'])})$", text[:start]):
            continue
        if isinstance(m, Decimal):
            value = m
        else:
            den, num = (numeral_value(m.group("den")), numeral_value(m.group("num"))) if m.group("den") else (
                Decimal(m.group("sden")), Decimal(m.group("snum")))
            if den is None or num is None or not den or num >= den or den == 100:
                continue
            value = fraction_value(int(num), int(den))
        last = next((f for f in reversed(found) if f.end <= start), None)
        if last is None or re.search(r"[。；;!?！？]", text[last.end:start]) or last.unit in {n for _, n in measure_units()}:
            continue
        out.append(Amount(start, end, value, last.unit))
    return out
