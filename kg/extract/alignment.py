"""Which paragraphs of two editions correspond, and which names of the corpus name one thing.

Paragraphs of the editions of one work are aligned by printed number, else by position (`align`).  Minted
IRIs name one thing (`aligned_links`, `signature_links`) when, in aligned paragraphs, they have a compatible
class and head word, the same places and treaties inside the name, no conflicting abbreviation and the same
position among the paragraph's names; or anywhere, when they share an abbreviation, or the same places and
head word with nothing else in either name.  `identity_mapping` keeps the most readable IRI of each group.
All of it is a function of the documents' edition records (kg.extract.editions) only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.core.namespaces import ID
from kg.extract.editions import FAMILIES, EditionRecord, MintedName, heads_compatible, settings
from kg.extract.forms import is_form_of

HASH_SLUG = re.compile(r"/[a-z]{2,3}-[0-9a-f]{12}$")  # kg.extract.mint's slug of a name not written in Latin letters
MIN_ALIGNED_SCORE = 3
MIN_REFERENCE_SCORE = 5  # a minted name is a reference entity only on strong evidence: its names then become the entity's


def alignment_keys(record: EditionRecord) -> dict:
    """Key of each paragraph: its printed number; a footnote its mark; any other block its kind, the number of
    the numbered paragraph before it and its position among the blocks of that kind since then."""
    keys, last, seen = {}, "0", defaultdict(int)
    for p in record.paragraphs:
        if p.kind == "numbered":
            last = p.number
            key = ("numbered", p.number)
        elif p.kind == "footnote" and p.number:
            key = ("footnote", p.number)
        else:
            seen[(p.kind, last)] += 1
            key = (p.kind, last, seen[(p.kind, last)])
        keys.setdefault(key, p.iri)
    return keys


def align(a: EditionRecord, b: EditionRecord) -> list[tuple[str, str, str]]:
    """Aligned paragraphs of two editions: (paragraph of a, paragraph of b, "number" or "position")."""
    ka, kb = alignment_keys(a), alignment_keys(b)
    return [(ka[k], kb[k], "number" if k[0] in ("numbered", "footnote") else "position") for k in sorted(ka.keys() & kb.keys(), key=str) ]


# ---------------------------------------------------------------- identity


@dataclass(frozen=True)
class Link:
    """Why two minted IRIs name one thing."""

    first: str
    second: str
    rule: str  # aligned-paragraphs, same-abbreviation, same-places-and-head
    paragraphs: tuple[str, ...]
    evidence: str
    documents: tuple[str, ...]  # documents whose graphs carry the evidence


def pair_score(a: MintedName, b: MintedName, same_position: bool) -> tuple[int, list[str]] | None:
    """How strongly two names in aligned paragraphs look like one thing, with the reasons; None if they cannot be."""
    if a.family != b.family or not heads_compatible(a.head, b.head):
        return None
    if a.abbreviations and b.abbreviations and not a.abbreviations & b.abbreviations:
        return None
    if a.refs and b.refs and not a.refs & b.refs:
        return None
    score, why = 0, [f"class {a.family}"]
    if a.abbreviations & b.abbreviations:
        score += 4
        why.append("abbreviation " + ", ".join(sorted(a.abbreviations & b.abbreviations)))
    if a.refs and a.refs == b.refs:
        score += 3
        why.append("names inside " + ", ".join(_short(r) for r in sorted(a.refs)))
    elif a.refs & b.refs:
        score += 1
        why.append("some names inside " + ", ".join(_short(r) for r in sorted(a.refs & b.refs)))
    if a.head and a.head == b.head:
        score += 2
        why.append(f"head word {a.head}")
    elif a.head and b.head:  # compatible: one broader than the other (全球……方案 / Global Programme on …)
        score += 2
        why.append(f"head words {min(a.head, b.head)} and {max(a.head, b.head)}")
    own_a, own_b = a.label[len(a.parent):], b.label[len(b.parent):]  # a unit's own words
    words_a, words_b = name_words(own_a, a.lang), name_words(own_b, b.lang)
    if words_a and words_b:  # both names say what they are about: what they share counts for, what differs against
        common = {k for k in words_a if k in words_b or holds_word(own_b, k, b.lang)} | \
            {k for k in words_b if k in words_a or holds_word(own_a, k, a.lang)}
        score += min(3, len(common)) - min(2, len((words_a | words_b) - common))
        if common:
            why.append("words " + ", ".join(sorted(common)))
    if same_position:
        score += 1
        why.append("same position among the paragraph's names")
    return score, why


def explained(name: MintedName) -> bool:
    """Nothing is in the name but the reference names inside it (or their adjectives), head words, words of
    ontology/editions.toml [words] and fillers: "Afghan Border Police" and 阿富汗边防警察 say no more than that."""
    return _explained(name.label, name.lang, tuple(sorted(name.refs)))


@lru_cache(maxsize=4096)
def _explained(label: str, lang: str, refs: tuple) -> bool:
    from kg.core.reference import entities_by_iri
    from kg.core.resources import rules

    cfg = settings()
    spaced = cfg["languages"].get(lang, {}).get("spaced", True)
    known = {str(iri): e for iri, e in entities_by_iri().items()}
    texts = [t for ref in refs if ref in known for code, t in list(known[ref].labels.items()) + list(known[ref].aliases) if code == lang]
    texts += [a for a, ref in rules()["link"].get(f"adjectives_{lang}", []) if str(ID[ref]) in refs]
    texts += [w for table in ("heads", "words") for entry in cfg.get(table, {}).values() for w in entry.get(lang, ())]
    rest = label
    for text in sorted(set(texts), key=len, reverse=True):
        rest = re.sub(rf"(?<![\w-]){re.escape(text)}(?![\w-])", " ", rest, flags=re.IGNORECASE) if spaced else rest.replace(text, " ")
    fillers = set(cfg["languages"].get(lang, {}).get("fillers", ()))
    if spaced:
        return not [w for w in re.findall(r"[\w'’]+", rest.lower()) if w not in fillers]
    for filler in fillers:
        rest = rest.replace(filler, "")
    return not re.sub(r"\W", "", rest)


@lru_cache(maxsize=4096)
def name_words(label: str, lang: str) -> frozenset:
    """Keys of the words of ontology/editions.toml [words] that a name holds (禁毒 / Counter Narcotics: drug-control):
    a spaced language's words as whole words in any case, another language's anywhere in the name."""
    spaced = settings()["languages"].get(lang, {}).get("spaced", True)
    found, rest = set(), label
    words = sorted(((word, key) for key, entry in settings().get("words", {}).items() for word in entry.get(lang, ())),
                   key=lambda wk: (-len(wk[0]), wk))  # the longest first: "Criminal Investigation" holds no "Criminal"
    for word, key in words:
        pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])" if spaced else re.escape(word)
        if re.search(pattern, rest, re.IGNORECASE if spaced else 0):
            found.add(key)
            rest = re.sub(pattern, " | ", rest, flags=re.IGNORECASE if spaced else 0)
    return frozenset(found)


@lru_cache(maxsize=8192)
def holds_word(label: str, key: str, lang: str) -> bool:
    """The name holds one of the forms of the word *key* (ontology/editions.toml [words]) anywhere, even inside a
    longer word of the table that name_words read first: "Public Security" holds security as well as interior, so
    公共安全 (security) is no word the English name lacks."""
    forms = settings().get("words", {}).get(key, {}).get(lang, ())
    if settings()["languages"].get(lang, {}).get("spaced", True):
        return any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", label, re.IGNORECASE) for f in forms)
    return any(f in label for f in forms)


def _short(iri: str) -> str:
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def _may_pair(a: EditionRecord, x: str, b: EditionRecord, y: str) -> bool:
    """Two names may be one thing: both minted, or a minted name and a reference entity that its own edition
    never names (had it known the entity, it would have linked it)."""
    nx, ny = a.names[x], b.names[y]
    if nx.reference and ny.reference:
        return False
    if ny.reference:
        return y not in a.mentioned
    if nx.reference:
        return x not in b.mentioned
    return True


def _with_form(x: MintedName, y: MintedName, found: tuple) -> tuple:
    """A minted name that is a running-text form of the name of the reference entity the other edition names in the
    aligned paragraph ("Convention against Torture" beside 禁止酷刑……公约) is that entity: the score is enough."""
    ref, minted = (x, y) if x.reference and not y.reference else (y, x) if y.reference and not x.reference else (None, None)
    if ref is None or not is_form_of(minted.label, ref.iri, minted.lang):
        return found
    return found[0] + MIN_REFERENCE_SCORE, found[1] + [f"a form of the name of {_short(ref.iri)} in {minted.lang}"]


def aligned_links(a: EditionRecord, b: EditionRecord, pairs) -> list[Link]:
    """Minted names of two editions in different languages that name one thing, from their aligned paragraphs:
    each name's best partner by summed score over the paragraphs, kept when the choice is mutual."""
    if a.lang == b.lang:
        return []
    score: dict = defaultdict(int)
    why: dict = defaultdict(set)
    where: dict = defaultdict(set)
    for pa, pb, _ in pairs:
        na, nb = a.in_paragraph.get(pa, ()), b.in_paragraph.get(pb, ())
        for fam in FAMILIES:
            fa = [x for x in na if a.names[x].family == fam]
            fb = [x for x in nb if b.names[x].family == fam]
            for i, x in enumerate(fa):
                for j, y in enumerate(fb):
                    if x == y or not _may_pair(a, x, b, y):
                        continue
                    found = pair_score(a.names[x], b.names[y], i == j and len(fa) == len(fb))
                    if found is None:
                        continue
                    found = _with_form(a.names[x], b.names[y], found)
                    score[(x, y)] += found[0]
                    why[(x, y)].update(found[1])
                    where[(x, y)].update((pa, pb))

    def best(side: int) -> dict:
        chosen: dict = {}
        for pair, s in score.items():
            key = pair[side]
            other = chosen.get(key)
            if other is None or s > other[1]:
                chosen[key] = (pair, s, False)
            elif s == other[1]:
                chosen[key] = (min(pair, other[0]), s, True)  # a tie is no choice
        def enough(pair, total) -> bool:
            strong = a.names[pair[0]].reference or b.names[pair[1]].reference
            return total >= (MIN_REFERENCE_SCORE if strong else MIN_ALIGNED_SCORE)

        return {k: v[0] for k, v in chosen.items() if not v[2] and enough(v[0], v[1])}

    left, right = best(0), best(1)
    links = []
    for x, pair in sorted(left.items()):
        if right.get(pair[1]) == pair:
            links.append(Link(x, pair[1], "aligned-paragraphs", tuple(sorted(where[pair])), "; ".join(sorted(why[pair])), (a.iri, b.iri)))
    return links


