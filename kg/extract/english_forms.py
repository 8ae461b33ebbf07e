"""English forms the gazetteer's labels miss: a footnote marker glued to a name ("… Organized Crime1,") and places
named in a list of compass words that share one noun ("East, West, Central and South Africa" names Eastern, Western,
Middle and Southern Africa; "East, South and Central Asia" names three areas of Asia; "South Eastern Europe" is
South-Eastern Europe), and a place's adjective used as a person's name."""

from __future__ import annotations

import re
from functools import cache

from kg.core.resources import rules
from kg.core.vocabulary import PLACES

FOOTNOTE = re.compile(r"[A-Za-z][a-z]{2,}(\d{1,2})")  # "… Organized Crime1," in the text of a UN document


@cache
def _dateline_pattern() -> re.Pattern:
    """A news item's dateline at a paragraph's start: a town, its State in parentheses or after a comma, and a date
    ("Vienna (Austria), 17 October 2019 -", "WINDHOEK, Namibia, May 23, 2014", "Panama, 29 May 2020.")."""
    from kg.extract.amounts import quantity_tables

    months = "|".join(re.escape(m) for m in quantity_tables()["months_en"])
    return re.compile(rf"\s*(?:[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,3}}\s*(?:\(|,)\s*)?(?P<state>[^(),]{{2,40}}?)\)?\s*,\s*"
                      rf"(?:\d{{1,2}}\s+(?:{months})|(?:{months})\s+\d{{1,2}})(?:,?\s*\d{{4}})?\s*(?:[-–—:/(]|\.(?:\s|$))")


@cache
def _currencies() -> tuple[str, ...]:
    """Currency names and prefixes that open with a State's name or abbreviation ("US$", "US $", "NZ$", "US dollars":
    ontology/quantities.toml currency_prefixes and the measure units of several words)."""
    from kg.extract.amounts import quantity_tables

    cfg = quantity_tables()
    return tuple(c for c, _ in cfg["currency_prefixes"] + cfg["measure_units"] if c[:1].isupper() and (" " in c or "$" in c))


def _currency(text: str, m) -> bool:
    """The match opens a currency's name or prefix ("US $ 14.5 million", "10 million US dollars"), no mention of the
    State; a donor before an amount stays ("Canada $ 430,040")."""
    return any(text.startswith(c, m.start) and len(c) > m.end - m.start for c in _currencies())


def _dateline(text: str, m) -> bool:
    """The match is the State of the dateline that opens the paragraph: a dateline names no entity."""
    hit = _dateline_pattern().match(text)
    return bool(hit) and hit.start("state") == m.start and hit.end("state") == m.end


