"""The forms a reference entity's name takes in running text, per language (ontology/editions.toml [projection]).

Used where another edition says which entity a paragraph names (kg.extract.projection: confirming a name in the
aligned paragraph; kg.extract.alignment: a name minted in one edition that is a form of the reference entity the
other edition names), never to link a name on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import URIRef

from kg.extract.editions import settings


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
    return {**settings()["languages"].get(lang, {}), **settings().get("projection", {}).get(lang, {})}


def _long_enough(form: str, cfg: dict) -> bool:
    return len(form) >= cfg.get("min_chars", 1) and len(form.split()) >= cfg.get("min_words", 1)


def variants(name: str, cfg: dict) -> set[str]:
    """A name and the forms running text gives it: quote marks taken off; a leading word of drop_start taken off;
    the words of drop_inside taken off wherever they stand (the Conference of the Parties to the [United Nations]
    Convention …);
    the part before a word of cut_before ("Convention against Torture" of "Convention against Torture and Other
    Cruel …"), each kept when long enough to name one thing alone (min_chars characters, min_words words); with
    suffix_min_chars, every end of the name at least that long (a language whose names end in their head word)."""
    name = name.strip()
    out = {name}
    for left, right in cfg.get("quotes", ()):
        if name.startswith(left) and name.endswith(right):
            out.add(name[len(left):-len(right)])
    for form in list(out):
        for word in cfg.get("drop_start", ()):
            rest = form[len(word):].strip() if form.startswith(word) else ""
            if rest and _long_enough(rest, cfg):
                out.add(rest)
    for form in list(out):
        for word in cfg.get("drop_inside", ()):
            rest = " ".join(form.replace(word, " ").split()) if cfg.get("spaced", True) else form.replace(word, "")
            if rest != form and _long_enough(rest, cfg):
                out.add(rest)
    for form in list(out):
        for word in cfg.get("cut_before", ()):
            head = form.split(word, 1)[0].strip() if word in form else ""
            if head and _long_enough(head, cfg):
                out.add(head)
    shortest = cfg.get("suffix_min_chars")
    if shortest:
        out |= {form[i:] for form in list(out) for i in range(1, len(form) - shortest + 1)}
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
