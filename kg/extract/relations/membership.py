"""Part-of rules: a programme within a programme, and membership ("X is a member of Y", "Y 的成员包括 X")."""

from __future__ import annotations

import re

from kg.core.namespaces import UNODC
from kg.core.vocabulary import BODIES, PROGRAMMES
from kg.core.vocabulary import ORGANIZATIONS as ORGS
from kg.extract.link import Match
from kg.extract.nlp import alternation, literal, word_hits
from kg.extract.records import Found
from kg.extract.relations.clauses import Sentence
from kg.extract.relations.wholes import opens_clause

MEMBERS = ORGS | PROGRAMMES
WHOLES = ORGS | PROGRAMMES | BODIES
PARTS = ORGS | PROGRAMMES | BODIES
APPOSITION_GAP = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?[,，]?\s*(?:(?:which|that|it)\s+)?(?:is|was|are|serves as|served as|"
                            r"acts as|became|becomes|remains|这是|这|它是|是|为|成为|作为)?\s*(?:an?\s+|the\s+)?")


def part_of_cue(s: Sentence) -> list[Found]:
    """"作为 X 的一部分" / "as part of X" (cues: part_of_cues)."""
    found = []
    for cue in s.cfg["part_of_cues"]:
        for hit in literal(cue).finditer(s.text):
            if s.lang == "zh":
                whole = [p for p in s.programmes if 0 <= hit.start() - p.end <= 1]
                parts = [p for p in s.programmes if p not in whole]
            else:
                whole = [p for p in s.programmes if 0 <= p.start - hit.end() <= 5]
                parts = [p for p in s.programmes if p.end <= hit.start()]
            if len(whole) == 1 and len(parts) == 1 and parts[0].iri != whole[0].iri:
                found.append(Found(parts[0].iri, UNODC.partOf, whole[0].iri, f"part-of-cue-{s.lang}", 0.6))
    return found


def frame_part(s: Sentence) -> list[Found]:
    """A project or component named in a main clause that a programme frames: "Under the Global Programme on Cybercrime,
    UNODC runs the X project", "As part of its Global Maritime Crime Programme, UNODC set up the Y", 在全球网络犯罪方案下，
    毒罪办实施了 X 项目: the first other programme of the main clause is part of the framing one when the clause runs or sets it
    up ("the EU funded P" states no part; cues: frame_open, a pattern that opens the sentence and ends right before the
    whole; frame_close, one from the whole to the comma; frame_verbs)."""
    opener, closer = s.cfg.get("frame_open", ""), s.cfg.get("frame_close", "")
    hit = re.match(opener, s.text) if opener and closer else None
    whole = next((p for p in s.programmes if hit is not None and p.start == hit.end()), None)
    close = re.match(closer, s.text[whole.end:]) if whole is not None else None
    if close is None:
        return []
    after = whole.end + close.end()
    _, right = s.clause(after, after)
    verbs = alternation(s.cfg.get("frame_verbs", []))
    if not verbs or not re.search(rf"(?<![\w-])(?:{verbs})(?![\w-])" if s.lang == "en" else f"(?:{verbs})", s.text[after:right]):
        return []
    part = next((p for p in s.programmes if after <= p.start < right and p.iri != whole.iri), None)
    return [Found(part.iri, UNODC.partOf, whole.iri, f"frame-part-{s.lang}", 0.6)] if part is not None else []


def _member_before(s: Sentence, pos: int, whole: Match) -> Match | None:
    left, _ = s.clause(pos, pos)
    before = [m for m in s.between(left, pos) if m.type in MEMBERS and m.iri != whole.iri]
    return before[-1] if before else None


def _first_member_at(s: Sentence, after: int, whole: Match) -> Match | None:
    return next((m for m in s.mentions if m.type in MEMBERS and m.start >= after and m.iri != whole.iri), None)


