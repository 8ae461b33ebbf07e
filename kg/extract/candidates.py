"""Relations as scored candidates: every compatible pair of mentions in a sentence, with features.

A sentence proposes a candidate for every pair of compatible types: a programme and a place
(operatesIn), an organisation and a place (assists), a programme and an organisation
(implementedWith), UNODC and an organisation or body (partnerOf), a programme, body or
instrument and a treaty (serves).  When the sentence names no subject of the kind, the topic
of the paragraph (or of the previous sentence, which a subjectless sentence continues) stands
in (an implied subject), and for UNODC's own relations UNODC in a document that names it.  The
relations the cue rules of :mod:`kg.extract.relations` find are candidates too, and "a rule
found it" is one feature among the others: the cue class that governs the object (location,
partnership, assistance, service), list membership, distance, clause, whether the subject is
the first of the sentence, a resolved reference, implied or carried from the previous sentence,
competing subjects, negation and intent; and evidence that a place is not a place of work: the
origin or destination of a flow, the venue of a meeting, a dateline, a funder, a partner, a
State acting as the subject of its clause; and whether an argument is a name the extractor
made itself (its relations are less sure on text nobody tuned for); and for a programme's place, whether the rules
find UNODC assisting that place in the sentence (the programme is how UNODC works there).

A logistic model per relation kind turns the features into a score, which a Platt scaling or an
isotonic map (whichever held-out documents calibrate better) turns into a probability; weights,
calibration and the threshold are data (``ontology/relation-weights.toml``) written by
``python -m kg.extract.calibrate`` from the development annotations.  Without that file the
rules' own confidences are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.core.namespaces import UNODC
from kg.core.resources import rules
from kg.core.vocabulary import BODIES, PLACES
from kg.extract.link import Match, gazetteer
from kg.extract.nested import stated_treaties
from kg.extract.records import Found
from kg.extract.relations.evidence import (activity_in_clause as _activity, after_cue as _after_cue, listed_runs,
                                           national_places, office_places, strongest as _strongest)
from kg.extract.relations.features import (_DECIDED, FEATURES, KINDS, REFERENCE_METHODS, RULES_DECIDE, UNODC_IRI, UNODC_ONLY,
                                           cues, cues as _cues, evidence as _evidence, features as _features, load_model,
                                           rule_doubt)
from kg.extract.relations.model import NEW_NAME, WEIGHTS_FILE, Model, rule_confidence, rule_kept, sigmoid
from kg.extract.relations.agents import implied_partners
from kg.extract.relations.wholes import implied_members, pair_allowed

__all__ = ["FEATURES", "KINDS", "NEW_NAME", "REFERENCE_METHODS", "RULES_DECIDE", "UNODC_IRI", "WEIGHTS_FILE", "Candidate",
           "Model", "choose", "cues", "load_model", "rule_confidence", "rule_doubt", "rule_kept", "sentence_candidates",
           "sigmoid"]


@dataclass(frozen=True)
class Candidate:
    """A possible relation in one sentence, with its features and the rule that found it (if any)."""

    subject: URIRef
    predicate: URIRef
    object: URIRef
    features: tuple  # values in the order of FEATURES
    rule: str = ""
    rule_confidence: float = 0.0

    @property
    def kind(self) -> str:
        return str(self.predicate).rsplit("#", 1)[-1]


def sentence_candidates(text: str, mentions: list[Match], lang: str, found: list[Found],
                        topic: Match | None = None, unodc_document: bool = False,
                        previous: Match | None = None) -> list[Candidate]:
    """Every candidate relation of one sentence (normalised text, its outer mentions sorted, the rules'
    findings); *topic* is the paragraph's topic, the subject a sentence without one implies; *previous* the
    first subject of the paragraph's previous sentence, another subject it may imply (feature subject_previous)."""
    cues = _cues(lang)
    joiners = rules()["relations"][lang]["list_joiners"]
    office = office_places(text, mentions, lang)  # the region of "the Regional Office for X" is part of a name
    mentions = [m for m in mentions if m.start not in office]
    taken = {(m.start, m.iri) for m in mentions}
    national = [m for m in national_places(text, mentions, lang, gazetteer(lang).lookup) if (m.start, m.iri) not in taken]
    mentions = sorted(national + mentions, key=lambda m: m.start)  # the State first: a list of places starts with it
    governed = _evidence(text, mentions, lang, cues)
    # the places the rules find UNODC assisting in the sentence: where a programme it works through operates (feature assisted)
    helped = {f.object for f in found if f.predicate == UNODC.assists and f.subject == UNODC_IRI}
    governed["assisted"] = {m.start for m in mentions if m.type in PLACES and m.iri in helped}
    cfg = rules()["relations"][lang]
    listed = listed_runs(text, mentions, joiners, (tuple(cfg.get("partner_before", [])), tuple(cfg.get("partner_after", []))))
    by_rule = _strongest(found)
    # names the extractor made itself (not reference data): the relations of a new name are less sure (feature minted)
    minted = {m.iri for m in [*mentions, topic, previous] if m is not None and m.method == "minted"}
    out: list[Candidate] = []
    made: set[tuple] = set()

    def add(subject: Match | None, implied_iri: URIRef | None, kind: str, obj: Match, carried: bool = False,
            object_iri: URIRef | None = None) -> None:
        s_iri = subject.iri if subject is not None else implied_iri
        if s_iri is None or s_iri == (object_iri or obj.iri):
            return
        predicate = UNODC[kind]
        if kind in UNODC_ONLY and s_iri != UNODC_IRI:
            return
        if subject is not None and subject.method == "topic" and subject.start >= obj.end and kind in ("assists", "operatesIn"):
            return  # a possessive after the place ("thanks Japan for its contribution") is the place's or nearer noun's
        key = (s_iri, predicate, object_iri or obj.iri)
        rule = by_rule.get(key)
        name, confidence = (rule.rule, rule.confidence) if rule else ("", 0.0)
        if subject is None and rule is None and kind in ("assists", "operatesIn") and obj.start in governed["location"] \
                and (_activity(text, obj, cues, lang) if lang == "en" else _after_cue(text, obj, cues)):
            # "在拉丁美洲和中亚开展南南合作" in a paragraph about UNODC or a programme: its topic acts there
            name, confidence = f"{'assist' if kind == 'assists' else 'operates'}-location-topic-{lang}", 0.5
        features = _features(text, mentions, lang, kind, subject, obj, name, governed, listed, cues, carried,
                             bool({s_iri, object_iri or obj.iri} & minted))
        out.append(Candidate(s_iri, predicate, object_iri or obj.iri, features, name, confidence))
        made.add(key)

    members = governed["members"]
    for kind, (is_subject, object_types) in KINDS.items():
        subjects = [m for m in mentions if is_subject(m)]
        for obj in (m for m in mentions if m.type in object_types):
            for subject in subjects:  # a partOf pair needs membership evidence (co-mentions are no candidates)
                if not (subject.start <= obj.start < subject.end) and (kind != "partOf" or pair_allowed(members, subject, obj)):
                    add(subject, None, kind, obj)
            for iri, carried in ([] if subjects else _implied(kind, topic, previous, unodc_document)):
                add(None, iri, kind, obj, carried=carried)
    # UNODC's implied partner; the members of a list whose whole is implied ("Its cosponsors are X, Y": the topic's)
    for subject_iri, kind, m, implied, carried in [(UNODC_IRI, "partnerOf", *t) for t in implied_partners(
            mentions, governed["partner"], topic, previous)] + [(p.iri, "partOf", p, w.iri, c) for p, w, c in implied_members(
            governed["members"], mentions, [topic, previous])]:
        add(None, subject_iri, kind, m, carried=carried, object_iri=implied)
    # what the rules found between mentions the pairs above do not make (UNODC implied by a cue rule …); every finding
    # of a kind its rules decide (choose keeps the rule with the best observed precision)
    others = [(k, f) for f in found if f.predicate in _DECIDED and f is not by_rule[k := (f.subject, f.predicate, f.object)]]
    for key, f in sorted(by_rule.items()) + others:
        if key in made and (f.predicate not in _DECIDED or f is by_rule[key]):
            continue
        candidate = _rule_candidate(text, mentions, lang, f, unodc_document, (governed, listed, cues, minted))
        if candidate is not None:
            out.append(candidate)
    return sorted(set(out), key=lambda c: (c.subject, c.predicate, c.object, c.features, c.rule))


