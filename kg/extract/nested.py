"""Names inside names: 阿富汗 in 阿富汗及其邻国区域方案, UNTOC in the Conference of the Parties to UNTOC, Treatnet in
Treatnet Family."""

from __future__ import annotations

from functools import cache

from kg.core.reference import entities_by_iri
from kg.core.vocabulary import PROGRAMMES, TREATIES, family
from kg.extract.link import Match


def nested_names(gaz, text: str, matches: list[Match]) -> list[Match]:
    """Names inside reference names, of another kind: 阿富汗 in 阿富汗及其邻国区域方案, UNTOC in the
    Conference of the Parties to UNTOC.  Places inside the names of organisations and bodies
    (非洲 in 非洲联盟) are not mentions of the place."""
    found = []
    for outer in matches:
        if outer.end - outer.start < 4:
            continue
        for m in _inside(gaz, text, outer.start, outer.end, outer.iri):
            # a protocol in a convention's name; a programme in another's name (Treatnet in Treatnet Family)
            pair = {outer.type, m.type} == {"Convention", "Protocol"} or (outer.type in PROGRAMMES and m.type in PROGRAMMES)
            if family(m.type) == family(outer.type) and not pair:
                continue
            if family(m.type) in ("Country", "Region") and family(outer.type) in ("Organization", "Body", "Country", "Region"):
                continue  # 非洲 in 非洲联盟; Africa in South Africa or in the Central African Republic
            found.append(Match(m.start, m.end, m.iri, m.type, "nested"))
    return found


def _inside(gaz, text: str, start: int, end: int, iri, depth: int = 0) -> list[Match]:
    """The names inside text[start:end] (document offsets) other than *iri*; inside a shorter form of the same
    name (反腐败公约实施情况审议机制 in 联合国反腐败公约实施情况审议机制), the names inside that form."""
    found = []
    for m in gaz.match(gaz.nlp.make_doc(text[start:end]), inside=True):
        if m.iri != iri:
            found.append(Match(m.start + start, m.end + start, m.iri, m.type, m.method))
        elif depth < 3 and m.end - m.start >= 4:
            found += _inside(gaz, text, m.start + start, m.end + start, iri, depth + 1)
    return found


@cache
def stated_treaties(gaz, iri, lang: str) -> tuple:
    """The treaties the reference name of entity *iri* in *lang* states (联合国反腐败公约 in the UNCAC review mechanism)."""
    entity = entities_by_iri().get(iri)
    label = entity.labels.get(lang, "") if entity is not None else ""
    inner = _inside(gaz, label, 0, len(label), iri) if label else []
    return tuple(sorted({m.iri for m in inner if m.type in TREATIES}))
