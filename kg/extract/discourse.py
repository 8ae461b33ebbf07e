"""The discourse of a document: topics of sections and paragraphs, and references resolved to entities.

A section runs from one heading to the next; its topic is the first programme, organisation or
body its heading names.  A paragraph's topic is the first such entity it names, else its
section's.  References to an entity named elsewhere ("the Programme", "the Office", 该方案,
本办公室, "its") are resolved to the nearest compatible entity before them: earlier in the
paragraph, then in the earlier paragraphs of the section, then in the section heading; "the
Office" is UNODC in a document that names UNODC.  Resolved references are mentions with the
rule ``anaphor`` (``topic`` for a possessive), so they can be told apart from names.  Nouns and
determiners are data (ontology/rules.toml, ``[discourse.*]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.core import vocabulary as classes
from kg.core.namespaces import ID
from kg.core.resources import rules
from kg.extract.link import Match
from kg.extract.nlp import literal, word_pattern
from kg.extract.protocol_refs import counted
from kg.extract.topics import SUBJECTS, framework as _framework, listed_member as _listed_member, through as _through

UNODC_IRI = ID["organization/unodc"]
METHODS = frozenset({"anaphor", "topic"})  # references to one entity named elsewhere (not names themselves)
COLLECTIVE = "collective"


@dataclass(frozen=True)
class _Noun:
    pattern: re.Pattern
    kinds: frozenset  # class local names it can refer to; empty: the Office
    possessive: bool = False
    titled: bool = False  # a short title (《公约》): the word counts only where it stood in 《》


def _kinds(name: str) -> frozenset:
    if name == "office":
        return frozenset()
    group = getattr(classes, name, None)
    return group if isinstance(group, frozenset) else frozenset({name})


@cache
def _nouns(lang: str) -> tuple[_Noun, ...]:
    cfg = rules()["discourse"][lang]
    dets = "|".join(map(re.escape, sorted(cfg["determiners"], key=len, reverse=True)))
    cont = "|".join(map(re.escape, cfg.get("name_continues", [])))
    out = []
    for noun, kind in sorted(cfg["nouns"], key=lambda n: -len(n[0])):
        if lang == "en":
            tail = rf"(?!\s+(?:{cont})\s+[A-Z0-9])(?![\w-])" if cont else r"(?![\w-])"
            pattern = re.compile(rf"(?<![\w-])(?:{dets})\s+{re.escape(noun)}s?{tail}")
        else:
            pattern = re.compile(rf"(?:{dets}){re.escape(noun)}")
        out.append(_Noun(pattern, _kinds(kind)))
    bare = cfg.get("bare", {})
    if bare.get("nouns"):  # 执行公约及其议定书: a bare 公约 after a verb, before its protocols, is the Convention named before
        after = "|".join(f"(?<={re.escape(w)})" for w in bare["after"])
        for noun, kind in bare["nouns"]:
            out.append(_Noun(re.compile(rf"(?:{after}|^){re.escape(noun)}(?={bare['before']})"), _kinds(kind)))
    for title, kind in cfg.get("titled", []):  # 《公约》: the Convention named before (normalised text keeps no 《》)
        out.append(_Noun(re.compile(re.escape(title.strip("《》"))), _kinds(kind), titled=True))
    for pronoun in cfg.get("pronouns", []):  # "It now works in …": like "its", the subject named before in the paragraph
        out.append(_Noun(re.compile(pronoun), SUBJECTS, True))
    not_after = cfg.get("possessive_not_preceded_by", "")
    not_before = cfg.get("possessive_not_followed_by", "")
    for word in cfg.get("possessives", []):
        if lang == "en":
            pattern = word_pattern(word, lang)
        else:
            pattern = (rf"(?<![{re.escape(not_after)}])" if not_after else "") + re.escape(word) + \
                (rf"(?![{re.escape(not_before)}])" if not_before else "")
        out.append(_Noun(re.compile(pattern), SUBJECTS, True))
    return tuple(out)


@dataclass
class Topics:
    """Topic of every paragraph (by position in the list given) and the document-level fallbacks."""

    paragraph: list  # Match | None per paragraph
    section: list  # Match | None per paragraph: the topic of its section


def _compatible(m: Match, kinds: frozenset) -> bool:
    return m.iri == UNODC_IRI if not kinds else m.type in kinds


def sections(kinds: list[str]) -> list[int]:
    """Index of the heading paragraph that opens the section of each paragraph (-1 before any heading)."""
    out, current = [], -1
    for i, kind in enumerate(kinds):
        if kind == "heading":
            current = i
        out.append(current)
    return out


def resolve(texts: list[str], mentions: list[list[Match]], kinds: list[str], lang: str,
            titles: list | None = None) -> tuple[list[list[Match]], Topics]:
    """Resolved references of every paragraph (normalised offsets) and the topics.

    *texts*: normalised text of each paragraph; *mentions*: its named mentions (sorted);
    *kinds*: paragraph kinds ("heading" opens a section); *titles*: the spans of each paragraph that stood in 《》.
    """
    names_unodc = any(m.iri == UNODC_IRI for ms in mentions for m in ms)
    section_of = sections(kinds)
    first_subject = [next((m for m in ms if m.type in SUBJECTS), None) for ms in mentions]
    section_topic = [first_subject[h] if h >= 0 else None for h in section_of]
    found: list[list[Match]] = []
    para_topic: list = []
    for i, (text, ms) in enumerate(zip(texts, mentions)):
        taken = [(m.start, m.end) for m in ms]
        refs: list[Match] = []
        for noun in _nouns(lang):
            for hit in noun.pattern.finditer(text):
                s, e = hit.span()
                if any(a < e and s < b for a, b in taken) or noun.titled and (titles is None or (s, e) not in titles[i]):
                    continue
                if lang == "zh" and not noun.possessive and e < len(text) and _continues_zh(text, e):
                    continue
                target = _antecedent(noun, s, ms + refs, i, mentions, found, section_of, names_unodc)
                if target is None:
                    continue
                taken.append((s, e))
                refs.append(Match(s, e, target.iri, target.type, "topic" if noun.possessive else "anaphor"))
        refs.sort(key=lambda m: (m.start, -m.end))
        found.append(refs)
        own = sorted(ms + refs, key=lambda m: (m.start, -m.end))
        first = next((m for m in own if m.type in SUBJECTS), None)
        # the paragraph's own subject opens it; a name further in ("…, with the support of WCO") leaves the section's topic
        opening = first if first is not None and first.start <= rules()["discourse"][lang].get("topic_within", len(text)) else None
        if first is not None and _listed_member(text, first, lang):  # "The nine Cosponsors are UNICEF, …": not about UNICEF
            para_topic.append(section_topic[i] or (para_topic[-1] if para_topic else None))
            continue
        para_topic.append(_through(text, own, lang) or _framework(text, own, opening, lang) or opening or section_topic[i]
                          or first)
    return found, Topics(para_topic, section_topic)


def _continues_zh(text: str, end: int) -> bool:
    """该方案 is a reference; 本方案编制 and 该机制下 are too, but 本委员会第 is the start of a name: a digit or 第."""
    return text[end] in "第0123456789"


def _antecedent(noun: _Noun, pos: int, here: list[Match], i: int, mentions: list, found: list, section_of: list,
                names_unodc: bool) -> Match | None:
    before = [m for m in here if m.end <= pos and _compatible(m, noun.kinds)]
    if noun.possessive:
        # "its": the subject of the clause before it, in the same paragraph only
        return before[-1] if before else None
    if before:
        return before[-1]
    heading = section_of[i]
    for j in range(i - 1, max(heading, 0) - 1, -1):
        earlier = [m for m in sorted(mentions[j] + found[j], key=lambda m: (m.start, -m.end)) if _compatible(m, noun.kinds)]
        if earlier:
            return earlier[-1]
    if not noun.kinds and names_unodc:
        return Match(pos, pos, UNODC_IRI, "UNEntity", "anaphor")
    return None


@cache
def _collectives(lang: str) -> tuple:
    """(phrase, member matches) of the collective references of rules.toml, longest phrase first."""
    from kg.core.reference import entities_by_iri

    known = entities_by_iri()
    out = []
    for group in rules()["discourse"].get("collective", []):
        members = tuple(known[ID[m]] for m in group["members"] if ID[m] in known)
        for phrase in group.get(lang, []):
            out.append((phrase, members))
    return tuple(sorted(out, key=lambda p: -len(p[0])))


@cache
def _protocols_of() -> dict:
    """Convention IRI -> its protocols (reference data: the protocol's parent), sorted."""
    from kg.core.reference import entities_by_iri

    out: dict = {}
    for e in entities_by_iri().values():
        if e.type == "Protocol" and e.row.get("parent"):
            out.setdefault(ID[f"convention/{e.row['parent']}"], []).append(e)
    return {k: tuple(sorted(v, key=lambda e: str(e.iri))) for k, v in out.items()}


@cache
def _children_of() -> dict:
    """Body IRI -> the reference bodies whose parent it is, sorted."""
    from kg.core.reference import entities_by_iri

    out: dict = {}
    for e in entities_by_iri().values():
        if e.kind == "body" and e.row.get("parent"):
            out.setdefault(ID[f"body/{e.row['parent']}"], []).append(e)
    return {k: tuple(sorted(v, key=lambda e: str(e.iri))) for k, v in out.items()}


class _Taken:
    """The spans of a paragraph already taken by a mention or a collective reference."""

    def __init__(self, mentions: list[Match]) -> None:
        self.spans = [(m.start, m.end) for m in mentions]

    def free(self, s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in self.spans)

    def take(self, s: int, e: int) -> None:
        self.spans.append((s, e))


def _named_collectives(text: str, lang: str, taken: _Taken) -> list[Match]:
    """"the three international drug control conventions", 三项国际药物管制公约: fixed members (rules.toml)."""
    found: list[Match] = []
    for phrase, members in _collectives(lang):
        if phrase not in text:
            continue
        for hit in literal(phrase).finditer(text):
            s, e = hit.span()
            if taken.free(s, e):
                taken.take(s, e)
                found.extend(Match(s, e, m.iri, m.type, COLLECTIVE) for m in members)
    return found


def _convention_protocols(text: str, mentions: list[Match], pattern: str | None, taken: _Taken) -> list[Match]:
    """"UNTOC and the Protocols thereto" / 《公约》及其各项议定书: the convention's protocols."""
    if not pattern:
        return []
    found: list[Match] = []
    parents = _protocols_of()
    for conv in (m for m in mentions if m.type == "Convention"):
        hit = re.match(pattern, text[conv.end:])
        if hit is None or conv.iri not in parents:
            continue
        s, e = conv.end + hit.start("ref"), conv.end + hit.end("ref")
        inside_body = any(m.type in classes.BODIES and m.start <= s and e <= m.end for m in mentions)
        if inside_body or taken.free(s, e):  # also inside a body's name: 《公约》及其各项议定书实施情况审议机制
            taken.take(s, e)
            found.extend(Match(s, e, p.iri, p.type, COLLECTIVE) for p in counted(text[s:e], parents[conv.iri], text[e:]))
    return found


def _body_children(text: str, mentions: list[Match], patterns: list, taken: _Taken) -> list[Match]:
    """A body followed by a reference to its children of one kind ("the Commission and its subsidiary bodies")."""
    found: list[Match] = []
    children = _children_of()
    for pattern_text, kind in patterns:
        for body in (m for m in mentions if m.iri in children):
            hit = re.match(pattern_text, text[body.end:])
            members = [e for e in children[body.iri] if e.type == kind]
            if hit is None or not members:
                continue
            s, e = body.end + hit.start("ref"), body.end + hit.end("ref")
            if taken.free(s, e):
                taken.take(s, e)
                found.extend(Match(s, e, m.iri, m.type, COLLECTIVE) for m in members)
    return found


def _nearest(nearest: list[Match], count: int) -> list[Match]:
    """The first distinct entities of *nearest*, at most *count* of them (0: all)."""
    chosen: list[Match] = []
    for m in nearest:
        if m.iri not in {c.iri for c in chosen}:
            chosen.append(m)
        if count and len(chosen) == count:
            break
    return chosen


def _of_kind(m: Match, kind: str) -> bool:
    """*kind*: a class local name, or the name of a family of classes of kg.core.vocabulary (PROGRAMMES)."""
    return m.type == kind or m.type in getattr(classes, kind, ())


def _plurals(text: str, mentions: list[Match], earlier: list[Match], plurals: list, taken: _Taken) -> list[Match]:
    """"both Protocols", 两委员会, "the two projects", 这两个方案: the nearest such entities named before ("these
    programmes", count 0: all of them in the paragraph)."""
    found: list[Match] = []
    for phrase, count, kind in sorted(plurals, key=lambda p: -len(p[0])):
        if phrase not in text:
            continue
        for hit in literal(phrase).finditer(text):
            s, e = hit.span()
            if not taken.free(s, e):
                continue
            before = [m for m in mentions if m.end <= s and _of_kind(m, kind)]
            nearest = list(reversed(before)) + ([] if count == 0 else [m for m in reversed(earlier) if _of_kind(m, kind)])
            chosen = _nearest(nearest, count)
            if len(chosen) >= max(count, 2):
                taken.take(s, e)
                found.extend(Match(s, e, m.iri, m.type, COLLECTIVE) for m in sorted(chosen, key=lambda m: str(m.iri)))
    return found


def collective(text: str, mentions: list[Match], lang: str, earlier: list[Match]) -> list[Match]:
    """Members of the collective references of one paragraph, one match per member on the reference's span.

    Named collectives ("the three international drug control conventions", 三项国际药物管制公约) have
    fixed members (rules.toml); "UNTOC and the Protocols thereto" / 《公约》及其各项议定书 stands for the
    convention's protocols; "both Protocols", 两委员会 for the nearest such entities named before
    (*earlier*: the mentions of the earlier paragraphs of the document, in order).
    """
    cfg = rules()["discourse"]
    taken = _Taken(mentions)
    found = _named_collectives(text, lang, taken)
    found += _convention_protocols(text, mentions, cfg.get("protocols_of", {}).get(lang), taken)
    found += _body_children(text, mentions, cfg.get("children_of", {}).get(lang, []), taken)
    found += _plurals(text, mentions, earlier, cfg.get("plural", {}).get(lang, []), taken)
    return sorted(found, key=lambda m: (m.start, -m.end, str(m.iri)))


def protocols_of(convention) -> tuple:
    """The reference protocols of a convention (their parent in treaties.csv)."""
    return _protocols_of().get(convention, ())


def children_of(body) -> tuple:
    """The reference bodies whose parent (bodies.csv) is *body*."""
    return _children_of().get(body, ())


def protocols_after(text: str, conventions: list[Match], lang: str) -> list[Match]:
    """"the Convention and its Protocols" where "the Convention" is a reference resolved to a convention: its protocols."""
    pattern = rules()["discourse"].get("protocols_of", {}).get(lang)
    found: list[Match] = []
    for conv in conventions if pattern else ():
        hit = re.match(pattern, text[conv.end:])
        if hit is not None:
            s, e = conv.end + hit.start("ref"), conv.end + hit.end("ref")
            found.extend(Match(s, e, p.iri, p.type, COLLECTIVE) for p in protocols_of(conv.iri))
    return found


def opens_without_subject(text: str, mentions: list[Match], lang: str) -> bool:
    """True when a sentence names no subject of its own: no programme, organisation or body, or the first one comes
    after more words of its clause than a subject's determiners (subject_prefix_words, subject_prefix_chars) or right
    after a preposition or partnership word (object_before: "… in partnership with INTERPOL", 与……合作)."""
    first = next((m for m in mentions if m.type in SUBJECTS), None)
    if first is None:
        return True
    cfg = rules()["discourse"][lang]
    prefix = re.split(r"[,，。；;:：]", text[:first.start])[-1]
    if (len(prefix.split()) > cfg["subject_prefix_words"]) if lang == "en" else (len(prefix.strip()) > cfg["subject_prefix_chars"]):
        return True
    pattern = cfg.get("object_before")
    return bool(pattern) and re.search(pattern, text[:first.start].rstrip() + (" " if lang == "en" else ""), re.IGNORECASE) is not None


def sentence_subject(text: str, mentions: list[Match], lang: str) -> Match | None:
    """The subject a sentence names: the programme an organisation opening it acts through, else its first programme,
    organisation or body; None when it names none of its own (:func:`opens_without_subject`)."""
    if opens_without_subject(text, mentions, lang):
        return None
    return _through(text, mentions, lang) or next(m for m in mentions if m.type in SUBJECTS)
