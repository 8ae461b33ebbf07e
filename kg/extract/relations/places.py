"""Place rules: the places an organisation assists and a programme operates in."""

from __future__ import annotations

import re

from kg.core.namespaces import UNODC
from kg.core.resources import rules
from kg.core.vocabulary import ORGANIZATIONS as ORGS
from kg.core.vocabulary import PLACES, PROGRAMMES
from kg.extract.link import Match
from kg.extract.nlp import cue_hits, literal
from kg.extract.records import Found
from kg.extract.relations.clauses import UNODC_IRI, Sentence
from kg.extract.link import gazetteer
from kg.extract.relations.evidence import attached_programmes, funders, national_places, recipients


def _assist_hit(s: Sentence, hit: re.Match, direct: bool) -> list[Found]:
    countries = s.list_after(s.past_possessor(hit.end()), PLACES)
    # "funded through the kind support of the Governments of X and Y": donors, not places helped
    funded = funders(s.text, s.mentions, s.lang, PLACES, s.joiners, tuple(s.cfg.get("possessor_heads", [])))
    countries = [c for c in countries if c.start not in funded]
    if not countries:
        return []
    if s.lang == "zh" and not direct:
        tail = re.split(r"[。；，,]", s.text[countries[-1].end: countries[-1].end + 24])[0]
        words = [word for word in s.cfg["assist_after"] if word in tail]
        if not words or (all(w.startswith("的") for w in words) and _planned(s, hit.start())):
            return []  # 明年将扩大对乍得的援助: the support named as a noun is planned, not given
    left, _ = s.clause(hit.start(), hit.start())
    before = s.between(left, hit.start())
    programme = next((m for m in reversed(before) if m.type in PROGRAMMES), None)
    actor = next((m for m in reversed(before) if m.type in ORGS), None)
    # "UNODC provided assistance to": the organisation acting is the one right before the cue;
    # "StAR, a partnership between the World Bank and UNODC, helped": the programme acts
    acting = actor is not None and not re.search(r"[,，)）]", s.text[actor.end:hit.start()])
    found = []
    for country in countries:
        if programme is not None:
            found.append(Found(programme.iri, UNODC.operatesIn, country.iri, f"programme-assist-cue-{s.lang}", 0.7))
        if programme is None or acting:
            subject = actor.iri if acting else UNODC_IRI
            found.append(Found(subject, UNODC.assists, country.iri, f"assist-cue-{s.lang}", 0.8))
    return found


def _planned(s: Sentence, pos: int) -> bool:
    """Words of intent or of something other than assistance in the clause before *pos* (cues: candidates modal,
    not_assistance)."""
    left, _ = s.clause(pos, pos)
    cfg = rules()["candidates"][s.lang]
    return any(w in s.text[left:pos] for w in cfg.get("modal", []) + cfg.get("not_assistance", []))


def assist_cue(s: Sentence) -> list[Found]:
    """"向 A、B 和 C 提供" / "assistance to A, B and C" (cues: assist_before, assist_direct, assist_after)."""
    direct = set(s.cfg.get("assist_direct", []))
    return [f for cue in s.cfg["assist_before"] + sorted(direct)
            for hit in cue_hits(cue, s.text)
            for f in _assist_hit(s, hit, cue in direct)]


def _flow_cue(s: Sentence, hit: re.Match) -> bool:
    """The location cue ends a phrase of a flow ("Opiates Originating in Afghanistan", 源自阿富汗): the places after it are
    origins or destinations, not places of work (cues: candidates flow)."""
    head = s.text[max(0, hit.start() - 30):hit.end()].lower()
    return any(head.rstrip().endswith(w.lower().rstrip()) for w in rules()["candidates"][s.lang].get("flow", []))


def _operates_hit(s: Sentence, hit: re.Match) -> list[Found]:
    places = s.list_after(hit.end(), PLACES)
    if not places or _flow_cue(s, hit):
        return []
    left, right = s.clause(hit.start(), places[-1].end)
    if s.lang == "en":
        near = [p for p in s.programmes if left <= p.start and p.end <= hit.start()]
    else:
        near = [p for p in s.programmes if left <= p.start < right]
        tail = s.text[places[-1].end: places[-1].end + 12]
        if not any(word in tail for word in s.cfg["operates_after"]):
            return []
    if len({p.iri for p in near}) != 1:
        return []
    return [Found(near[0].iri, UNODC.operatesIn, place.iri, f"operates-cue-{s.lang}", 0.6) for place in places]


