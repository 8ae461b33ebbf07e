"""Structure of new Chinese names that no reference entity marks: proper nouns from the dictionary, word-closing stop
characters and reference labels at the end of a longer new name.

A new name such as 湄公河边境联络项目 holds no place of the reference data, yet it is a name: 湄公河 is a place name
in jieba's dictionary (tags rules.toml [mint.zh] proper_noun_tags, at least proper_noun_chars characters long).  A
one-character stop word that closes a dictionary word (正 in 廉正, 在 in 存在) ends no name.  A reference label at
the end of a name opened by an organisation prefix (统计委员会 in 联合国海事犯罪统计委员会) is that longer name's head.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache

from kg.core.namespaces import ID
from kg.core.resources import rules
from kg.core.vocabulary import BODIES, ORGANIZATIONS, PLACE_OR_ORG, PLACES, family
from kg.extract.compiled import cached
from kg.extract.link import MIN_WORD_FREQ, NOUN, Match, zh_dictionary, zh_words
from kg.extract.words import WordTable

PROPER, CLOSED, ADVERB, LINKING, TOWN = 1, 2, 3, 4, 5
MAX_CHARS = 6


@lru_cache(maxsize=1)
def proper_nouns() -> WordTable:
    """Proper nouns (place and transliterated names) of jieba's dictionary (cached, see kg.extract.compiled)."""
    return cached("proper", "zh", _read_proper_nouns)


def _read_proper_nouns() -> WordTable:
    cfg = rules()["mint"]["zh"]
    tags, least = set(cfg.get("proper_noun_tags", ())), cfg.get("proper_noun_chars", 3)
    closing = set(cfg.get("word_closing_stops", ()))
    adverbs = set(cfg.get("clause_adverb_tags", ()))
    linking, towns = set(cfg.get("subject_adverb_tags", ())), set(cfg.get("town_tags", ()))
    folder = os.path.dirname(importlib.util.find_spec("jieba").origin)
    words: dict[str, int] = {}
    with open(os.path.join(folder, "dict.txt"), encoding="utf-8") as handle:
        for line in handle:
            word, freq, tag = line.split()
            if tag in tags and least <= len(word) <= MAX_CHARS and int(freq) >= MIN_WORD_FREQ:
                words[word] = PROPER
            elif len(word) == 2 and word[1] in closing and word[0] not in closing:
                words[word] = CLOSED  # 廉正, 公正, 修正: a rare word is still a word here
            elif len(word) == 2 and tag in adverbs and int(freq) >= MIN_WORD_FREQ:
                words[word] = ADVERB  # 积极, 切实, 努力
            elif len(word) == 2 and tag in towns and int(freq) >= MIN_WORD_FREQ:
                words[word] = TOWN  # 深圳, 昆明: too short to make a name specific, enough to open a town's body
            elif len(word) == 2 and tag in linking and int(freq) >= MIN_WORD_FREQ:
                words[word] = LINKING  # 先后, 分别, 已经: between a subject and its verb
    return WordTable(words, MAX_CHARS)


def holds_proper_noun(text: str, start: int, end: int, matches: list[Match]) -> bool:
    """A proper noun of the dictionary stands in text[start:end], outside every reference name and not inside a
    longer word around it (its first character opens a word, its last one closes it)."""
    table = proper_nouns()
    least = rules()["mint"]["zh"].get("proper_noun_chars", 3)
    for s in range(start, end - least + 1):
        if any(m.start <= s < m.end for m in matches):
            continue
        for size in range(min(MAX_CHARS, end - s), least - 1, -1):
            if table.get(text[s:s + size]) == PROPER and not any(m.start < s + size <= m.end for m in matches):
                return True
    return False


def closes_word(text: str, i: int, stop: str, stops: list[str]) -> bool:
    """The one-character stop word ending at *i* is one of rules.toml [mint.zh] word_closing_stops and closes a
    two-character dictionary word that is no stop word of its own (廉正 in 巴尔干边境廉正倡议): it is part of the name."""
    if len(stop) != 1 or i < 2:
        return False
    word = text[i - 2:i]
    return word not in stops and proper_nouns().get(word) == CLOSED


