"""New Chinese names given by their form in the text rather than by a head word: titles in 《》 that end with a title
word (《……行动计划》, 《……协议》: rules.toml [mint.zh] title_suffixes) and quoted names given by a verb of naming to a
class noun (该项目称为“海洋之盾”, 题为“强大的家庭”的家庭技能方案: naming_verbs)."""

from __future__ import annotations

import re
from functools import cache

from kg.core.vocabulary import PLACE_OR_ORG, PLACES
from kg.extract.link import Match, zh_words
from kg.extract.minted import Minted, _clean, _covered
from kg.extract.names_zh import holds_proper_noun


def titled_zh(text: str, matches: list[Match], titles: list[tuple[int, int]], cfg: dict) -> list[Minted]:
    """Titles in 《》 that end with a title word (rules.toml [mint.zh] title_suffixes) and name no reference entity."""
    found = []
    for s, e in titles:
        inner = text[s:e]
        if _covered(matches, s, e) or _clean(inner) in {w for w, _ in cfg["title_suffixes"]} | set(cfg.get("bare_titles", ())):
            continue  # 《行动计划》, 《任择议定书》: a title word alone names no instrument (其《任择议定书》: the convention's)
        for suffix, etype in cfg["title_suffixes"]:
            if _clean(inner).endswith(suffix) and len(inner) > len(suffix) + 1:  # 《……行动计划（2019-2023年）》
                period = re.search(r"\s*[（(][^（）()]*[)）]\s*$", inner)
                if period and _covered(matches, s, s + period.start()):
                    break  # a reference plan with its period after it
                if suffix not in cfg.get("party_titles", ()) or has_topic(text, s, e - len(suffix), matches, cfg):
                    found.append(Minted(s, e, re.sub(r"\s+", " ", inner.strip()), etype, "zh"))  # the period is the title's
                break
    return found