def _main_subject(s: Sentence, pos: int, end: int, whole: Match) -> Match | None:
    """"As a member of Y, UNODC …": the subject of the main clause after a role that opens the sentence."""
    left, _ = s.clause(pos, pos)
    if not any(re.search(s.word_pattern(w), s.text[left:pos]) for w in s.cfg.get("member_as", [])):
        return None
    comma = re.search(r"[,，]", s.text[end:])
    if comma is None:
        return None
    after = end + comma.end()
    part = _first_member_at(s, after, whole)
    return part if part is not None and re.fullmatch(r"\s*(?:the\s+)?", s.text[after:part.start]) else None


def _member_hit(s: Sentence, hit: re.Match) -> list[Found]:
    wholes = s.list_after(hit.end(), WHOLES)
    if len(wholes) >= 2 and "," in s.text[wholes[-2].end:wholes[-1].start] and \
            _main_subject(s, hit.start(), wholes[-2].end, wholes[-2]) is wholes[-1]:
        wholes = wholes[:-1]  # "As a member of Y, UNODC …": the list ends before the main clause's subject
    found = []
    for whole in wholes:
        part = _member_before(s, hit.start(), whole) or _main_subject(s, hit.start(), wholes[-1].end, whole)
        if part is not None and (whole.type in PROGRAMMES or whole.type in BODIES or part.type in ORGS):
            found.extend(Found(m.iri, UNODC.partOf, whole.iri, f"member-cue-{s.lang}", 0.6)
                         for m in _run_to(s, part) if m.iri != whole.iri)
            found.extend(Found(m.iri, UNODC.partOf, whole.iri, f"member-with-{s.lang}", 0.6)
                         for m in _co_members(s, wholes[-1].end) if m.iri not in (whole.iri, part.iri))
    return found


def _co_members(s: Sentence, end: int) -> list[Match]:
    """The members listed after the whole: "a member of Y, together with X and Z" (cues: member_with)."""
    words = alternation(s.cfg.get("member_with", []))
    hit = re.match(rf"\s*(?:\([^()]{{1,20}}\)\s*)?,?\s*(?:{words})\s+(?:the\s+)?", s.text[end:], re.IGNORECASE) if words else None
    return s.list_after(end + hit.end(), MEMBERS) if hit else []


def member_before(s: Sentence) -> list[Found]:
    """"X is a member of Y" / "X joined Y" / "X 加入了 Y" (cues: member_before, member_as)."""
    return [f for cue in s.cfg.get("member_before", [])
            for hit in word_hits(cue, s.lang, s.text, re.IGNORECASE)
            for f in _member_hit(s, hit)]


def _member_of(s: Sentence, hit: re.Match, whole: Match) -> Match | None:
    """The member a "Y 的成员" names: the subject of the main clause after "作为 Y 的成员，", else the one before Y."""
    left, _ = s.clause(whole.start, whole.start)
    if not any(w in s.text[left:whole.start] for w in s.cfg.get("member_as", [])):
        return _member_before(s, whole.start, whole)
    comma = re.search(r"[,，]", s.text[hit.end():])
    after = hit.end() + comma.end() if comma else len(s.text)
    part = _first_member_at(s, after, whole)
    if part is not None and not s.text[after:part.start].strip():
        return part
    # "毒罪办作为艾滋病规划署的共同发起组织，致力于……": the member stands before the role
    before = _member_before(s, whole.start, whole)
    return before if before is not None and re.search(s.word_pattern(s.cfg["member_as"][0]) + r"\s*$",
                                                      s.text[before.end:whole.start]) else None


def member_cue_at(s: Sentence, hit: re.Match) -> bool:
    """A member cue that no word of member_after_not follows (not 东盟成员国, the member States of Y)."""
    return not any(s.text.startswith(w, hit.end()) for w in s.cfg.get("member_after_not", []))


