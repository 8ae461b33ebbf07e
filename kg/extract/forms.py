"""The forms a reference entity's name takes in running text, per language (ontology/editions.toml [projection]).

Used where another edition says which entity a paragraph names (kg.extract.projection: confirming a name in the
aligned paragraph; kg.extract.alignment: a name minted in one edition that is a form of the reference entity the
other edition names), never to link a name on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import URIRef

from kg.extract.editions import head_of, settings


@lru_cache(maxsize=8)
def forms_table(lang: str) -> dict:
    """{entity iri: (forms longest first)} of every reference entity with a name in *lang*: its names, and the
    shorter forms of them that no other entity's names give (a shared form names no one thing)."""
    from collections import Counter

    from kg.core.reference import entities_by_iri

    cfg = _config(lang)
    names, forms = {}, {}
    for iri, entity in entities_by_iri().items():
        own = [entity.labels[lang]] if entity.labels.get(lang) else []
        own += [text for code, text in entity.aliases if code == lang]
        if own:
            names[str(iri)] = set(own)
            forms[str(iri)] = set().union(*(variants(name, cfg) for name in own)) - names[str(iri)]
    shared = Counter(f for found in forms.values() for f in found)
    every_name = set().union(*names.values()) if names else set()
    return {iri: tuple(sorted(names[iri] | {f for f in forms[iri] if shared[f] == 1 and f not in every_name},
                              key=lambda f: (-len(f), f)))
            for iri in sorted(names)}


def _config(lang: str) -> dict:
    """The language's [languages] and [projection] tables of ontology/editions.toml, as one."""
    return {**settings()["languages"].get(lang, {}), **settings().get("projection", {}).get(lang, {}), "lang": lang}


def _long_enough(form: str, cfg: dict) -> bool:
    return len(form) >= cfg.get("min_chars", 1) and len(form.split()) >= cfg.get("min_words", 1)


def _dropped(form: str, cfg: dict) -> set[str]:
    """The form without a leading word of drop_start, and without the words of drop_inside wherever they stand."""
    out = set()
    for word in cfg.get("drop_start", ()):
        if form.startswith(word):
            out.add(form[len(word):].strip())
    for word in cfg.get("drop_inside", ()):
        if word in form:
            out.add(" ".join(form.replace(word, " ").split()) if cfg.get("spaced", True) else form.replace(word, ""))
    return out


def _cut(form: str, cfg: dict) -> set[str]:
    """The part of the form before a word of cut_before; before a word of cut_keep_head, with the head word after it."""
    out = {form.split(word, 1)[0].strip() for word in cfg.get("cut_before", ()) if word in form}
    _, head = head_of(form, cfg["lang"]) if cfg.get("cut_keep_head") else ("", "")
    if head and form.endswith(head):
        out |= {form.split(word, 1)[0] + head for word in cfg["cut_keep_head"] if word in form[: -len(head)]}
    return out


def _year_moved(form: str, cfg: dict) -> set[str]:
    """With year_after (" of "): "1972 Protocol" is also "Protocol of 1972", and "Convention …, 1961" or
    "Convention … of 1961" also "1961 Convention …"."""
    joiner = cfg.get("year_after")
    if not joiner:
        return set()
    out = set()
    first = re.fullmatch(r"((?:1[89]|20)\d\d) (\S.*)", form)
    if first:
        out.add(f"{first.group(2)}{joiner}{first.group(1)}")
    last = re.fullmatch(rf"(\S.*?)(?:,|{re.escape(joiner.rstrip())}) ((?:1[89]|20)\d\d)", form)
    if last:
        out.add(f"{last.group(2)} {last.group(1)}")
    return out


def _ends(form: str, cfg: dict) -> set[str]:
    """Every end of the form at least suffix_min_chars long that starts a word (not a filler, not inside a number)."""
    shortest, fillers = cfg.get("suffix_min_chars"), tuple(cfg.get("fillers", ()))
    if not shortest:
        return set()
    return {form[i:] for i in range(1, len(form) - shortest + 1)
            if form[i].isalnum() and not form[i:].startswith(fillers) and form[i - 1] not in "0123456789"}