def label_at_end(text: str, start: int, covered: Match, prefixes: list[str], stops: list[str], matches: list[Match]) -> bool:
    """A reference label ending the name (*covered*, which holds its head word) after an organisation prefix that
    opens the name and at least two more characters with no stop word or other name between (联合国 + 海事犯罪 +
    统计委员会): the longer name is a new name, not the label."""
    if covered.start <= start:
        return False
    opener = next((p for p in prefixes if text.startswith(p, start)), None)
    if opener is None or covered.start - start - len(opener) < 2 or covered.end - covered.start < 3:
        return False
    between = text[start + len(opener):covered.start]
    return not any(w in between for w in stops) and not any(start < m.start < covered.start for m in matches)


def after_clause(text: str, start: int, at: int, matches: list[Match]) -> int:
    """The start of a name that the words before it show to be a clause (中国积极落实全球安全倡议: subject, adverb,
    verb, then the name): after the last adverb of manner (rules.toml [mint.zh] clause_adverb_tags) and the word
    after it, when at least four characters are left before the head word *at*; else *start*."""
    table = proper_nouns()
    best = start
    for s in range(start, at - 1):
        if table.get(text[s:s + 2]) != ADVERB or any(m.start <= s < m.end for m in matches):
            continue
        after = s + 2
        after += 2 if text[after:after + 2] in zh_words()[0] else 0
        if at - after >= 4:
            best = after
    heads = tuple(rules()["mint"]["zh"].get("subject_heads", ()))
    for s in range(start + 2, at - 3):  # 禁毒委员会先后拜访广东省禁毒委员会: a body, an adverb, a verb, then the name
        if table.get(text[s:s + 2]) in (ADVERB, LINKING) and text.endswith(heads, start, s) and \
                not any(m.start < s < m.end for m in matches):
            after = s + 2 + (2 if text[s + 2:s + 4] in zh_words()[0] else 0)
            best = max(best, after) if at - after >= 2 else best
    best = verb_before_place(text, best, at, matches)
    pattern = rules()["mint"]["zh"].get("quantity_pattern")
    counted = [q.end() for q in re.finditer(pattern, text[best:at])] if pattern else []
    best = best + counted[-1] if counted else best
    cfg = rules()["mint"]["zh"]  # 牵头组织国际反贪局联合会: a verb head before 国际 or 世界 is the clause's verb
    verb = next((v for v in cfg.get("verb_heads", ()) if text.startswith(v, best) and text.startswith(tuple(cfg.get("world_openers", ())), best + len(v))), None)
    return best + len(verb) if verb else best


def verb_before_place(text: str, start: int, at: int, matches: list[Match]) -> int:
    """A two-character word of the dictionary that is no noun (a verb: 实施, 执行) right before a place that opens the
    rest of the name (a reference place or a proper noun: 实施太平洋反腐败项目) is the clause's; purpose verbs
    (rules.toml [mint.zh] purpose_openers) open names of their own."""
    after = start
    while after + 2 < at and after < start + 4 and zh_dictionary()[2].get(text[after:after + 2], NOUN) != NOUN and \
            text[after:after + 2] not in rules()["mint"]["zh"].get("purpose_openers", ()):
        after += 2  # 巩固深化中国—东盟……会议: two verbs before the place
        if any(m.start == after and m.end < at and m.type in PLACES for m in matches) or \
                any(proper_nouns().get(text[after:after + k]) == PROPER for k in range(3, min(MAX_CHARS, at - after) + 1)):
            return after
    return start


def split_head(tail: str) -> bool:
    """The last three characters of a name are a word and a one-character head, not a character and a word that the
    head closes (国土安全部: 安全 and 部, not 全部 "all"; rules.toml [mint.zh] split_head_words)."""
    return tail[1:] in rules()["mint"]["zh"].get("split_head_words", ()) and tail[:2] in zh_words()[0]


def treaty_body_form(text: str, at: int, head: str) -> bool:
    """The head word ends the name of a treaty's own body that the reference data holds under the treaty (履约审议机制,
    实施情况审议机制: the review mechanism of the treaty named before, found by kg.extract.nested): rules.toml
    [mint.zh] treaty_body_words, the words right before such a head."""
    words = dict(rules()["mint"]["zh"].get("treaty_body_words", []))
    return any(text.endswith(w, 0, at) for w in words.get(head, ()))


