"""Relations a sentence states, found by rules over linked mentions and cue words.

Precision first: every rule needs an explicit cue in the sentence (or the entity's own
name), records its name and a confidence, and keeps the sentence as evidence.  Cue words
are data (ontology/rules.toml).  Each rule is one function of a :class:`Sentence`; the
table :data:`RULES` lists them in the order their relations are reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.core.namespaces import UNODC
from kg.core.resources import rules
from kg.core.vocabulary import ORGANIZATIONS as ORGS
from kg.core.vocabulary import PLACES, PROGRAMMES, TREATIES
from kg.extract.link import Match
from kg.extract.nlp import alternation, word_pattern
from kg.extract.records import Found
from kg.extract.relations import membership, partners, parts, places, treaties, units
from kg.extract.relations.clauses import CLAUSE_BREAK, UNODC_IRI, Sentence, partnership
from kg.extract.relations.evidence import office_places

__all__ = ["CLAUSE_BREAK", "RULES", "UNODC_IRI", "Found", "Sentence", "name_relations", "partnership",
           "sentence_relations"]

Rule = Callable[[Sentence], list[Found]]

RULES: tuple[Rule, ...] = (
    partners.partner_cue,
    partners.organizations_programme,
    places.assist_cue,
    places.operates_cue,
    places.assist_location,
    places.beneficiaries,
    places.recipients_of,
    places.fronted_place,
    places.parenthesis_programme,
    places.supported_by,
    places.transfer_to,
    partners.joint_subjects,
    partners.slash_joint,
    partners.partner_list,
    partners.partner_around,
    partners.joint_owners,
    partners.joint_makers,
    treaties.serves_cue,
    treaties.serves_purpose,
    treaties.serves_role,
    treaties.protocol_cue,
    treaties.protocol_supplements,
    treaties.protocol_amended,
    treaties.protocol_own,
    membership.part_of_cue,
    membership.frame_part,
    membership.member_before,
    membership.member_after,
    membership.member_role,
    membership.programme_own,
    membership.members_include,
    membership.members_between,
    membership.part_apposition,
    parts.part_after,
    parts.part_head_of,
    parts.established_by,
    parts.reference_parent,
    units.unit_of,
)


def sentence_relations(text: str, mentions: list[Match], lang: str, topic: Match | None = None) -> list[Found]:
    """Relations stated by one sentence of normalised text, given its mentions (sorted); *topic*: the
    paragraph's topic, whose partners a subjectless partnership clause names when it is a programme."""
    office = office_places(text, mentions, lang)  # the region of "the Regional Office for X" is part of a name
    sentence = Sentence(text, [m for m in mentions if m.start not in office], lang, rules()["relations"][lang], topic)
    found = [found for rule in RULES for found in rule(sentence)]
    found += places.framework_places(sentence, found) + places.framework_partners(sentence, found)
    # members of one whole with UNODC ("UNAIDS has eleven cosponsors: UNICEF, UNDP … and UNODC") are not thereby partners
    wholes = {f.object for f in found if f.predicate == UNODC.partOf and f.subject == UNODC_IRI}
    members = {f.subject for f in found if f.predicate == UNODC.partOf and f.object in wholes}
    found = [f for f in found if not (f.predicate == UNODC.partnerOf and f.subject == UNODC_IRI and f.object in members)]
    return places.own_programme_only(sentence, found)


