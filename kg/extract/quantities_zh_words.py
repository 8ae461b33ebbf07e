"""The Chinese words of quantities (ontology/quantities.toml) compiled once, and the counted noun of a number: after
its measure word (285 个实验室, 来自……的代表) or before its number (汽车649辆).  Read by :mod:`kg.extract.quantities_zh`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from kg.extract.amounts import NUMBER, digits_value, quantity_tables
from kg.extract.nlp import alternation, literal

CN_NUMBER = r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+"
NUMBER_CHAR = re.compile(r"[\d零〇一二两三四五六七八九十百千]")
ZH_NOUN_BREAK = re.compile(r"(?<!目)的|[，。、；：,;:（）()“”《》\s\d—]")
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}  # and the formal numerals
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
MAX_NOUN = 12  # characters of one counted noun (湄公河联合巡逻执法勤务)
MAX_JOINED = 16  # characters of nouns joined by 和/、 (海事执法官员、检察官和法官), not a whole list of beneficiaries


@dataclass(frozen=True)
class ChineseTables:
    """The Chinese tables of quantities.toml, compiled once."""

    cfg: dict
    classifiers: list
    pattern: re.Pattern
    noun_end: tuple
    joiners: tuple
    count_of: re.Pattern
    approx: re.Pattern  # an approximation right before a number (约70名)
    before_cut: re.Pattern  # words after which a noun written before its number begins (逮捕|嫌疑人31289人)
    count_bare: re.Pattern  # a noun of "the number of" before a bare number (冰毒服用人数超过1200万, 人口总数在……之间)
    place_scope: re.Pattern  # a place at the head of a counted noun that scopes it (涉湄公河流域|涉毒案件)


@cache
def chinese_tables() -> ChineseTables:
    cfg = quantity_tables()
    pattern = re.compile(rf"(?P<num>{NUMBER}|{CN_NUMBER})\s*(?:多|余)?\s*(?P<scale>万亿|千亿|万|亿|千(?![克米瓦]))?(?P<tail>(?<=[万亿])\d(?P<tailscale>千|百)(?P<tailwan>(?<=亿\d[千百])万)?|(?<=[万亿千])\d{{1,4}}(?![\d.,]))?"
                         rf"\s*(?P<approx>多|余)?\s*")
    count_of = "|".join(map(re.escape, cfg["count_of_zh"]))
    verbs = alternation(cfg["count_verbs_zh"])
    approx = alternation(cfg["approx_zh"])
    heads = alternation(cfg["count_heads_zh"])
    between = alternation(cfg["count_between_zh"])
    every_head = alternation(cfg["count_heads_zh"] + cfg["person_count_heads_zh"])
    cut = alternation(cfg["noun_before_cut_zh"] + cfg["noun_end_zh"] + cfg["approx_zh"])
    noun = r"[^的，。；、,;:\s\d()（）]"
    return ChineseTables(cfg, sorted(cfg["classifiers"], key=len, reverse=True), pattern, tuple(cfg["noun_end_zh"]),
                    tuple(sorted(cfg["noun_joiners_zh"], key=len, reverse=True)),
                    re.compile(rf"(?:^|[的，。；、,;:\s])(?P<noun>{noun}{{2,8}}?)(?:(?:{count_of})|(?:{every_head})?(?:{verbs}))\s*(?:{approx})?\s*$"),
                    re.compile(rf"(?:{approx})$"), re.compile(rf"(?:{cut})"),
                    re.compile(rf"(?:^|[的，。；、,;:\s])(?P<noun>{noun}{{1,8}}?(?:人数|{heads}))(?:{verbs}|(?:{approx})?(?:{between}))\s*(?:{approx})?\s*$"),
                    re.compile(rf"(?:{alternation(cfg['place_scope_openers_zh'])})[\u4e00-\u9fff]{{1,8}}?(?:{alternation(cfg['place_scope_ends_zh'])})(?=[\u4e00-\u9fff]{{2}})"))

def noun_before(text: str, start: int, z: ChineseTables) -> str:
    """A noun written right before its number (汽车649辆, 全国共破获案件21003起): after the last verb or function word."""
    run = re.search(r"[\u4e00-\u9fff]{2,16}$", text[:start])
    if not run:
        return ""
    if re.fullmatch(r"[多余]?[万亿千百]{0,2}[至到]", run.group()):
        return ""  # 1200万至|2700万人: the scale word and joiner of a range, no noun
    words = run.group()
    trailing = next((w for w in z.cfg["noun_before_trailing_zh"] if words.endswith(w)), "")
    noun = head_noun(words[:len(words) - len(trailing)], z)
    if not 2 <= len(noun) <= 10 or noun[-1] in "月日前后内外间中上下" or re.search(r"(?:今|去|明|近|前|同|本|每|当|该)年$", noun):
        return ""
    return noun


def compound(text: str, end: int) -> bool:
    """人 as the first character of a word (人员, 人口, 人民): the measure word is part of the noun."""
    return text[end:end + 1] in ("员", "口", "民", "类", "士", "数", "质")


def _segment(text: str, z: ChineseTables) -> str:
    """The first noun-like segment of *text*: up to a break, a verb or an approximate number (国家约70名), at most ten
    characters; "" when a verb opens it (五国开展, 150个完成了: no noun is written)."""
    noun = ZH_NOUN_BREAK.split(text[:14], 1)[0]
    if re.match(r"[^了]{1,2}了", noun) or any(noun.startswith(w) and not any(noun.startswith(c, len(w)) for c in z.cfg["noun_continues_zh"])
                                            for w in z.cfg["not_noun_start_zh"]):
        return ""
    inside = [(m.start(), m.end()) for w in z.cfg["noun_words_zh"] for m in literal(w).finditer(noun)]
    least = 1 if noun[:1] in z.cfg["single_nouns_zh"] else 2  # 7个州通过了: a one-character noun
    cuts = [m.start() for word in z.noun_end if word in noun for m in literal(word).finditer(noun)
            if m.start() >= least and not any(noun.startswith(c, m.end()) for c in z.cfg["noun_continues_zh"])
            and not any(a <= m.start() < b for a, b in inside)]
    cuts += [m.start() for m in z.approx.finditer(noun) if m.start() >= 1 and NUMBER_CHAR.match(text, m.end())]
    cuts += [len(noun) - len(w) for w in z.cfg["noun_end_last_zh"] if noun.endswith(w) and len(noun) - len(w) >= 2]
    done = noun.find("了", 3)  # 区域平台巩固了, 人接受了: the verb before 了 is not part of the noun
    if done >= 3:
        cuts.append(done - 2)
    noun = noun[:min(cuts, default=len(noun))]
    return "" if len(noun) > MAX_NOUN else noun  # a longer run is no noun this reader can end (no fragment of a word)


def _verb_opens(text: str, end: int, z: ChineseTables) -> bool:
    """A verb (of noun_end_zh, two characters or more) or 被 opens what follows a measure word: a relative clause that
    describes the counted noun (160万名注射使用毒品的吸毒者, 30名被拐卖的儿童), unless the verb begins a noun (培训课程,
    种植户)."""
    if any(text.startswith(w, end) for w in z.cfg["noun_words_zh"]):
        return False
    verb = next((w for w in z.cfg["noun_end_zh"] + z.cfg["clause_verbs_zh"] if len(w) > 1 and text.startswith(w, end)), "")
    verb = verb or next((w for w in z.cfg["clause_verbs_zh"] if text.startswith(w, end)), "")
    return bool(verb) and not any(text.startswith(c, end + len(verb)) for c in z.cfg["noun_continues_zh"])


def _clause_end(text: str, end: int, z: ChineseTables) -> int:
    """Where a clause describing the counted noun ends (after its 的): 与……有关的, 主要来自……（……）的; *end* when none."""
    if any(text.startswith(w, end) for w in z.cfg["modifier_openers_zh"]) and not any(
            text.startswith(w, end) for w in z.cfg["modifier_opener_words_zh"]):
        close = text.find("的", end, end + 16)
        if close > 0 and not re.search(r"[，。；,;:]", text[end:close]):
            return close + 1
    if not any(text.startswith(w, end) for w in z.cfg["relative_openers_zh"]) and not _verb_opens(text, end, z):
        return end
    depth, seen = 0, 0
    for i in range(end, min(len(text), end + 120)):
        ch = text[i]
        if ch in "(（「":
            depth += 1
        elif ch in ")）」":
            depth = max(0, depth - 1)
        elif depth == 0:
            seen += 1
            if ch in "，。；,;:" or seen > 30:
                return end
            if ch == "的":
                return i + 1
    return end


def noun_after(text: str, end: int, z: ChineseTables) -> tuple[int, str]:
    """The counted noun after a measure word (its end and text): qualifiers (此类, 新的) and a modifying clause
    (与……有关的, 来自……的) skipped, nouns joined by 和/及/、 kept together (决策者和治疗服务提供者)."""
    for word in z.cfg["qualifiers_zh"]:
        if text.startswith(word, end):
            end += len(word)
            break
    clause, end = end, _clause_end(text, end, z)
    noun = _segment(text[end:], z)
    if end > clause and text[end:end + 1] in z.cfg["clause_single_nouns_zh"] and (
            not noun or text.startswith(z.noun_end + tuple(z.cfg["not_noun_start_zh"]), end + 1)):
        noun = text[end]  # 120万名注射使用毒品的人感染了, 5名来自非洲的人参加: 人 alone after a clause that describes it
    if len(noun) < 2 and noun not in z.cfg["single_nouns_zh"] + z.cfg["clause_single_nouns_zh"] * (end > clause):
        return end, ""
    if scope := z.place_scope.match(noun):  # 涉湄公河流域涉毒案件: the river basin is the scope, not the noun
        end, noun = end + scope.end(), noun[scope.end():]
    stop = committed = end + len(noun)
    while True:
        joiner = next((j for j in z.joiners if text.startswith(j, stop)), None)
        if joiner is None:
            break
        nxt = _segment(text[stop + len(joiner):], z)
        if len(nxt) < 2 or re.search(r"\d", nxt) or re.match(CN_NUMBER, nxt) or stop + len(joiner) + len(nxt) - end > MAX_JOINED:
            break
        if any(nxt.startswith(w) for w in z.cfg["other_qualifiers_zh"]):
            break  # 5个圆桌会议及相关边会: the count is of the first noun only
        names = z.cfg["name_conjuncts_zh"]
        if any(nxt.startswith(w) for w in names["always"]) or any(
                nxt.startswith(w) and not nxt.endswith(tuple(z.cfg["collective_nouns_zh"])) for w in names["unless_collective"]):
            break  # 132个国家和欧洲联盟, 36个国家和联合国亚太经济社会理事会: one named body joined, not counted
        modifier = text[stop - 1] in z.cfg["modifier_ends_zh"] and stop - end <= 4  # 政府间、部门间禁毒合作文件
        stop += len(joiner) + len(nxt)
        if joiner != "、" or modifier:
            committed = stop
    # a list joined by 、 counts only when it closes with 和/及 (海事执法官员、检察官和法官)
    return committed, text[end:committed]


def head_noun(words: str, z: ChineseTables) -> str:
    """The noun at the end of *words*: after the last verb or function word, without scope words and qualifiers
    (全国共破获案件 → 案件, 全球吸毒人数 → 吸毒人数)."""
    inside = [(m.start(), m.end()) for w in z.cfg["noun_words_zh"] for m in literal(w).finditer(words)]
    noun = words[max((m.end() for m in z.before_cut.finditer(words) if not any(a <= m.start() < b for a, b in inside)),
                     default=0):]
    opener = next((w for w in z.cfg["place_scope_openers_zh"] if words[:len(words) - len(noun)].endswith(w)), "")
    if scope := z.place_scope.match(opener + noun):  # (涉及|)湄公河流域毒品犯罪案件: the basin is the scope
        noun = noun[scope.end() - len(opener):]
    for word in z.cfg["scope_zh"] + z.cfg["qualifiers_zh"]:
        if noun.startswith(word) and len(noun) > len(word) + 1:
            noun = noun[len(word):]
    return noun


def parse_chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral such as 三十五, 两千, 一万二千; None when it is not one (三四 "three or four" is vague)."""
    total, section, number = 0, 0, 0
    seen = False
    for ch in text:
        if ch in CN_DIGITS:
            if number:
                return None  # two digits in a row: 三四个, 两三年
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


def numeral_value(raw: str) -> Decimal | None:
    """Arabic or Chinese numerals (3.5, 二十五)."""
    if re.fullmatch(CN_NUMBER, raw):
        value = parse_chinese_number(raw)
        return None if value is None else Decimal(value)
    return digits_value(raw)