def field_office(text: str, start: int, end: int, suffix: str, matches: list[Match], cfg: dict) -> bool:
    """An office of an organisation in a place is no entity: a name ending with a field-office head (区域办事处), or an
    office (办事处, 办公室) right after an organisation's name or holding 驻 (……办公室驻哥伦比亚办公室)."""
    if not any(text.endswith(h, 0, end) for h in cfg.get("office_heads", ())):
        return False
    if any(text.endswith(h, 0, end) for h in cfg.get("field_office_heads", ())) or "驻" in text[start:end]:
        return True
    at = start - 1 if text.endswith("驻", 0, start) else start
    owners = {ID[i] for i in cfg.get("owner_iris", ())}  # 毒品和犯罪问题办公室东南亚和太平洋区域中心: UNODC's own office
    return any(m.end == at and m.type in ORGANIZATIONS or m.start == start and m.iri in owners for m in matches)


def national_start(text: str, start: int, at: int, etype: str, matches: list[Match], cfg: dict, head: str = "") -> int | None:
    """Start of a national body's name that opens with a word such as 国家 or 最高 (rules.toml [mint.zh]
    national_openers: 国家禁毒委员会, 最高人民检察院): the last such word before the head, unless a place opens the name
    right before it (尼日利亚国家禁毒执法局 keeps its State)."""
    if etype not in PLACE_OR_ORG or text.startswith(tuple(cfg.get("national_not_heads", ())), at):
        return None  # 中央决策组织: a description of an organisation, no national body's name
    best = None
    least = 1 if head in cfg.get("national_only_suffixes", ()) else 2  # 国家监委
    for opener in cfg.get("national_openers", ()):
        at_opener = text.rfind(opener, start, at)
        if at_opener >= 0 and at - at_opener - len(opener) >= least and (best is None or at_opener > best):
            best = at_opener
    state = next((m for m in matches if m.end == best and m.type in PLACES), None)
    if state is not None and state.start >= start and least == 1:
        return state.start  # 中国国家监委: the State opens the name of a national body that only 国家 makes one
    if best is None or any(m.end == best and m.type in PLACE_OR_ORG for m in matches) or any(m.start < best < m.end for m in matches):
        return None
    opener = next(o for o in cfg.get("national_openers", ()) if text.startswith(o, best))
    standalone = rules()["mint"].get("zh_bodies", {}).get("standalone", ())
    return best + len(opener) if text.startswith(tuple(standalone), best + len(opener)) else best  # 国家公安部禁毒局: 公安部……


def organ_of(text: str, at: int, suffix: str, etype: str, matches: list[Match], cfg: dict) -> Match | None:
    """The known organisation right before an organ's head word (非洲联盟 in 非洲联盟委员会), if any."""
    if etype not in PLACE_OR_ORG or suffix not in cfg.get("organ_heads", ()):
        return None
    return next((m for m in matches if m.end == at and m.type in ORGANIZATIONS and m.end - m.start >= 2), None)  # 欧盟理事会


ABBREVIATION_ASIDE = re.compile(r"[（(][A-Z][A-Za-z0-9&.\-]{0,11}[)）]$")


def abbreviation_aside(text: str, i: int) -> int | None:
    """Where an abbreviation in Latin letters in parentheses ends at *i* inside a name (二十国集团（G20）反腐败追逃追赃研究中心,
    东盟禁毒事务高官（ASOD）工作组), the start of the aside: the name goes on to its left; else None."""
    hit = ABBREVIATION_ASIDE.search(text, max(0, i - 14), i)
    if hit is None or hit.start() == 0 or not "\u4e00" <= text[hit.start() - 1] <= "\u9fff":
        return None  # “……”（TRACK4TIP）倡议: the quoted name before the aside is the name
    return hit.start()


def verb_head(text: str, at: int, end: int, matches: list[Match]) -> bool:
    """The head word is a verb: right after an adverb of manner (苏里南精心组织会议: 组织 "organise"), or a head of
    rules.toml [mint.zh] verb_heads (倡议 "propose", 组织 "organise") right before a name it takes as its object
    (感谢布基纳法索倡议安理会……举行辩论会)."""
    cfg = rules()["mint"]["zh"]
    adverb = proper_nouns().get(text[at - 2:at]) == ADVERB or text[at:end] in cfg.get("verb_heads", ()) and \
        text.endswith(tuple(cfg.get("verb_head_adverbs", ())), 0, at)  # 精心组织, 共同倡议: jieba tags these otherwise
    if adverb and not any(m.start < at <= m.end for m in matches):
        return True
    if text[at:end] in cfg.get("verb_heads", ()) and text.endswith(tuple(cfg.get("verb_after_heads", ())), 0, at):
        return True  # 禁毒委员会组织代表团: the body organises
    return text[at:end] in cfg.get("verb_heads", ()) and any(m.start == end for m in matches)