def variants(name: str, cfg: dict) -> set[str]:
    """A name and the forms running text gives it: quote marks taken off; a leading word of drop_start taken off;
    the words of drop_inside taken off wherever they stand (the Conference of the Parties to the [United Nations]
    Convention …); the part before a word of cut_before ("Convention against Torture" of "Convention against
    Torture and Other Cruel …"); the part before a word of cut_keep_head with the name's head word
    (ontology/editions.toml [heads]) after it (全球打击洗钱方案 of 全球打击洗钱、犯罪所得和资助恐怖主义方案) — each kept
    when long enough to name one thing alone (min_chars characters, min_words words); with suffix_min_chars, every
    end of the name at least that long (a language whose names end in their head word)."""
    name = name.strip()
    out = {name}
    for left, right in cfg.get("quotes", ()):
        if name.startswith(left) and name.endswith(right):
            out.add(name[len(left):-len(right)])
    for step in (_dropped, _cut, _year_moved):
        out |= {f for form in list(out) for f in step(form, cfg) if f and f != form and _long_enough(f, cfg)}
    out |= {f for form in list(out) for f in _ends(form, cfg)}
    return {f for f in out if f}


def is_form_of(text: str, entity: str, lang: str) -> bool:
    """True when *text* (quote marks aside) is one of the running-text forms of the reference entity's names."""
    cfg = _config(lang)
    candidates = {text.strip()}
    for left, right in cfg.get("quotes", ()):
        if text.startswith(left) and text.endswith(right):
            candidates.add(text[len(left):-len(right)])
    return bool(candidates & set(forms_table(lang).get(entity, ())))


ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9\-&.]*[A-Z0-9]$")


def is_abbreviation(text: str) -> bool:
    """An abbreviation in Latin letters (UNODC, GLO.ACT, CRIMJUST): one word, at least two capitals."""
    return bool(ABBREVIATION.match(text)) and sum(c.isupper() for c in text) >= 2


@lru_cache(maxsize=4096)
def abbreviations_of(entity: str) -> tuple:
    """The abbreviations in Latin letters among a reference entity's names in any language: texts in other
    languages write them as they are (UNODC, INTERPOL)."""
    from kg.core.reference import entities_by_iri

    found = entities_by_iri().get(URIRef(entity))
    if found is None:
        return ()
    names = list(found.labels.values()) + [text for _, text in found.aliases]
    return tuple(sorted({n.strip() for n in names if is_abbreviation(n.strip())}))


@lru_cache(maxsize=4096)
def names_of(entity: str, lang: str) -> tuple:
    """A reference entity's label and aliases in *lang*, as the linker reads them (kg.extract.nlp.normalize_label)."""
    from kg.core.reference import entities_by_iri
    from kg.extract.nlp import normalize_label

    found = entities_by_iri().get(URIRef(entity))
    if found is None:
        return ()
    names = [found.labels[lang]] if found.labels.get(lang) else []
    names += [text for code, text in found.aliases if code == lang]
    return tuple(sorted({normalize_label(n) for n in names if n.strip()}))


def _picked_from(short: str, name: str) -> bool:
    """*short* takes its characters from *name* in order, skipping some (麻管局 of 国际麻醉品管制局)."""
    at = 0
    for ch in short:
        at = name.find(ch, at) + 1
        if not at:
            return False
    return short not in name


def abbreviated_hits(text: str, entity: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) in *text* of the abbreviations of a reference entity's names that a language makes by picking
    characters ([projection] abbreviation_min_chars): the longest run of characters of the language's script
    ending where the name ends, starting where a word of the name starts (not a word of abbreviation_skip), that
    picks its characters from the name in order, leaving some out (安理会 of 安全理事会, 西非经共体 of 西非国家经济共同体,
    麻管局 of 国际麻醉品管制局; not 国管局, not 联合国办公室)."""
    shortest = _config(lang).get("abbreviation_min_chars")
    if not shortest:
        return []
    hits = set()
    for name in names_of(entity, lang):
        starts = _word_starts(name, tuple(_config(lang).get("abbreviation_skip", ())))
        for end in (m.end() for m in re.finditer(re.escape(name[-1]), text)):
            for start in range(max(0, end - len(name) + 1), end - shortest + 1):
                piece = text[start:end]
                if all("\u4e00" <= ch <= "\u9fff" for ch in piece) and piece[0] in starts and _picked_from(piece, name):
                    hits.add((start, end))
                    break
    return sorted(hits)


@lru_cache(maxsize=4096)
def _word_starts(name: str, skip: tuple) -> frozenset:
    """The first characters of the words of a name (jieba's cut), words of *skip* (联合国, 国际) left out: where an
    abbreviation may start."""
    import jieba

    return frozenset(word[0] for word in jieba.cut(name) if word.strip() and word not in skip)
