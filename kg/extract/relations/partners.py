"""Partnership rules: who works with whom, and the organisations that run a programme."""

from __future__ import annotations

import re
from itertools import pairwise

from kg.core.namespaces import UNODC
from kg.core.vocabulary import BODIES, PROGRAMMES
from kg.core.vocabulary import ORGANIZATIONS as ORGS
from kg.extract.link import Match
from kg.extract.nlp import alternation, cue_hits, literal
from kg.extract.records import Found
from kg.extract.relations.clauses import UNODC_IRI, Sentence, partnership, supported_places
from kg.extract.relations.membership import member_cue_at


def _zh_closed(tail: str, closers: list[str]) -> bool:
    """A Chinese partner list closes with one of *closers* ("合作") before any comma or stop."""
    closer = next((w for w in closers if w in tail), None)
    return closer is not None and not re.search(r"[，,。；]", tail.split(closer)[0])


def _partner_of(s: Sentence, hit: re.Match, partner: Match, clause_programmes: list[Match], left: int) -> list[Found]:
    """The relation one partner of a partnership cue takes: with the clause's programme, the paragraph's
    programme topic, or the organisation acting."""
    rule = f"partner-cue-{s.lang}"
    if len({p.iri for p in clause_programmes}) == 1:
        if partner.iri != UNODC_IRI and partner.type in ORGS:
            return [Found(clause_programmes[0].iri, UNODC.implementedWith, partner.iri, rule, 0.7)]
        return []
    if not clause_programmes and s.topic is not None and s.topic.type in PROGRAMMES and \
            not any(m.type in ORGS for m in s.between(left, hit.start())):
        if partner.iri != UNODC_IRI:  # "UNODC, through its Programme, … ; … 与国际刑警组织合作"
            return [Found(s.topic.iri, UNODC.implementedWith, partner.iri, f"partner-topic-{s.lang}", 0.6)]
        return []
    subject = s.subject_before(hit.start())
    if subject == partner.iri == UNODC_IRI and s.topic is not None and s.topic.iri != UNODC_IRI and \
            (s.topic.type in ORGS or s.topic.type in BODIES):  # "[上合组织] ……已与毒罪办共办活动": the topic is UNODC's partner
        return [partnership(UNODC_IRI, s.topic.iri, f"partner-implied-{s.lang}", 0.6)]
    return [partnership(subject, partner.iri, rule, 0.75)] if subject != partner.iri else []


def _partner_hit(s: Sentence, cue: str, hit: re.Match) -> list[Found]:
    partners = _long_list(s, s.list_after(s.past_possessor(hit.end()), ORGS | BODIES))  # "… with organisations like X"
    if not partners or _co_members(s, cue, hit):
        return []
    end = partners[-1].end
    if s.lang == "zh" and not _zh_closed(s.text[end: end + 20], s.cfg["partner_after"]):
        return []
    if cue.lower() in s.cfg.get("support_cues", []):  # "With the support of UNODC, Mozambique established …"
        after = re.match(r"\s*,\s*(?:the\s+)?", s.text[end:])
        supported = supported_places(s, end + after.end(), partners) if after else None
        if supported is not None:
            return supported
    launched = _launched_programme(s, end)
    if launched is not None:  # "UNODC teamed up with WCO to launch the Container Control Programme"
        return [Found(launched.iri, UNODC.implementedWith, partner.iri, f"partner-launch-{s.lang}", 0.7)
                for partner in partners if partner.iri != UNODC_IRI and partner.type in ORGS]
    left, right = s.clause(hit.start(), end)
    clause_programmes = [p for p in s.programmes if left <= p.start < right and not (p.start <= hit.start() < p.end)]
    if any(p.end <= hit.start() for p in clause_programmes):  # "GLO.ACT is implemented in partnership with IOM"
        clause_programmes = [p for p in clause_programmes if p.end <= hit.start()]
    elif s.text[left:hit.start()].strip(" ,，.0-9"):
        clause_programmes = []  # "The Office worked with X within the framework of P": P is not the one acting
    return [f for partner in partners for f in _partner_of(s, hit, partner, clause_programmes, left)]