def licensed(text: str, start: int, end: int, head: str, abbreviated: bool) -> int | None:
    """The start of a name whose head word names only with a licence (rules.toml [mint.zh] licensed_heads), None
    without it: "abbreviation", a Latin abbreviation in parentheses right after the name (区域安全系统（RSS）); "quote",
    a quoted name inside it or right before it (“湄龙”跨境联合执法行动).  Other heads need none: *start*."""
    licence = dict(rules()["mint"]["zh"].get("licensed_heads", [])).get(head)
    if licence == "abbreviation":
        return start if abbreviated else None
    if licence and licence.startswith("holds:"):  # 中国常驻联合国代表团: a delegation is a name only as a permanent mission
        return start if licence[len("holds:"):] in text[start:end] else None
    if licence == "quote":
        quoted = rules()["mint"]["zh"]["quoted_name"]
        before = re.search(rf"(?:{quoted})$", text[max(0, start - 22):start])
        if before is not None:
            return start - len(before.group(0))
        return start if re.search(quoted, text[start:end]) else None
    return start


def body_in_list(text: str, start: int, end: int, head: str, matches: list[Match]) -> bool:
    """A body's name in a list of known intergovernmental bodies (妇女地位委员会、人权委员会和预防犯罪和刑事司法委员会): a
    head of rules.toml [mint.zh] body_list_heads with at least two characters before it, and a known body right before
    it or right after it across 、/和/及."""
    cfg = rules()["mint"]["zh"]
    if head not in cfg.get("body_list_heads", ()) or end - start - len(head) < 2:
        return False
    joiners = tuple(cfg.get("list_joiners", ()))
    before = next((j for j in joiners if text.endswith(j, 0, start)), None)
    after = next((j for j in joiners if text.startswith(j, end)), None)
    return any(m.type in BODIES and (before is not None and m.end == start - len(before)
                                     or after is not None and m.start == end + len(after)) for m in matches)


def province_opening(name: str) -> re.Match | None:
    """The State's province, region or city that opens *name* (云南省, 广西壮族自治区: rules.toml [mint.zh]
    province_pattern), or None."""
    pattern = rules()["mint"]["zh"].get("province_pattern")
    return re.match(pattern, name) if pattern else None


def placed_office(text: str, start: int, at: int, matches: list[Match]) -> bool:
    """An office that a State's name opens with a subject of at least rules.toml [mint.zh] placed_office_chars
    characters before its head (越南毒品犯罪问题办公室, a national body), not an organisation's office in a place."""
    cfg = rules()["mint"]["zh"]
    first = next((m.end for m in matches if m.start == start and m.type == "Country"), None)
    province = province_opening(text[start:at])  # 云南省禁毒委员会办公室: a province's
    first = province.end() if first is None and province else first
    return first is not None and at - first >= cfg.get("placed_office_chars", 4) and \
        any(w in text[first:at] for w in cfg.get("placed_office_topics", ())) and \
        not any(w in text[first:at] for w in cfg.get("placed_office_not", ())) and \
        not any(m.type in ORGANIZATIONS and first <= m.start < at for m in matches)


def label_over(text: str, start: int, covered: Match, matches: list[Match]) -> bool:
    """:func:`label_at_end` with the rules' prefixes and stop words: whether a new name from *start* took the reference
    label *covered* at its end as its head (then the label is no mention of its own)."""
    cfg = rules()["mint"]["zh"]
    return label_at_end(text, start, covered, cfg.get("organisation_prefixes", []), cfg["name_stop_words"], matches)


def after_government(text: str, start: int, end: int, matches: list[Match]) -> int:
    """The start of a body's name after its government (香港特区政府保安局禁毒处: 保安局禁毒处; 澳门特别行政区政府社会工作局:
    社会工作局): a place opening the name, then one of rules.toml [mint.zh_bodies] government_openers, then at least three
    characters; else *start*."""
    place = next((m for m in matches if m.start == start and m.type in PLACES), None)
    if place is None:
        return start
    opener = next((g for g in rules()["mint"]["zh_bodies"].get("government_openers", ()) if text.startswith(g, place.end)), None)
    return place.end + len(opener) if opener is not None and end - place.end - len(opener) >= 3 else start


def names_known_aside(text: str, m, matches: list[Match]) -> bool:
    """A name holding a reference entity's Latin abbreviation in parentheses, of its own family (……法律共享（SHERLOC）
    知识管理门户): the reference entity, found already, not a new one."""
    return any(m.start < k.start and k.end < m.end and text[k.start - 1:k.start] in "(（" and text[k.start:k.end].isascii()
               and family(k.type) == family(m.type) for k in matches)