def operates_cue(s: Sentence) -> list[Found]:
    """A programme operating in places: "在 X 开展" / "PROGRAMME ... in X and Y" (cues: operates_before,
    operates_after)."""
    return [f for cue in s.cfg["operates_before"] for hit in literal(cue).finditer(s.text)
            for f in _operates_hit(s, hit)]


def _location_actor(s: Sentence, hit: re.Match, places: list[Match]) -> Match | None:
    """The organisation that opens the clause and acts (an assistance verb) in the places after *hit*."""
    left, right = s.clause(hit.start(), places[-1].end)
    fronted = re.match(s.cfg["fronted_adjunct"], s.text[left:hit.start()]) if s.cfg.get("fronted_adjunct") else None
    if fronted is not None:  # "Under the PATROL programme, UNODC strives to strengthen … in X": the clause's actor follows
        left += fronted.end()
    actors = [m for m in s.between(left, hit.start()) if m.type in ORGS]
    first = next((m for m in s.mentions if left <= m.start), None)
    if not actors or first is None or actors[0] is not first:
        return None
    if s.lang == "zh":  # 在 X 举办了培训: the verb follows the places
        if any(left <= p.start < right for p in s.programmes):
            return None
        tail = re.split(r"[，,。；;]", s.text[places[-1].end: places[-1].end + 12])[0]
        return actors[0] if s.verb_re.match(tail.lstrip("了等地")) else None
    verb = s.verb_re.search(s.text, actors[0].end, hit.start())
    # "UNODC trained officers in X under the Programme": the organisation acts; not "UNODC's Programme trained …",
    # nor "UNODC launched the Programme, which covers X"
    if verb is None or any(actors[0].end <= p.start < hit.start() for p in s.programmes):
        return None
    return actors[0]


def assist_location(s: Sentence) -> list[Found]:
    """An organisation acting in places with no programme in the clause: "UNODC trains officers in Benin and Togo",
    "毒品和犯罪问题办公室在 X 举办了培训" (cues: operates_before, assist_verbs)."""
    if s.verb_re is None:
        return []
    found = []
    for cue in s.cfg["operates_before"]:
        for hit in literal(cue).finditer(s.text):
            places = [] if _flow_cue(s, hit) else s.list_after(hit.end(), PLACES)
            actor = _location_actor(s, hit, places) if places else None
            if actor is not None:
                found.extend(Found(actor.iri, UNODC.assists, place.iri, f"assist-location-cue-{s.lang}", 0.6)
                             for place in places if place.iri != actor.iri)
    return found


def _places_before(s: Sentence, pos: int) -> list[Match]:
    """The list of places that ends right at *pos*."""
    run = [m for m in s.mentions if m.type in PLACES and m.end == pos]
    joiners = r"\s*(?:" + "|".join(re.escape(j.strip()) for j in s.joiners if j.strip()) + r")?\s*"
    while run:
        before = [m for m in s.mentions if m.end <= run[0].start]
        if not (before and before[-1].type in PLACES and re.fullmatch(joiners, s.text[before[-1].end:run[0].start])):
            break
        run.insert(0, before[-1])
    return run


def beneficiaries(s: Sentence) -> list[Found]:
    """"非洲、南美洲以及中亚的受益国完善了……": the places the organisation (named or UNODC) assists
    (cues: beneficiaries_after)."""
    found = []
    for cue in s.cfg.get("beneficiaries_after", []):
        for hit in literal(cue).finditer(s.text):
            run = _places_before(s, hit.start())
            left, _ = s.clause(hit.start(), hit.start())
            actors = [m for m in s.between(left, hit.start()) if m.type in ORGS]
            subject = actors[-1].iri if actors else UNODC_IRI
            found.extend(Found(subject, UNODC.assists, place.iri, f"assist-beneficiary-{s.lang}", 0.6) for place in run)
    return found


def fronted_place(s: Sentence) -> list[Found]:
    """A fronted place: "在索马里，毒品和犯罪问题办公室……开展了", "In Somalia, UNODC trained …", and the places a headline
    names before a colon: "Nepal: UNODC organizes …", "尼泊尔：毒品和犯罪问题办公室举办……" (cues: fronted_place, title_place,
    title_joint, assist_verbs)."""
    if s.verb_re is None:
        return []
    for opening, joint in ((s.cfg.get("fronted_place"), r"\s*[,，]\s*"), (s.cfg.get("title_place"), s.cfg.get("title_joint"))):
        fronted = re.match(opening, s.text) if opening and joint else None
        places = s.list_after(fronted.end(), PLACES) if fronted else []
        if not places or any(m.start < places[0].start for m in s.mentions):
            continue
        end = places[-1].end
        comma = re.match(joint, s.text[end:])
        actor = next((m for m in s.mentions if m.start >= end), None)
        _, right = s.clause(end, end)
        if comma and actor is not None and actor.type in ORGS and actor.start == end + comma.end() \
                and s.verb_re.search(s.text, actor.end, right) and not any(p.start < right for p in s.programmes):
            return [Found(actor.iri, UNODC.assists, place.iri, f"assist-fronted-place-{s.lang}", 0.6) for place in places]
    return []