def _launched_programme(s: Sentence, end: int) -> Match | None:
    """The programme the partners launch together, named right after the partner list ("… with WCO to launch the
    Container Control Programme", 与世界海关组织合作启动了集装箱管制方案; cues: partner_launch, a regular expression)."""
    pattern = s.cfg.get("partner_launch")
    hit = re.match(pattern, s.text[end:], re.IGNORECASE) if pattern else None
    return next((p for p in s.programmes if p.start == end + hit.end()), None) if hit else None


def _long_list(s: Sentence, partners: list[Match]) -> list[Match]:
    """A list of partners that goes on past items that are not names ("the World Bank, IMF, …, INTERPOL, regional
    development banks, European Union, …", "世界银行、各区域开发银行、欧洲联盟"): each further run of names after such an
    item (cues: list_skip, a regular expression of one skipped item with its separators)."""
    pattern = s.cfg.get("list_skip")
    while partners and pattern:
        gap = re.match(pattern, s.text[partners[-1].end:])
        more = s.list_after(partners[-1].end + gap.end(), ORGS | BODIES) if gap else []
        if not more:
            break
        partners = partners + more
    return partners


def _co_members(s: Sentence, cue: str, hit: re.Match) -> bool:
    """"UNODC is a member of Y, together with X", "毒罪办与 X 一道是 Y 的成员": X is a co-member of Y, not a partner (cues:
    member_with, member_before; Chinese: member_after later in the clause)."""
    left, right = s.clause(hit.start(), hit.start())
    if s.lang == "zh":
        return any(member_cue_at(s, m) for w in s.cfg.get("member_after", []) for m in literal(w).finditer(s.text, hit.end(), right))
    if not any(cue.lower().startswith(w) for w in s.cfg.get("member_with", [])):
        return False
    return any(re.search(s.word_pattern(w), s.text[left:hit.start()], re.IGNORECASE) for w in s.cfg.get("member_before", []))


def partner_hits(text: str, cfg: dict) -> list[tuple[str, re.Match]]:
    """Every partnership cue of a sentence: the words of partner_before, and a partnership verb or noun before
    "with" (partner_with: "cooperates with", "worked closely with", "strengthened cooperation with")."""
    hits = [(cue, hit) for cue in cfg["partner_before"] for hit in cue_hits(cue, text)]
    if cfg.get("partner_with"):
        covered = {hit.end() for _, hit in hits}
        hits += [("", hit) for hit in re.finditer(cfg["partner_with"], text, flags=re.IGNORECASE)
                 if hit.end() not in covered and hit.end() - 1 not in covered]
    return hits


def partner_cue(s: Sentence) -> list[Found]:
    """"与 X、Y 合作" / "in partnership with X and Y" (cues: partner_before, partner_with, partner_after, support_cues)."""
    return [f for cue, hit in partner_hits(s.text, s.cfg) for f in _partner_hit(s, cue, hit)]


def _owners(s: Sentence, prog: Match) -> list[Match]:
    """The organisations listed right before "的" and a programme."""
    owners = [m for m in s.mentions if m.type in ORGS and m.end <= prog.start]
    if not owners or s.text[owners[-1].end:prog.start] != "的":
        return []
    run = [owners[-1]]
    for m in reversed(owners[:-1]):
        if not re.fullmatch(r"\s*(?:、|和|及|与)\s*", s.text[m.end:run[0].start]):
            break
        run.insert(0, m)
    return run


def organizations_programme(s: Sentence) -> list[Found]:
    """zh: "毒品和犯罪问题办公室和世界海关组织的全球集装箱管制方案": the organisations running a programme."""
    if s.lang != "zh":
        return []
    found = []
    for prog in s.programmes:
        run = _owners(s, prog)
        if len(run) > 1 or (run and run[0].iri != UNODC_IRI):
            found.extend(Found(prog.iri, UNODC.implementedWith, org.iri, "organizations-programme-zh", 0.7)
                         for org in run if org.iri != UNODC_IRI)
    return found


