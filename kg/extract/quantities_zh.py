"""Chinese quantities: Arabic and Chinese numerals, 万/亿 (13万1000), ranges (10至15吨) and counted nouns.

A numeral is a quantity before a unit (吨, 公顷, 美元, %) or a measure word and its noun (285 个实验室);
years, dates, ordinals (第二), frequencies (一年两次), vague numerals (数百起) and counts of members named
elsewhere (上述三个网络) are not.  Words: ontology/quantities.toml.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from kg.extract.amounts import NUMBER, Amount, digits_value, join_ranges, measure_units, scale_words
from kg.extract.nlp import alternation
from kg.extract.quantities_zh_fractions import fractions, fractions_of_those
from kg.extract.quantities_zh_words import (
    CN_NUMBER,
    ChineseTables,
    chinese_tables,
    compound,
    head_noun,
    noun_after,
    noun_before,
    parse_chinese_number,
)

# measure words that are the counted thing themselves when no noun follows (34 人, 74,000 多次)
STANDALONE_UNITS = {"国": "国", "人": "人", "人次": "人次", "次": "次"}
BARE_SCALES = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# the first number of a range and its joiner, right before the second (1200万到|2700万)
RANGE_HEAD = re.compile(rf"(?:{NUMBER}|{CN_NUMBER})\s*(?:多|余)?\s*(?:万亿|千亿|万|亿)?\s*(?:至|到|-|–|~)\s*$")
RANGE_END = re.compile(r"(?<![A-Za-z0-9_/.,\-–])\d[\d,.]*\s*[-–]$")  # "10-" before the second number of a range (10-15吨)


def _not_a_count(text: str, start: int, raw: str, z: ChineseTables) -> bool:
    """An ordinal or symbol (第二, 6/2), a frequency (一年两次), a vague numeral (数百) or a count of members
    named elsewhere (上述三个网络, 所有 19 项文书)."""
    if start > 0 and (text[start - 1] in "第/.-–·・" or text[start - 1].isdigit()) and not RANGE_END.search(text, 0, start):
        return True
    before = text[:start].rstrip()
    if before.endswith(tuple(z.cfg["frequency_before_zh"] + z.cfg["reference_before_zh"])):
        return True  # 一年两次, 议程项目107
    if before.endswith(tuple(z.cfg["ordinal_before_zh"])) and not before.endswith(tuple(z.cfg["ordinal_exceptions_zh"])):
        return True  # 前两期: the first two phases (but 目前5个)
    if re.fullmatch(r"(?:19|20)\d\d", raw) and before and before[-1] in "「“\"『(（":
        return True  # a year opening a title: 「2019国际警察合作论坛」
    clause = re.split(r"[，。；,;]", before)[-1]
    if "每" in clause and any(before.endswith(w) for w in z.cfg["ratio_before_zh"]):
        return True  # 每20人中就有1人 (but 人口中有5.5%)
    return bool(re.fullmatch(CN_NUMBER, raw)) and bool(before) and before[-1] in z.cfg["vague_before_zh"]


def _titles_before(text: str, start: int) -> int:
    """How many quoted titles stand right before a count (“A”和“B”的两个……)."""
    run = re.search(r"(?:[“\"][^”\"]{1,120}[”\"]\s*(?:和|、|及|与|以及)?\s*)+的?\s*$", text[:start])
    if not run:
        return 0
    # a quoted list of items (“A；B；C”三项主张) counts its items
    return sum(len(re.split(r"[;；]", q)) for q in re.findall(r"[“\"]([^”\"]{1,120})[”\"]", run.group()))


def _value(m: re.Match, z: ChineseTables) -> Decimal | None:
    """The number of a match: Arabic or Chinese numerals times 万/亿, plus the tail of 13万1000; a scale word alone only
    after a word of approximation (上百起, 近万个, 逾千人: 100, 10000, 1000), else it is part of a word (千家万户)."""
    raw = m.group("num")
    if raw in BARE_SCALES:
        vague = any(m.string.find(w, max(0, m.start() - len(w)), m.end() + len(w)) >= 0 for w in z.cfg["vague_words_zh"])
        return Decimal(BARE_SCALES[raw]) if _bare_scale_lead(m.string, m.start(), z) and not vague else None
    if re.fullmatch(CN_NUMBER, raw):
        # Chinese numerals only before a measure word, and never "一" alone (一个 = "a")
        value = parse_chinese_number(raw)
        if value is None or value < 2:
            return None
        number = Decimal(value)
    else:
        number = digits_value(raw)
    if m.group("scale"):
        number *= scale_words()[m.group("scale")]
        if m.group("tailscale"):  # 1万8千 = 18000, 1亿5千万 = 150000000
            wan = scale_words()["万"] if m.group("tailwan") else 1
            number += Decimal(m.group("tail")[0]) * scale_words()[m.group("tailscale")] * wan
        elif m.group("tail"):  # 13万1000 = 131000
            number += Decimal(m.group("tail"))
    return number


def _bare_scale_lead(text: str, start: int, z: ChineseTables) -> str:
    """The word of approximation right before a scale word written alone (上 of 上百起, 近 of 近万个), or ""."""
    return next((w for w in z.cfg["bare_scale_after_zh"] if text.endswith(w, 0, start)), "")


def _text_before(text: str, start: int, z: ChineseTables) -> str:
    """The text before a number, without the 上 of a scale word written alone (犯罪团伙上|百个: the noun ends before 上)."""
    lead = _bare_scale_lead(text, start, z) if text[start:start + 1] in BARE_SCALES else ""
    return text[:start - len(lead)] if lead == "上" else text[:start]


def find_zh(text: str) -> list[Amount]:
    """Quantities in normalised Chinese text (traditional characters arrive folded: 噸, 億, 個 read as 吨, 亿, 个)."""
    return _find(text, chinese_tables())


def _find(text: str, z: ChineseTables) -> list[Amount]:
    """Quantities in normalised simplified Chinese text."""
    found = fractions(text, z)
    named: set[int] = set()  # counts of States named in the passage (中寮越柬缅泰6国)
    taken = [(f.start, f.end) for f in found]
    pending: list[tuple] = []  # numbers before a range joiner: 10至15吨
    for m in z.pattern.finditer(text):
        start = m.start()
        if any(a <= start < b for a, b in taken) or _not_a_count(text, start, m.group("num"), z):
            continue
        number = _value(m, z)
        if number is None or number == _titles_before(text, start):
            continue  # 题为“强大的家庭”和“家庭团结”的两个家庭技能方案: the count of the titles named
        rest = text[m.end():]
        joiner = re.match(r"(?:至|到|-|–|~)\s*(?=\d|[零〇一二两三四五六七八九十])", rest)
        if joiner:
            later = z.pattern.match(text, m.end() + joiner.end())
            if not m.group("scale") and later and later.group("scale"):
                number *= scale_words()[later.group("scale")]  # 1.5至2亿人: 150000000
            pending.append((start, m.end(), number, m.end() + joiner.end()))
            continue
        if any(rest.startswith(word) for word in z.cfg["not_after"]) and not any(rest.startswith(u) for u, _ in measure_units()):
            continue  # 6月, 5日 (but 5亿日元)
        amount = _measured(text, start, m.end(), number, z, bool(m.group("scale"))) or _counted_before(text, m, number, z)
        if amount is not None and amount.unit:
            amount = _of_those(text, amount, found)
        else:
            amount = None  # no counted noun left (议定书共有122个 at the end of a text)
        if amount is not None and not _named_states(text, start, m.end(), number, named, z) and not _collective(text, amount, z) \
                and not _listed_after(text, amount, z) and not _listed_before(text, amount, z) \
                and not _quoted_name(text, start, m.end(), z):
            found.append(amount)
    return found + join_ranges(pending, found) + fractions_of_those(text, found, z)


def _collective(text: str, amount: Amount, z: ChineseTables) -> bool:
    """A count of entities named elsewhere (上述三个网络, 所有 19 项文书, 这两个传统供应国); a count of other things after
    the same words stays a quantity (所有四个支柱)."""
    before = text[:amount.start].rstrip()
    return (any(before.endswith(w) for w in z.cfg["collective_before_zh"])
            and any(amount.unit.endswith(n) for n in z.cfg["collective_nouns_zh"]))


def _listed_after(text: str, amount: Amount, z: ChineseTables) -> bool:
    """A count followed by as many items as it counts after a dash (两大毒品产地——金三角和金新月): it counts the members
    it names (a list after a colon may name things that are no entities: 任务有三项：培训、研究和交流)."""
    cfg = z.cfg["listed_after_zh"]
    if amount.value != amount.value.to_integral_value() or not 2 <= amount.value <= cfg["most"]:
        return False
    listed = re.match(rf"\s*—+\s*(?!{alternation(cfg['enumeration_openers'])})([^，。；,;:：]+)", text[amount.end:])
    items = re.split(alternation(list(z.joiners)), listed.group(1)) if listed else []
    return len(items) == amount.value and all(len(i) <= cfg["item_chars"] for i in items)  # names, not clauses


def _listed_before(text: str, amount: Amount, z: ChineseTables) -> bool:
    """A count right after as many items as it counts, joined by 、 and closed by 和/及 (供给和需求两方面, 甲、乙和丙三国): it
    counts the items it stands in apposition to, not a quantity; after 等 only when it counts places or bodies
    (listed_kinds_zh: 东湖区、西湖区……等六个市区), else the list is open (……等四个工作组 stays)."""
    if amount.value != amount.value.to_integral_value() or not 2 <= amount.value <= z.cfg["listed_after_zh"]["most"]:
        return False
    clause = re.split(r"[，。；：,;:！？（）()\d]", text[:amount.start])[-1]
    named = clause.endswith("等") and amount.unit.endswith(tuple(z.cfg["listed_kinds_zh"]))  # A、B……等六个市区
    clause = clause[:-1] if named else clause
    if not clause or clause.endswith(("等", "的")):
        return False
    items = re.split(alternation(list(z.joiners)), clause)
    closed = named or re.search(r"(?:和|及|与)[^、和及与]+$", clause) is not None
    return len(items) == amount.value and closed and not re.search(r"[的了]", clause) and all(
        0 < len(i) <= z.cfg["listed_after_zh"]["item_chars"] for i in items[1:])  # the first item runs on from its clause


def _quoted_name(text: str, start: int, end: int, z: ChineseTables) -> bool:
    """A numeral inside a quoted name or title (“六国七方”谅解备忘录, “2022年打击走私十大案例”) that closes within a few
    characters after it: part of the name, no count."""
    before, after = z.cfg["quoted_name_chars_zh"]
    opened = re.search(rf"[“「]([^“”「」]{{0,{before}}})$", text[:start])
    return bool(opened) and bool(re.match(rf"[^“”「」]{{0,{after}}}[”」]", text[end:]))


def _named_states(text: str, start: int, end: int, number: Decimal, named: set, z: ChineseTables) -> bool:
    """A count of States the passage names (not a quantity): 中寮越柬缅泰6国 (as many one-character names before it),
    湄公河流域4国：中国、缅甸、老挝和泰国 (as many names listed after it), and the same count again later (4国决定)."""
    after = re.match(r"\s*国(?:家)?", text[end:])
    if after is None or number != number.to_integral_value() or not 2 <= number <= 30:
        return False
    n = int(number)
    if n in named:
        return True
    listed = re.match(r"[:：]\s*([^，。；,;:]+)", text[end + after.end():])
    names = len(re.split(r"、|和|及|与", listed.group(1))) if listed else 0
    if names == n or start >= n and all(ch in z.cfg["state_abbreviations_zh"] for ch in text[start - n:start]):
        named.add(n)
        return True
    return False


def _of_those(text: str, amount: Amount, found: list[Amount]) -> Amount | None:
    """A count whose noun is not written (unit: its bare measure word) takes the noun of the count before it in the
    sentence when that count has the same measure word or 其中 ("of them") stands before it: 在190个缔约国中，已有150个
    完成了……, 16处实验室，其中13处……; else it counts nothing."""
    z = chinese_tables()
    if amount.unit not in z.classifiers or amount.unit in STANDALONE_UNITS or amount.unit in (
            z.cfg["container_classifiers_zh"] + z.cfg["self_counting_classifiers"] + z.cfg["times_classifiers_zh"]):
        return amount
    last = next((f for f in reversed(found) if f.end <= amount.start and not re.search(r"[。；;!?！？]", text[f.end:amount.start])), None)
    if last is None or last.unit in {norm for _, norm in measure_units()}:
        return amount if text[:amount.start].endswith("其中") else None
    same = re.match(rf"[\d,.\s零〇一二两三四五六七八九十百千万亿多余]+{re.escape(amount.unit)}", text[last.start:last.end])
    return replace(amount, unit=last.unit) if same or text[:amount.start].endswith("其中") else None


def _counted_before(text: str, m: re.Match, number: Decimal, z: ChineseTables) -> Amount | None:
    """A bare number after a noun of "the number of" and a verb: 冰毒服用人数超过1200万 (人数 kept), 捐助方数量为106."""
    if not m.group("scale") and not re.match(r"\s*(?:[，。；、,;:)）]|之间|$)", text[m.end():]):
        return None
    # the second number of a range reads its noun before the first (人口总数大约在1200万到2700万之间)
    head = RANGE_HEAD.sub("", text[:m.start()])
    before = z.count_bare.search(_without_brackets(head))
    if before is None:
        return None
    noun = head_noun(before.group("noun"), z)
    head = next((h for h in z.cfg["count_heads_zh"] if noun.endswith(h)), "")
    return Amount(m.start(), m.end(), number, noun[:len(noun) - len(head)] if head else noun)


def _without_brackets(text: str) -> str:
    """*text* without the bracketed asides that stand between a noun and its verb (家庭（包括……）达到)."""
    return re.sub(r"[(（][^()（）]*[)）]", "", text[-200:])


def _measured(text: str, start: int, end: int, number: Decimal, z: ChineseTables, scale: bool = False) -> Amount | None:
    """The unit (吨, 美元) or the measure word and counted noun after a number."""
    rest = text[end:]
    tenths = z.cfg["tenths_zh"]
    if rest.startswith(tenths["word"]) and rest[1:2] not in tenths["not_before"] and number <= 10:
        return Amount(start, end + 1, number * 10, "percent")  # 下降了六成: 60 percent
    hit = next(((word, norm) for word, norm in measure_units() if rest.startswith(word)), None)
    if hit is not None:
        end += len(hit[0])
        measured = "" if hit[1] in z.cfg["money_units"] or hit[1] == "percent" else noun_after(text, end, z)[1]
        return Amount(start, end, number, hit[1], measured)
    if re.fullmatch(r"(?:19|20)\d\d", text[start:end].strip()):
        return None  # a year before a name (2019台湾地区, 2019国际论坛): years count nothing
    cls = next((c for c in z.classifiers if rest.startswith(c)), None)
    if cls is not None and (any(rest.startswith(w) for w in z.cfg["not_classifier_words_zh"])
                            or number > dict(z.cfg["small_classifiers_zh"]).get(cls, number)):
        cls = None  # 107 大会决议: 大会 is a word, not the measure word 大; 十九大: the 19th Congress
    people = re.match(r"[^\W\d_的在被将是和与及]{2,4}?人(?:员|(?![员口民士数类质]))", rest) if cls is None and scale else None
    if people:  # 350万索马里人: a large number before a people counts them without a measure word
        return Amount(start, end + people.end(), number, people.group())
    if cls is None or cls in z.cfg["edition_classifiers_zh"] and text[:start].endswith(tuple(z.cfg["edition_after_zh"])):
        return None  # “湄龙”行动三期: the third phase of a named operation, not three of anything
    end += len(cls)
    if any(text.startswith(word, end) for word in z.cfg["name_heads_zh"]):
        return None  # a numeral inside a name: 八国集团, 八国首脑会议
    clause = re.split(r"[，。；,;]", text[:start])[-1]
    if cls in z.cfg["frequency_classifiers_zh"] and any(w in clause for w in z.cfg["frequency_before_zh"]):
        return None  # 每年举行两次: a frequency
    return _counted(text, start, end, number, cls, z)


def _states(text: str, start: int, end: int, number: Decimal, cls: str, z: ChineseTables) -> Amount | None:
    """N国 without a measure word: a count of States of a scope it names (东盟十国, 区域五国, 亚非拉50余国; 国, or 国政府
    with a head of ``state_heads_zh``), else a reference to States the text names or knows (两国禁毒合作, 四国执法部门,
    6国将加强……): no quantity, as up to ``bare_states_max_zh``."""
    cfg = z.cfg["bare_states_zh"]
    before = z.approx.sub("", text[max(0, start - 12):start].rstrip())
    scoped = before.endswith(tuple(cfg["scope_ends"])) or bool(re.search(r"[多余]\s*国$", text[start:end]))
    if not scoped and number <= cfg["collective_max"]:
        return None
    head = next((h for h in cfg["heads"] if text.startswith(h, end)), "")
    return Amount(start, end + len(head), number, cls + head)


def _counted(text: str, start: int, end: int, number: Decimal, cls: str, z: ChineseTables) -> Amount | None:
    """The counted noun of a number and its measure word: after it (285 个实验室), else before it (逮捕嫌疑人31289人,
    成员海关29个, 捐助方数量为 106 个), else the measure word itself (34 人, 101袋)."""
    closed = bool(re.match(r"\s*(?:[，。；、,;:()（）]|$)", text[end:]))
    head = _text_before(text, start, z)
    if cls in z.cfg["self_counting_classifiers"] and not compound(text, end):
        own = cls in z.cfg["times_classifiers_zh"]  # 出动警力5000余人次: the times themselves
        return Amount(start, end, number, closed and not own and noun_before(head, len(head), z) or cls)
    if cls in z.cfg["noun_classifiers_zh"] and not text.startswith("家", end):
        return _states(text, start, end, number, cls, z)
    noun_end, noun = noun_after(text, end, z)
    if noun and any(noun.endswith(h) or noun.endswith(h + p) for h in z.cfg["collective_heads_zh"] for p in z.cfg["party_words_zh"]):
        return None  # 三项禁毒公约, 三个禁毒公约缔约国: the members of a collective of treaties
    if noun:
        return Amount(start, noun_end, number, cls + noun if cls in z.cfg["noun_classifiers_zh"] else noun)
    if cls in z.cfg["times_classifiers_zh"]:
        return Amount(start, end, number, cls)  # 访问量超过74,000多次: the times themselves
    noun = noun_before(head, len(head), z) if closed and cls not in z.cfg["noun_classifiers_zh"] else ""  # 20余国 counts 国
    if noun:
        return Amount(start, end, number, noun)
    before = z.count_of.search(_without_brackets(head).rstrip())  # 捐助方数量为 106 个
    if before is not None:
        return Amount(start, end, number, head_noun(before.group("noun"), z))
    # 101袋, 34人; else the bare measure word: _of_those gives it the noun of the count before it, or drops it
    return Amount(start, end, number, STANDALONE_UNITS.get(cls, cls))
