"""Organisations named only by an acronym, with no full form in the paragraph: an unknown acronym listed or joined with
a known organisation (its acronym or its name), one owned by a State ("Nigeria's NDLEA", "the Namibian FIC") and one
whose officers or employees act ("the DCA officers")."""

from __future__ import annotations

import csv
import re
from functools import cache

from kg.core.resources import ontology_dir
from kg.core.vocabulary import BODIES, ORGANIZATIONS
from kg.extract.link import Match
from kg.extract.minted import Minted, _covered

ACTORS = ORGANIZATIONS | BODIES
# "the Government of Pakistan, especially ANF", "the Salvadoran Government, particularly with PNC": a body of that Government
GOVERNMENT_PART = re.compile(r"\bGovernment\b[^.;:!?,]{0,40},\s+(?:especially|particularly|in\s+particular|notably|namely)\s+"
                             r"(?:with\s+)?(?:the\s+)?$")


def _fronted(text: str, s: int, cfg: dict) -> bool:
    """The acronym ends a phrase that opens the sentence ("Through CASA, UNODC has …", "Together with the GOP, UNODC
    …"): a comma after it lists nothing."""
    opener = re.search(r"(?:^|[.;:!?]\s+)(\w+)\s+[^,.;:!?]*$", text[:s]) or re.search(r"(?:^|[.;:!?]\s+)(\w+)\s+$", text[:s])
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


@cache
def _currency_codes() -> frozenset:
    """ISO 4217 currency codes (ontology/currencies.csv): "Kenya's KES 10 million" names an amount, no body."""
    with (ontology_dir() / "currencies.csv").open(encoding="utf-8", newline="") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))


@cache
def _english_words() -> frozenset:
    """Ordinary English words: spaCy's English stop words and the words both packaged dictionaries hold (english-words:
    Webster's Second and GCIDE; either alone holds a few acronyms, CNS, GOP, BLO)."""
    from english_words import get_english_words_set
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | (get_english_words_set(["web2"], lower=True, alpha=True)
                                    & get_english_words_set(["gcide"], lower=True, alpha=True))


def english_word(word: str) -> bool:
    """The word, in lower case, is an ordinary English word (TOP, NEW, NOTE)."""
    return word.lower() in _english_words()


def _no_name(word: str, after: str, words: bool) -> bool:
    """An all-capital word that is no organisation's acronym: a currency code, any word before a number ("THB 40
    million") and, with *words*, a capitalised English word (TOP, NEW, NOTE)."""
    return words and english_word(word) or word in _currency_codes() or re.match(r"\s*\d", after) is not None


def _unknown_acronyms(text: str, matches: list[Match], cfg: dict, words: bool = True) -> list[tuple[int, int]]:
    """Spans of the all-capital words of three to eight letters that name nothing known (rules.toml [mint.en]
    acronym_not_names are acronyms of other things: HIV, AIDS; a State's three-letter code is the State's)."""
    return [(h.start(), h.end()) for h in re.finditer(r"(?<![\w.])[A-Z]{3,8}(?!\w|\.\w)", text)
            if h.group(0) not in cfg.get("acronym_not_names", ()) and not _no_name(h.group(0), text[h.end():h.end() + 3], words) and not _state_code(text, h, matches)
            and not _covered(matches, h.start(), h.end())
            and not any(m.start < h.end() and h.start() < m.end for m in matches)]


def _known_neighbours(text: str, matches: list[Match]) -> list[tuple[int, int]]:
    """Spans of the known organisations and bodies of the paragraph that a list can hold: an acronym ("UNICEF"), or a
    name not inside a longer capitalised phrase, with the State of a country office after it ("UNICEF Bangladesh")."""
    states = {m.start: m.end for m in matches if m.type == "Country"}
    spans = []
    for m in matches:
        if m.type not in ACTORS:
            continue
        end = m.end
        after = re.match(r" (?=[A-Z])", text[end:])
        if after and end + 1 in states:
            end = states[end + 1]
        spans.append((m.start, end))
    return spans


def listed_acronyms(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """An unknown acronym listed or joined with a known organisation is an organisation's name: "(ILO, IOM, UNICEF,
    UNIFEM, UNDAW, UNHCR and UNODC)", "the UNODC-NATO partnership", "UNEP, TRAFFIC and the Freeland Foundation",
    "UNICEF Bangladesh and GIZ Bangladesh" (a State after either is the country office's)."""
    joiner = r"(?:\s*,\s*(?:(?:and|or)\s+(?:the\s+)?)?|\s+(?:and|or)\s+(?:the\s+)?|[-/–]|\s*/\s*)"  # "NAIROBI - UNODC …": a dateline
    known = _known_neighbours(text, matches)
    states = {m.start: m.end for m in matches if m.type == "Country"}
    found: list[Minted] = []
    spans = _unknown_acronyms(text, matches, cfg, words=False)  # "UNEP, TRAFFIC and …": a word listed with organisations
    changed = True
    while changed:
        changed = False
        for s, e in spans:
            if any(f.start == s for f in found):
                continue
            left = re.search(rf"{joiner}$", text[:s])
            tail = states.get(e + 1, e) if text[e:e + 1] == " " else e  # "GIZ Bangladesh": the agency's country office
            right = re.match(joiner, text[tail:]) if not _fronted(text, s, cfg) else None
            if left and any(b == left.start() for _, b in known) or right and any(a == tail + right.end() for a, _ in known):
                found.append(Minted(s, e, text[s:e], "Organization", "en"))
                known.append((s, e))
                changed = True
    return found


def owned_acronyms(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """An unknown acronym right after a State's name or adjective ("Nigeria's NDLEA", "the Namibian FIC", "Tajikistan's
    DCA employees"), before words of a body's staff (rules.toml [mint.en] acronym_staff_words: "the DCA officers") or
    singled out of a Government ("the Government of Pakistan, especially ANF") names a State's body; not one that opens a longer capitalised name ("the Afghan MDT Commander")."""
    staff = "|".join(map(re.escape, cfg.get("acronym_staff_words", ())))
    state_ends = {m.end: m for m in matches if m.type == "Country"}
    found = []
    for s, e in _unknown_acronyms(text, matches, cfg):
        if re.match(r"\s+[A-Z]|[-/–$]", text[e:]) or text[s - 1:s] in "-/–" and s or \
                re.search(rf"\(\s*{text[s:e]}\b", text):
            continue  # part of a longer name or code, or an abbreviation the paragraph defines ("… of Pakistan (GOP)")
        owner = re.search(r"(?:['’]s)?\s$", text[:s])
        state = state_ends.get(owner.start()) if owner is not None else None
        government = GOVERNMENT_PART.search(text[:s])
        if state is None and government is not None:
            state = next((m for m in reversed(matches) if m.type == "Country" and government.start() - 30 <= m.start < s), None)
        if state is not None:
            code = str(state.iri).rsplit("/", 1)[-1]
            found.append(Minted(s, e, text[s:e], "NationalBody", "en", key=f"{code}:{text[s:e]}"))
        elif government is not None:
            found.append(Minted(s, e, text[s:e], "NationalBody", "en"))
        elif staff and re.match(rf"\s+(?:{staff})\b", text[e:]):
            found.append(Minted(s, e, text[s:e], "Organization", "en"))  # officers of a State's body, an IGO's, an NGO's
    return found
