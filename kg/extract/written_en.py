"""Other forms an English text writes a new name in, kept as its alternative labels (issue 15: "keep every form as an
alternative label"): the name with the known organisation that owns it right before it ("UNODC Integrated Country
Programme for the Kyrgyz Republic" for the Integrated Country Programme …), and, when the text also writes it apart,
the name without the period it ends with ("… for Kyrgyzstan" for "… for Kyrgyzstan 2014-2016") or without the State it
ends with after "of" ("Ministry of Public Security" for "… of the People's Republic of China"): a form no text writes
is no label, and two States' ministries of one name share none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.core.vocabulary import ORGANIZATIONS
from kg.extract.link import Match
from kg.extract.minted import Minted

PERIOD = re.compile(r"(?:,?\s+|\s*\()\d{4}\s*[–-]\s*(?:\d{4}|\d{2})\)?$")  # "… 2014-2016", "… (2013-2020)"
OWNER_GAP = re.compile(r"\s+$")


def written_forms(text: str, found: list[Minted], matches: list[Match]) -> list[Minted]:
    """*found* with the other forms the text writes each name in (Minted.forms)."""
    return [_with_forms(text, f, matches) for f in found]


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