def footnotes_apart(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans with a footnote marker glued to a word split off ("Crime1" is "Crime" and "1")."""
    out = []
    for s, e in spans:
        m = FOOTNOTE.fullmatch(text, s, e)
        out.extend([(s, m.start(1)), (m.start(1), e)] if m else [(s, e)])
    return out


@cache
def _compass() -> tuple[str, re.Pattern]:
    """The compass words (rules.toml [link] compass_words_en) as an alternation, and a list of them before a joiner."""
    words = rules()["link"]["compass_words_en"]
    words = list(words) + [w[:1].lower() + w[1:].lower() for w in words]  # "east and south-east Asia" in UN style
    compass = "(?:" + "|".join(sorted((re.escape(w).replace("\\ ", "[- ]?") for w in words), key=len, reverse=True)) + ")"
    return compass, re.compile(rf"({compass})(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*&\s*)$")


def english_context(text: str, found: list, lookup, match) -> list:
    """The matches of an English text with places listed by compass words (coordinated_places), less a place's
    adjective that ends a person's name ("Nguyen Duong Thai, Deputy Director …"; not "… both Afghan and Pakistani.")."""
    adjectives = {a for a, _ in rules()["link"].get("adjectives_en", []) if not a.replace(".", "").isupper()}  # not US
    kept = [m for m in found if not (text[m.start:m.end] in adjectives and not re.match(r"\s+[A-Za-z]", text[m.end:])
                                     and _named_person(text, m.start, found)) and not _language(text, m)
            and not (m.type == "Country" and (_currency(text, m) or _dateline(text, m))) and not _joint_area(text, m)]
    return _inside_other_place(text, coordinated_places(text, kept, lookup, match), lookup, match) + \
        shared_heads(text, kept, lookup, match) + convention_bodies(text, kept, lookup, match)


def _joint_area(text: str, m) -> bool:
    """A region written as the first half of a joint area of rules.toml [link] joint_areas_en ("Asia and the Pacific",
    "Asia-Pacific") is no mention of the region alone, as "Africa" in "South Africa" is none."""
    return m.type == "Region" and any(text[m.start:m.end] == region and text.startswith(tail, m.end)
                                      for region, tail in rules()["link"].get("joint_areas_en", ()))


def convention_bodies(text: str, found: list, lookup, match) -> list:
    """A body named by its head and "the Convention" or nothing more (rules.toml [link] convention_bodies_en: "the
    Conference of the States Parties to the Convention") is the body of the one convention the paragraph names."""
    specs = rules()["link"].get("convention_bodies_en", ())
    hits = [(h, spec) for spec in specs for h in re.finditer(rf"\b{spec['phrase']}\b", text)
            if not any(m.start < h.end() and h.start() < m.end for m in found)]
    conventions = {m.iri for m in found if m.type == "Convention"}
    if not hits:
        return []
    from kg.core.reference import entities_by_iri

    out = []
    for hit, spec in hits:
        to = re.match(r"\s+to\s+(?:the\s+)?", text[hit.end():])
        named = next((m for m in found if to and m.start == hit.end() + to.end() and m.type == "Convention"), None)
        if named is None and (re.match(r"\s+(?:to|of|on|for)\s", text[hit.end():]) or len(conventions) != 1):
            continue  # "… Parties to the Climate Convention": another convention's; two conventions: whose?
        entity = entities_by_iri().get(named.iri if named else next(iter(conventions)))
        if entity is None:
            continue  # a minted convention: no reference body to look up
        label = dict(entity.labels).get("en", "")
        bodies = {(lab.iri, lab.type) for form in spec["labels"] for lab in lookup(form.format(label)) if lab.type not in PLACES}
        if len(bodies) == 1:
            out.append(match(hit.start(), hit.end(), *bodies.pop(), "alias"))
    return out


def shared_heads(text: str, found: list, lookup, match) -> list:
    """Treaties named by short names that share one plural head ("the migrant smuggling and firearms protocols"; rules.toml
    [link] shared_heads_en): a match for each name when every name of the list, with the head in the singular, is the
    label of one treaty and no match is inside the phrase."""
    from kg.core.vocabulary import TREATIES

    cfg = rules()["link"]
    most = cfg.get("shared_words_en", 3)
    out = []
    for plural, single in cfg.get("shared_heads_en", ()):
        if plural not in text:
            continue
        for head in re.finditer(rf"\b{re.escape(plural)}\b", text):
            items = _items_before(text, head.start(), most)
            if len(items) < 2 or any(m.start < head.start() and items[0][0] < m.end for m in found):
                continue
            hits = [_one_treaty(lookup, text, s, e, single, TREATIES) for s, e in items]
            if all(hits):
                out += [match(*h, "alias") for h in hits]
    return out


def _items_before(text: str, end: int, most: int) -> list[tuple[int, int]]:
    """(start, end) of the items of the list "a, b and c" that ends right before *end*, read back over at most 200
    characters of its sentence (each item at most *most* words; the first item's last words)."""
    lo = max(0, end - 200)
    stop = max((m.end() for m in re.finditer(r"[.;:()]", text[lo:end])), default=0)
    window = text[lo + stop:end]
    seps = list(re.finditer(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", window))
    if not seps or not re.search(r"\b(?:and|or)\b", seps[-1].group()) or seps[-1].end() >= len(window.rstrip()):
        return []
    bounds = [0] + [x for sep in seps for x in sep.span()] + [len(window.rstrip())]
    items = []
    for a, b in reversed(list(zip(bounds[::2], bounds[1::2]))):
        words = list(re.finditer(r"\S+", window[a:b]))
        if not words:
            return []
        first = len(words) > most
        a = a + words[-most].start() if first else a
        items.insert(0, (lo + stop + a, lo + stop + b))
        if first:
            break  # the first item: its last words, after the words of the sentence before it
    return items


def _one_treaty(lookup, text: str, start: int, end: int, single: str, kinds) -> tuple | None:
    """(start, end, IRI, class) of the one treaty whose label is the item's last words (the longest that are one) and
    *single*."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for w in words:
        item = text[start + w.start():start + words[-1].end()]
        found = {(lab.iri, lab.type) for lab in lookup(f"{item} {single}") if lab.type in kinds} or _list_item(item, single)
        if len(found) == 1:
            return (start + w.start(), start + words[-1].end(), *found.pop())
    return None


def _list_item(item: str, single: str) -> set:
    """{(IRI, class)} of a short name that names a treaty only inside a list sharing its head (rules.toml [link]
    shared_head_items_en: "trafficking" before "… and firearms protocols")."""
    from kg.core.namespaces import ID
    from kg.core.reference import entities_by_iri

    hits = {ref for name, head, ref in rules()["link"].get("shared_head_items_en", ()) if name == item.lower() and head == single.lower()}
    known = entities_by_iri() if hits else {}
    return {(ID[ref], known[ID[ref]].type) for ref in hits if ID[ref] in known}


def _inside_other_place(text: str, found: list, lookup, match) -> list:
    """The matches less a region or a place's adjective that a capitalised compass word right before it makes another
    word ("South African" is not Africa), as "Africa" in "South Africa" is no mention of Africa; a State's name stays
    (Northern Afghanistan is part of Afghanistan), and the compass word and a region's name that make a known region
    are that region ("South East Europe" is South-Eastern Europe)."""
    compass = re.compile(rf"(?<![\w\-])(?:{_compass()[0]})[ ]$")
    adjectives = {a for a, _ in rules()["link"].get("adjectives_en", [])}
    out = []
    for m in found:
        before = compass.search(text, max(0, m.start - 20), m.start) if text[m.start:m.start + 1].isupper() else None
        if not before or not before.group(0)[:1].isupper() or \
                not (m.type in PLACES - {"Country"} or text[m.start:m.end] in adjectives):
            out.append(m)
            continue
        word = before.group(0).strip()
        place = _place(lookup, re.sub(r"[- ]", "-", word) + "ern", text[m.start:m.end]) if m.type == "Region" else None
        if place:
            out.append(match(before.start(), m.end, *place, "alias"))
    return out


def in_name_only(text: str, start: int, end: int) -> bool:
    """A continent's bare adjective (rules.toml [link] name_word_adjectives_en: "African") before capitalised words that
    a name's head word ends (rules.toml [mint.en] name_heads) is a word of that name ("the African Press Organization",
    "the United Nations African Institute"), no mention of the continent ("African States", "African Ministers of
    Justice", "the African partner countries" are)."""
    if text[start:end] not in rules()["link"].get("name_word_adjectives_en", ()):
        return False
    run = re.match(r"(?:[ \t]+[A-Z][\w'’\-]*)+", text[end:])
    heads = {h for h, _ in rules()["mint"]["en"]["name_heads"]}
    return bool(run) and any(run.group(0).endswith(" " + h) for h in heads)


def _language(text: str, m) -> bool:
    """The match is an adjective that names a language here (rules.toml [link] language_adjectives_en): no word after
    it (a list of languages: "Chinese, English, French …") or a language's word (language_words_en), or "in" before."""
    cfg = rules()["link"]
    if text[m.start:m.end] not in {a for a, _ in cfg.get("language_adjectives_en", [])}:
        return False
    after = re.match(r"\s+([A-Za-z]+)", text[m.end:])
    return after is None or after.group(1).lower() in set(cfg.get("language_words_en", ())) or \
        bool(re.search(r"\b(?:in|into|from)\s+$", text[:m.start]))


def _named_person(text: str, start: int, found: list) -> bool:
    """Two capitalised words that name no place stand right before *start*: the word there ends a person's name."""
    before = re.search(r"(?:\b[A-Z][a-z]+\s+){2,}$", text[:start])
    return bool(before) and not any(before.start() <= k.start < start for k in found)


def coordinated_places(text: str, found: list, lookup, match) -> list:
    """The matches with one more for each compass word listed before a place's name whose noun it shares, when that
    word and the noun are a place's label (*lookup* gives the labels of a text, *match* builds a match)."""
    out = list(found)
    compass, joined_list = _compass()
    for m in found:
        joined = re.search(rf"\b({compass})\s+$", text[:m.start]) if m.type in PLACES else None
        place = _place(lookup, joined.group(1) + "-" + text[m.start:m.end].split(" ", 1)[0], text[m.start:m.end].split(" ", 1)[-1]) \
            if joined and " " in text[m.start:m.end] else None
        if place:  # "South Eastern Europe" is South-Eastern Europe, not Eastern Europe
            out[out.index(m)] = m = match(joined.start(1), m.end, *place, "alias")
        head = re.fullmatch(rf"({compass})\s+(.+)", text[m.start:m.end]) if m.type in PLACES else None
        if head and m.type == "Country" and joined_list.search(text, 0, m.start) and _place(lookup, head.group(1) + "ern", head.group(2)):
            out[out.index(m)] = match(m.start, m.end, *_place(lookup, head.group(1) + "ern", head.group(2)), "alias")  # "… and South Africa"
        pos = m.start
        while head:
            prev = joined_list.search(text, 0, pos)
            if prev is None or prev.group(1)[:1].isupper() and re.search(r"[A-Z][\w\-]*\s+$", text[:prev.start(1)]) or \
                    prev.group(1)[:1].islower() and not re.search(r"(?:\b(?:[Ii]n|[Aa]cross|of|to|[Tt]he|from|and)|,)\s+$", text[:prev.start(1)]) or \
                    any(k.start < prev.end(1) and prev.start(1) < k.end for k in found):
                break  # no list, or the word ends a longer name ("the Middle East and North Africa")
            place = _place(lookup, prev.group(1), head.group(2)) or _place(lookup, prev.group(1) + "ern", head.group(2))
            if place is None:
                break
            out.append(match(prev.start(1), prev.end(1), *place, "alias"))
            pos = prev.start(1)
    return out


def _place(lookup, word: str, noun: str) -> tuple | None:
    """(IRI, class) of the one place whose label is *word* and *noun*."""
    places = {(lab.iri, lab.type) for lab in lookup(f"{word} {noun}") if lab.type in PLACES and lab.type != "Country"}
    return places.pop() if len(places) == 1 else None

