"""National bodies in Chinese text that the head-word rule of kg.extract.mint_zh cannot tell from common words.

Three forms, all with their words in rules.toml [mint.zh_bodies]:

* the central bodies of a State named without the State (外交部, 国务院, 海关总署), with a unit of one right after it
  (公安部禁毒局), but never after a word that makes them any State's (各国外交部, 该国司法部);
* a body named before a person and the person's title (司法警察局苏兆强副局长: the name, the person, 副局长);
* a name that joins two words with 和/与/及 and is followed by its abbreviation in Latin letters
  (国际麻醉品和执法局（INL）), which the stop word 和 would otherwise cut.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from kg.core.resources import rules
from kg.core.vocabulary import PLACE_OR_ORG, family
from kg.extract.link import Match, zh_words
from kg.extract.minted import Minted, _clean
from kg.extract.names_zh import province_opening, split_head
from kg.extract.nlp import alternation, literal

CJK = "\u4e00-\u9fff"


def national_bodies_zh(text: str, matches: list[Match], found: list[Minted]) -> list[Minted]:
    """National bodies of the three forms above, outside known names and outside names minted already (*found*)."""
    cfg = rules()["mint"].get("zh_bodies", {})
    if not cfg:
        return []
    taken = [(m.start, m.end) for m in matches]
    out: list[Minted] = []
    spans = _standalone(text, cfg, matches) + _before_person(text, cfg) + _abbreviated(text, cfg) + _national_offices(text, cfg, matches) \
        + _listed_agencies(text, cfg, matches) + _short_formed(text, cfg, matches) + _parents(text, cfg, found) \
        + _two_level(text, cfg) + [(s, e) for s, e in _town_bodies(text, cfg) if not any(m.start == s for m in matches)]
    bodies = {h.span("name") for p in cfg.get("body_patterns", ()) for h in re.finditer(p, text)}  # ……公约特设委员会
    groups = {h.span("name") for p in cfg.get("group_patterns", ()) for h in re.finditer(p, text)}  # 二十国集团
    for s, e in sorted(set(spans) | bodies | groups):
        if e - s < cfg.get("min_chars", 3) or any(a < e and s < b and not (s <= a and b <= e) for a, b in taken) \
                or any(f.start < e and s < f.end and not (f.start == s and e < f.end) and not (f.start <= s and e <= f.end
                       and family(f.type) in ("Instrument", "Treaty")) for f in found) \
                or any(o.start < e and s < o.end and not (o.start == s and (o.end < e or e < o.end)) for o in out):
            continue  # a unit right after a body's name (公安部禁毒局) stands beside the body's name (公安部)
        kind = "IntergovernmentalBody" if (s, e) in bodies else "IntergovernmentalOrganization" if (s, e) in groups else "NationalBody"
        out.append(Minted(s, e, _clean(text[s:e]), kind, "zh"))
    return sorted(out, key=lambda m: (m.start, m.end))


def _standalone(text: str, cfg: dict, matches: list[Match]) -> list[tuple[int, int]]:
    """外交部, 国务院 …: a central body's name alone or after its State (越南公安部), with a unit right after it
    (公安部禁毒局) as a name of its own."""
    spans, refused = [], set()
    not_after = tuple(cfg.get("standalone_not_after", ()))
    units = "|".join(re.escape(h) for h in cfg.get("unit_heads", ()))
    hits = sorted((hit.start(), hit.end()) for word in cfg.get("standalone", ()) if word in text for hit in literal(word).finditer(text))
    for s, e in hits:
        if any(a <= s and e <= b and (a, b) != (s, e) for a, b in hits):
            continue  # 最高人民检察院, not 检察院 inside it
        joined = next((j for j in ("和", "、", "及", "与") if text.endswith(j, 0, s)), None)
        if text.endswith(not_after, 0, s) or text[e:e + 1] and text[e] in cfg.get("standalone_not_before", "") or \
                joined is not None and s - len(joined) in refused:  # 各国外交部和司法部: both any State's
            refused.add(e)
            continue
        s = next((m.start for m in matches if m.end == s and m.type == "Country"), s)  # 越南公安部
        spans.append((s, e))
        unit = re.match(rf"[{CJK}]{{2,6}}?(?:{units})(?![{CJK}]?长)", text[e:]) if units else None
        if unit and not any(w in unit.group(0) for w in cfg.get("standalone", ())):
            spans.append((s, e + unit.end()))
    return spans


def _opened_nationally(text: str, s: int, cfg: dict, not_after: tuple) -> int:
    """Where one of rules.toml [mint.zh_bodies] standalone_openers opens the body named from *s* on (国家公安部,
    国家监察部: another form of 公安部, 监察部), unless that word closes a longer word (发展中国家) or follows a word that
    makes the body any State's (各国家); else *s*."""
    from kg.extract.link import inside_word

    opener = next((o for o in cfg.get("standalone_openers", ()) if text.endswith(o, 0, s)), None)
    if opener is None:
        return s
    at = s - len(opener)
    if text.endswith(not_after, 0, at) or inside_word(text, at, s) or at > 0 and text[at - 1:at + 1] in zh_words()[0]:
        return s
    return at