def _joint_subjects(text: str, mentions: list[Match], heads: list[str] = (), opening: str = "") -> list[Match]:
    """The organisations and bodies that open a sentence, or a clause after a comma that no name closes, as one list
    ("麻管局、世卫组织与毒品和犯罪问题办公室发布了", "UNODC and WHO launched", "他说，世卫组织及毒罪办继续……"); the people of
    the first one may stand before it ("Meeting today, senior staff from UNODC and the OSCE reviewed", cues: joint_heads);
    an abbreviation in parentheses after a name is the same one; *opening*: a date that may open the sentence ("11 March
    2009 - UNODC and WHO are launching")."""
    dated = re.match(opening, text) if opening else None
    for left in _clause_starts(text, mentions) + ([dated.end()] if dated else []):
        run = _joint_run(text, [m for m in mentions if m.start >= left], left, heads)
        if run:
            return run
    return []


def _clause_starts(text: str, mentions: list[Match]) -> list[int]:
    """0 and the positions right after a comma or colon that no organisation or body closes (not inside a list of them)."""
    ends = {m.end for m in mentions if m.type in ORGS or m.type in BODIES}
    starts = [0]
    for hit in re.finditer(r"[,，:：]\s*", text):
        before = text[:hit.start()].rstrip(" )）")
        if len(before) not in ends and not re.search(r"\((?:[^()]*)$", before):
            starts.append(hit.end())
    return starts


def _joint_run(text: str, mentions: list[Match], left: int, heads) -> list[Match]:
    words = alternation(heads)
    head = rf"(?i:(?:the\s+)?(?:{words})\s+(?:the\s+)?)?" if words else ""  # "Senior staff from" opens a sentence too
    if not mentions or not (mentions[0].type in ORGS or mentions[0].type in BODIES) or mentions[0].start - left >= 40 or \
            not re.fullmatch(r"[\s\-–—,.，、0-9年月日]*(?:(?:In|On)\s+[\s\-–—,.0-9]*)?(?:(?:The|Both)\s+(?:the\s+)?)?"
                             + head, text[left:mentions[0].start], flags=re.IGNORECASE if left else 0):
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


def joint_subjects(s: Sentence) -> list[Found]:
    """"UNODC and WHO launched …", "麻管局、世卫组织与毒品和犯罪问题办公室发布了……"."""
    run = _joint_subjects(s.text, s.mentions, s.cfg.get("joint_heads", []), s.cfg.get("date_opening", ""))
    if len(run) < 2 or UNODC_IRI not in {m.iri for m in run}:
        return []
    # subjects have a predicate: a list that ends its sentence ("… five organizations: A, B and C (WCO).") enumerates
    if not re.match(r"\s*(?:[(（][^()（）]*[)）]\s*)*[,，]?\s*[^\W\d_]", s.text[run[-1].end:]):
        return []
    found = [partnership(UNODC_IRI, other.iri, f"joint-subject-{s.lang}", 0.6) for other in run if other.iri != UNODC_IRI]
    # "UNODC and WHO are launching a Joint Programme …", "UNODC and WCO have come together to elaborate the CCP": the
    # programme the joint subjects make or run in their clause is implemented with the other organisations
    _, right = s.clause(run[-1].end, run[-1].end)
    made = next((p for p in s.programmes if run[-1].end <= p.start < right), None)
    if made is not None:
        found += [Found(made.iri, UNODC.implementedWith, other.iri, f"joint-subject-programme-{s.lang}", 0.6)
                  for other in run if other.iri not in (UNODC_IRI, made.iri) and other.type in ORGS]
    return found


JOINT_MARK = re.compile(r"\s*[/／\-–]\s*")  # what joins the joint authors of a name: UNODC/WHO, UNODC-WCO-INTERPOL


