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
    latin_headed,
    mint_iri,
    reference_variants,
    segment_for,
    slug,
    variant_key,
)
from kg.extract.mint_zh import mint_zh
from kg.extract.new_places import new_places
from kg.extract.sheets_en import coded_titles, field_titles, plural_heads, project_codes, numbered_parts
from kg.extract.written_en import written_forms
from kg.extract.short_forms_en import short_forms_en


def mint(text: str, lang: str, matches: list[Match], titles: list[tuple[int, int]] = (), after: str = "",
         breaks: frozenset = frozenset()) -> list[Minted]:
    """New entities in one paragraph of normalised text (*after*: the next paragraph's, for a title line before "This
    project …"; *breaks*: the positions of the spaces that stand for a line break)."""
    if lang != "zh":
        cfg = rules()["mint"]["en"]
        split = plural_heads(text, matches, cfg)  # "the Ministries of A and B": each body, not the phrase
        found = [_under(text, _where(text, c, matches), matches) for f in mint_en(text, matches) for c in _before_field(text, f, breaks)
                 if not _field_label(text, c) and not _short(c, cfg) and not any(c.start <= p.start and p.end <= c.end for p in split)]
        found += [h for h in heading_title(text, after, matches, cfg) if not found]
        found += [t for t in field_titles(text, matches, breaks, cfg) + split + coded_titles(text, matches, cfg) + project_codes(text, matches)
                  + numbered_parts(text, matches, cfg)
                  if not any(f.start < t.end and t.start < f.end for f in found)]  # "Project Title: …"
        found = written_forms(text, short_forms_en(text, matches, [_spelt_out(text, f, matches) for f in found]), matches)  # "the Global Plan of Action"
        found = _parts_of_wholes(text, found, matches)
    else:
        found = mint_zh(text, matches, list(titles))
        found = keyed_by_state(text, [_abbreviated_as_zh(text, m, matches) for m in found + national_bodies_zh(text, matches, found)
                                      if not any(m.start < s < m.end < e or s < m.start < e < m.end for s, e in titles)], matches)  # no name
        # crosses 《 or 》
        found = _written_in_full(found)
    extra = country_programmes(text, lang, matches)  # "Country Programme II" in a passage on Pakistan
    extra += [p for p in new_places(text, lang, matches)  # a name that starts inside a new place was cut in it (太平洋地区中心)
              if not any(f.start < p.end and p.start < f.end and not p.start < f.start < p.end for f in found + extra)]
    return [f for f in found if not any(p.start < f.end and f.start < p.end for p in extra)] + extra


def _parts_of_wholes(text: str, found: list[Minted], matches: list[Match]) -> list[Minted]:
    """A part named by a generic name and a part head ("the Law Enforcement Sub-programme of the Global Maritime Crime
    Programme", "the Border Component of UNODC's Programme for Central Asia"; rules.toml [relations.en] part_heads and
    part_head_link) is keyed by the whole named right after it: every programme may have its Law Enforcement
    Sub-programme, and one IRI for all of them would make it part of each."""
    from kg.core.vocabulary import BODIES, ORGANIZATIONS, PROGRAMMES

    cfg = rules()["relations"]["en"]
    heads, link = tuple(h.lower() for h in cfg.get("part_heads", ())), cfg.get("part_head_link", "")
    if not heads or not link:
        return found
    wholes = [(m.start, str(m.iri).rstrip("/").rsplit("/", 1)[-1]) for m in matches if m.type in ORGANIZATIONS | PROGRAMMES | BODIES]
    wholes += [(f.start, f.key or f.name) for f in found if f.type in ORGANIZATIONS | PROGRAMMES | BODIES]
    out = []
    for f in found:
        joined = re.match(link, text[f.end:], re.IGNORECASE) if f.type in PROGRAMMES and not f.key and f.name.lower().endswith(heads) else None
        whole = next((w for at, w in wholes if joined and at == f.end + joined.end()), None)
        out.append(replace(f, key=f"{f.name} of {whole}") if whole else f)
    return out


def _written_in_full(found: list[Minted]) -> list[Minted]:
    """A name the paragraph also mints as another name's other form (海湾合作委员会设有总秘书处。海湾合作委员会总秘书处……:
    the organ 总秘书处 written with its owner) is that entity: its class and key."""
    full = {form: m for m in found for form in m.forms if form != m.name}
    return [replace(m, type=full[m.name].type, key=full[m.name].key or full[m.name].name) if m.name in full and full[m.name] is not m
            else m for m in found]