def bare_central(name: str) -> str:
    """*name* without a national opener before a central body (国家公安部刑侦局 -> 公安部刑侦局): the form its key is
    made from, so 国家公安部 and 公安部 of one State are one entity."""
    cfg = rules()["mint"].get("zh_bodies", {})
    opener = next((o for o in cfg.get("standalone_openers", ()) if name.startswith(o)), None)
    if opener and name[len(opener):].startswith(tuple(cfg.get("standalone", ()))):
        return name[len(opener):]
    return name


def _before_person(text: str, cfg: dict) -> list[tuple[int, int]]:
    """司法警察局苏兆强副局长: a name opening a clause, ending with a head, then a person's name and title."""
    heads = alternation(cfg.get("person_heads", ()))
    titles = alternation(cfg.get("person_titles", ()))
    if not heads or not titles:
        return []
    opener = re.escape(cfg.get("clause_openers", "，。、；：\n"))
    meeting = alternation(cfg.get("person_title_not_before", ())) or "(?!)"  # 局长会议: a meeting, no person
    pattern = rf"(?:^|(?<=[{opener}]))(?P<name>[{CJK}]{{2,10}}?(?:{heads}))[{CJK}]{{2,3}}?(?:副)?(?:{titles})(?!{meeting})"
    two = zh_words()[0]  # 中国司法部副部长: 司 opens 司法, it ends no name there
    spans = [m.span("name") for m in re.finditer(pattern, text) if text[m.end("name") - 1:m.end("name") + 1] not in two]
    # 保安局局长, 社会工作局副局长, 禁毒委员会副主席: the title right after the body's name, whose head it repeats
    own = "|".join(f"{re.escape(h)}副?{re.escape(t)}" for h, t in sorted(cfg.get("head_titles", ()), key=lambda p: -len(p[0])))
    if own:
        govern = tuple(cfg.get("government_openers", ()))
        for m in re.finditer(rf"(?:^|(?<=[{opener}]))(?P<name>[{CJK}]{{2,10}}?)(?=(?:{own})(?!{meeting}))", text):
            s, e = m.span("name")
            stops = [w for w in rules()["mint"]["zh"]["name_stop_words"] if len(w) > 1 or w in cfg.get("head_title_stop_chars", "")]
            s = max([s] + [k + len(w) for w in stops for k in [text.rfind(w, s, e)] if k >= 0])  # 委员包括法务局
            s = max([s] + [k + 1 for k in range(s, e) if text[k] in cfg.get("head_title_open_chars", "")
                           and text[k - 1:k + 1] not in two])  # 出席的有司法警察局局长; not 国有 in 国有资产……
            s += next((len(g) for g in govern if text.startswith(g, s)), 0)  # 特区政府保安局: the body is 保安局
            e += next(len(h) for h, _ in cfg["head_titles"] if text.startswith(h, e))
            if e - s >= 3 and text[e - 1:e + 1] not in two and text[s:e] not in rules()["mint"]["zh"]["generic_heads"]:
                spans.append((s, e))  # not 委员会 alone (国有资产监督管理委员会主任: 管理 stops the words before)
    return spans