def joint_runs(text: str, mentions: list[Match]) -> list[list[Match]]:
    """The runs of two or more organisations or bodies joined by slashes or hyphens ("UNODC-WCO-INTERPOL",
    "SADC-UNODC", 毒罪办/世卫组织), each of two different entities or more, in order of *mentions* (sorted)."""
    runs: list[list[Match]] = []
    current: list[Match] = []
    for m in mentions:
        if not (m.type in ORGS or m.type in BODIES):
            continue
        if current and JOINT_MARK.fullmatch(text[current[-1].end:m.start]):
            current.append(m)
            continue
        if len({x.iri for x in current}) > 1:
            runs.append(current)
        current = [m]
    if len({x.iri for x in current}) > 1:
        runs.append(current)
    return runs


def slash_joint(s: Sentence) -> list[Found]:
    """Joint authors written with a slash or a hyphen: "UNODC/WHO International Standards", 毒品和犯罪问题办公室/世卫组织的
    《标准》; the organisations of such a run right before a programme's name run that programme with UNODC ("the
    UNODC-WCO-INTERPOL Airport Communication Project", "the WCO/UNODC Container Control Programme")."""
    found = []
    text = s.text
    before_programme = set()
    for run in joint_runs(text, s.mentions):
        made = next((p for p in s.programmes if p.start >= run[-1].end and re.fullmatch(r"\s*的?\s*", text[run[-1].end:p.start])), None)
        if made is not None:
            before_programme |= {id(m) for m in run}
            found.extend(Found(made.iri, UNODC.implementedWith, m.iri, f"slash-joint-programme-{s.lang}", 0.7)
                         for m in run if m.type in ORGS and m.iri not in (UNODC_IRI, made.iri))
    for a, b in pairwise(s.mentions):
        if id(b) in before_programme:
            continue
        if (a.type in ORGS or a.type in BODIES) and (b.type in ORGS or b.type in BODIES) and \
                re.fullmatch(r"\s*[/／-]\s*", text[a.end:b.start]) and UNODC_IRI in (a.iri, b.iri) and a.iri != b.iri:
            if "-" not in text[a.end:b.start] or _joint_noun(s, b.end):
                found.append(partnership(a.iri, b.iri, f"slash-joint-{s.lang}", 0.6))
    return found


def _joint_noun(s: Sentence, pos: int) -> bool:
    """A hyphenated pair names a joint act when a noun of one follows it ("the UNODC-WHO partnership", "NATO-UNODC courses")
    (cues: joint_nouns)."""
    nouns = s.cfg.get("joint_nouns", [])
    return bool(nouns) and re.match(r"\s*(?:" + alternation(nouns) + r")(?![\w-])", s.text[pos:], flags=re.IGNORECASE) is not None


def partner_list(s: Sentence) -> list[Found]:
    """"UNDP has close partnerships with other agencies, such as UNODC, …" / "与……建立了伙伴关系，如 X、Y"
    (cues: partner_list)."""
    found = []
    for cue in s.cfg.get("partner_list", []):
        for hit in cue_hits(cue, s.text):
            partners = s.list_after(hit.end(), ORGS | BODIES)
            left, _ = s.clause(hit.start(), hit.start())
            head = next((m for m in s.between(left, hit.start()) if m.type in ORGS or m.type in PROGRAMMES), None)
            if head is not None and head.type in PROGRAMMES:  # "The Paris Pact brings together partners including X"
                found.extend(Found(head.iri, UNODC.implementedWith, p.iri, f"partner-list-{s.lang}", 0.6)
                             for p in partners if p.type in ORGS and p.iri != UNODC_IRI)
                continue
            subject = head.iri if head is not None else UNODC_IRI
            found.extend(partnership(subject, partner.iri, f"partner-list-{s.lang}", 0.6) for partner in partners
                         if partner.iri != subject and UNODC_IRI in (subject, partner.iri))
    return found


