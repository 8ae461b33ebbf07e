"""Names inside names: 阿富汗 in 阿富汗及其邻国区域方案, UNTOC in the Conference of the Parties to UNTOC, Treatnet in
Treatnet Family; the treaties a reference body's own name states, and references to a treaty's review mechanism."""

from __future__ import annotations

import re
from functools import cache

from kg.core.reference import entities_by_iri
from kg.core.resources import rules
from kg.core.vocabulary import PROGRAMMES, TREATIES, family
from kg.extract import discourse
from kg.extract.link import Match


def nested_names(gaz, text: str, matches: list[Match]) -> list[Match]:
    """Names inside reference names, of another kind: 阿富汗 in 阿富汗及其邻国区域方案, UNTOC in the
    Conference of the Parties to UNTOC, Europe in the Organization for Security and Co-operation in Europe.  A place
    inside a reference organisation's name that only one language states (欧洲 in 欧洲联盟, "European Union") is not
    a mention of the place."""
    found = []
    for outer in matches:
        if outer.end - outer.start < 4:
            continue
        for m in _inside(gaz, text, outer.start, outer.end, outer.iri):
            # a protocol in a convention's name; a programme in another's name (Treatnet in Treatnet Family)
            pair = {outer.type, m.type} == {"Convention", "Protocol"} or (outer.type in PROGRAMMES and m.type in PROGRAMMES)
            if family(m.type) == family(outer.type) and not pair:
                continue
            if family(m.type) in ("Country", "Region") and not _names_place(outer, m, text[outer.start:outer.end]):
                continue  # Africa in South Africa; 欧洲 in 欧洲联盟, which "European Union" does not name
            if m.type == "Region" and outer.type in TREATIES:
                continue  # 美洲 in 美洲反腐败公约 is "Inter-American", an adjective of the treaty, no mention of the region
            found.append(Match(m.start, m.end, m.iri, m.type, "nested"))
    return found


def _inside(gaz, text: str, start: int, end: int, iri, depth: int = 0) -> list[Match]:
    """The names inside text[start:end] (document offsets) other than *iri*; inside a shorter form of the same
    name (反腐败公约实施情况审议机制 in 联合国反腐败公约实施情况审议机制), the names inside that form."""
    found = []
    for m in gaz.match(text[start:end], inside=True):
        if m.iri != iri:
            found.append(Match(m.start + start, m.end + start, m.iri, m.type, m.method))
        elif depth < 3 and m.end - m.start >= 4:
            found += _inside(gaz, text, m.start + start, m.end + start, iri, depth + 1)
    return found


def _names_place(outer: Match, place: Match, surface: str) -> bool:
    """A place inside a name is a mention of the place when the name is an organisation's or a body's, states the
    place in each of its languages (Europe in the OSCE's names, Sahel in the G5 Sahel's; not Africa in South Africa)
    and is written in full: a short form states it in one language only (西非经共体 / ECOWAS)."""
    if family(outer.type) not in ("Organization", "Body"):
        return family(outer.type) not in ("Country", "Region")
    places = _places_of(outer.iri)
    if places is None:
        return True
    return place.iri in places and _full_name(outer.iri, surface)


def _full_name(iri, surface: str) -> bool:
    """Whether *surface* is one of the reference entity's names in full (its label in a language), or an English short
    form that writes the place in Latin letters as the labels do ("G5 Sahel"; not a Chinese short form such as 西非经共体,
    whose English "ECOWAS" does not state West Africa)."""
    entity = entities_by_iri().get(iri)
    if entity is None:
        return False
    forms = {_fold(label) for label in entity.labels.values()}
    forms |= {_fold(alias) for lang, alias in entity.aliases if lang == "en" and alias.isascii()} if surface.isascii() else set()
    return _fold(surface) in forms


def _fold(text: str) -> str:
    """*text* without case and spaces, as names are compared."""
    return "".join(text.split()).casefold()