def _abbreviated(text: str, cfg: dict) -> list[tuple[int, int]]:
    """国际麻醉品和执法局（INL）: a name joined by 和/与/及 and given its Latin abbreviation, from the last stop word."""
    heads = alternation(cfg.get("abbreviated_heads", ()))
    if not heads or "（" not in text and "(" not in text:  # the pattern ends at an abbreviation in parentheses
        return []
    stops = sorted(cfg.get("abbreviated_stops", ()), key=len, reverse=True)
    spans = []
    for hit in re.finditer(rf"(?P<left>[{CJK}]{{2,16}})(?:和|与|及)[{CJK}]{{1,10}}?(?:{heads})(?=\s*[（(][A-Z]{{2,8}}[)）])", text):
        left = hit.group("left")
        cut = max((left.rfind(w) + len(w) for w in stops if w in left), default=0)
        if len(left) - cut >= 2:
            spans.append((hit.start("left") + cut, hit.end()))
    return spans


def _national_offices(text: str, cfg: dict, matches: list[Match]) -> list[tuple[int, int]]:
    """美国国家禁毒政策办公室: a State, a word of its national bodies (国家, 联邦) and an office head, which alone
    would need 联合国 before it."""
    openers = "|".join(map(re.escape, rules()["mint"]["zh"].get("national_openers", ())))
    heads = "|".join(map(re.escape, cfg.get("national_office_heads", ())))
    if not openers or not heads:
        return []
    spans = []
    for m in matches:
        hit = re.match(rf"(?:{openers})[{CJK}]{{2,12}}?(?:{heads})", text[m.end:]) if m.type == "Country" else None
        if hit and not any(w in hit.group(0) for w in cfg.get("national_office_breaks", ())):
            spans.append((m.start, m.end + hit.end()))
    return spans


def _listed_agencies(text: str, cfg: dict, matches: list[Match]) -> list[tuple[int, int]]:
    """保安司、司法警察局、社会工作局及禁毒委员会; 外交部、法务部、财政部关务署、海洋委员会海巡署等: a list of two or more
    items joined by 、 (the last one by 和/及/与 too), each a short name ending with an agency head (rules.toml
    [mint.zh_bodies] list_heads), none opening with a generic word: every item is a body's name, and a body's name
    that opens a unit's (财政部 in 财政部关务署) is one too.  A list with any other item (公安、海关和司法部门) names none."""
    heads = sorted(cfg.get("list_heads", ()), key=len, reverse=True)
    if not heads:
        return []
    spans: list[tuple[int, int]] = []
    for clause in re.finditer(rf"[{CJK}、]+", text):
        parts = clause.group(0).split("、")
        if len(parts) < 2:
            continue
        offsets, at = [], clause.start()
        for part in parts:
            offsets.append((at, at + len(part)))
            at += len(part) + 1
        items = [_first_item(text, *offsets[0], heads, cfg)] + [(s, e) for s, e in offsets[1:-1]]
        items.append(_last_item(text, *offsets[-1], heads, cfg))
        last = items[-1]
        joined = last and _joined_item(text, *last, heads, cfg)  # ……社会工作局及禁毒委员会
        items[-1:] = joined if joined else [last]
        if all(item is not None and _agency(text, *item, heads, cfg) for item in items):
            spans += [span for s, e in items for span in _with_parent(text, s, e, heads, cfg)]
    return [(s, e) for s, e in spans if not any(m.start < e and s < m.end for m in matches)]


def _first_item(text: str, s: int, e: int, heads: list[str], cfg: dict) -> tuple[int, int] | None:
    """The first item of a list: the name ending the words before the first 、, from the last stop word."""
    stops = cfg.get("list_stops", ())
    cut = max([s] + [k + len(w) for w in stops for k in [text.rfind(w, s, e)] if k >= 0])
    cut += next((len(g) for g in cfg.get("government_openers", ()) if text.startswith(g, cut)), 0)
    return (cut, e) if e - cut <= cfg.get("list_item_chars", 10) else None