def member_after(s: Sentence) -> list[Found]:
    """"X 是 Y 的成员", "作为 Y 的成员，毒品和犯罪问题办公室……" (cues: member_after, member_as)."""
    found = []
    for cue in s.cfg.get("member_after", []):
        for hit in literal(cue).finditer(s.text):
            if not member_cue_at(s, hit):
                continue  # "东盟成员国": the member States of Y, not a member
            whole = next((m for m in s.mentions if m.type in WHOLES and 0 <= hit.start() - m.end <= 1), None)
            part = _member_of(s, hit, whole) if whole is not None else None
            if part is not None and not _bare_cue_unstated(s, cue, part, whole):
                found.extend(Found(m.iri, UNODC.partOf, whole.iri, f"member-cue-{s.lang}", 0.6)
                             for m in _run_to(s, part) if m.iri != whole.iri)
    return list(dict.fromkeys(found))


def _bare_cue_unstated(s: Sentence, cue: str, part: Match, whole: Match) -> bool:
    """A member cue without "的" ("Y 成员") states membership only after a copula ("X 是 Y 成员", not "X 与 Y 成员会晤",
    cues: member_copula); a whole in a parenthesis right after the part is its abbreviation, not a whole."""
    gap = s.text[part.end:whole.start]
    if re.fullmatch(r"\s*[（(]\s*", gap):
        return True
    return part.end <= whole.start and "的" not in cue and gap.strip() not in s.cfg.get("member_copula", [])


def _run_to(s: Sentence, last: Match) -> list[Match]:
    """The members listed together up to *last*: "毒罪办、开发署和世卫组织是 Y 的成员", "UNODC and UNDP are members of Y"."""
    words = alternation(s.cfg.get("member_joiners", []))
    run = [last]
    for m in reversed([m for m in s.mentions if m.end <= last.start]):
        if m.type not in MEMBERS or not words or not re.fullmatch(rf"\s*(?:{words})\s*(?:the\s+)?", s.text[m.end:run[0].start]):
            break
        run.insert(0, m)
    return run


def _members_after(s: Sentence, pos: int, colon_only: bool = False) -> list[Match]:
    """The members listed right at *pos*, or after a colon that ends a phrase naming no one ("comprises 15 United Nations
    entities: ILO, IOM …", "a collaborative effort by five organizations: …"); only after the colon when *colon_only*."""
    listed = [] if colon_only else s.list_after(pos, MEMBERS)
    bridge = re.match(r"[^:：。；;]{0,80}?[:：]\s*", s.text[pos:]) if not listed else None
    others = alternation(s.cfg.get("members_not_nouns", [])) or "(?!)"  # "comprises several partners: …" are partners
    if bridge is not None and not s.between(pos, pos + bridge.end()) and not re.search(rf"\b(?:{others})\b", bridge.group()) and \
            (not colon_only or re.fullmatch(r"\s*(?:\([^()]*\))?\s*[:：]\s*", bridge.group())):
        listed = s.list_after(pos + bridge.end(), MEMBERS)
    return listed


def members_include(s: Sentence) -> list[Found]:
    """"Y 的成员包括 X、Z" ("its members include"), "the members of Y include X and Z", "Y comprises 15 entities: X, Z",
    "Y has eleven cosponsors: X, Z" (cues: members_include, members_of_include: [words before the whole, the verb after
    it], members_colon: a noun of members right before a colon)."""
    found = []
    cues = [(cue, None) for cue in s.cfg.get("members_include", [])] + \
        [(verb, opener) for opener, verb in s.cfg.get("members_of_include", [])] + \
        [(noun, "") for noun in s.cfg.get("members_colon", [])]
    for cue, opener in cues:
        for hit in word_hits(cue, s.lang, s.text, re.IGNORECASE):
            left, _ = s.clause(hit.start(), hit.start())
            if opener:  # the whole stands between the opener and the verb
                at = s.text.lower().rfind(opener.lower(), left, hit.start())
                if at < 0:
                    continue
                left = at + len(opener)
            wholes = [m for m in s.between(left, hit.start()) if m.type in WHOLES]
            gap = s.cfg.get("members_subject_gap")
            if opener is None and gap and wholes and not re.fullmatch(gap, s.text[wholes[-1].end:hit.start()], re.IGNORECASE):
                continue  # the whole is the subject right before the cue, not a name further back in the clause
            end = hit.end()
            if opener == "":  # "the six original co-sponsors of UNAIDS: …": the whole between the noun and the colon
                of = re.match(r"\s*(?:of|的)\s*(?:the\s+)?", s.text[end:]) if s.lang == "en" else None
                after = next((m for m in s.mentions if of is not None and m.start == end + of.end() and m.type in WHOLES), None)
                wholes, end = ([after], after.end) if after is not None else (wholes, end)
            rule = f"members-include-{s.lang}"
            if not wholes and opens_clause(s, left, hit.start()):  # "Its members include …" of the paragraph's topic
                wholes, rule = [s.topic], f"members-include-topic-{s.lang}"
            if not wholes:
                continue
            found.extend(Found(part.iri, UNODC.partOf, wholes[-1].iri, rule, 0.6)
                         for part in _members_after(s, end, opener == "") if part.iri != wholes[-1].iri)
    return found