def recipients_of(s: Sentence) -> list[Found]:
    """The places whose people or institutions an act of assistance reaches ("UNODC trained officers of Kenya",
    "萨尔瓦多检察官……获得支助"): the organisation opening the clause assists them, UNODC when none is named, and a
    programme acting there operates in them (cues: candidates.recipients, receive_after, capacity_verbs, assist_verbs)."""
    cfg = rules()["candidates"][s.lang]
    verbs = s.cfg.get("assist_verbs", []) + cfg.get("capacity_verbs", [])
    found = []
    for start in sorted(recipients(s.text, s.mentions, s.lang, cfg, s.joiners, verbs)):
        place = next(m for m in s.mentions if m.start == start)
        left, _ = s.clause(start, start)
        before = [m for m in s.between(left, start) if not _object(s, m)]
        programme = next((m for m in before if m.type in PROGRAMMES), None)
        actor = next((m for m in before if m.type in ORGS), None)
        owner = actor is not None and programme is not None and actor.end <= programme.start and \
            re.fullmatch(r"\s*(?:['’]s)?\s*(?:[(（][^()（）]{1,15}[)）])?\s*(?:['’]s|的|之)?\s*", s.text[actor.end:programme.start])
        if programme is not None and (actor is None or programme.start < actor.start or owner):  # "UNODC's GMCP trained …"
            found.append(Found(programme.iri, UNODC.operatesIn, place.iri, f"programme-recipient-{s.lang}", 0.6))
        elif actor is None or actor.iri != place.iri:
            found.append(Found(actor.iri if actor is not None else UNODC_IRI, UNODC.assists, place.iri,
                               f"assist-recipient-{s.lang}", 0.6))
    return found


def _object(s: Sentence, m: Match) -> bool:
    """A name right after a preposition or partnership word ("in cooperation with the African Union"): not the actor."""
    pattern = rules()["discourse"][s.lang].get("object_before")
    return bool(pattern) and re.search(pattern, s.text[:m.start].rstrip() + (" " if s.lang == "en" else ""),
                                       re.IGNORECASE) is not None


def _framework_programmes(s: Sentence) -> list[Match]:
    """The programmes a sentence says its work is done under: right after a framework cue ("under the framework of P",
    "through its P") or right before a closing one (在 P 框架内) (cues: framework_before, framework_after)."""
    before = s.cfg.get("framework_before", [])
    after = s.cfg.get("framework_after", [])
    out = []
    for p in s.programmes:
        head = s.text[max(0, p.start - 40):p.start]
        if any(re.search(re.escape(c) + r"\s*(?:the\s+|its\s+|UNODC\s+|UNODC’s\s+|UNODC's\s+)*$", head, re.IGNORECASE) for c in before) \
                or any(s.text.startswith(c, p.end) or s.text[p.end:].lstrip("）)」”\" ").startswith(c) for c in after):
            out.append(p)
    return out


def framework_places(s: Sentence, found: list[Found]) -> list[Found]:
    """"UNODC, under the framework of CRIMJUST, trained officers from Senegal": the places UNODC assists in a sentence
    whose work is done under a programme are places the programme operates in."""
    assisted = [f.object for f in found if f.predicate == UNODC.assists and f.subject == UNODC_IRI]
    if not assisted:
        return []
    return [Found(p.iri, UNODC.operatesIn, place, f"programme-framework-{s.lang}", 0.6)
            for p in _framework_programmes(s) for place in dict.fromkeys(assisted)]


def framework_partners(s: Sentence, found: list[Found]) -> list[Found]:
    """"UNODC and INTERPOL signed an agreement in the framework of the CRIMJUST project", "在 P 框架内，毒罪办与 X 合作":
    the organisations the rules find UNODC working with in a sentence whose work is done under a programme are that
    programme's partners (implementedWith), not UNODC's."""
    partners = [f.object for f in found if f.predicate == UNODC.partnerOf and f.subject == UNODC_IRI]
    partners += [f.subject for f in found if f.predicate == UNODC.partnerOf and f.object == UNODC_IRI]
    # a funder is not a partner of the work ("funded by Japan and the European Union and delivered by UNODC under GLO.ACT")
    funded = funders(s.text, s.mentions, s.lang, ORGS | PLACES, s.joiners, tuple(s.cfg.get("possessor_heads", [])))
    funders_ = {m.iri for m in s.mentions if m.start in funded}
    orgs = {m.iri for m in s.mentions if m.type in ORGS} - funders_
    return [Found(p.iri, UNODC.implementedWith, org, f"programme-framework-partner-{s.lang}", 0.6)
            for p in _framework_programmes(s) for org in dict.fromkeys(partners) if org in orgs and org != UNODC_IRI]