def _last_item(text: str, s: int, e: int, heads: list[str], cfg: dict) -> tuple[int, int] | None:
    """The last item of a list: the longest name of the words after the last 、 that one of rules.toml
    [mint.zh_bodies] list_ends follows (等, 亦, 外 …), else the shortest."""
    ends = [k for k in range(s + 2, min(e, s + cfg.get("list_item_chars", 10) + 8) + 1) if text.endswith(tuple(heads), s, k)]
    closed = [k for k in ends if k == e or text.startswith(tuple(cfg.get("list_ends", ())), k)]
    return (s, closed[-1]) if closed else (s, ends[0]) if ends else None


def _joined_item(text: str, s: int, e: int, heads: list[str], cfg: dict) -> list[tuple[int, int]] | None:
    """The last item split at 和/及/与/以及 into two names when both end with a head."""
    for joiner in sorted((j for j in rules()["mint"]["zh"].get("list_joiners", ()) if j != "、"), key=len, reverse=True):
        k = text.find(joiner, s, e)
        if k > s and text.endswith(tuple(heads), s, k):
            rest = _last_item(text, k + len(joiner), e, heads, cfg)
            return [(s, k), rest] if rest is not None else None
    return None


def _agency(text: str, s: int, e: int, heads: list[str], cfg: dict) -> bool:
    """text[s:e] may be an agency's name: three to list_item_chars characters, ending with a head that ends no common
    word (当局, 总部), opening with no generic word (各, 该, 有关) and with no stop word inside."""
    name = text[s:e]
    if not (3 <= len(name) <= cfg.get("list_item_chars", 10)) or not name.endswith(tuple(heads)) or \
            name in rules()["link"].get("direction_prefixes", ()):
        return False  # 东南部、西北部和西南部边境: parts of a country, no bodies
    zh = rules()["mint"]["zh"]
    if name.startswith(tuple(cfg.get("list_generic", ()))) or \
            any(w in name for w in cfg.get("list_stops", ()) if len(w) > 1 or w in cfg.get("list_stop_chars", "")) or \
            any(w in name for w in zh_stop_words() if len(w) > 1) or \
            any(w in name for w in cfg.get("person_titles", ())):  # 启动了保安局: a verb; 保安司司长办公室: a person's office
        return False
    two = zh_words()[0]
    return split_head(name[-3:]) or not (name[-2:] in two and name[-2:] not in zh.get("single_head_words", ()) and name[-3:-1] not in two
                                         or name.endswith(tuple(zh.get("single_head_not_names", ()))))


def _with_parent(text: str, s: int, e: int, heads: list[str], cfg: dict) -> list[tuple[int, int]]:
    """An item and, when it is a unit of a body named first (财政部关务署, 海洋委员会海巡署), that body."""
    units = tuple(cfg.get("list_units", ()))
    for k in range(s + 3, e - 2):
        if text.endswith(tuple(heads), s, k) and text.endswith(units, k, e) and _agency(text, s, k, heads, cfg) \
                and text[k - 1:k + 1] not in zh_words()[0] \
                and not any(h in text[k:e - 1] for h in heads):
            return [(s, e), (s, k)]
    return [(s, e)]


def _short_formed(text: str, cfg: dict, matches: list[Match]) -> list[tuple[int, int]]:
    """禁毒常务委员会（禁常会）: a name ending with a head of rules.toml [mint.zh_bodies] short_form_heads followed by its
    Chinese short form in parentheses, whose characters it holds in order, the first opening it and the last in its head
    (禁 … 常 … 会): the name runs from that first character, or from an opener the short form leaves out right before it
    (short_form_openers: 国际 in 国际反贪局联合会（反贪联）)."""
    heads = alternation(cfg.get("short_form_heads", ()))
    if not heads:
        return []
    spans = []
    if "（" not in text and "(" not in text:
        return spans
    # a name and its head are one run of CJK characters right before the parenthesis: starts elsewhere are not tried
    gate = f"(?=[{CJK}]{{4,}}[（(])" if all("\u4e00" <= ch <= "\u9fff" for h in cfg.get("short_form_heads", ()) for ch in h) else ""
    for hit in re.finditer(rf"{gate}(?P<name>[{CJK}]{{3,20}}?(?P<head>{heads}))[（(](?P<short>[{CJK}]{{2,5}})[)）]", text):
        short, head = hit.group("short"), hit.group("head")
        if short[-1] not in head:
            continue
        for p in range(hit.end("name") - len(short) - 1, hit.start("name") - 1, -1):
            if text[p] == short[0] and _holds_in_order(text[p + 1:hit.end("name")], short[1:]):
                p -= next((len(o) for o in cfg.get("short_form_openers", ()) if text.endswith(o, hit.start("name"), p)), 0)
                spans.append((p, hit.end("name")))
                break
    return [(s, e) for s, e in spans if not any(m.start <= s and e <= m.end for m in matches)]  # 国际麻醉品管制局（麻管局）