def members_between(s: Sentence) -> list[Found]:
    """"Y 由 X、Z 和 W（等机构）组成", "Y is made up of X and Z": the members listed between an opening and a closing cue right
    after the whole (cues: members_between, [opening, closing pattern])."""
    found = []
    for opening, closing in s.cfg.get("members_between", []):
        for hit in word_hits(opening, s.lang, s.text):
            whole = next((m for m in reversed(s.mentions) if m.end <= hit.start() and m.type in WHOLES), None)
            listed = s.list_after(hit.end(), MEMBERS)
            gap = s.cfg.get("members_between_gap", "")
            if whole is None or not listed or not re.fullmatch(gap, s.text[whole.end:hit.start()]) or \
                    not re.match(closing, s.text[listed[-1].end:]):
                continue
            found.extend(Found(m.iri, UNODC.partOf, whole.iri, f"members-between-{s.lang}", 0.6)
                         for m in listed if m.iri != whole.iri)
    return found


def _apposition_part(s: Sentence, hit: re.Match, whole: Match, opened: bool) -> Match | None:
    """The component a part cue names: after the comma that closes "作为 Y 的一个 X，" / "As a … of Y,", else the
    nearest name before the cue in the sentence (an apposition crosses its comma: "X, a component of Y")."""
    if opened:
        comma = re.search(r"[,，]", s.text[max(hit.end(), whole.end):])
        if comma is not None:
            after = max(hit.end(), whole.end) + comma.end()
            part = next((m for m in s.mentions if m.type in PARTS and m.start >= after and m.iri != whole.iri), None)
            if part is not None and re.fullmatch(r"\s*(?:the\s+)?", s.text[after:part.start]):
                return part
    end = min(hit.start(), whole.start)
    before = [m for m in s.mentions if m.type in PARTS and m.end <= end and m.iri != whole.iri]
    # the name the cue is said of: right before it ("X, a component of Y", "X，这是 Y 内的一个", "X 是 Y 的一部分"),
    # not a name further back in a clause about something else ("提供了立法援助，这是 P 的一部分": the aid is the part)
    return before[-1] if before and APPOSITION_GAP.fullmatch(s.text[before[-1].end:end]) else None


