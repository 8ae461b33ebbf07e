"""What one paragraph yields once its names are known: mentions, relations and quantities, with provenance.

:class:`Paragraph` is the working state :class:`kg.extract.document.Extractor` builds for each paragraph
(linked, minted and resolved names, references, topic); :class:`Emitter` turns it into the records of
:mod:`kg.extract.records`: mentions and resolutions, relations stated by collectives, names and sentences
(scored candidates of :mod:`kg.extract.candidates`) and quantities (:mod:`kg.extract.quantities`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.core.namespaces import UNODC
from kg.core.resources import rules
from kg.core.vocabulary import BODIES, ORGANIZATIONS, PROGRAMMES, TREATIES
from kg.extract import discourse, records
from kg.extract.candidates import KINDS, choose, load_model, rule_confidence, rule_kept, sentence_candidates
from kg.extract.ingest import Document
from kg.extract.link import Match
from kg.extract.markup import readable
from kg.extract.nlp import Normalized
from kg.extract.mint import Minted
from kg.extract.nested import nested_names, stated_treaties
from kg.extract.quantities import find_quantities, format_decimal, written
from kg.extract.quantities_named import counts_named
from kg.extract.records import Found
from kg.extract.relations import name_relations, sentence_relations
from kg.extract.resolutions import Resolution


def _kind(f: Found) -> str:
    """The relation kind of a rule's finding: its predicate's local name."""
    return str(f.predicate).rsplit("#", 1)[-1]


def _scored(model, f: Found, new_name: bool) -> Found | None:
    """A rule's finding outside the model with the confidence the model gives its rule; None when the rule's findings
    held less often than the threshold."""
    if not rule_kept(model, f.rule, new_name):
        return None
    return Found(f.subject, f.predicate, f.object, f.rule,
                 rule_confidence(model, f.rule, f.confidence, new_name, _kind(f)))


@dataclass
class Paragraph:
    """Working state of one paragraph."""

    paragraph: object
    norm: Normalized
    sdoc: object
    matches: list[Match] = field(default_factory=list)
    minted: list[Minted] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    extra: list[Match] = field(default_factory=list)  # document-defined abbreviations
    refs: list[Match] = field(default_factory=list)  # resolved references ("the Programme", 该方案, its)
    topic: Match | None = None  # what the paragraph is about: its first subject, else its section's

    def entity_mentions(self) -> list[Match]:
        """Gazetteer, abbreviation and minted mentions, sorted; nested ones included."""
        minted = [Match(m.start, m.end, m.iri, m.type, "minted") for m in self.minted]
        return sorted(self.matches + self.extra + minted, key=lambda m: (m.start, -m.end))



class Emitter:
    """The records of one paragraph (mixed into the Extractor, whose scoring settings it reads)."""

    scoring: bool
    min_confidence: float | None
    keep_candidates: bool

    def _emit(self, doc: Document, w: Paragraph, gaz, out: records.Extraction, new_entities: dict, unodc_document: bool) -> None:
        model = load_model() if self.scoring else None
        names = w.entity_mentions()
        mentions = sorted(names + w.refs, key=lambda m: (m.start, -m.end))
        nested = self._nested(gaz, w.norm.text, w.matches + w.extra)
        self._emit_mentions(doc, w, mentions + nested, out, new_entities, model)
        # outermost mentions for sentence rules; nested ones feed name rules
        outer = [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in mentions)]
        self._emit_collective_relations(doc, w, names, nested, out, model)
        self._emit_name_relations(doc, w, gaz, outer, names + nested + [m for m in w.refs if m.method == discourse.COLLECTIVE], out, model)
        self._emit_sentence_relations(doc, w, outer, out, model, unodc_document)
        self._emit_quantities(doc, w, outer, out)

    def _emit_mentions(self, doc: Document, w: Paragraph, mentions: list[Match], out: records.Extraction,
                       new_entities: dict, model) -> None:
        """The paragraph's mentions, and its resolutions with the body that adopted each."""
        p = w.paragraph
        for m in mentions:
            s, e = w.norm.span(m.start, m.end)
            out.mentions.append(records.Mention(s, e, m.iri, doc.text[s:e], p.order, m.method))
        for r in w.resolutions:
            s, e = w.norm.span(r.start, r.end)
            etype = "Decision" if r.decision else "Resolution"
            if r.iri not in new_entities or r.year is not None and new_entities[r.iri].year is None:  # keep a written year
                new_entities[r.iri] = records.NewEntity(r.iri, etype, r.labels(), r.aliases(), r.number, r.year)
            out.mentions.append(records.Mention(s, e, r.iri, doc.text[s:e], p.order, "pattern"))
            sentence = self._sentence(doc, w, r.start)
            out.relations.append(records.Relation(r.iri, UNODC.adoptedBy, r.body, p.order, sentence, "resolution-pattern",
                                                  rule_confidence(model, "resolution-pattern", 0.95, kind="adoptedBy")))

    def _emit_collective_relations(self, doc: Document, w: Paragraph, names: list[Match], nested: list[Match],
                                   out: records.Extraction, model) -> None:
        """What collective references state: a convention's protocols, a body's children."""
        # "《公约》及其各项议定书", "the Convention and its Protocols": the convention has each protocol
        conventions = [m for m in names + nested + w.refs if m.type == "Convention" and m.method != discourse.COLLECTIVE]
        for ref in (m for m in w.refs if m.method == discourse.COLLECTIVE and m.type == "Protocol"):
            conv = next((c for c in conventions if 0 <= ref.start - c.end <= 8), None)
            if conv is not None and any(p.iri == ref.iri for p in discourse.protocols_of(conv.iri)):
                f = Found(conv.iri, UNODC.hasProtocol, ref.iri, "protocols-thereto", rule_confidence(model, "protocols-thereto", 0.9, kind="hasProtocol"))
                out.relations.append(self._relation(doc, w, f, ref.start))
        # "缔约方会议各工作组": each working group is part of the body and serves the treaty its name states
        for ref in (m for m in w.refs if m.method == discourse.COLLECTIVE and m.type in BODIES):
            parent = next((b for b in names if b.type in BODIES and 0 <= ref.start - b.end <= 2
                           and any(c.iri == ref.iri for c in discourse.children_of(b.iri))), None)
            if parent is None:
                continue
            f = Found(ref.iri, UNODC.partOf, parent.iri, "children-of", rule_confidence(model, "children-of", 0.9, kind="partOf"))
            out.relations.append(self._relation(doc, w, f, ref.start))
            for treaty in (t for t in nested if t.type in TREATIES and parent.start <= t.start and t.end <= parent.end):
                f = Found(ref.iri, UNODC.serves, treaty.iri, "body-name-treaty", rule_confidence(model, "body-name-treaty", 0.9, kind="serves"))
                out.relations.append(self._relation(doc, w, f, ref.start))

    def _emit_name_relations(self, doc: Document, w: Paragraph, gaz, outer: list[Match], everything: list[Match],
                             out: records.Extraction, model) -> None:
        """What the names of programmes, treaties and treaty bodies state."""
        text = w.norm.text
        named_bodies = set(rules()["relations"].get("treaty_named_bodies", []))
        for named in (m for m in outer if (m.type in PROGRAMMES or m.type in TREATIES or m.type in named_bodies or m.type in ORGANIZATIONS or m.type in BODIES)
                      and m.method not in discourse.METHODS and m.method != discourse.COLLECTIVE):
            inner = [m for m in everything if named.start <= m.start and m.end <= named.end and m is not named]
            found = name_relations(named, inner, text[named.start:named.end], doc.lang)
            if named.type in named_bodies and not any(m.type in TREATIES for m in inner):
                # "The Implementation Review Mechanism" in a paragraph naming UNCAC: the treaty its full name states
                here = {m.iri for m in everything + outer}
                found += [Found(named.iri, UNODC.serves, t, "body-treaty-paragraph", 0.8)
                          for t in stated_treaties(gaz, named.iri, doc.lang) if t in here]
            minted = {m.iri for m in [named, *inner] if m.method == "minted"}
            for f in found:
                if (kept := _scored(model, f, bool({f.subject, f.object} & minted))) is not None:
                    out.relations.append(self._relation(doc, w, kept, named.start))
        here = {m.iri for m in everything + outer}
        for ref in (m for m in w.refs if m.method == "anaphor" and m.type in named_bodies):
            # "《公约》及其实施情况审议机制", a bare "实施情况审议机制" after the treaty: the treaties its full name states
            for t in (t for t in stated_treaties(gaz, ref.iri, doc.lang) if t in here):
                f = Found(ref.iri, UNODC.serves, t, "mechanism-reference", rule_confidence(model, "mechanism-reference", 0.8, kind="serves"))
                out.relations.append(self._relation(doc, w, f, ref.start))

    def _emit_sentence_relations(self, doc: Document, w: Paragraph, outer: list[Match], out: records.Extraction,
                                 model, unodc_document: bool) -> None:
        """What each sentence states: the rules' relations of kinds the model does not score, then the chosen candidates."""
        previous = None  # the first subject of the paragraph's previous sentence
        for sent in w.sdoc.sents:
            inside = [m for m in outer if sent.start_char <= m.start and m.end <= sent.end_char]
            shifted = [Match(m.start - sent.start_char, m.end - sent.start_char, m.iri, m.type, m.method) for m in inside]
            own = discourse.sentence_subject(sent.text, shifted, doc.lang)  # none: it continues the previous sentence
            topic = previous if own is None and previous is not None else w.topic
            found = sentence_relations(sent.text, shifted, doc.lang, topic)
            for f in found:
                if _kind(f) not in KINDS:
                    new_name = any(m.method == "minted" and m.iri in (f.subject, f.object) for m in shifted)
                    if (kept := _scored(model, f, new_name)) is not None:
                        out.relations.append(self._relation(doc, w, kept, sent.start_char))
            cands = sentence_candidates(sent.text, shifted, doc.lang, found, topic, unodc_document, previous)
            previous = own or topic
            if self.keep_candidates:
                out.candidates.extend((w.paragraph.order, c) for c in cands)
            for f in choose(cands, model, self.min_confidence, found):
                out.relations.append(self._relation(doc, w, f, sent.start_char))

    def _emit_quantities(self, doc: Document, w: Paragraph, outer: list[Match], out: records.Extraction) -> None:
        """The paragraph's quantities, except counts of collectives or named members and numerals inside names."""
        text = w.norm.text
        collective = [(m.start, m.end) for m in w.refs if m.method == discourse.COLLECTIVE]
        for q in find_quantities(text, doc.lang):
            if any(a <= q.start < b or q.start <= a < q.end for a, b in collective):
                continue  # the count of a collective reference whose members are mentions: 三项国际药物管制公约
            if any(m.start <= q.start and q.end <= m.end and m.method not in discourse.METHODS for m in outer):
                continue  # a numeral inside a name (八国集团, the Group of Eight)
            if self._named_members(text, q, outer, doc.lang) or counts_named(text, q, outer, doc.lang):
                continue  # "the two traditional supplier countries, India and Turkey": the count of its named members
            s, e = w.norm.span(q.start, q.end)
            about = self._about(outer, q.start, w)
            unit, of = written(q, w.norm, doc.text)  # the counted noun as written (區域, not the folded 区域)
            out.quantities.append(records.Quantity(
                s, e, format_decimal(q.value), unit, doc.text[s:e], w.paragraph.order, self._sentence(doc, w, q.start), about, of,
            ))

    @staticmethod
    def _named_members(text: str, q, mentions: list[Match], lang: str) -> bool:
        """A count followed by exactly that many names in apposition ("two major chemical producers, China and
        India", 两个国家，即 X 和 Y): it counts named members, it is not a quantity of its own."""
        if q.value != q.value.to_integral_value() or not 2 <= q.value <= 12:
            return False
        opening = re.match(r"\s*(?:[,，:：]|——)\s*(?:namely\s+|i\.e\.,?\s+|that is,?\s+|即|分别是|包括)?(?:the\s+)?", text[q.end:])
        cursor, names = (q.end + opening.end(), []) if opening else (len(text) + 1, [])
        for m in mentions:
            if m.start < cursor:
                continue
            gap = text[cursor:m.start]
            if names and not re.fullmatch(r"\s*(?:,|，|、|,? and|和|及|与|以及)\s*(?:the\s+)?", gap) or not names and gap.strip():
                break
            names.append(m)
            cursor = m.end
        if len({m.iri for m in names}) == int(q.value):
            return True
        # "印度和土耳其这两个传统供应国", "X、Y 和 Z 三国": the names stand right before the count
        before = re.search(r"(?:这|这些|等|\s)*$", text[:q.start])
        cursor, names = before.start(), []
        for m in reversed(mentions):
            if m.end > cursor:
                continue
            gap = text[m.end:cursor]
            if names and not re.fullmatch(r"\s*(?:,|，|、|,? and|和|及|与|以及)\s*", gap) or not names and gap.strip():
                break
            names.append(m)
            cursor = m.start
        return len(names) >= 2 and len({m.iri for m in names}) == int(q.value)

    @staticmethod
    def _nested(gaz, text: str, matches: list[Match]) -> list[Match]:
        """Names inside reference names, of another kind (kg.extract.nested)."""
        return nested_names(gaz, text, matches)

    @staticmethod
    def _about(outer: list[Match], pos: int, w: Paragraph) -> URIRef | None:
        """The programme or organisation a quantity belongs to: the nearest one before it in its sentence."""
        sent = next((s for s in w.sdoc.sents if s.start_char <= pos < s.end_char), None)
        if sent is None:
            return None
        before = [m for m in outer if sent.start_char <= m.start and m.end <= pos]
        for types in (PROGRAMMES, ORGANIZATIONS):
            cands = [m for m in before if m.type in types]
            if cands:
                return cands[-1].iri
        return None

    @staticmethod
    def _sentence(doc: Document, w: Paragraph, pos: int) -> str:
        """The source text of the sentence around normalised offset *pos*, readable."""
        for sent in w.sdoc.sents:
            if sent.start_char <= pos < sent.end_char:
                s, e = w.norm.span(sent.start_char, sent.end_char)
                return readable(doc.text[s:e])
        return readable(doc.text[w.paragraph.start:w.paragraph.end])

    def _relation(self, doc: Document, w: Paragraph, f: Found, pos: int) -> records.Relation:
        return records.Relation(f.subject, f.predicate, f.object, w.paragraph.order, self._sentence(doc, w, pos), f.rule, f.confidence)
