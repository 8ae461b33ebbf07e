"""Relations a sentence states, found by rules over linked mentions and cue words.

Precision first: every rule needs an explicit cue in the sentence (或 the entity's own
name), records its name and a confidence, and keeps the sentence as evidence.  Cue words
are data (ontology/rules.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from rdflib import URIRef

from kg.extract.link import Match
from kg.core.vocabulary import ORGANIZATIONS as ORGS
from kg.core.vocabulary import BODIES, INSTRUMENTS, PLACES, PROGRAMMES, TREATIES
from kg.core.namespaces import ID, UNODC
from kg.core.resources import rules

UNODC_IRI = ID["organization/unodc"]
CLAUSE_BREAK = re.compile(r"[。；;!?！？]|,\s*(?:while|whereas)\b")


@dataclass(frozen=True)
class Found:
    """A relation found in one sentence (normalised offsets of the sentence)."""

    subject: URIRef
    predicate: URIRef
    object: URIRef
    rule: str
    confidence: float


def _list_after(text: str, mentions: list[Match], pos: int, types: set[str], joiners: list[str],
                also: frozenset = frozenset()) -> list[Match]:
    """Mentions of *types* starting at *pos*, separated only by list joiners.

    An abbreviation in parentheses after a name ("the World Health Organization (WHO)") is
    skipped; mentions of the types in *also* continue the list without being returned.
    """
    items: list[Match] = []
    joiner_re = "|".join(re.escape(j) for j in sorted(joiners, key=len, reverse=True))
    filler = re.compile(rf"^(?:\s|the\b|{joiner_re})*$")
    cursor = pos
    last = None
    for m in mentions:
        if m.start < cursor:
            continue
        gap = text[cursor:m.start]
        if last is not None and m.iri == last.iri and re.fullmatch(r"\s*[(（]\s*", gap):
            close = re.match(r"\s*[)）]", text[m.end:])
            cursor = m.end + (close.end() if close else 0)
            continue
        opening = re.match(r"\s*[（(]", gap) if last is not None else None
        if opening:  # "支持阿根廷（通过“聚光灯倡议”）和利比亚": a parenthesis inside the list is skipped
            close = re.search(r"[)）]", text[cursor + opening.end():])
            if close is not None:
                end = cursor + opening.end() + close.end()
                if m.start < end:
                    continue
                if filler.match(text[end:m.start]):
                    gap = text[end:m.start]
        if last is not None and not filler.match(gap):
            break
        if last is None and gap.strip(" 　the"):
            break
        if m.type not in types and m.type not in also:
            break
        if m.type in types:
            items.append(m)
        last = m
        cursor = m.end
    return items


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): bounded by strong punctuation."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in CLAUSE_BREAK.finditer(text, end)), len(text))
    return left, right


def _supported_places(text: str, mentions: list[Match], pos: int, partners: list[Match], joiners, lang: str) -> list[Found] | None:
    """'With the support of X, PLACE …': the organisations among *partners* assist the places listed right at *pos*
    (None when no place list starts there)."""
    places = _list_after(text, mentions, pos, PLACES, joiners)
    if not places or places[0].start != pos:
        return None
    return [Found(partner.iri, UNODC.assists, place.iri, f"assist-support-{lang}", 0.6)
            for partner in partners if partner.type in ORGS for place in places]


def partnership(a: URIRef, b: URIRef, rule: str, confidence: float) -> Found:
    """partnerOf is symmetric: UNODC first, else the two IRIs in order."""
    if b == UNODC_IRI or (a != UNODC_IRI and str(b) < str(a)):
        a, b = b, a
    return Found(a, UNODC.partnerOf, b, rule, confidence)


def name_relations(programme: Match, inner: list[Match], name: str = "", lang: str = "en") -> list[Found]:
    """Relations a name states: places a programme covers, treaties it serves, its partners; the
    convention a protocol supplements.  An organisation a programme's name says it supports
    ("ECOWAS Support Project", 支持非洲联盟……项目) is its beneficiary, not its partner."""
    found = []
    words = rules()["relations"].get(lang, {}).get("beneficiary_name_words", [])
    supported = any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])" if lang == "en" else re.escape(w), name, flags=re.IGNORECASE)
                    for w in words)
    if programme.type == "Protocol":
        return [Found(m.iri, UNODC.hasProtocol, programme.iri, "protocol-name-convention", 0.9)
                for m in inner if m.type == "Convention"]
    if programme.type == "Convention":  # "the Single Convention … as amended by the 1972 Protocol"
        return [Found(programme.iri, UNODC.hasProtocol, m.iri, "convention-name-protocol", 0.9)
                for m in inner if m.type == "Protocol"]
    if programme.type in rules()["relations"].get("treaty_named_bodies", []):
        # "the Mechanism for the Review of the Implementation of UNTOC": a review mechanism serves the treaty its name states
        return [Found(programme.iri, UNODC.serves, m.iri, "body-name-treaty", 0.9) for m in inner if m.type in TREATIES]
    for m in inner:
        if m.type in PLACES:
            found.append(Found(programme.iri, UNODC.operatesIn, m.iri, "programme-name-place", 0.9))
        elif m.type in TREATIES:
            found.append(Found(programme.iri, UNODC.serves, m.iri, "programme-name-treaty", 0.9))
        elif m.type in ORGS and m.iri != UNODC_IRI and not supported:
            found.append(Found(programme.iri, UNODC.implementedWith, m.iri, "programme-name-organization", 0.85))
    return found


def sentence_relations(text: str, mentions: list[Match], lang: str, topic: Match | None = None) -> list[Found]:
    """Relations stated by one sentence of normalised text, given its mentions (sorted); *topic*: the
    paragraph's topic, whose partners a subjectless partnership clause names when it is a programme."""
    cfg = rules()["relations"][lang]
    found: list[Found] = []
    programmes = [m for m in mentions if m.type in PROGRAMMES]
    joiners = cfg["list_joiners"]

    def subject_before(pos: int) -> URIRef:
        left, _ = _clause(text, pos, pos)
        orgs = [m for m in mentions if m.type in ORGS and left <= m.start and m.end <= pos]
        return orgs[-1].iri if orgs else UNODC_IRI

    # partnership: "与 X、Y 合作" / "in partnership with X and Y"
    for cue in cfg["partner_before"]:
        for hit in re.finditer(re.escape(cue), text, flags=re.IGNORECASE):
            partners = _list_after(text, mentions, hit.end(), ORGS | BODIES, joiners)
            if not partners:
                continue
            if lang == "zh":
                tail = text[partners[-1].end: partners[-1].end + 20]
                if not any(word in tail for word in cfg["partner_after"]) or re.search(r"[，,。；]", tail.split(next(w for w in cfg["partner_after"] if w in tail))[0]):
                    continue
            if cue.lower() in cfg.get("support_cues", []):  # "With the support of UNODC, Mozambique established …"
                after = re.match(r"\s*,\s*(?:the\s+)?", text[partners[-1].end:])
                pos = partners[-1].end + after.end() if after else -1
                supported = _supported_places(text, mentions, pos, partners, joiners, lang) if after else None
                if supported is not None:
                    found.extend(supported)
                    continue
            left, right = _clause(text, hit.start(), partners[-1].end)
            clause_programmes = [p for p in programmes if left <= p.start < right and not (p.start <= hit.start() < p.end)]
            for partner in partners:
                if len({p.iri for p in clause_programmes}) == 1:
                    if partner.iri != UNODC_IRI and partner.type in ORGS:
                        found.append(Found(clause_programmes[0].iri, UNODC.implementedWith, partner.iri, f"partner-cue-{lang}", 0.7))
                elif not clause_programmes and topic is not None and topic.type in PROGRAMMES and \
                        not any(m.type in ORGS for m in mentions if left <= m.start and m.end <= hit.start()):
                    if partner.iri != UNODC_IRI:  # "UNODC, through its Programme, … ; … 与国际刑警组织合作"
                        found.append(Found(topic.iri, UNODC.implementedWith, partner.iri, f"partner-topic-{lang}", 0.6))
                else:
                    subject = subject_before(hit.start())
                    if subject != partner.iri:
                        found.append(partnership(subject, partner.iri, f"partner-cue-{lang}", 0.75))

    # zh: "毒品和犯罪问题办公室和世界海关组织的全球集装箱管制方案": the organisations running a programme
    if lang == "zh":
        for prog in programmes:
            owners = [m for m in mentions if m.type in ORGS and m.end <= prog.start]
            if not owners or text[owners[-1].end:prog.start] != "的":
                continue
            run = [owners[-1]]
            for m in reversed(owners[:-1]):
                if re.fullmatch(r"\s*(?:、|和|及|与)\s*", text[m.end:run[0].start]):
                    run.insert(0, m)
                else:
                    break
            if len(run) > 1 or run[0].iri != UNODC_IRI:
                for org in run:
                    if org.iri != UNODC_IRI:
                        found.append(Found(prog.iri, UNODC.implementedWith, org.iri, "organizations-programme-zh", 0.7))

    # assistance: "向 A、B 和 C 提供" / "assistance to A, B and C"
    direct = set(cfg.get("assist_direct", []))
    for cue in cfg["assist_before"] + sorted(direct):
        for hit in re.finditer(re.escape(cue), text, flags=re.IGNORECASE):
            countries = _list_after(text, mentions, hit.end(), PLACES, joiners)
            if not countries:
                continue
            if lang == "zh" and cue not in direct:
                tail = text[countries[-1].end: countries[-1].end + 24]
                tail = re.split(r"[。；，,]", tail)[0]
                if not any(word in tail for word in cfg["assist_after"]):
                    continue
            left, _ = _clause(text, hit.start(), hit.start())
            before = [m for m in mentions if left <= m.start and m.end <= hit.start()]
            programme = next((m for m in reversed(before) if m.type in PROGRAMMES), None)
            actor = next((m for m in reversed(before) if m.type in ORGS), None)
            # "UNODC provided assistance to": the organisation acting is the one right before the cue;
            # "StAR, a partnership between the World Bank and UNODC, helped": the programme acts
            acting = actor is not None and not re.search(r"[,，)）]", text[actor.end:hit.start()])
            for country in countries:
                if programme is not None:
                    found.append(Found(programme.iri, UNODC.operatesIn, country.iri, f"programme-assist-cue-{lang}", 0.7))
                if programme is None or acting:
                    subject = actor.iri if acting else UNODC_IRI
                    found.append(Found(subject, UNODC.assists, country.iri, f"assist-cue-{lang}", 0.8))

    # a programme operating in places: "在 X 开展" / "PROGRAMME ... in X and Y"
    for cue in cfg["operates_before"]:
        for hit in re.finditer(re.escape(cue), text):
            places = _list_after(text, mentions, hit.end(), PLACES, joiners)
            if not places:
                continue
            left, right = _clause(text, hit.start(), places[-1].end)
            near = [p for p in programmes if left <= p.start and p.end <= hit.start()] if lang == "en" else \
                   [p for p in programmes if left <= p.start < right]
            if lang == "zh":
                tail = text[places[-1].end: places[-1].end + 12]
                if not any(word in tail for word in cfg["operates_after"]):
                    continue
            if len({p.iri for p in near}) == 1:
                for place in places:
                    found.append(Found(near[0].iri, UNODC.operatesIn, place.iri, f"operates-cue-{lang}", 0.6))

    # an organisation acting in places with no programme in the clause: "UNODC trains officers in Benin and Togo",
    # "毒品和犯罪问题办公室在 X 举办了培训"
    verbs = cfg.get("assist_verbs", [])
    if verbs:
        verb_re = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) + r")(?![\w-])"
                             if lang == "en" else "|".join(map(re.escape, sorted(verbs, key=len, reverse=True))))
        for cue in cfg["operates_before"]:
            for hit in re.finditer(re.escape(cue), text):
                places = _list_after(text, mentions, hit.end(), PLACES, joiners)
                if not places:
                    continue
                left, right = _clause(text, hit.start(), places[-1].end)
                if any(left <= p.start < right for p in programmes):
                    continue
                actors = [m for m in mentions if m.type in ORGS and left <= m.start and m.end <= hit.start()]
                first = next((m for m in mentions if left <= m.start), None)
                if not actors or first is None or actors[0] is not first:
                    continue
                if lang == "zh":  # 在 X 举办了培训: the verb follows the places
                    tail = re.split(r"[，,。；;]", text[places[-1].end: places[-1].end + 12])[0]
                    if not verb_re.match(tail.lstrip("了等地")):
                        continue
                elif not verb_re.search(text, actors[0].end, hit.start()):
                    continue
                for place in places:
                    if place.iri != actors[0].iri:
                        found.append(Found(actors[0].iri, UNODC.assists, place.iri, f"assist-location-cue-{lang}", 0.6))

    # beneficiaries: "非洲、南美洲以及中亚的受益国完善了……": the places the organisation (named or UNODC) assists
    for cue in cfg.get("beneficiaries_after", []):
        for hit in re.finditer(re.escape(cue), text):
            run = [m for m in mentions if m.type in PLACES and m.end == hit.start()]
            while run:
                before = [m for m in mentions if m.end <= run[0].start]
                if before and before[-1].type in PLACES and re.fullmatch(
                        r"\s*(?:" + "|".join(re.escape(j.strip()) for j in joiners if j.strip()) + r")?\s*", text[before[-1].end:run[0].start]):
                    run.insert(0, before[-1])
                else:
                    break
            left, _ = _clause(text, hit.start(), hit.start())
            actors = [m for m in mentions if m.type in ORGS and left <= m.start and m.end <= hit.start()]
            for place in run:
                found.append(Found(actors[-1].iri if actors else UNODC_IRI, UNODC.assists, place.iri, f"assist-beneficiary-{lang}", 0.6))

    # a fronted place: "在索马里，毒品和犯罪问题办公室……开展了", "In Somalia, UNODC trained …"
    fronted = re.match(cfg.get("fronted_place", "(?!)"), text)
    if fronted and verbs:
        places = _list_after(text, mentions, fronted.end(), PLACES, joiners)
        if places:
            comma = re.match(r"\s*[,，]\s*", text[places[-1].end:])
            actor = next((m for m in mentions if m.start >= places[-1].end), None)
            left, right = _clause(text, places[-1].end, places[-1].end)
            if comma and actor is not None and actor.type in ORGS and actor.start == places[-1].end + comma.end() \
                    and verb_re.search(text, actor.end, right) and not any(p.start < right for p in programmes):
                for place in places:
                    found.append(Found(actor.iri, UNODC.assists, place.iri, f"assist-fronted-place-{lang}", 0.6))

    # joint subjects: "UNODC and WHO launched …", "麻管局、世卫组织与毒品和犯罪问题办公室发布了……"
    run = _joint_subjects(text, mentions)
    if len(run) >= 2 and UNODC_IRI in {m.iri for m in run}:
        for other in run:
            if other.iri != UNODC_IRI:
                found.append(partnership(UNODC_IRI, other.iri, f"joint-subject-{lang}", 0.6))
    # joint authors written with a slash: "UNODC/WHO International Standards", "毒品和犯罪问题办公室/世卫组织的《标准》"
    for a, b in pairwise(mentions):
        if (a.type in ORGS or a.type in BODIES) and (b.type in ORGS or b.type in BODIES) and \
                re.fullmatch(r"\s*[/／-]\s*", text[a.end:b.start]) and UNODC_IRI in (a.iri, b.iri) and a.iri != b.iri:
            other = b if a.iri == UNODC_IRI else a
            run = next((p for p in programmes if p.start >= b.end and re.fullmatch(r"\s*的?\s*", text[b.end:p.start])), None)
            if run is not None and other.type in ORGS:  # "UNODC/WHO SOS project": the partner of the programme its name states
                found.append(Found(run.iri, UNODC.implementedWith, other.iri, f"slash-joint-programme-{lang}", 0.7))
            elif "-" not in text[a.end:b.start]:
                found.append(partnership(a.iri, b.iri, f"slash-joint-{lang}", 0.6))
    # "UNDP has close partnerships with other agencies, such as UNODC, …" / "与……建立了伙伴关系，如 X、Y": a list of partners
    for cue in cfg.get("partner_list", []):
        for hit in re.finditer(re.escape(cue), text, flags=re.IGNORECASE):
            partners = _list_after(text, mentions, hit.end(), ORGS | BODIES, joiners)
            left, _ = _clause(text, hit.start(), hit.start())
            head = next((m for m in mentions if m.type in ORGS and left <= m.start and m.end <= hit.start()), None)
            subject = head.iri if head is not None else UNODC_IRI
            for partner in partners:
                if partner.iri != subject and UNODC_IRI in (subject, partner.iri):
                    found.append(partnership(subject, partner.iri, f"partner-list-{lang}", 0.6))
    # "在 X 和 Y 的支持下": partners closing a list with the support of them
    for cue in cfg.get("partner_around", []):
        closers = cfg.get("partner_around_after", [])
        for hit in re.finditer(re.escape(cue), text):
            partners = _list_after(text, mentions, hit.end(), ORGS, joiners, also=BODIES)
            if not partners or not any(text.startswith(c, partners[-1].end) for c in closers):
                continue
            left, right = _clause(text, hit.start(), partners[-1].end)
            closer = next(c for c in closers if text.startswith(c, partners[-1].end))
            after = re.match(r"\s*[,，]\s*", text[partners[-1].end + len(closer):])
            if after:  # "在毒品和犯罪问题办公室的支持下，莫桑比克设立了……": the organisation assists the place acting
                pos = partners[-1].end + len(closer) + after.end()
                supported = _supported_places(text, mentions, pos, partners, joiners, lang)
                if supported is not None:
                    found.extend(supported)
                    continue
            rest = [p for p in programmes if partners[-1].end <= p.start < right]
            for partner in partners:
                if len({p.iri for p in rest}) == 1:
                    if partner.iri != UNODC_IRI:
                        found.append(Found(rest[0].iri, UNODC.implementedWith, partner.iri, f"partner-support-{lang}", 0.6))
                elif partner.iri != UNODC_IRI:
                    found.append(partnership(UNODC_IRI, partner.iri, f"partner-support-{lang}", 0.6))

    # a programme serving a treaty: "支持实施《公约》" / "support the implementation of the Convention"
    treaties = [m for m in mentions if m.type in TREATIES]
    after_cue = re.compile(r"(?:及其(?:各项)?议定书|and (?:the|its) Protocols? thereto)?\s*的?\s*(?:" +
                           "|".join(map(re.escape, cfg.get("serves_after", []))) + ")") if cfg.get("serves_after") else None
    for treaty in treaties:
        before = text[max(0, treaty.start - 24): treaty.start]
        stated_after = after_cue is not None and after_cue.match(text, treaty.end)
        if not any(cue in before for cue in cfg["serves"]) and not stated_after:
            continue
        near = [p for p in programmes if not (p.start <= treaty.start < p.end)]
        if len({p.iri for p in near}) == 1:
            found.append(Found(near[0].iri, UNODC.serves, treaty.iri, f"serves-cue-{lang}", 0.7))

    # a purpose clause naming a treaty opens the sentence: what the rest of it names serves the treaty
    # ("为了支持有效实施《公约》，办公室编写了《示范立法条文》、……工具包", "To support the implementation of the Convention, …")
    purpose = cfg.get("serves_purpose")
    if purpose:
        opening = re.match(purpose, text)
        if opening:
            left, right = _clause(text, opening.end(), opening.end())
            comma = re.search(r"[,，]", text[opening.end():])
            cut = opening.end() + (comma.start() if comma else 0)
            served = [m for m in treaties if opening.start() <= m.start < cut]
            tools = [m for m in mentions if m.start >= cut and (m.type in INSTRUMENTS or m.type in PROGRAMMES)]
            for treaty in served[:1]:
                for tool in tools:
                    if tool.iri != treaty.iri:
                        found.append(Found(tool.iri, UNODC.serves, treaty.iri, f"serves-purpose-{lang}", 0.7))

    # a protocol supplementing a convention: "补充《公约》的《议定书》" / "Protocol ... supplementing the Convention"
    conventions = [m for m in mentions if m.type == "Convention"]
    protocols = [m for m in mentions if m.type == "Protocol"]
    for conv in conventions:
        before = text[max(0, conv.start - 6): conv.start]
        if not any(cue in before for cue in cfg["protocol_cues"]):
            continue
        if lang == "zh":
            after = [p for p in protocols if 0 <= p.start - conv.end <= 3]
        else:
            after = [p for p in protocols if 0 <= conv.start - p.end <= 20 and "supplementing" in text[p.end:conv.start]]
        for prot in after:
            found.append(Found(conv.iri, UNODC.hasProtocol, prot.iri, f"protocol-cue-{lang}", 0.9))
    # "the Firearms Protocol, which supplements the Convention" / "Both protocols supplement the Convention"
    verb = cfg.get("supplement_verb")
    if verb:
        for prot in protocols:
            for conv in conventions:
                gap = text[prot.end:conv.start]
                if 0 <= len(gap) <= 40 and re.search(verb, gap) and not any(
                        prot.end <= m.start and m.end <= conv.start for m in mentions):
                    found.append(Found(conv.iri, UNODC.hasProtocol, prot.iri, f"protocol-supplements-{lang}", 0.9))
    # "the Single Convention … as amended by the 1972 Protocol" / "经《1972年议定书》修正的《1961年麻醉品单一公约》"
    for conv in conventions:
        for prot in protocols:
            if re.fullmatch(r"\s*,?\s*as amended by\s+(?:the\s+)?", text[conv.end:prot.start]) or (
                    text[:prot.start].endswith("经") and re.fullmatch(r"修正的?", text[prot.end:conv.start])):
                found.append(Found(conv.iri, UNODC.hasProtocol, prot.iri, f"protocol-amended-{lang}", 0.9))

    # part of: "作为 X 的一部分" / "as part of X"
    for cue in cfg["part_of_cues"]:
        for hit in re.finditer(re.escape(cue), text):
            if lang == "zh":
                whole = [p for p in programmes if 0 <= hit.start() - p.end <= 1]
                parts = [p for p in programmes if p not in whole]
            else:
                whole = [p for p in programmes if 0 <= p.start - hit.end() <= 5]
                parts = [p for p in programmes if p.end <= hit.start()]
            if len(whole) == 1 and len(parts) == 1 and parts[0].iri != whole[0].iri:
                found.append(Found(parts[0].iri, UNODC.partOf, whole[0].iri, f"part-of-cue-{lang}", 0.6))
    found.extend(_membership(text, mentions, cfg, lang, joiners))
    return found