def _implied(kind: str, topic: Match | None, previous: Match | None, unodc_document: bool) -> list[tuple]:
    """(subject, carried from the previous sentence) a sentence naming no subject of *kind* implies: its topic, UNODC
    in a document that names it (its own relations), the subject of the previous sentence."""
    is_subject = KINDS[kind][0]
    out = []
    if topic is not None and is_subject(topic):
        out.append((topic.iri, False))
    if kind in UNODC_ONLY and unodc_document:
        out.append((UNODC_IRI, False))
    if previous is not None and is_subject(previous) and (topic is None or topic.iri != previous.iri):
        out.append((previous.iri, True))
    return out


def _rule_candidate(text: str, mentions: list[Match], lang: str, f: Found, unodc_document: bool,
                    context: tuple) -> Candidate | None:
    """The candidate of a rule's finding that no pair of mentions made; None when it cannot be one."""
    governed, listed, cues, minted = context
    kind = str(f.predicate).rsplit("#", 1)[-1]
    if kind not in KINDS or (kind in UNODC_ONLY and f.subject != UNODC_IRI):
        return None
    subject = next((m for m in mentions if m.iri == f.subject), None)
    obj = next((m for m in mentions if m.iri == f.object), None)
    if obj is None and kind in ("partnerOf", "partOf") and subject is not None:  # the partner or whole is implied (the topic)
        subject, obj = None, subject
    if obj is None and kind == "serves":  # a treaty the name of a body of the sentence states (the Conference of the Parties to X)
        obj = next((Match(m.start, m.end, f.object, "Convention", "nested") for m in mentions
                    if m.type in BODIES and f.object in stated_treaties(gazetteer(lang), m.iri, lang)), None)
    if obj is None or (subject is None and f.subject == UNODC_IRI and not unodc_document):
        return None  # UNODC as the zero subject of a text that never names it
    features = _features(text, mentions, lang, kind, subject, obj, f.rule, governed, listed, cues,
                         minted=bool({f.subject, f.object} & minted))
    return Candidate(f.subject, f.predicate, f.object, features, f.rule, f.confidence)


