"""A country programme named without its country ("the new Country Programme", "Country Programme II", 该国家方案) in a
passage that names one State: the reference country programme of that State (programmes.csv `places`), if any."""

from __future__ import annotations

import re
from functools import cache

from kg.core.reference import load_entities, split_list
from kg.core.resources import rules
from kg.extract.link import Match
from kg.extract.minted import Minted


@cache
def _programme_of_country() -> dict:
    """Country IRI -> (IRI, class) of the one reference country programme that covers only that country."""
    by_country: dict = {}
    for e in load_entities():
        places = split_list(e.row.get("places"))
        if e.type == "CountryProgramme" and len(places) == 1:
            by_country.setdefault(f"country/{places[0]}", []).append((e.iri, e.type))
    return {c: found[0] for c, found in by_country.items() if len(found) == 1}


def country_programmes(text: str, lang: str, matches: list[Match]) -> list[Minted]:
    """Spans of rules.toml [mint.country_programme] <lang> that name the country programme of the State right before
    them, else of the one State the passage names."""
    pattern = rules()["mint"].get("country_programme", {}).get(lang)
    countries = {_id(m) for m in matches if m.type == "Country"}
    found = []
    for h in re.finditer(pattern, text) if pattern else ():
        s, e = h.span("name")
        own = next((m for m in matches if m.type == "Country" and text[m.end:s].strip() == "" and 0 <= s - m.end <= 1), None)
        country = _id(own) if own is not None else next(iter(countries)) if len(countries) == 1 else None
        known = _programme_of_country().get(country)
        s = own.start if own is not None else s  # "Iran Country Partnership Programme": the State opens the name
        if known is not None and not any(m.start < e and s < m.end and m is not own for m in matches):
            found.append(Minted(s, e, text[s:e], "CountryProgramme", lang, known))
    return found


def _id(m: Match) -> str:
    return str(m.iri).rsplit("/id/", 1)[-1]