MEMBERS = ORGS | PROGRAMMES
WHOLES = ORGS | PROGRAMMES | BODIES


def _membership(text: str, mentions: list[Match], cfg: dict, lang: str, joiners: list[str]) -> list[Found]:
    """partOf by membership: "X is a member of Y" / "X joined Y" / "X 加入了 Y" / "X 是 Y 的成员" /
    "Y 的成员包括 X、Z" ("its members include")."""
    found: list[Found] = []

    def member_before(pos: int, whole: Match) -> Match | None:
        left, _ = _clause(text, pos, pos)
        before = [m for m in mentions if m.type in MEMBERS and left <= m.start and m.end <= pos and m.iri != whole.iri]
        return before[-1] if before else None

    def main_subject(pos: int, end: int, whole: Match) -> Match | None:
        """ "As a member of Y, UNODC …": the subject of the main clause after a role that opens the sentence."""
        left, _ = _clause(text, pos, pos)
        if not any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])" if lang == "en" else re.escape(w), text[left:pos])
                   for w in cfg.get("member_as", [])):
            return None
        comma = re.search(r"[,，]", text[end:])
        if comma is None:
            return None
        after = end + comma.end()
        part = next((m for m in mentions if m.type in MEMBERS and m.start >= after and m.iri != whole.iri), None)
        return part if part is not None and re.fullmatch(r"\s*(?:the\s+)?", text[after:part.start]) else None

    for cue in cfg.get("member_before", []):
        pattern = rf"(?<![\w-]){re.escape(cue)}(?![\w-])" if lang == "en" else re.escape(cue)
        for hit in re.finditer(pattern, text, flags=re.IGNORECASE):
            wholes = _list_after(text, mentions, hit.end(), WHOLES, joiners)
            if len(wholes) >= 2 and "," in text[wholes[-2].end:wholes[-1].start] and \
                    main_subject(hit.start(), wholes[-2].end, wholes[-2]) is wholes[-1]:
                wholes = wholes[:-1]  # "As a member of Y, UNODC …": the list ends before the main clause's subject
            for whole in wholes:
                part = member_before(hit.start(), whole) or main_subject(hit.start(), wholes[-1].end, whole)
                if part is not None and (whole.type in PROGRAMMES or whole.type in BODIES or part.type in ORGS):
                    found.append(Found(part.iri, UNODC.partOf, whole.iri, f"member-cue-{lang}", 0.6))
    for cue in cfg.get("member_after", []):
        for hit in re.finditer(re.escape(cue), text):
            whole = next((m for m in mentions if m.type in WHOLES and 0 <= hit.start() - m.end <= 1), None)
            if whole is None:
                continue
            left, _ = _clause(text, whole.start, whole.start)
            part = None
            if any(w in text[left:whole.start] for w in cfg.get("member_as", [])):
                # "作为 Y 的成员，毒品和犯罪问题办公室……": the subject of the main clause after the role
                comma = re.search(r"[,，]", text[hit.end():])
                after = hit.end() + comma.end() if comma else len(text)
                part = next((m for m in mentions if m.type in MEMBERS and m.start >= after and m.iri != whole.iri), None)
                if part is not None and text[after:part.start].strip():
                    part = None
            else:
                part = member_before(whole.start, whole)
            if part is not None:
                found.append(Found(part.iri, UNODC.partOf, whole.iri, f"member-cue-{lang}", 0.6))
    for cue in cfg.get("members_include", []):
        pattern = rf"(?<![\w-]){re.escape(cue)}(?![\w-])" if lang == "en" else re.escape(cue)
        for hit in re.finditer(pattern, text, flags=re.IGNORECASE):
            left, _ = _clause(text, hit.start(), hit.start())
            wholes = [m for m in mentions if m.type in WHOLES and left <= m.start and m.end <= hit.start()
                      and (m.type in PROGRAMMES or m.type in BODIES)]
            if not wholes:
                continue
            for part in _list_after(text, mentions, hit.end(), MEMBERS, joiners):
                if part.iri != wholes[-1].iri:
                    found.append(Found(part.iri, UNODC.partOf, wholes[-1].iri, f"members-include-{lang}", 0.6))
    return found


