"""Organisations named only by an acronym: an unknown acronym listed or joined with a known organisation's acronym."""

from __future__ import annotations

import re
from functools import cache

from kg.core.vocabulary import BODIES, ORGANIZATIONS
from kg.extract.link import Match
from kg.extract.minted import Minted, _covered

ACTORS = ORGANIZATIONS | BODIES


def _fronted(text: str, s: int, cfg: dict) -> bool:
    """The acronym ends a phrase that opens the sentence ("Through CASA, UNODC has …"): a comma after it lists nothing."""
    opener = re.search(r"(?:^|[.;:!?]\s+)(\w+)\s+$", text[:s])
    return bool(opener) and opener.group(1) in cfg.get("sentence_openers", ())


@cache
def _state_codes() -> dict:
    """ISO 3166 alpha-3 code -> IRI of the reference data's States (PNG, USA)."""
    from kg.core.reference import load_entities

    return {str(e.row["iso3"]): e.iri for e in load_entities() if e.type == "Country" and e.row.get("iso3")}


def _state_code(text: str, hit: re.Match, matches: list[Match]) -> bool:
    """The acronym is the three-letter code of a State the paragraph names, or joined to "EU" by a hyphen ("the EU-PNG
    Partnership" beside "the Government of Papua New Guinea"): the State's short form, no organisation's acronym (the
    Andean Community's CAN stays one where Canada is not named)."""
    iri = _state_codes().get(hit.group(0))
    return iri is not None and (any(m.iri == iri for m in matches) or text.endswith("EU-", 0, hit.start()))


def listed_acronyms(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """An unknown acronym listed or joined with a known organisation's acronym is an organisation's name: "(ILO, IOM,
    UNICEF, UNIFEM, UNDAW, UNHCR and UNODC)", "the UNODC-NATO partnership" (rules.toml [mint.en] acronym_not_names
    are acronyms of other things: HIV, AIDS; a State's three-letter code is the State's)."""
    joiner = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|[-/–]|\s*/\s*)"  # "NAIROBI - UNODC …": a dateline
    known = [(m.start, m.end) for m in matches if m.type in ACTORS and re.fullmatch(r"[A-Z]{2,8}", text[m.start:m.end])]
    found: list[Minted] = []
    spans = [(h.start(), h.end()) for h in re.finditer(r"(?<![\w.])[A-Z]{3,8}(?![\w.])", text)
             if h.group(0) not in cfg.get("acronym_not_names", ()) and not _state_code(text, h, matches)
             and not _covered(matches, h.start(), h.end())
             and not any(m.start < h.end() and h.start() < m.end for m in matches)]
    changed = True
    while changed:
        changed = False
        for s, e in spans:
            if any(f.start == s for f in found):
                continue
            left = re.search(rf"{joiner}$", text[:s])
            right = re.match(joiner, text[e:]) if not _fronted(text, s, cfg) else None
            if left and any(b == left.start() for _, b in known) or right and any(a == e + right.end() for a, _ in known):
                found.append(Minted(s, e, text[s:e], "Organization", "en"))
                known.append((s, e))
                changed = True
    return found
