"""English short forms of reference names completed by their paragraph, the twin of kg.extract.short_forms_zh: "the
Global Plan of Action" in a paragraph on trafficking in persons is the United Nations Global Plan of Action to Combat
Trafficking in Persons.

A short form is a reference label's opening (kg.extract.label_cuts, cut before one of the tail words of rules.toml
[mint.en_short_forms]), also without an opener the label starts with ("United Nations"), of at least min_words words.
A capitalised phrase of the text that gives it names the reference entity when every content word left out of it
(function and weak words aside) stands in its sentence or the sentences on either side, and no other reference entity
so completed shares the form.
"""

from __future__ import annotations

import re
from functools import cache

from kg.core.resources import rules
from kg.extract.label_cuts import Cut, cut_forms, reference_labels
from kg.extract.link import Match
from kg.extract.minted import Minted, _clean, variant_key

PHRASE = re.compile(r"\b(?!(?:The|A|An|This|That|These|Its|Their)\b)(?:[A-Z][\w\-]*)(?:\s+(?:(?:of|on|for|against|to|in|and|the)\s+)*"
                    r"[A-Z][\w\-]*)+")
OWNED = re.compile(r"(?:\b(?:[Aa]n?|[Aa]ny|[Ee]ach|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er)|['’]s)\s+$")  # "a Plan of Action": another's


def _settings() -> dict:
    return rules()["mint"].get("en_short_forms", {})


@cache
def short_forms() -> dict[str, tuple]:
    """Short form (an English variant form) -> ((IRI, class, content words left out), …) for the English labels of the
    reference data."""
    cfg = _settings()
    if not cfg:
        return {}
    weak = set(cfg.get("weak_words", ())) | set(rules()["mint"]["en"].get("function_words", ()))
    labels = []
    for label, hit in reference_labels("en", cfg.get("families", ()), str.isascii):
        key = variant_key(label, "en")
        labels += [(tuple(k.split()), hit) for k in {key} | {key[len(o) + 1:] for o in cfg.get("openers", ()) if key.startswith(o + " ")}]
    full = {variant_key(label, "en") for label, _ in reference_labels("en", None, lambda label: True)}
    index: dict[str, set] = {}
    for f in cut_forms("en", labels, Cut(before=frozenset(cfg.get("tails", ())), least_words=cfg.get("min_words", 3))):
        content = tuple(w for w in f.left_out.split() if w not in weak and len(w) > 2)
        if content and f.form not in full:
            index.setdefault(f.form, set()).add((*f.hit, content))
    return {form: tuple(sorted(found, key=str)) for form, found in index.items()}


def _window(text: str, start: int, end: int, stops: list[int]) -> str:
    """The sentence of text[start:end] and the sentences on either side of it (*stops*: where the paragraph's
    sentences end), without the form itself, in lower case."""
    before = [k for k in stops if k <= start]
    after = [k for k in stops if k >= end]
    lo = before[-2] if len(before) >= 2 else 0
    hi = after[1] if len(after) >= 2 else len(text)
    return (text[lo:start] + " | " + text[end:hi]).lower()


def _stands(word: str, window: str) -> bool:
    """A content word stands in the window, also inflected (trafficking, trafficked: the first five letters)."""
    stem = word[:5] if len(word) > 5 else word
    return bool(re.search(rf"\b{re.escape(stem)}", window))


def short_forms_en(text: str, matches: list[Match], found: list[Minted]) -> list[Minted]:
    """Capitalised phrases outside known and minted names that are completed short forms, with their reference entity;
    minted names that are, with it as their other form."""
    forms = short_forms()
    if not forms:
        return found
    out = []
    stops = [m.end() for m in re.finditer(r"[.!?;](?=\s|$)", text)]  # once per paragraph
    for m in found:
        hit = _completed(text, m.start, m.end, m.name, forms, stops) if m.known is None and not _owned(text, m.start) else None
        out.append(Minted(m.start, m.end, m.name, hit[1], "en", known=hit) if hit else m)
    taken = [(k.start, k.end) for k in matches] + [(m.start, m.end) for m in found]
    for p in PHRASE.finditer(text):
        if variant_key(p.group(0), "en") not in forms or _owned(text, p.start()) or any(a < p.end() and p.start() < b for a, b in taken):
            continue  # "a Plan of Action to …", "the Government's Plan of Action": another's plan
        hit = _completed(text, p.start(), p.end(), p.group(0), forms, stops)
        if hit:
            out.append(Minted(p.start(), p.end(), _clean(p.group(0)), hit[1], "en", known=hit))
    return out


def _owned(text: str, start: int) -> bool:
    """An indefinite article or an owner stands right before the phrase ("a Plan of Action", "Kenya's Plan of Action")."""
    return bool(OWNED.search(text, max(0, start - 16), start))


def _completed(text: str, start: int, end: int, name: str, forms: dict, stops: list[int]) -> tuple | None:
    """(IRI, class) of the one reference entity whose short form the name gives and whose left-out words the
    paragraph writes around it."""
    found = forms.get(variant_key(name, "en"))
    if not found:
        return None
    window = _window(text, start, end, stops)
    hits = {(iri, t) for iri, t, content in found if all(_stands(w, window) for w in content)}
    return next(iter(hits)) if len(hits) == 1 else None