def signature_links(records: list[EditionRecord]) -> list[Link]:
    """Minted names anywhere in the corpus that name one thing by their signature: the same class and a shared
    abbreviation, or the same class, head word and places/treaties inside with nothing else in either name."""
    first: dict[str, tuple[MintedName, str]] = {}
    for r in sorted(records, key=lambda r: r.iri):
        for iri, name in sorted(r.names.items()):
            if name.reference:
                continue
            if iri not in first:
                first[iri] = (name, r.iri)
            elif name.abbreviations - first[iri][0].abbreviations:
                first[iri] = (replace(first[iri][0], abbreviations=first[iri][0].abbreviations | name.abbreviations), first[iri][1])
    groups: dict = defaultdict(list)
    for iri, (name, _) in sorted(first.items()):
        for abbr in name.abbreviations:
            groups[("same-abbreviation", name.family, abbr)].append(iri)
        if name.bare and name.refs and name.head:
            groups[("same-places-and-head", name.family, name.head, tuple(sorted(name.refs)))].append(iri)
        words = name_words(name.label, name.lang)
        if name.refs and words and explained(name):
            groups[("same-places-and-words", name.family, ", ".join(sorted(words)), tuple(sorted(name.refs)))].append(iri)
    links = []
    for key, iris in sorted(groups.items(), key=lambda kv: str(kv[0])):
        anchor = iris[0]
        for other in iris[1:]:
            a, b = first[anchor][0], first[other][0]
            if not heads_compatible(a.head, b.head):
                continue
            detail = f"abbreviation {key[2]}" if key[0] == "same-abbreviation" else \
                f"{'words' if key[0] == 'same-places-and-words' else 'head word'} {key[2]}; names inside " + \
                ", ".join(_short(r) for r in key[3])
            links.append(Link(anchor, other, key[0], (), f"class {key[1]}; {detail}", (first[anchor][1], first[other][1])))
    return links