def _holds_in_order(name: str, chars: str) -> bool:
    """Every character of *chars* stands in *name*, in that order."""
    at = 0
    for ch in chars:
        at = name.find(ch, at) + 1
        if at == 0:
            return False
    return True


def _parents(text: str, cfg: dict, found: list[Minted]) -> list[tuple[int, int]]:
    """台湾法务部 in 台湾法务部调查局, 保安局 in 保安局禁毒处: the body a new unit's name opens with (see _with_parent)."""
    heads = sorted(cfg.get("list_heads", ()), key=len, reverse=True)
    return [p for f in found if f.type in PLACE_OR_ORG for p in _with_parent(text, f.start, f.end, heads, cfg)[1:]]


def _two_level(text: str, cfg: dict) -> list[tuple[int, int]]:
    """保安局禁毒处, 内政部警政署: a body's name (two to six characters and a head of rules.toml [mint.zh_bodies]
    list_heads) and a unit's name right after it (two to four characters and one of list_units), right after a break or a
    word of list_stops (联同, 由, 除): the unit's name and the body's."""
    heads = sorted(cfg.get("list_heads", ()), key=len, reverse=True)
    units = "|".join(map(re.escape, cfg.get("list_units", ())))
    stops = tuple(cfg.get("list_stops", ()))
    if not heads or not units:
        return []
    spans = []
    for hit in _two_level_pattern(tuple(heads), units).finditer(text):  # every start where the name matches
        s = hit.start()
        stop = next((w for w in stops if text.endswith(w, 0, s)), None)
        if s > 0 and re.match(f"[{CJK}]", text[s - 1]) and (stop is None or len(stop) == 1 and (
                text[s - 2:s] in zh_words()[0] or text[s - 1:s + 1] in zh_words()[0])):
            continue  # 共和国公安部: 和 closes a word, it opens no name
        k, e = hit.end("body"), hit.end("unit")
        if _agency(text, s, k, heads, cfg) and _agency(text, k, e, heads, cfg) and text[k - 1:k + 1] not in zh_words()[0]:
            spans += [(s, e), (s, k)]
    return spans


@functools.lru_cache(maxsize=8)
def _two_level_pattern(heads: tuple[str, ...], units: str) -> re.Pattern:
    """A body's name and a unit's name (see _two_level) matched at every position of a text: one lookahead pass."""
    body = "|".join(map(re.escape, heads))
    return re.compile(rf"(?=(?P<body>[{CJK}]{{1,5}}?(?:{body}))(?P<unit>[{CJK}]{{1,3}}?(?:{units}))(?![{CJK}]?长))")


def zh_stop_words() -> list[str]:
    """The stop words of rules.toml [mint.zh] (name_stop_words) that no name holds: not the modifiers of a head
    (modifier_stops: 管理 in 监督管理总局)."""
    cfg = rules()["mint"]["zh"]
    return [w for w in cfg["name_stop_words"] if w not in cfg.get("modifier_stops", ())]


def _town_bodies(text: str, cfg: dict) -> list[tuple[int, int]]:
    """深圳海关, 昆明海关缉私局: a town of the dictionary (names_zh.town_named) right before one of rules.toml
    [mint.zh_bodies] town_heads names the town's body, and a unit of town_units right after it a name of its own;
    not when a longer name goes on (上海海关学院: town_not_before)."""
    from kg.extract.names_zh import town_named

    heads = alternation(cfg.get("town_heads", ()))
    if not heads or not any(h in text for h in cfg.get("town_heads", ())):
        return []
    units = alternation(cfg.get("town_units", ()))
    spans = []
    for hit in re.finditer(rf"(?=(?P<town>[{CJK}]{{2,4}}?)(?P<head>{heads}))", text):
        s, k = hit.start("town"), hit.end("head")
        if not town_named(text, s, hit.end("town")) or text.startswith(tuple(cfg.get("town_not_before", ())), k) or \
                s > 0 and text[s - 1:s + 1] in zh_words()[0]:
            continue  # 大上海: the town opens no word that starts before it
        spans.append((s, k))
        unit = re.match(units, text[k:]) if units else None
        if unit:
            spans.append((s, k + unit.end()))
    return spans