def choose(candidates: list[Candidate], model: Model | None, min_confidence: float | None = None,
           stated: list[Found] = ()) -> list[Found]:
    """The candidates kept as relations, with their calibrated confidence (2 decimals).

    Without a model, or for a kind it has no weights for, what the rules found is kept with the rules'
    observed precision (else their own confidences).  With one, a candidate is
    kept when its calibrated probability reaches *min_confidence* (default: the model's threshold).  *stated*: the
    rules' findings of the sentence (its partOf findings tell members of a whole from partners).
    """
    best: dict[tuple, Found] = {}
    for c in candidates:
        key = (c.subject, c.predicate, c.object)
        if model is None or c.kind not in model.weights or (c.rule and c.kind in RULES_DECIDE):  # the rules decide
            new_name = bool(c.features[FEATURES.index("minted")])
            confidence = rule_confidence(model, c.rule, c.rule_confidence, new_name, c.kind)
            if c.rule and rule_kept(model, c.rule, new_name) and (key not in best or confidence > best[key].confidence):
                best[key] = Found(c.subject, c.predicate, c.object, c.rule, confidence)
            continue
        new_name = bool(c.features[FEATURES.index("minted")])
        if c.rule and not rule_kept(model, c.rule, new_name):
            continue  # a rule retired by its observed precision (rule_kept), inside the model as outside it
        # a place whose parenthesis names another programme as the one working there ("Libya (through P)"): never scored in
        p = 0.0 if c.features[FEATURES.index("attached_other")] else round(model.probability(c.kind, c.features), 2)
        final = round(model.final(p, c.kind, new_name), 2)  # the confidence on text nobody tuned for (relation-weights.toml unseen)
        # the default threshold is the development one (chosen on development probabilities); one a user gives is on
        # the confidence recorded
        kept = p >= model.threshold if min_confidence is None else final >= min_confidence
        if kept and (key not in best or final > best[key].confidence):
            best[key] = Found(c.subject, c.predicate, c.object, c.rule or f"scored-{c.kind}", final)
    # whose partner: an organisation a programme of the sentence is implemented with is that programme's partner,
    # not UNODC's ("UNODC, through its Programme and in cooperation with INTERPOL, …")
    programme_partners = {k[2] for k in best if k[1] == UNODC.implementedWith}
    # members of one whole with UNODC ("UNODC is a member of Y, together with X") are not thereby its partners
    parts = {(f.subject, f.object) for f in stated if f.predicate == UNODC.partOf}
    wholes = {w for p, w in parts if p == UNODC_IRI}
    programme_partners |= {p for p, w in parts if w in wholes}
    members = {(w, p) for p, w in parts}  # a member of a programme is not its partner
    return [best[k] for k in sorted(best) if not (k[1] == UNODC.partnerOf and k[2] in programme_partners)
            and not (k[1] == UNODC.implementedWith and (k[0], k[2]) in members)]
