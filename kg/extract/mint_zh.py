"""New entities in Chinese text: names ending with a class word (方案, 举措, 网络, 中心, 警察, 部 …) and titles in 《》.

A name runs left from its head word to a break character or a stop word, across known names and titles; it is
minted only when it is specific (it names a place or an organisation, opens with 联合国, carries an acronym, a
Latin-letter word, a title or a quoted name, is owned by an organisation named right before it, or is a global
programme), so 该方案 or 合作方案 is never an entity.  Quoted names given by a verb of naming (称为“……”) are names
of the class noun beside them.  Word lists: rules.toml [mint.zh].
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.core.namespaces import ID
from kg.core.resources import rules
from kg.core.vocabulary import ORGANIZATIONS, PLACE_OR_ORG, PLACES, PROGRAMMES, TREATIES, family
from kg.extract.dated_zh import dated_declarations
from kg.extract.link import NOUN, Match, zh_dictionary, zh_words
from kg.extract.minted import Minted, _clean, _covered, _inside
from kg.extract.names_zh import (abbreviation_aside, after_clause, after_government, body_in_list, closes_word, counted_before,
                                 field_office as _field_office, holds_proper_noun, label_at_end, licensed, names_known_aside,
                                 national_start as _national_start, organ_of as _organ_of, placed_office, province_opening,
                                 split_head, town_named, treaty_body_form, verb_before_place, verb_head, world_named)
from kg.extract.nlp import by_length, ending_word, literal
from kg.extract.organs_zh import listed_organs
from kg.extract.short_forms_zh import short_forms_zh
from kg.extract.starts_zh import across_stop, checked_start, dashed_after_name, opened_by_organisation, session_or_theme
from kg.extract.titles_zh import has_topic, listed_quoted_zh, named_zh, quoted_before_head_zh, titled_zh

ASIDE = re.compile(r"（[^（）。；]{1,20}）|\([^()。；]{1,20}\)")  # a short aside in parentheses inside a name
# an abbreviation in Latin letters right after a name (……执法局（INL）), or its English name with two capitalised words
# or more and its abbreviation (欧洲反欺诈办公室（European Anti-Fraud Office (OLAF)）), after 以下简称 too
ENGLISH_NAME = r"[A-Z][a-z]+(?:[\s\-]+(?:[A-Z][A-Za-z\-]*|of|the|and|for|on|in|against))*[\s\-]+[A-Z][A-Za-z\-]*"
ABBREVIATED = re.compile(rf"\s*[（(](?:(?:以下简称|下称|简称)\s*)?(?:[A-Z][A-Za-z.&/\-]{{1,12}}|{ENGLISH_NAME}"
                         rf"(?:\s*[（(,，]\s*[A-Z][A-Za-z.&/\-]{{1,12}}[)）]?)?)\s*[)）]")
TEXTS = ("Instrument", "Treaty")  # families of titled texts: the names inside a title are names of their own
QUOTED = re.compile(r"[“\"]([^“”\"]{2,40})[”\"]$")

def mint_zh(text: str, matches: list[Match], titles: list[tuple[int, int]]) -> list[Minted]:
    """New entities in one paragraph of normalised Chinese text; *titles* are the spans that were in 《》."""
    cfg = rules()["mint"]["zh"]
    dated = dated_declarations(text, matches, titles)  # 2016年特别联大成果文件, 《1998年政治宣言》: a reference declaration
    found: list[Minted] = [f for f in titled_zh(text, matches, titles, cfg) if not any(d.start < f.end and f.start < d.end for d in dated)] + dated
    suffixes = sorted(cfg["name_suffixes"], key=lambda x: -len(x[0]))
    stops = by_length(tuple(cfg["name_stop_words"]))
    generic = set(cfg["generic_heads"])
    heads, joined = tuple(x for x, _ in suffixes), tuple(j for j in cfg.get("list_joiners", ()) if j != "、")  # once a paragraph
    seen_ends: set[int] = set()
    for suffix, etype in filter(lambda x: x[0] in text, suffixes):  # a head not in the paragraph: no scan
        for hit in literal(suffix).finditer(text):
            end = hit.end()
            if end in seen_ends:
                continue
            covered = _covered(matches, hit.start(), end)
            if covered is not None and covered.end != end or text.endswith(tuple(cfg.get("stop_opened_words", ())), 0, end) or \
                    text.endswith(tuple(cfg.get("head_closed_words", ())), 0, end) or \
                    text.endswith(joined, 0, hit.start()):  # 政策及方案: no head
                continue  # 有组织: "organized", no organisation
            start = _name_start(text, hit.start(), stops, cfg["name_breaks"], matches, titles,
                                cfg.get("joined_prefixes", cfg.get("organisation_prefixes", [])), heads,
                                place_joins=etype not in TREATIES)
            start = after_clause(text, start, hit.start(), matches)  # 中国积极落实全球安全倡议: a clause before the name
            if covered is not None and not label_at_end(text, start, covered, cfg.get("organisation_prefixes", []), stops, matches):
                continue  # a reference label, unless it ends a longer name (联合国海事犯罪统计委员会)
            start = next((s for s, e in titles if e == end and s < hit.start()), start)  # 《……方案》: the whole title
            whole = _quoted_or_purpose(text, hit.start(), end, start, stops, cfg)
            publication = suffix in cfg.get("publication_heads", ())  # a quoted or titled toolkit is a publication
            if whole is not None and etype not in PLACE_OR_ORG and not publication:
                seen_ends.add(end)
                found.append(Minted(whole, end, _clean(text[whole:end]), etype, "zh"))
                continue
            if etype in PLACE_OR_ORG or etype in cfg.get("place_first_kinds", ()) and \
                    not any(text.startswith(v, start) for v in cfg.get("purpose_openers", ())):
                start = _from_first_place(text, start, hit.start(), matches, cfg)
            organ = _organ_of(text, hit.start(), suffix, etype, matches, cfg)  # 非洲联盟委员会: the organ of a known name
            start = organ.start if organ is not None else start
            if etype not in PLACE_OR_ORG:  # 毒品和犯罪问题办公室安第斯可卡因监测项目: the owner opens no programme's name
                start = next((m.end for m in matches if m.start == start and m.end + 2 <= hit.start() and m.type in ORGANIZATIONS
                              and (text[m.start:m.end] in rules()["mint"]["variants"]["leading_prefixes_zh"]
                                   or str(m.iri).removeprefix(str(ID)) in cfg.get("owner_iris", ()))), start)  # 毒罪办全球……方案
                start = verb_before_place(text, start, hit.start(), matches)  # 毒罪办执行阿富汗……方案
            national = _national_start(text, start, hit.start(), etype, matches, cfg, suffix)  # 国家禁毒委员会, 最高人民法院
            start = checked_start(text, start, national, hit.start(), suffix, matches, cfg)
            if start is None:
                continue  # 办, 委 without a national opener; 机构 without an organisation; a session or a meeting's theme
            name = _clean(text[start:end])
            if not (cfg["min_chars"] <= len(name) <= cfg["max_chars"]) or name in generic:
                continue
            organisation = etype in PLACE_OR_ORG
            if organisation and text.startswith(("”", '"'), hit.start() - 1) and suffix in cfg.get("quoted_group_heads", ()) or \
                    organisation and _word_goes_on(text, end, suffix, cfg) or _head_opens_word(text, hit.start(), end) or \
                    treaty_body_form(text, hit.start(), suffix) or verb_head(text, hit.start(), end, matches):
                continue
            prefixed = organ is not None or national is not None or any(name.startswith(p) and len(name) > len(p) + len(suffix) and name[len(p):] not in generic
                           and suffix in cfg.get("prefixed_suffixes", ()) for p in cfg.get("organisation_prefixes", [])) \
                and not any(m.start == start and m.end - m.start > 3 for m in matches) or \
                world_named(text, start, hit.start(), suffix, cfg)  # 联合国 of a known name opens no name; 国际海事局
            titled = (start, end) in titles and not publication  # a whole title in 《》: 《反腐败提高发展成效全球专题方案》
            body = len(suffix) > 1 and body_in_list(text, start, end, suffix, matches)  # 妇女地位委员会、人权委员会和……
            listed = body or organisation and len(suffix) > 1 and _listed_with_organisations(text, start, end, matches, cfg, suffix)
            own = hit.start() - start >= 3 and not any(name.startswith(w) for w in cfg.get("generic_openers", ())) and (
                _possessed(text, start, matches, cfg, suffix) or suffix in cfg.get("specific_heads", ())
                and not text.endswith(("和", "与", "及", "的"), 0, start))  # 打击网络犯罪全球方案, not cut at a joiner
            aside = ABBREVIATED.match(text, end)  # ……执法局（INL）; not an English name holding a reference one
            abbreviated = aside is not None and hit.start() - start >= 2 and not (" " in aside.group(0) and any(
                m.end - m.start > 4 for m in _inside(matches, aside.start(), aside.end())))
            allowed = licensed(text, start, end, suffix, abbreviated)  # 区域安全系统（RSS）, “湄龙”跨境联合执法行动
            if suffix in cfg.get("prefix_only_suffixes", ()) and not (prefixed or abbreviated or placed_office(text, start, hit.start(), matches)) or \
                    suffix in cfg.get("opener_only_suffixes", ()) and not (prefixed or abbreviated) or \
                    _field_office(text, start, end, suffix, matches, cfg) or allowed is None or titled and organisation or \
                    organisation and counted_before(text, start):
                continue  # 办公室, 集团: a name only after 联合国 (联合国南南合作办公室); an office of an organisation; 《现代世界警察》杂志
            start, name = allowed, _clean(text[allowed:end])
            if not (prefixed or titled or listed or own or abbreviated) and not _specific_zh(text, start, hit.start(), matches, titles, places_only=organisation):
                continue
            if len(suffix) == 1 and not _single_head_ok(text, start, hit.start(), matches, cfg, prefixed):
                continue
            seen_ends.add(end)
            found.append(Minted(start, end, name, "NationalBody" if national is not None else "IntergovernmentalBody" if body
                                else _refine_type(etype, text, start, hit.start(), matches), "zh"))
    licensed_heads = dict(cfg.get("licensed_heads", []))
    named = [x for x in suffixes if x[0] not in licensed_heads]  # 题为“……”的联合国全系统: no licence
    found += [m for m in named_zh(text, matches, cfg, named) + listed_quoted_zh(text, matches, cfg, suffixes)
              if not any(f.start < m.end and m.start < f.end for f in found)]
    quoted = [m for m in quoted_before_head_zh(text, matches, cfg, suffixes) if not any(f.start < m.end and m.start < f.end for f in found)]
    gap = cfg.get("quoted_description_chars", 0) + 1
    found = [f for f in found if f.type not in PROGRAMMES or not any(  # “平安边境”中越两国合作项目: the description is the name's
        q.end < f.start <= q.end + gap and not re.search(r"[，。；、,.;]", text[q.end:f.end]) for q in quoted)] + quoted
    # a name inside a longer new name is part of it (东南亚海关 in 东南亚海关培训中心), unless the longer programme-like
    # name only adds a short word after a programme's head (……网络在线平台: the network's online platform is the network's);
    # an organisation after it (……项目基金会) is one of its own
    tails = cfg.get("programme_tail_chars", 0)
    found = [o for o in found if o.type not in PROGRAMMES or not any(
        m is not o and o.start == m.start and m.end < o.end <= m.end + tails and m.type in PROGRAMMES and not _inside(matches, m.end, o.end)
        for m in found)]
    found = [m for i, m in enumerate(found) if not names_known_aside(text, m, matches)  # a title's kind first (……实施方案)
             and not any(o.start == m.start and o.end == m.end for o in found[:i])]
    parties = tuple(cfg.get("party_titles", ()))  # 《双边合作谅解备忘录》: a memorandum named only by its parties
    found = [m for m in found if not text.endswith(parties, 0, m.end) or has_topic(text, m.start, m.end, matches, cfg)]
    found = [m for m in found if not any(o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                                         and (family(o.type) in TEXTS) == (family(m.type) in TEXTS) for o in found)]  # a text named
    # inside a body's name is a name of its own (大湄公河次区域禁毒合作谅解备忘录签约方部长级会议), as a body inside a title
    found = [replace(m, start=s, name=_clean(text[s:m.end])) if s != m.start else m  # 香港特区政府保安局: 保安局
             for m in found for s in [after_government(text, m.start, m.end, matches) if m.type in PLACE_OR_ORG else m.start]]
    organs = listed_organs(text, matches, found)  # 上合组织……常设机构，分别是……秘书处和……
    found = [m for m in found if not any(o.start < m.start and m.end == o.end for o in organs)] + organs
    return short_forms_zh(text, matches, found, titles)  # 全球行动计划 beside 贩运人口: the reference plan


def _head_opens_word(text: str, at: int, end: int) -> bool:
    """The head word opens a longer word (rules.toml [mint.zh] head_compounds: 网络犯罪 "cybercrime", 项目组 "project
    team"): it ends no name."""
    head = text[at:end]
    return any(len(w) > len(head) and w.startswith(head) and text.startswith(w, at) for w in rules()["mint"]["zh"].get("head_compounds", ()))


def _word_goes_on(text: str, end: int, suffix: str, cfg: dict) -> bool:
    """The organisation head word is part of a longer word: 组织了 (the verb "organised"), 禁毒部长 (a person's
    title), 禁毒部门 (a common noun)."""
    if text.startswith("了", end):
        return True
    return bool(text[end:end + 1]) and text[end] in cfg.get("single_head_not_before", "") and suffix[-1] in cfg.get("single_heads", "")


def _from_first_place(text: str, start: int, suffix_start: int, matches: list[Match], cfg: dict) -> int:
    """An organisation's name that holds a place opens with it (协助尼日利亚警察部队, 该项目帮助肯尼亚国家警察局: the
    words before the State are the clause around the name), unless it opens with an organisation prefix (联合国驻……)."""
    places = [m for m in _inside(matches, start, suffix_start) if m.type in PLACES]
    if not places or places[0].start == start or any(text.startswith(p, start) for p in cfg.get("organisation_prefixes", ())):
        return start
    opener = next((m.start for m in matches if m.end == places[0].start and start <= m.start and
                   opened_by_organisation(text, m.start, places[0].start, matches)), None)
    if opener is not None and not text.startswith(tuple(cfg.get("office_heads", ())), suffix_start):
        return opener  # (同年组建)国际刑警组织中国国家中心局: the organisation's body for the State
    return places[0].start


def _possessed(text: str, start: int, matches: list[Match], cfg: dict, suffix: str) -> bool:
    """A programme-like name right after an organisation that owns it (毒品和犯罪问题办公室的海事犯罪方案)."""
    if suffix not in cfg.get("possessed_heads", ()):
        return False
    at = start - 1 if text.endswith("的", 0, start) else start
    return any(m.end == at and m.type in ORGANIZATIONS for m in matches)


def _single_head_ok(text: str, start: int, at: int, matches: list[Match], cfg: dict, prefixed: bool) -> bool:
    """A one-character head (部, 局, 署, 处, 司, 厅) ends a name only after a place (阿富汗内政部) or an organisation
    prefix (联合国新闻处), never when it opens a word (司法部副部长: 部长) or ends a common word (联合国总部)."""
    end = at + 1
    if text[end:end + 1] and text[end] in cfg.get("single_head_not_before", "") or \
            any(text.startswith(w, at) for w in cfg.get("single_head_opens", ())):
        return False  # 司法部副部长, 刑事司法, 部署: the head opens a word
    word = text[at - 1:end]  # 总部 in 联合国总部; not 全局 in 国家安全局, where 安全 is the word before the head
    if split_head(text[at - 2:end]):
        return prefixed or _names_place_first(text, start, at, matches)  # 国土安全部: 安全 and 部, not 全部
    if zh_dictionary()[2].get(word, NOUN) != NOUN:
        return False  # 签署, 到处: a verb or adverb ends there (老挝禁毒委员会签署协议), whatever word is before it
    if word in zh_words()[0] and word not in cfg.get("single_head_words", ()) and text[at - 2:at] not in zh_words()[0] or \
            any(text.endswith(w, 0, end) for w in cfg.get("single_head_not_names", ())):
        return False
    return prefixed or _names_place_first(text, start, at, matches)


def _listed_with_organisations(text: str, start: int, end: int, matches: list[Match], cfg: dict, suffix: str) -> bool:
    """An organisation's name without a place is a name when it stands in a list beside another organisation
    (……德国技术合作公司、巴塞尔治理问题研究所以及孟加拉国治理研究所): the item before or after it, across 、/和/以及,
    is a known organisation, or a name with an organisation head word that names a place.  Names opening with a
    generic word, or with fewer than three characters before their head word (禁毒部队), are not."""
    if end - start - len(suffix) < 3 or any(text.startswith(w, start) for w in cfg.get("generic_openers", ())):
        return False
    heads = tuple(h for h, t in cfg["name_suffixes"] if t in PLACE_OR_ORG and len(h) > 1)
    joiners = ("、", "以及", "和", "与", "及")
    items = []
    before = next((j for j in joiners if text.endswith(j, 0, start)), None)
    if before is not None:
        at = start - len(before)
        if any(m.end == at and m.type in PLACE_OR_ORG and m.type not in PLACES for m in matches):
            return True
        item = re.search(r"[^、，。；：,;:()（）和与及]+$", text[:at])
        items += [(item.start(), at)] if item else []
    after = next((j for j in joiners if text.startswith(j, end)), None)
    if after is not None:
        at = end + len(after)
        if any(m.start == at and m.type in PLACE_OR_ORG and m.type not in PLACES for m in matches):
            return True
        item = re.match(r"[^、，。；：,;:()（）]+", text[at:])
        items += [(at, at + len(item.group(0)))] if item else []
    return any(text[s:e].endswith(heads) and any(m.type in PLACES for m in _inside(matches, s, e)) for s, e in items)


def _quoted_or_purpose(text: str, suffix_start: int, end: int, start: int, stops: list[str], cfg: dict) -> int | None:
    """The start of a programme name that the stop words would cut: a whole name in quotes (“加强……的全球方案”),
    or a name that opens with a purpose verb right after a verb of launching or a break (启动了加强打击……的……举措)."""
    if _head_opens_word(text, suffix_start, end) or licensed(text, start, end, text[suffix_start:end], False) is None:
        return None  # 打击贩运人口的全球行动计划: 行动 opens 行动计划 (and needs a quoted name); the head rules decide
    if text[end:end + 1] in ("”", '"'):
        opened = re.search(r"[“\"]([^“”\"。；]{2,40})$", text[:suffix_start])
        if opened:
            return None if session_or_theme(text, opened.start() + 1, suffix_start, text[suffix_start:end], cfg) else opened.start() + 1
    breaks = cfg["name_breaks"]
    window_start = max(0, suffix_start - cfg["max_chars"])
    window = text[window_start:start]
    for opener in sorted(cfg.get("purpose_openers", []), key=len, reverse=True):
        if opener not in window:
            continue
        for hit in literal(opener).finditer(window):
            at = window_start + hit.start()
            inside = ASIDE.sub("", text[at + len(opener):suffix_start])  # 打击贩运人口将成为……方案: a clause, no name
            if any(w in inside for w in stops if len(w) > 1 or w in cfg.get("clause_chars", "")) or \
                    any(ch in breaks for ch in ASIDE.sub("", text[at:suffix_start])) or "的" not in text[at:suffix_start] and not \
                    text.startswith(tuple(cfg.get("specific_heads", ())), suffix_start) or \
                    text.startswith("了", at + len(opener)):
                continue  # a nominal name: 加强……的……举措, not a clause (支持11个国家建立……方案, 加强了……网络)
            before = text[:at]
            if before and before[-1] not in breaks and not any(before.endswith(v) for v in cfg.get("launch_verbs", [])):
                continue
            return at
    return None


def _name_start(text: str, suffix_start: int, stops: list[str], breaks: str, matches: list[Match], titles,
                prefixes: list[str] = (), heads: tuple = (), place_joins: bool = False) -> int:
    """Walk left from the suffix to the first break character or stop word; with *place_joins* (organisations),
    across 和/与/及 to a State that opens the name."""
    quoted = QUOTED.search(text[:suffix_start])
    if quoted:
        return quoted.start()
    modifiers = set(rules()["mint"]["zh"].get("modifier_stops", ()))
    i = suffix_start
    while i > 0:
        # keep names and titles whole
        m = next((m for m in matches if m.end == i), None)
        if m is not None and m.start < i:
            i = m.start
            continue
        title = next((t for t in titles if t[1] == i and t[0] < i), None)
        if title is not None:
            i = title[0]
            continue
        aside = abbreviation_aside(text, i)  # 二十国集团（G20）反腐败……研究中心: an abbreviation inside the name
        if aside is not None:
            i = aside
            continue
        if text[i - 1] in breaks or (text[i - 1] == "." and i > 1 and text[i - 2].isdigit()) or \
                dashed_after_name(text, i, heads) or \
                any(s == i and s < suffix_start < e for s, e in titles):  # 2020年《上合组织……理事会关于……》: the title opens it
            break
        stop = ending_word(text, i, stops)
        if stop is not None and (len(stop) == 1 and text[i - 1:i + 1] in zh_words()[0] or closes_word(text, i, stop, stops) or any(
                text.startswith(w, i - 1) for w in rules()["mint"]["zh"].get("stop_opened_words", ()))) and not any(m.start == i for m in matches):
            i -= 1  # 新闻处, 对外关系理事会, 有组织: the character opens a word, it is no stop word here
            continue
        if stop is not None and i == suffix_start and stop in modifiers:
            i -= len(stop)  # 协调中心, 管理局: a verb right before the head word modifies it
            continue
        if stop is not None:
            i, go_on = across_stop(text, i, stop, suffix_start, stops, breaks, matches, prefixes, heads, place_joins)
            if go_on:
                continue
            break
        i -= 1
    return i


def _names_place_first(text: str, start: int, suffix_start: int, matches: list[Match]) -> bool:
    """The name opens with a place (阿富汗内政部, 尼日利亚警察局) or a State's province or city (云南省公安厅: rules.toml
    [mint.zh] province_pattern)."""
    return any(m.start == start and m.end <= suffix_start and m.type in PLACES for m in matches) or \
        province_opening(text[start:suffix_start]) is not None


def _specific_zh(text: str, start: int, suffix_start: int, matches: list[Match], titles, places_only=False) -> bool:
    """A name is specific when it names a place, an organisation or a treaty, or holds an acronym, title or quote.

    An organisation's name must name a place (西非司法培训研究所): "UNODC 组织" is a verb phrase.
    """
    core = text[start:suffix_start]
    generic = set(rules()["mint"]["zh"].get("generic_titles", ()))  # 《公约》 names the treaty of the text, no name of its own
    if re.search(r"[A-Z][A-Z0-9]+|[A-Z][a-z]{2,}|“|\"", core) or any(
            start <= s and e <= suffix_start and _clean(text[s:e]).strip("《》") not in generic for s, e in titles):
        return True
    topic = rules()["mint"]["zh"].get("topic_names", {})  # 当代形式奴隶制问题工作组: a body named by its subject
    if any(w in core for w in topic.get("words", ())) and text.startswith(tuple(topic.get("heads", ())), suffix_start):
        return True
    field = next((w for w in topic.get("field_words", ()) if core.startswith(w)), "")
    if len(core) >= topic.get("field_chars", 99) and field and core[len(field):] not in topic.get("field_generic", ()) and \
            text.startswith(tuple(topic.get("field_heads", ())), suffix_start) and \
            not any(w in core for w in rules()["mint"]["zh"].get("generic_openers", ())):
        return True  # 禁毒常务委员会: a commission named by its field of work and more
    wanted = PLACES if places_only else PLACE_OR_ORG | TREATIES
    if places_only and province_opening(core):
        return True  # 广西壮族自治区公安厅: a province's body
    if text.startswith(tuple(rules()["mint"]["zh"].get("organ_opened_heads", ())), suffix_start) and \
            opened_by_organisation(text, start, suffix_start, matches):
        return True  # 上合组织成员国元首理事会: an organ of the organisation that opens it
    if any(re.search(p, core) for p in rules()["mint"].get("zh_bodies", {}).get("group_patterns", ())):
        return True  # 二十国集团反腐败工作组: a group of States names it as an organisation does
    if text.startswith(tuple(rules()["mint"]["zh"].get("town_name_heads", ())), suffix_start) and \
            any(town_named(text, start, start + k) for k in (2, 3, 4)):
        return True  # 上海海关学院: a college named by its town
    if text.startswith(tuple(rules()["mint"]["zh"].get("state_heads", ())), suffix_start):  # 太平洋地区海关: a region's
        return len([m for m in _inside(matches, start, suffix_start) if m.type == "Country"]) == 1  # a region's or two States'
        # customs (印度与泰国海关) are no body of their own
    return any(m.type in wanted for m in _inside(matches, start, suffix_start)) or holds_proper_noun(text, start, suffix_start, matches)


def _refine_type(etype: str, text: str, start: int, suffix_start: int, matches: list[Match]) -> str:
    """A plain programme named after a country or region is a country or regional programme; a commission or council
    that opens with 联合国 is an intergovernmental body (rules.toml [mint.zh] body_openers, body_heads)."""
    cfg = rules()["mint"]["zh"]
    if (any(text.startswith(o, start) for o in cfg.get("body_openers", ())) or opened_by_organisation(text, start, suffix_start, matches)) \
            and text.startswith(tuple(cfg.get("body_heads", ())), suffix_start):
        return "IntergovernmentalBody"  # 联合国……委员会, 上合组织成员国元首理事会
    if etype == "IntergovernmentalOrganization" and any(m.start == start and m.type == "Country" for m in matches):
        return "Organization"  # 巴西开发银行: a State's own bank, no intergovernmental one (亚洲开发银行)
    if etype == "IntergovernmentalBody" and text.startswith(tuple(cfg.get("meeting_heads", ())), suffix_start) and \
            [m.type for m in _inside(matches, start, suffix_start) if m.type in PLACE_OR_ORG] == ["Country"]:
        return "NationalBody"  # 白俄罗斯部长会议: one State's council of ministers
    if etype != "Programme":
        return etype
    inner = _inside(matches, start, suffix_start)
    core = text[start:suffix_start]
    if "全球" in core:
        return "GlobalProgramme"
    if "区域" in core or (inner and all(m.type == "Region" for m in inner if m.type in PLACE_OR_ORG) and any(m.type == "Region" for m in inner)):
        return "RegionalProgramme"
    if any(m.type == "Country" for m in inner) and not any(m.type in TREATIES for m in inner):
        return "CountryProgramme" if "国家" in core or len([m for m in inner if m.type == "Country"]) == 1 else etype
    return etype