def _abbreviated_as_zh(text: str, m: Minted, matches: list[Match]) -> Minted:
    """A new name followed by a reference entity's Latin abbreviation in parentheses is that entity
    (“改善毒罪办管理和财务问题工作组”（FINGOV）), when of the same class family; also the Latin name with a Chinese head
    word of one (全球反腐败执法机构业务网络（GlobE网络）: the GlobE Network)."""
    from kg.core.vocabulary import family

    opened = re.match(r"[”\"]?\s*[（(]", text[m.end:])
    at = m.end + opened.end() if opened else -1
    k = next((k for k in matches if k.start == at and text[k.end:k.end + 1] in ("）", ")") and text[k.start:k.end].isascii()), None)
    if k is not None:
        return replace(m, known=(k.iri, k.type)) if family(k.type) == family(m.type) else m
    inner = re.match(r"([A-Za-z][A-Za-z0-9&./\- ]*[\u4e00-\u9fff]{1,4})[）)]", text[at:]) if opened else None  # （GlobE网络）
    hits = {h for h in latin_headed(variant_key(inner.group(1), "zh")) if family(h[1]) == family(m.type)} if inner else set()
    return replace(m, known=next(iter(hits))) if len(hits) == 1 else m


SENTENCE = re.compile(r"\s*(?:The|This|These|A|An)\s")  # a title line before its paragraph's first sentence
FIELD = re.compile(r"\s*[A-Z][\w/&]*(?:[ \t]+[A-Z][\w/&]*){0,2}\s*(?::|[-–]\s)")  # "Project Duration:", "Countries/Region -"


def line_breaks(norm, original: str) -> frozenset:
    """The positions of the spaces of normalised text (kg.extract.nlp.Normalized) that stand for a line break of
    *original*, the text its offsets point into."""
    index, text = norm.index, norm.text
    return frozenset(m.start() for m in re.finditer(" ", text)
                     if m.start() + 1 < len(index) and "\n" in original[index[m.start()]:index[m.start() + 1]])


def _before_field(text: str, m: Minted, breaks: frozenset) -> list[Minted]:
    """A name that runs over a line break into a field's label ("Regional Programme for Eastern Africa" and, on the
    next line, "Project Duration: …") ends at the break; a title line over the sentence that opens the next line ("Joint
    UNODC WHO Programme" / "The Joint Programme on …") is two names; none with too few words."""
    least = rules()["mint"]["en"]["min_words"]
    the = re.match(r"the\s+", m.name)  # "– the UN Office on Drugs and Crime Regional Programme …": no word of the name
    m = replace(m, start=m.start + the.end(), name=m.name[the.end():]) if the else m
    cut = next((b for b in sorted(breaks) if m.start < b < m.end and (FIELD.match(text, b) or SENTENCE.match(text, b))), None)
    if cut is None:
        return [m]
    name = text[m.start:cut].rstrip()
    out = [replace(m, end=m.start + len(name), name=_clean(name))] if len(capitalised(name)) >= least else []
    rest = SENTENCE.match(text, cut)
    tail = text[rest.end():m.end] if rest else ""
    if len(capitalised(tail)) >= least:
        out.append(replace(m, start=m.end - len(tail), name=_clean(tail)))
    return out


def _where(text: str, m: Minted, matches: list[Match]) -> Minted:
    """An organisation's name less the State it stands in at its end ("the Institute of Governance Studies in
    Bangladesh"): only a State the linker found; a region stays ("… for Peace and Disarmament in Africa") and so does a
    subject ("the Institute for Research in Criminology")."""
    from kg.core.vocabulary import family

    tail = re.search(r"\s+in\s+(?:the\s+)?([A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})$", m.name)
    if tail is None or family(m.type) != "Organization" or len(capitalised(m.name[:tail.start()])) < 2:
        return m
    at = m.start + tail.start(1)
    if not any(k.start == at and k.end == m.end and k.type == "Country" for k in matches):
        return m
    name = m.name[:tail.start()]
    return replace(m, end=m.start + len(name), name=name)


def _short(m: Minted, cfg: dict) -> bool:
    """A name with a head of [mint.en] three_word_heads and fewer than three capitalised words ("the Strategic
    Partnership"): a description any document may use, no name."""
    return any(h in m.name.split() for h in cfg.get("three_word_heads", ())) and len(capitalised(m.name)) < 3


def _under(text: str, m: Minted, matches: list[Match]) -> Minted:
    """A State body's name goes on over "under the" and the office that owns it, to its State ("the Drug Control Agency
    under the President of the Republic of Tajikistan"; rules.toml [mint.en] under_owners)."""
    from kg.core.vocabulary import family

    owners = rules()["mint"]["en"].get("under_owners", ())
    under = re.match(rf"\s+under\s+the\s+(?:{'|'.join(map(re.escape, owners))})\s+of\s+(?:the\s+)?", text[m.end:]) if owners else None
    state = next((k for k in matches if under and k.type == "Country" and k.start == m.end + under.end()), None)
    if state is None or family(m.type) != "Organization":
        return m
    return replace(m, end=state.end, name=_clean(text[m.start:state.end]))


def _field_label(text: str, m: Minted) -> bool:
    """A name that ends with a role word and its head right before a colon ("… Border Control Executing Agency: UNODC")
    is a project sheet's field label run into the value before it (rules.toml [mint.en] field_role_words)."""
    words = m.name.split()
    if text[m.start - 1:m.start] == "/":
        return True  # "RAS/99/D91 Project title": the end of a project's code, no word of a name
    return bool(re.match(r"\s*:", text[m.end:])) and len(words) >= 2 and \
        words[-2] in rules()["mint"]["en"].get("field_role_words", ())


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