def keyed_by_state(text: str, found: list[Minted], matches: list[Match]) -> list[Minted]:
    """A national body's IRI is keyed by its State, so one State's body is one entity whether the text names the
    State or not (中国公安部, 公安部) and two States' bodies of one name are two (公安部 of China, of Viet Nam): the
    State that opens the name or stands right before it with 的 (越南的公安部); else the State of the same body named in
    full earlier in the paragraph (越南高平省公安厅 …… 高平省公安厅); else the one State whose government the paragraph
    names without the home State (老挝政府……科技部); else the home State of Chinese texts (rules.toml [mint.zh_bodies]
    home_state).  A State named before it for another reason (a venue, a list of attendants) is not
    its State.  A national opener right before the name (国家公安部) is kept as another form of it."""
    cfg = rules()["mint"].get("zh_bodies", {})
    out = [_opened_by_state(text, m, matches) for m in found]
    for i, m in enumerate(out):
        if m.key or family(m.type) != "Organization" or m.known is not None:
            continue
        province = province_opening(m.name)  # 高平省公安厅: a province's body
        if m.type not in cfg.get("state_keyed_types", ()) and not province or \
                any(c.type == "Country" and m.start <= c.start < m.end for c in matches):
            continue  # 印度与泰国海关: States inside the name
        full = next((f.key for f in out if f.end <= m.start and f.key.endswith(":" + m.name)), None)
        state = _governing_state(text, matches, cfg) or cfg.get("home_state", "")
        bare = bare_central(m.name)
        at = _opened_nationally(text, m.start, cfg, tuple(cfg.get("standalone_not_after", ())))
        forms = (bare,) if bare != m.name else (_clean(text[at:m.end]),) if at < m.start else ()  # 国家公安部 = 公安部
        out[i] = replace(m, key=full or f"{state}:{bare}", forms=m.forms + forms) if full or state else m
    return out


def _governing_state(text: str, matches: list[Match], cfg: dict) -> str | None:
    """The one State a paragraph is about when the home State is not named in it: its bare central bodies are that
    State's (老挝政府官员表示，科技部……; 据老挝媒体报道，科技部……): the one State named, unless every mention of it is a
    venue or a destination (在老挝万象举行的会议上: [mint.zh_bodies] venue_words before it), or the one State whose
    government the paragraph names (government_words) among several."""
    countries = [c for c in matches if c.type == "Country"]
    states = {_code(c) for c in countries}
    if cfg.get("home_state") in states:
        return None
    venue = tuple(cfg.get("venue_words", ()))
    about = {_code(c) for c in countries if not text.endswith(venue, 0, c.start)}
    if len(states) == 1 and about:
        return next(iter(about))
    governed = {_code(c) for c in countries if text.startswith(tuple(cfg.get("government_words", ())), c.end)}
    return next(iter(governed)) if len(governed) == 1 else None


def _opened_by_state(text: str, m: Minted, matches: list[Match]) -> Minted:
    """The minted name keyed by the State that opens it (越南公安部) or stands right before it with 的 (越南的公安部)."""
    if family(m.type) != "Organization" or m.known is not None:
        return m
    opener = next((c for c in matches if c.start == m.start and c.end < m.end and c.type == "Country"), None)
    if opener is not None:
        return replace(m, key=f"{_code(opener)}:{text[opener.end:m.end]}")
    owner = next((c for c in matches if c.end == m.start - 1 and text[c.end] == "的" and c.type == "Country"), None)
    return replace(m, key=f"{_code(owner)}:{m.name}") if owner is not None else m


def _code(country: Match) -> str:
    """The code of a country match (country/CHN → CHN)."""
    return str(country.iri).rsplit("/", 1)[-1]