def parenthesis_programme(s: Sentence) -> list[Found]:
    """"supported Argentina (through the Spotlight Initiative) and Libya (through …)": the programme a parenthesis names
    right after a place operates there (cues: framework_before)."""
    return [Found(p.iri, UNODC.operatesIn, start_iri, f"programme-parenthesis-{s.lang}", 0.8)
            for start, p in attached_programmes(s.text, s.mentions, s.cfg.get("framework_before", [])).items()
            for start_iri in [next(m.iri for m in s.mentions if m.start == start and m.type in PLACES)]]


def own_programme_only(s: Sentence, found: list[Found]) -> list[Found]:
    """*found* without a programme working in a place whose parenthesis names another programme as the one there."""
    attached = attached_programmes(s.text, s.mentions, s.cfg.get("framework_before", []))
    if not attached:
        return found
    own = {m.iri: attached[m.start].iri for m in s.mentions if m.start in attached and m.type in PLACES}
    return [f for f in found if not (f.predicate == UNODC.operatesIn and f.object in own and own[f.object] != f.subject)]


def supported_by(s: Sentence) -> list[Found]:
    """The places of work an organisation supports: "a workshop was held in Accra, Ghana, with support from UNODC",
    "越南在毒罪办的支持下举办了培训": the organisation named with the support cue assists the places of the sentence
    before the cue (en) or of the sentence (zh), except an origin or destination of a flow (cues: supported_by before the
    organisation in en, after it in zh)."""
    found = []
    for cue in s.cfg.get("supported_by", []):
        for hit in cue_hits(cue, s.text):
            if s.lang == "zh":
                supporter = next((m for m in s.mentions if 0 <= hit.start() - m.end <= 1), None)
                places = [m for m in s.mentions if m.type in PLACES
                          and (m.end <= (supporter.start if supporter else 0) or m.start >= hit.end())]
            else:
                supporter = next((m for m in s.mentions if 0 <= m.start - hit.end() <= 5
                                  and re.fullmatch(r"\s*(?:the\s+)?", s.text[hit.end():m.start])), None)
                places = [m for m in s.mentions if m.type in PLACES and m.end <= hit.start()]
            if supporter is None or supporter.type not in ORGS:
                continue
            found.extend(Found(supporter.iri, UNODC.assists, p.iri, f"assist-supported-by-{s.lang}", 0.6)
                         for p in places if p.iri != supporter.iri and not _after_flow(s, p))
    return found


def _after_flow(s: Sentence, place: Match) -> bool:
    head = s.text[max(0, place.start - 30):place.start].lower().rstrip()
    return any(head.endswith(w.lower().strip()) for w in rules()["candidates"][s.lang].get("flow", []))


def transfer_to(s: Sentence) -> list[Found]:
    """Goods or services handed over to places or their institutions: "UNODC handed over equipment to the Kenya Coast
    Guard", "毒罪办向肯尼亚海岸警卫队移交了巡逻艇", "the support provided by UNODC to the Government of Viet Nam": the
    organisation acting, in the clause or named by the cue (UNODC when none is), assists them (cues: assist_transfer,
    assist_by_to: regular expressions ending right before the recipient)."""
    patterns = [p for p in (s.cfg.get("assist_transfer"), s.cfg.get("assist_by_to")) if p]
    if not patterns:
        return []
    national = national_places(s.text, s.mentions, s.lang, gazetteer(s.lang).lookup)
    found = []
    for hit in (h for pattern in patterns for h in re.finditer(pattern, s.text, flags=re.IGNORECASE)):
        at = s.past_possessor(hit.end())  # "to the police of Kenya"
        places = s.list_after(at, PLACES) or [m for m in national if m.start == at]
        if not places or places[0].start != at:
            continue
        left, _ = s.clause(hit.start(), hit.start())
        actors = [m for m in s.between(left, hit.end()) if m.type in ORGS]
        subject = actors[-1].iri if actors else UNODC_IRI
        found.extend(Found(subject, UNODC.assists, p.iri, f"assist-transfer-{s.lang}", 0.7)
                     for p in places if p.iri != subject)
    return found