def canonical_iri(iris, references=frozenset()) -> str:
    """The IRI a group keeps: a reference entity's; else one minted from a name in Latin letters (a readable
    slug) before a hashed one; then the smallest — so the choice never depends on which document was read first."""
    return min(iris, key=lambda i: (i not in references, bool(HASH_SLUG.search(i)), i))


def identity_mapping(links: list[Link], references=frozenset()) -> dict[str, str]:
    """{minted IRI: the IRI of its group} for every IRI that is not its group's own.  Links are taken in a
    fixed order; one that would put two reference entities in a group is left out."""
    parent: dict[str, str] = {}
    holds: dict[str, str] = {r: r for r in references}  # root -> the reference entity in its group

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for link in sorted(links, key=lambda k: (k.first, k.second, k.rule)):
        ra, rb = root(link.first), root(link.second)
        if ra == rb or (ra in holds and rb in holds):
            continue
        keep, other = min(ra, rb), max(ra, rb)
        parent[other] = keep
        if other in holds:
            holds[keep] = holds.pop(other)
    groups = defaultdict(set)
    for x in list(parent):
        groups[root(x)].add(x)
    mapping = {}
    for r, members in groups.items():
        members.add(r)
        keep = canonical_iri(members, references)
        mapping.update({m: keep for m in members if m != keep})
    return mapping


def reference_names(records) -> frozenset:
    """The reference entities among the names of the records."""
    return frozenset(iri for r in records for iri, name in r.names.items() if name.reference)