def counted_before(text: str, start: int) -> bool:
    """A count right before a name (1个欧洲组织, 三家国际组织: rules.toml [mint.zh] counted_pattern): a common noun
    counted, no organisation's name."""
    pattern = rules()["mint"]["zh"].get("counted_pattern")
    return bool(pattern) and re.search(f"(?:{pattern})$", text[max(0, start - 8):start]) is not None


def world_named(text: str, start: int, at: int, head: str, cfg: dict) -> bool:
    """A name opening with 国际 or 世界 (rules.toml [mint.zh] world_openers) before an agency's or a federation's head
    (world_heads: 国际海事局, 国际反贪局联合会, 世界经济论坛) and at least two characters of its subject: such a name
    names one body, as 联合国 before a head does; 国际协会 or a name with a clause word in it does not."""
    opener = next((o for o in cfg.get("world_openers", ()) if text.startswith(o, start)), None)
    if opener is None or head not in cfg.get("world_heads", ()) or at - start - len(opener) < 2:
        return False
    core = text[start + len(opener):at]
    if core in cfg.get("world_generic_subjects", ()):
        return False
    return not any(ch in core for ch in cfg.get("clause_chars", "") + "的和与及")


def town_named(text: str, start: int, at: int) -> bool:
    """text[start:at] is a place name of the dictionary (深圳, 黄埔, 满洲里): a town before its body's head."""
    return proper_nouns().get(text[start:at]) in (TOWN, PROPER)


def _place_opener(text: str, joiner: int, stops: list[str], breaks: str, matches: list[Match], heads: tuple) -> int | None:
    """The start of a name that opens with a State and joins two words with 和/与/及 (尼日利亚经济和金融犯罪委员会): a
    place at most six characters before the joiner, after a break or stop word, with no break, stop word or head
    word between it and the joiner."""
    for m in matches:
        if m.type not in PLACES or not (0 < joiner - m.end <= 6):
            continue
        between = text[m.end:joiner]
        opened = m.start == 0 or text[m.start - 1] in breaks or any(text.endswith(w, 0, m.start) for w in stops)
        if opened and not any(ch in breaks for ch in between) and not any(w in between for w in stops if len(w) > 1) \
                and not _holds_head(between, heads) and not any(o.start < joiner and o.end > m.end for o in matches if o is not m):
            return m.start
    return None


def joined_start(text: str, i: int, joiner: int, suffix_start: int, stops: list[str], breaks: str, matches: list[Match],
                  heads: tuple, place_joins: bool) -> int | None:
    """The start of a name across the joiner before *i*: a body of the organisation opening it, or a name opening with a
    State (not when a place follows the joiner: 日本政府和德国联邦外交部 are two names)."""
    owner = _organisation_opener(text, joiner, suffix_start, stops, breaks, matches, heads)
    if owner is not None or not place_joins or i >= suffix_start or any(m.start == i and m.type in PLACES for m in matches):
        return owner
    return _place_opener(text, joiner, stops, breaks, matches, heads)


def _organisation_opener(text: str, joiner: int, suffix_start: int, stops: list[str], breaks: str, matches: list[Match],
                         heads: tuple) -> int | None:
    """The start of a body's name (rules.toml [mint.zh] joined_body_heads) that opens with a known organisation and joins
    two subjects with 和/与/及 (上合组织……管制及减少毒品需求专家工作组): 2-12 characters, no break, stop or head word between."""
    if not text.startswith(tuple(rules()["mint"]["zh"].get("joined_body_heads", ())), suffix_start):
        return None
    for m in matches:
        between = text[m.end:joiner]
        if m.type in ORGANIZATIONS and 2 <= joiner - m.end <= 12 and not any(ch in breaks for ch in between) and \
                not any(w in between for w in stops if len(w) > 1) and not _holds_head(between, heads) and \
                not any(o.start < joiner and o.end > m.end for o in matches if o is not m):
            return m.start
    return None


def _holds_head(between: str, heads: tuple) -> bool:
    """A head word stands in *between*: a longer one anywhere, a one-character one where it ends no common word
    (局 in 中央当局 ends 当局)."""
    for h in heads:
        at = between.find(h)
        if at >= 0 and (len(h) > 1 or at == 0 or between[at - 1:at + 1] not in zh_words()[0]):
            return True
    return False