@cache
def _places_of(iri) -> frozenset | None:
    """The places a reference name states in both its English and Chinese forms (Europe in the OSCE's names, not in
    "European Union" / 欧洲联盟); None for a name that is not in the reference data (any place it holds counts)."""
    from kg.extract.link import gazetteer

    entity = entities_by_iri().get(iri)
    if entity is None:
        return None
    found = [{m.iri for m in _inside(gazetteer(lang), label, 0, len(label), iri)} for lang, label in sorted(entity.labels.items())
             if lang in ("en", "zh")]
    return frozenset(set.intersection(*found)) if found else frozenset()


@cache
def stated_treaties(gaz, iri, lang: str) -> tuple:
    """The treaties the reference name of entity *iri* in *lang* states (联合国反腐败公约 in the UNCAC review mechanism),
    with the protocols a collective reference in it names (……公约及其各项议定书实施情况审议机制)."""
    entity = entities_by_iri().get(iri)
    label = entity.labels.get(lang, "") if entity is not None else ""
    inner = sorted(_inside(gaz, label, 0, len(label), iri), key=lambda m: (m.start, -m.end)) if label else []
    members = discourse.collective(label, inner, lang, []) if inner else []
    return tuple(sorted({m.iri for m in inner + members if m.type in TREATIES}))


@cache
def _mechanisms(gaz, lang: str, kind: str) -> dict:
    """Treaty IRI -> the reference bodies of *kind* whose own name states that treaty (and no other convention)."""
    out: dict = {}
    for e in entities_by_iri().values():
        if e.type == kind:
            for treaty in stated_treaties(gaz, e.iri, lang):
                out.setdefault(treaty, []).append(e)
    return {k: tuple(v) for k, v in out.items()}


def mechanism_references(gaz, text: str, mentions: list[Match], lang: str) -> list[Match]:
    """References to the review mechanism or the conference of a treaty ("the Convention and its review mechanism",
    《公约》及其实施情况审议机制, a bare 实施情况审议机制 after the treaty is named, 《联合国反腐败公约》第三届缔约国会议):
    the reference body on the reference's span, as an anaphor or, for a name made of the treaty's name and the body's
    head, a mention (rules.toml [discourse.mechanisms], [discourse.conferences], [discourse.named_mechanisms])."""
    spans = [(m.start, m.end) for m in mentions]
    found: list[Match] = []
    for section in ("mechanisms", "conferences", "named_mechanisms"):
        cfg = rules()["discourse"].get(section, {})
        if cfg:
            found += _references(gaz, text, mentions, lang, cfg, spans)
    return sorted(found, key=lambda m: (m.start, -m.end))


def _references(gaz, text: str, mentions: list[Match], lang: str, cfg: dict, spans: list) -> list[Match]:
    """The references of one kind of treaty body (cfg: kind, method, <lang>_after, <lang>_bare); *spans* grows with them."""
    by_treaty = _mechanisms(gaz, lang, cfg["kind"])
    treaties = [m for m in mentions if m.type in TREATIES and len(by_treaty.get(m.iri, ())) == 1]
    found: list[Match] = []

    def take(s: int, e: int, treaty: Match) -> None:
        if not any(a < e and s < b for a, b in spans):
            spans.append((s, e))
            body = by_treaty[treaty.iri][0]
            found.append(Match(s, e, body.iri, body.type, cfg.get("method", "anaphor")))

    for treaty in treaties:
        hit = re.match(cfg.get(f"{lang}_after", "(?!)"), text[treaty.end:])
        if hit:
            take(treaty.end + hit.start("ref"), treaty.end + hit.end("ref"), treaty)
    for hit in re.finditer(cfg.get(f"{lang}_bare", "(?!)"), text):
        before = [t for t in treaties if t.end <= hit.start("ref")]
        if before:
            take(hit.start("ref"), hit.end("ref"), before[-1])
    return found