def _joint_subjects(text: str, mentions: list[Match]) -> list[Match]:
    """The organisations and bodies that open a sentence as one list ("麻管局、世卫组织与毒品和犯罪问题办公室发布了",
    "UNODC and WHO launched"); an abbreviation in parentheses after a name is the same one."""
    if not mentions or not (mentions[0].type in ORGS or mentions[0].type in BODIES) or mentions[0].start >= 40 or \
            not re.fullmatch(r"[\s\-–—,.，、0-9年月日]*(?:(?:In|On)\s+[\s\-–—,.0-9]*)?", text[:mentions[0].start]):
        return []
    run, cursor, last_gap = [mentions[0]], mentions[0].end, ""
    for m in mentions[1:]:
        gap = text[cursor:m.start]
        if m.iri == run[-1].iri and re.fullmatch(r"\s*[(（]\s*", gap):
            cursor = m.end
            continue
        gap = re.sub(r"^\s*[)）]", "", gap)
        if not (m.type in ORGS or m.type in BODIES) or not re.fullmatch(
                r"\s*(?:,|，|、|,? and(?: the)?|, the|与|和|及|同|以及)\s*(?:the\s+)?", gap):
            break
        run.append(m)
        cursor, last_gap = m.end, gap
    return run if len(run) >= 2 and re.fullmatch(r"\s*(?:与|和|及|同|以及|,? and(?: the)?)\s*(?:the\s+)?", last_gap) else []
