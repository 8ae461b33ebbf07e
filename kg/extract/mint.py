"""New entities: names of a known class that the reference data does not hold.

Titles in 《》 ending in 公约, 宣言, 战略 …; names ending in 方案, 举措, 网络, 数据库 … (kg.extract.mint_zh);
English capitalised names around Programme, Initiative, Network … (kg.extract.mint_en).  A name is minted only
when it is specific (it names a place or an organisation, carries an acronym, a title or a
quoted name, or is a capitalised English name), so "该方案" or "合作方案" is never an entity.
The IRI is derived from the normalised name, so the same name in another document gets
the same IRI.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.core.resources import rules
from kg.extract.bodies_zh import keyed_by_state, national_bodies_zh
from kg.extract.country_programmes import country_programmes
from kg.extract.defined_en import heading_title
from kg.extract.link import Match
from kg.extract.mint_en import mint_en
from kg.extract.name_words_en import capitalised
from kg.extract.minted import (  # noqa: F401 (the names of a minted entity, used through this module)
    Minted,
    _clean,
    _covered,
    _inside,
    known_variant,
    mint_iri,
    reference_variants,
    segment_for,
    slug,
    variant_key,
)
from kg.extract.mint_zh import mint_zh
from kg.extract.new_places import new_places


def mint(text: str, lang: str, matches: list[Match], titles: list[tuple[int, int]] = (), after: str = "",
         breaks: frozenset = frozenset()) -> list[Minted]:
    """New entities in one paragraph of normalised text (*after*: the next paragraph's, for a title line before "This
    project …"; *breaks*: the positions of the spaces that stand for a line break)."""
    if lang != "zh":
        found = [c for f in mint_en(text, matches) if (c := _before_field(text, f, breaks)) is not None]
        found += [h for h in heading_title(text, after, matches, rules()["mint"]["en"]) if not found]
        found = [_spelt_out(text, f, matches) for f in found]
    else:
        found = mint_zh(text, matches, list(titles))
        found = keyed_by_state(text, [_abbreviated_as_zh(text, m, matches) for m in found + national_bodies_zh(text, matches, found)
                                      if not any(m.start < s < m.end < e or s < m.start < e < m.end for s, e in titles)], matches)  # no name
        # crosses 《 or 》
    extra = country_programmes(text, lang, matches)  # "Country Programme II" in a passage on Pakistan
    extra += [p for p in new_places(text, lang, matches)  # a name that starts inside a new place was cut in it (太平洋地区中心)
              if not any(f.start < p.end and p.start < f.end and not p.start < f.start < p.end for f in found + extra)]
    return [f for f in found if not any(p.start < f.end and f.start < p.end for p in extra)] + extra


def _abbreviated_as_zh(text: str, m: Minted, matches: list[Match]) -> Minted:
    """A new name followed by a reference entity's Latin abbreviation in parentheses is that entity
    (“改善毒罪办管理和财务问题工作组”（FINGOV）), when of the same class family."""
    from kg.core.vocabulary import family

    opened = re.match(r"[”\"]?\s*[（(]", text[m.end:])
    at = m.end + opened.end() if opened else -1
    k = next((k for k in matches if k.start == at and text[k.end:k.end + 1] in ("）", ")") and text[k.start:k.end].isascii()), None)
    return replace(m, known=(k.iri, k.type)) if k is not None and family(k.type) == family(m.type) else m


FIELD = re.compile(r"\s*[A-Z][\w/&]*(?:[ \t]+[A-Z][\w/&]*){0,2}\s*(?::|[-–]\s)")  # "Project Duration:", "Countries/Region -"


def line_breaks(norm, original: str) -> frozenset:
    """The positions of the spaces of normalised text (kg.extract.nlp.Normalized) that stand for a line break of
    *original*, the text its offsets point into."""
    index, text = norm.index, norm.text
    return frozenset(m.start() for m in re.finditer(" ", text)
                     if m.start() + 1 < len(index) and "\n" in original[index[m.start()]:index[m.start() + 1]])


def _before_field(text: str, m: Minted, breaks: frozenset) -> Minted | None:
    """A name that runs over a line break into a field's label ("Regional Programme for Eastern Africa" and, on the
    next line, "Project Duration: …") ends at the break; None when too few words are left."""
    cut = next((b for b in sorted(breaks) if m.start < b < m.end and FIELD.match(text, b)), None)
    if cut is None:
        return m
    name = text[m.start:cut].rstrip()
    return replace(m, end=m.start + len(name), name=_clean(name)) if len(capitalised(name)) >= rules()["mint"]["en"]["min_words"] \
        else None


def _spelt_out(text: str, m: Minted, matches: list[Match]) -> Minted:
    """A new English name that holds a reference entity by its short name is the reference entity whose name holds it
    spelt out ("Mechanism for the Review of Implementation of the UNCAC" is the UNCAC review mechanism)."""
    from kg.core.reference import entities_by_iri

    if m.known is not None:
        return m
    for k in (k for k in matches if m.start <= k.start and k.end <= m.end and (k.start, k.end) != (m.start, m.end)):
        label = dict(entities_by_iri()[k.iri].labels).get("en") if k.iri in entities_by_iri() else None
        short = text[k.start:k.end]
        if label and short != label:
            name = re.sub(rf"\bthe\s+{re.escape(short)}$|\b{re.escape(short)}\b", label, m.name, count=1)
            known = known_variant(replace(m, name=name))
            if known is not None:
                return replace(m, known=known)
    return m