def name_relations(programme: Match, inner: list[Match], name: str = "", lang: str = "en") -> list[Found]:
    """Relations a name states: places a programme covers, treaties it serves, its partners; the
    convention a protocol supplements.  An organisation a programme's name says it supports
    ("ECOWAS Support Project", 支持非洲联盟……项目) is its beneficiary, not its partner."""
    if programme.type in units.UNITS and programme.type not in rules()["relations"].get("treaty_named_bodies", []):
        return units.unit_name(programme, inner, name, lang)  # "公安部禁毒局": a unit of the body its name opens with
    if programme.type == "Protocol":
        return [Found(m.iri, UNODC.hasProtocol, programme.iri, "protocol-name-convention", 0.9)
                for m in inner if m.type == "Convention"]
    if programme.type == "Convention":  # "the Single Convention … as amended by the 1972 Protocol"
        return [Found(programme.iri, UNODC.hasProtocol, m.iri, "convention-name-protocol", 0.9)
                for m in inner if m.type == "Protocol"]
    if programme.type in rules()["relations"].get("treaty_named_bodies", []):
        # "the Mechanism for the Review of the Implementation of UNTOC": a review mechanism serves the treaty its name states
        return [Found(programme.iri, UNODC.serves, m.iri, "body-name-treaty", 0.9) for m in inner if m.type in TREATIES] \
            + units.unit_name(programme, inner, name, lang)
    words = rules()["relations"].get(lang, {}).get("beneficiary_name_words", [])
    supported = any(re.search(word_pattern(w, lang), name, flags=re.IGNORECASE) for w in words)
    found = []
    # organisations joined by slashes or hyphens inside the name are its joint authors ("Joint SADC-UNODC Regional
    # Programme", "UNODC-WHO Programme on …"): a finding of its own, surer than any organisation a name holds
    shifted = [Match(m.start - programme.start, m.end - programme.start, m.iri, m.type, m.method) for m in inner]
    joint = {(m.start + programme.start, m.iri) for run in partners.joint_runs(name, sorted(shifted, key=lambda m: m.start))
             for m in run}
    for m in inner:
        if m.type in PROGRAMMES and m.iri != programme.iri:  # "Treatnet Family" (治疗毒瘾和康复资料中心国际网络家庭培训方案)
            rest = name[:m.start - programme.start] + " " + name[m.end - programme.start:]
            if not _generic_rest(rest):  # not "请先聆听运动": the same campaign with a generic head
                found.append(Found(programme.iri, UNODC.partOf, m.iri, "programme-name-programme", 0.7))
        elif m.type in PLACES and not _owner_in_name(name, m.start - programme.start, m.end - programme.start, lang):
            found.append(Found(programme.iri, UNODC.operatesIn, m.iri, "programme-name-place", 0.9))
        elif m.type in TREATIES:
            found.append(Found(programme.iri, UNODC.serves, m.iri, "programme-name-treaty", 0.9))
        elif m.type in ORGS and m.iri != UNODC_IRI and not supported:
            rule = "programme-name-joint" if (m.start, m.iri) in joint else "programme-name-organization"
            found.append(Found(programme.iri, UNODC.implementedWith, m.iri, rule, 0.85))
    return found


def _owner_in_name(name: str, start: int, end: int, lang: str) -> bool:
    """A place a name states as its owner or funder, not where it works: "Government of Canada's … Program",
    "UNODC-Russia partnership …", 加拿大政府……方案 (cues: candidates government_heads)."""
    heads = rules()["candidates"][lang].get("government_heads", [])
    words = alternation(heads)
    before, after = name[:start], name[end:]
    if lang == "zh":
        return bool(words) and re.match(rf"(?:{words})", after) is not None
    return bool(re.match(r"\s*['’]s\b", after)) or bool(re.match(r"\s*[-–/]\s*\w", after) and re.search(r"\w\s*[-–/]\s*$", before)) \
        or bool(re.search(r"[-–/]\s*$", before) and re.match(r"\s+(?:partnership|cooperation|joint)\b", after, re.IGNORECASE)) \
        or (bool(words) and re.search(rf"(?:{words})\s+(?:the\s+)?$", before) is not None)


def _generic_rest(rest: str) -> bool:
    """True when what a name adds around another name is only generic words: a variant of that name, not a part."""
    cfg = rules()["mint"]
    generic = {w.lower() for w in cfg["zh"]["generic_heads"]} | {w.lower() for w, _ in cfg["zh"]["name_suffixes"]} | \
        {w.lower() for w, _ in cfg["en"]["name_heads"]} | {w.lower() for w in cfg["variants"]["drop_words_en"]} | \
        {w.lower() for w in cfg["variants"]["leading_words_en"]}
    words = [w for w in re.split(r"[\s\"“”'‘’《》「」()（）,，、:：\-–]+", rest.lower()) if w]
    return all(w in generic for w in words)