def part_apposition(s: Sentence) -> list[Found]:
    """"X, a component of Y", "Y 内的一个 X", "作为 Y 的一个职司委员会，X……": X is part of Y (cues: part_apposition,
    member_as)."""
    found = []
    counts = alternation(s.cfg.get("part_count_words", [])) or "(?!)"
    for cue in s.cfg.get("part_apposition", []):
        if cue not in s.text and "the " not in cue:  # the pattern matches the cue itself, a count aside
            continue
        # "one of the four components of Y", "Y 的四个组成部分之一": a count of the parts may stand in the cue
        pattern = s.word_pattern(cue).replace(re.escape("the "), rf"the\s+(?:(?:{counts})\s+)?")
        for hit in re.finditer(pattern, s.text):
            if s.lang == "zh":
                whole = next((m for m in s.mentions if m.type in WHOLES and 0 <= hit.start() - m.end and
                              re.fullmatch(rf"的?(?:{counts})*[个项]?|.?", s.text[m.end:hit.start()])), None)
                opened_at = whole.start if whole is not None else hit.start()
            else:
                whole = next((m for m in s.mentions if m.type in WHOLES and 0 <= m.start - hit.end() <= 5), None)
                opened_at = hit.start()
            if whole is None:
                continue
            left, _ = s.clause(opened_at, opened_at)
            opened = any(re.search(s.word_pattern(w) + r"\s*(?:an?\s+|the\s+)?$", s.text[left:opened_at])
                         for w in s.cfg.get("member_as", []))
            part = _apposition_part(s, hit, whole, opened)
            # an organisation is not part of its own programme ("As part of its P, UNODC …") nor of one whose part the
            # main clause names ("作为 P 的一部分，毒罪办实施了 Q 项目": Q is the part)
            own = re.search(rf"(?:{alternation(s.cfg.get('own_words', [])) or '(?!)'})\s*$", s.text[:whole.start]) or \
                any(f.object == whole.iri for f in frame_part(s))
            if part is not None and not (own and part.type in ORGS and whole.type in PROGRAMMES):
                found.append(Found(part.iri, UNODC.partOf, whole.iri, f"part-apposition-{s.lang}", 0.6))
    return found


def member_role(s: Sentence) -> list[Found]:
    """"UNODC, UNAIDS's convening agency for …", "UNODC, a UNAIDS cosponsor,": the name in apposition before a whole
    that a role word follows is its member (cues: member_role)."""
    words = alternation(s.cfg.get("member_role", []))
    if not words:
        return []
    found = []
    for whole in (m for m in s.mentions if m.type in WHOLES):
        if re.match(rf"\s*(?:['’]s\s+)?(?:{words})\b", s.text[whole.end:], re.IGNORECASE) is None:
            continue
        head = re.search(r"(?:\b(?:an?|the|its)\s+)?$", s.text[:whole.start])
        before = [m for m in s.mentions if m.type in MEMBERS and m.end <= head.start() and m.iri != whole.iri]
        if before and APPOSITION_GAP.fullmatch(s.text[before[-1].end:head.start()]) and \
                re.search(r"[,，]|\bas\b", s.text[before[-1].end:head.start()]):
            found.append(Found(before[-1].iri, UNODC.partOf, whole.iri, f"member-role-{s.lang}", 0.6))
    return found



def programme_own(s: Sentence) -> list[Found]:
    """A programme's own initiative: "The Global Programme … through its Education for Justice initiative", "Through its
    E4J initiative, the Global Programme …", 全球方案通过其……倡议: the programme "its" names is part of the programme the
    clause is about, when no organisation stands between them (cues: own_words, fronted_adjunct)."""
    words = alternation(s.cfg.get("own_words", []))
    if not words or not s.mentions:
        return []
    fronted = re.match(s.cfg.get("fronted_adjunct", "(?!)"), s.text)
    found = []
    for part in s.programmes:
        if re.search(rf"(?<![\w-])(?:{words})\s*[\"“「'‘]?\s*$" if s.lang == "en" else rf"(?:{words})[\"“「'‘]?$",
                     s.text[:part.start]) is None:
            continue
        if fronted is not None and part.end <= fronted.end():  # "Through its X, the Programme …"
            owner = next((m for m in s.mentions if m.start >= fronted.end()), None)
            gap = (fronted.end(), owner.start) if owner is not None else (0, 0)
            between = []
        else:
            owner = s.mentions[0]
            gap = (0, owner.start)
            between = [m for m in s.mentions if owner.end <= m.start and m.end <= part.start and m.type in ORGS]
        if owner is not None and owner.type in PROGRAMMES and owner.iri != part.iri and not between and \
                re.fullmatch(r"\s*(?:the\s+|The\s+)?", s.text[gap[0]:gap[1]]):
            found.append(Found(part.iri, UNODC.partOf, owner.iri, f"programme-own-{s.lang}", 0.6))
    return found
