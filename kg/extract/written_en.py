"""Other forms an English text writes a new name in, kept as its alternative labels (issue 15: "keep every form as an
alternative label"): the name with the known organisation that owns it right before it ("UNODC Integrated Country
Programme for the Kyrgyz Republic" for the Integrated Country Programme …), and, when the text also writes it apart,
the name without the period it ends with ("… for Kyrgyzstan" for "… for Kyrgyzstan 2014-2016") or without the State it
ends with after "of" ("Ministry of Public Security" for "… of the People's Republic of China"): a form no text writes
is no label, and two States' ministries of one name share none. A name that writes its abbreviation before its head
word ("the United Nations Pacific Regional Anti-Corruption (UN-PRAC) Project") is the name without it, and the
abbreviation and the written form are its other forms; a name that is an abbreviation and a programme's head word ("the
UNPRAC Project", "the SEACOP Programme") has the abbreviation as another form.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from kg.core.resources import rules
from kg.core.vocabulary import ORGANIZATIONS, PROGRAMMES
from kg.extract.acronyms import english_word
from kg.extract.link import Match
from kg.extract.minted import Minted

PERIOD = re.compile(r"(?:,?\s+|\s*\()\d{4}\s*[–-]\s*(?:\d{4}|\d{2})\)?$")  # "… 2014-2016", "… (2013-2020)"
OWNER_GAP = re.compile(r"\s+$")
ACRONYM = r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[A-Z0-9]"  # UNPRAC, UN-PRAC, G5
INNER = re.compile(rf"\s+\(({ACRONYM})\)(?=\s+[A-Z])")  # "… Anti-Corruption (UN-PRAC) Project"


def written_forms(text: str, found: list[Minted], matches: list[Match]) -> list[Minted]:
    """*found* with the other forms the text writes each name in (Minted.forms)."""
    forms = [_with_forms(text, _headed_acronym(_inner_abbreviation(f)), matches) for f in found]
    return [_defined_elsewhere(f, forms) for f in forms]


def _defined_elsewhere(f: Minted, found: list[Minted]) -> Minted:
    """An abbreviation and a head word ("the RAT Project") whose abbreviation another name of the paragraph writes in
    itself ("the Regional Anti-Trafficking (RAT) Project") is that name: its IRI, its written form another label."""
    words = f.name.split(" ")
    if len(words) != 2 or not re.fullmatch(ACRONYM, words[0]) or words[1] not in _programme_heads():
        return f
    full = next((g for g in found if g is not f and g.type == f.type and words[0] in g.forms and g.name != f.name), None)
    return replace(f, key=full.key or full.name) if full is not None else f


def _inner_abbreviation(f: Minted) -> Minted:
    """The name without the abbreviation written before its head word, with both as other forms."""
    inner = list(INNER.finditer(f.name))
    if len(inner) != 1 or f.type not in PROGRAMMES | ORGANIZATIONS:
        return f
    name = f.name[:inner[0].start()] + f.name[inner[0].end():]
    return replace(f, name=name, forms=f.forms + tuple(n for n in (name, f.name, inner[0].group(1)) if n not in f.forms))


@cache
def _programme_heads() -> frozenset:
    return frozenset(h for h, t in rules()["mint"]["en"]["name_heads"] if t in PROGRAMMES and " " not in h)


def _headed_acronym(f: Minted) -> Minted:
    """An abbreviation and a programme's head word: the abbreviation is another form ("the UNPRAC Project"); not an English
    word ("the MORE Programme")."""
    words = f.name.split(" ")
    if len(words) == 2 and re.fullmatch(ACRONYM, words[0]) and len(words[0]) >= 3 and words[1] in _programme_heads() \
            and words[0] not in f.forms and not english_word(words[0]):
        return replace(f, forms=f.forms + (words[0],))
    return f


def _written_apart(text: str, form: str, f: Minted) -> bool:
    """The text also writes *form* as a name of its own, outside the name *f* (not followed by more of a name)."""
    return any(not f.start <= h.start() < f.end for h in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-]|\s+(?:of|for|on|\d))", text))


def _with_forms(text: str, f: Minted, matches: list[Match]) -> Minted:
    names = {f.name}
    bare = PERIOD.sub("", f.name)
    if bare != f.name and len(bare.split()) >= 2 and _written_apart(text, bare, f):
        names.add(bare)
    state = next((m for m in matches if m.type == "Country" and m.end == f.end and m.start > f.start), None)
    of = re.search(r"\s+of\s+(?:the\s+)?$", text[f.start:state.start]) if state else None
    if of and len(f.name[:of.start()].split()) >= 2 and _written_apart(text, f.name[:of.start()], f):
        names.add(f.name[:of.start()])  # "the Ministry of Public Security of Viet Nam … the Ministry of Public Security"
    owner = next((m for m in matches if m.type in ORGANIZATIONS and m.end < f.start and OWNER_GAP.fullmatch(text, m.end, f.start)
                  and m.end - m.start <= 12), None)  # an acronym or short name: "UNODC Integrated Country Programme …"
    if owner is not None:
        names |= {f"{text[owner.start:owner.end]} {n}" for n in names}
    forms = tuple(sorted(names - {f.name}))
    return replace(f, forms=f.forms + tuple(n for n in forms if n not in f.forms)) if forms else f