def has_topic(text: str, s: int, e: int, matches: list[Match], cfg: dict) -> bool:
    """A memorandum's title names the place it covers and more than its parties (《中亚禁毒区域合作谅解备忘录》, not
    《双边合作谅解备忘录》 or 《毒罪办与该国谅解备忘录》): a place inside it, and what is left without the names in it and
    rules.toml [mint.zh] party_only_words holds at least two characters."""
    if not any(s <= m.start and m.end <= e and m.type in PLACES for m in matches) and not holds_proper_noun(text, s, e, matches):
        return False  # as in English (placed_heads): a memorandum names the place it covers (中亚, 湄公河)
    rest = "".join(text[k] for k in range(s, e) if not any(m.start <= k < m.end for m in matches))
    for word in sorted(cfg.get("party_only_words", ()) + cfg.get("party_titles", []), key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(re.sub(r"[\W\d_]", "", rest)) >= 2


@cache
def _naming_pattern(heads: tuple[str, ...], verbs: tuple[str, ...]) -> re.Pattern:
    """Quoted names with a verb of naming and a class noun before or after them (made once)."""
    heads_re = "|".join(map(re.escape, heads))
    quoted = r"[“\"][^“”\"。；]{2,30}[”\"]"
    return re.compile(rf"(?P<before>{heads_re})?(?P<verb>(?:被|也|又|正式)?(?:{'|'.join(map(re.escape, verbs))}))?"
                      rf"(?P<names>{quoted}(?:(?:、|和|及|以及){quoted})*)(?:的(?P<tail>[^，。；、“”\"]{{0,10}}?)(?P<after>{heads_re}))?")


def named_zh(text: str, matches: list[Match], cfg: dict, suffixes: list) -> list[Minted]:
    """Quoted names given by a verb of naming (rules.toml [mint.zh] naming_verbs) to a class noun before or after
    it: 该项目称为“海洋之盾”, 一个名为“安全港口”的新举措, 题为“强大的家庭”和“家庭团结”的两个家庭技能方案; or standing
    right after a programme's class noun (预防方案“强大家庭”)."""
    verbs = sorted(cfg.get("naming_verbs", []), key=len, reverse=True)
    if not verbs or "“" not in text and '"' not in text:  # every name the pattern finds is quoted
        return []
    kind = dict((h, t) for h, t in suffixes)
    found = []
    for hit in _naming_pattern(tuple(h for h, _ in suffixes if len(h) > 1), tuple(verbs)).finditer(text):
        head = hit.group("after") or hit.group("before")
        etype = kind.get(head or "")
        if etype is None or etype in PLACE_OR_ORG and not hit.group("after") or not hit.group("verb") and (
                etype in PLACE_OR_ORG or hit.group("after") or hit.group("names").count("“") > 1):
            continue  # without a verb of naming, only one quoted name right after a programme's class noun
        if [(hit.group("verb") or "").lstrip("被也又正式"), head] in cfg.get("naming_not", ()):
            continue  # 题为“国际和平与安全受到的威胁”的项目: an agenda item
        for name in re.finditer(r"[“\"]([^“”\"]+)[”\"]", hit.group("names")):
            at = hit.start("names") + name.start(1)
            if not _covered(matches, at, at + len(name.group(1))):
                found.append(Minted(at, at + len(name.group(1)), _clean(name.group(1)), etype, "zh"))
    return found



@cache
def _listed_pattern(heads: tuple[str, ...], counts: str) -> re.Pattern:
    """Two or more quoted names, then 等, a count and a class noun they share (made once)."""
    quoted = r"[“\"][^“”\"。；，]{2,30}[”\"]"
    return re.compile(rf"(?P<names>{quoted}(?:(?:、|和|及|与|以及)?{quoted})+)等(?:{counts})?[^，。；、“”\"的]{{0,6}}?"
                      rf"(?P<head>{'|'.join(map(re.escape, sorted(heads, key=len, reverse=True)))})")


def listed_quoted_zh(text: str, matches: list[Match], cfg: dict, suffixes: list) -> list[Minted]:
    """Quoted names listed before 等, a count and the class noun they share (“奶业扶贫”、“小额信贷扶贫”等多个扶贫发展项目,
    “清源断流”等多个专项行动): each is a name of that class (rules.toml [mint.zh] listed_quote_heads); not across 的
    (“禁毒”“反恐”等多个领域的合作项目: fields of work), nor a quoted word of two characters of the dictionary (a topic)."""
    heads = tuple(cfg.get("listed_quote_heads", ()))
    if not heads or "“" not in text and '"' not in text:
        return []
    kinds = sorted(suffixes, key=lambda p: -len(p[0]))
    found = []
    for hit in _listed_pattern(heads, cfg.get("listed_quote_counts", "(?!)")).finditer(text):
        etype = next((t for h, t in kinds if hit.group("head").endswith(h)), None)
        if etype is None or etype in PLACE_OR_ORG:
            continue
        for name in re.finditer(r"[“\"]([^“”\"]+)[”\"]", hit.group("names")):
            at = hit.start("names") + name.start(1)
            if not _covered(matches, at, at + len(name.group(1))) and not (len(name.group(1)) <= 2 and name.group(1) in zh_words()[0]):
                found.append(Minted(at, at + len(name.group(1)), _clean(name.group(1)), etype, "zh"))  # not 禁毒, 反恐: topics
    return found


def quoted_before_head_zh(text: str, matches: list[Match], cfg: dict, suffixes: list) -> list[Minted]:
    """A quoted name right before a programme's head word, across a short description of who runs it (「平安航道」合作
    项目, 「湄公河平安航道」中寮越柬缅泰6国合作项目): the quoted name is the programme's name, of the head's class
    (rules.toml [mint.zh] quoted_name_heads, at most quoted_description_chars characters of description, none of
    them a break, a quote, 的 or a joiner: “构建人类命运共同体”理念和全球发展倡议 is another name's; a head that a quote licenses to end the whole name, 行动, keeps its rule)."""
    heads = sorted(cfg.get("quoted_name_heads", ()), key=len, reverse=True)
    if not heads or "“" not in text and '"' not in text:
        return []
    kinds = sorted(suffixes, key=lambda p: -len(p[0]))
    gap = cfg.get("quoted_description_chars", 0)
    pattern = re.compile(rf"[“\"]([^“”\"。；，、,.;]{{2,20}})[”\"]([^，。；、：,.;:“”\"的和与及等（）()]{{0,{gap}}}?)"
                         rf"(?:{'|'.join(map(re.escape, heads))})")
    found = []
    for hit in pattern.finditer(text):
        head = next(h for h in heads if text.startswith(h, hit.end() - len(h)))
        etype = next((t for h, t in kinds if head.endswith(h)), None)
        s, e = hit.span(1)
        if etype is None or etype in PLACE_OR_ORG or _covered(matches, s, e) or \
                len(hit.group(1)) <= 2 and hit.group(1) in zh_words()[0]:
            continue  # “禁毒”项目: a topic of two characters of the dictionary
        found.append(Minted(s, e, _clean(hit.group(1)), etype, "zh"))
    return found
