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
    """Spans of rules.toml [mint.country_programme] <lang> that name the country programme of the one State the
    passage names."""
    pattern = rules()["mint"].get("country_programme", {}).get(lang)
    countries = {str(m.iri).rsplit("/id/", 1)[-1] for m in matches if m.type == "Country"}
    if not pattern or len(countries) != 1:
        return []
    known = _programme_of_country().get(next(iter(countries)))
    if known is None:
        return []
    return [Minted(h.start("name"), h.end("name"), h.group("name"), "CountryProgramme", lang, known)
            for h in re.finditer(pattern, text)
            if not any(m.start < h.end("name") and h.start("name") < m.end for m in matches)]