def _around_hit(s: Sentence, hit: re.Match, closers: list[str]) -> list[Found]:
    partners = s.list_after(hit.end(), ORGS, also=BODIES)
    if not partners or not any(s.text.startswith(c, partners[-1].end) for c in closers):
        return []
    end = partners[-1].end
    _, right = s.clause(hit.start(), end)
    closer = next(c for c in closers if s.text.startswith(c, end))
    after = re.match(r"\s*[,，]\s*", s.text[end + len(closer):])
    if after:  # "在毒品和犯罪问题办公室的支持下，莫桑比克设立了……": the organisation assists the place acting
        supported = supported_places(s, end + len(closer) + after.end(), partners)
        if supported is not None:
            return supported
    rest = [p for p in s.programmes if end <= p.start < right]
    rule = f"partner-support-{s.lang}"
    if len({p.iri for p in rest}) == 1:
        return [Found(rest[0].iri, UNODC.implementedWith, p.iri, rule, 0.6) for p in partners if p.iri != UNODC_IRI]
    return [partnership(UNODC_IRI, p.iri, rule, 0.6) for p in partners if p.iri != UNODC_IRI]


def partner_around(s: Sentence) -> list[Found]:
    """"在 X 和 Y 的支持下": partners closing a list with the support of them (cues: partner_around,
    partner_around_after)."""
    closers = s.cfg.get("partner_around_after", [])
    return [f for cue in s.cfg.get("partner_around", [])
            for hit in literal(cue).finditer(s.text)
            for f in _around_hit(s, hit, closers)]


def _orgs_before(s: Sentence, pos: int) -> list[Match]:
    """The list of organisations that ends right at *pos* (X、Y 和 Z)."""
    run = [m for m in s.mentions if m.type in ORGS and m.end == pos]
    while run:
        before = [m for m in s.mentions if m.end <= run[0].start]
        if not (before and before[-1].type in ORGS and
                re.fullmatch(r"\s*(?:、|和|及|与|以及|,|，|and|, and)?\s*(?:the\s+)?", s.text[before[-1].end:run[0].start])):
            break
        run.insert(0, before[-1])
    return run


def joint_owners(s: Sentence) -> list[Found]:
    """"集装箱管制方案是毒品和犯罪问题办公室和世界海关组织的联合举措", "由 X 和 Y 联合实施的 P": the organisations
    listed right before a joint-ownership phrase (a modifier such as 为期四年 may stand between) run the clause's programme
    (cues: joint_of_after, joint_of_modifier: a pattern)."""
    found = []
    modifier = re.compile(f"(?:{s.cfg.get('joint_of_modifier', '(?!)')})$")
    for cue in s.cfg.get("joint_of_after", []):
        for hit in literal(cue).finditer(s.text):
            between = modifier.search(s.text, 0, hit.start())
            owners = _orgs_before(s, hit.start()) or (_orgs_before(s, between.start()) if between else [])
            left, right = s.clause(hit.start(), hit.start())
            programmes = [p for p in s.programmes if left <= p.start < right and p.end <= owners[0].start] if owners else []
            programmes = programmes or [p for p in s.programmes if hit.end() <= p.start < right][:1]
            if owners and len({p.iri for p in programmes}) == 1:
                found.extend(Found(programmes[0].iri, UNODC.implementedWith, o.iri, f"joint-owners-{s.lang}", 0.7)
                             for o in owners if o.iri != UNODC_IRI)
    return found


def joint_makers(s: Sentence) -> list[Found]:
    """"the Container Control Programme, jointly launched in 2003 by UNODC and the World Customs Organization", "a joint
    initiative of UNODC and IOM": two or more organisations named right after a cue of joint making (cues: joint_by, a
    pattern) made the programme named before the cue in the sentence: it is implemented with each but UNODC."""
    pattern = s.cfg.get("joint_by", "")
    if not pattern:
        return []
    found = []
    for hit in re.finditer(pattern, s.text, re.IGNORECASE):
        makers = [m for m in s.list_after(hit.end(), ORGS | BODIES) if m.type in ORGS]
        programme = next((p for p in reversed(s.programmes) if p.end <= hit.start()), None)
        if programme is None or len({m.iri for m in makers}) < 2:
            continue
        found.extend(Found(programme.iri, UNODC.implementedWith, m.iri, f"joint-makers-{s.lang}", 0.7)
                     for m in makers if m.iri not in (UNODC_IRI, programme.iri))
    return found
