"""Extract entities, relations and quantities from a document, with provenance.

Per paragraph: normalise the text (offsets kept), run the language's spaCy pipeline
(character tokens for Chinese), link names through the reference-data gazetteer
(:mod:`kg.extract.link`), find resolutions (:mod:`kg.extract.resolutions`) and new named entities
(:mod:`kg.extract.mint`), learn abbreviations the document defines in parentheses, then apply
relation rules per sentence (:mod:`kg.extract.relations`) and read quantities
(:mod:`kg.extract.quantities`).  Every result carries document offsets and its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.core.namespaces import UNODC
from kg.core.resources import rules
from kg.core.vocabulary import BODIES, ORGANIZATIONS, PROGRAMMES, TREATIES
from kg.extract import discourse, records
from kg.extract.candidates import KINDS, UNODC_IRI, choose, load_model, rule_confidence, sentence_candidates
from kg.extract.ingest import Document
from kg.extract.link import ASCII_ALNUM, CJK_ONLY, Match, gazetteer, inside_word, longest_first, place_variants
from kg.extract.markup import readable
from kg.extract.mint import Minted, known_variant, mint
from kg.extract.nested import mechanism_references, nested_names, stated_treaties
from kg.extract.nlp import Normalized, normalize
from kg.extract.quantities import find_quantities, format_decimal
from kg.extract.records import Found
from kg.extract.relations import name_relations, sentence_relations
from kg.extract.resolutions import Resolution, find_resolutions
from kg.extract.segment import bounded_segments

TITLE = re.compile(r"《([^《》]{2,80})》")
DEFINITION = re.compile(r"\s?[(（]\s*([A-Z][A-Za-z0-9\-&]{1,11}|[\u4e00-\u9fff]{2,14})\s*[)）]")


@dataclass
class _Para:
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


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


class Extractor:
    """Extract entities, relations and quantities from documents (pipelines load lazily per language).

    min_confidence: keep scored relations from this calibrated confidence on (default: the threshold of
    ontology/relation-weights.toml); scoring=False keeps the rules' findings and confidences as they are;
    keep_candidates records every relation candidate with its features (for kg.extract.calibrate).
    """

    def __init__(self, min_confidence: float | None = None, scoring: bool = True, keep_candidates: bool = False):
        self.min_confidence = min_confidence
        self.scoring = scoring
        self.keep_candidates = keep_candidates

    def extract(self, doc: Document) -> records.Extraction:
        """Extract one document."""
        gaz = gazetteer(doc.lang)
        pieces = [(p, s, e) for p in doc.paragraphs if p.end > p.start for s, e in bounded_segments(doc.masked, p.start, p.end)]
        paras = [p for p, _, _ in pieces]
        norms = [normalize(doc.masked[s:e], base=s) for _, s, e in pieces]
        work = [_Para(p, n, gaz.parse(n.text)) for p, n in zip(paras, norms)]
        new_entities: dict[URIRef, records.NewEntity] = {}
        definitions: dict[str, Match] = {}
        own_body = None
        for w in work:
            titles = self._titles(doc, w)
            w.matches = place_variants(gaz, w.norm.text, gaz.match(w.sdoc, titles=titles))
            if w is work[0]:
                own_body = self._own_body(w)
            w.resolutions = find_resolutions(w.norm.text, doc.lang, w.matches, own_body)
            w.minted = mint(w.norm.text, doc.lang, w.matches, titles)
            known = [(m, known_variant(m)) for m in w.minted]
            w.matches = longest_first(w.matches + [Match(m.start, m.end, k[0], k[1], "alias") for m, k in known if k])
            w.minted = [m for m, k in known if not k]
            for m in w.minted:
                label = (m.lang, self._display(doc, w, m))
                e = new_entities.get(m.iri)
                if e is None:
                    new_entities[m.iri] = records.NewEntity(m.iri, m.type, (label,))
                elif label not in e.labels and label not in e.aliases:  # another form of the same name
                    new_entities[m.iri] = records.NewEntity(e.iri, e.type, e.labels, e.aliases + (label,))
            self._definitions(w, definitions, gaz)
        if definitions:
            for w in work:
                self._apply_definitions(w, definitions, doc.lang)
                if any(m.type in BODIES for m in w.extra):  # "By its resolution 5/4, the COP": a defined body
                    found = find_resolutions(w.norm.text, doc.lang, longest_first(w.matches + w.extra), own_body)
                    if len(found) > len(w.resolutions):
                        w.resolutions = found
        for alias, m in definitions.items():
            if m.iri in new_entities:
                e = new_entities[m.iri]
                new_entities[m.iri] = records.NewEntity(e.iri, e.type, e.labels, e.aliases + ((doc.lang if re.search(r"[\u4e00-\u9fff]", alias) else "en", alias),))
        earlier: list[Match] = []
        collectives, arounds = [], []
        for w in work:
            names = w.entity_mentions()
            nested = self._nested(gaz, w.norm.text, w.matches + w.extra)
            around = sorted(names + nested, key=lambda m: (m.start, -m.end))
            collectives.append(discourse.collective(w.norm.text, around, doc.lang, earlier))
            arounds.append(around)
            earlier.extend(names)
        # names inside names are antecedents too: "the Conference of the Parties to UNTOC … the Convention"
        refs, topics = discourse.resolve([w.norm.text for w in work],
                                         [sorted(a + c, key=lambda m: (m.start, -m.end)) for a, c in zip(arounds, collectives)],
                                         [w.paragraph.kind for w in work], doc.lang)
        for w, found, topic, group, around in zip(work, refs, topics.paragraph, collectives, arounds):
            taken = {(m.start, m.end) for m in group}
            thereto = [m for m in discourse.protocols_after(w.norm.text, [r for r in found if r.type == "Convention"], doc.lang)
                       if (m.start, m.end) not in taken]
            named = sorted(around + group + found + thereto, key=lambda m: (m.start, -m.end))
            mechanisms = mechanism_references(gaz, w.norm.text, named, doc.lang)  # 《公约》及其实施情况审议机制
            w.refs, w.topic = sorted(found + group + thereto + mechanisms, key=lambda m: (m.start, -m.end, str(m.iri))), topic
        unodc_document = any(m.iri == UNODC_IRI for w in work for m in w.entity_mentions() + w.refs)
        out = records.Extraction()
        for w in work:
            self._emit(doc, w, gaz, out, new_entities, unodc_document)
        out.new_entities = sorted(new_entities.values(), key=lambda e: str(e.iri))
        out.mentions = sorted(set(out.mentions))
        out.relations = sorted(set(out.relations))
        out.quantities = sorted(set(out.quantities))
        return out

    @staticmethod
    def _own_body(first: _Para) -> Match | None:
        """The body a document is headed by ("麻醉药品委员会，" or "Commission on Narcotic Drugs" alone
        on its first line): the author of the resolutions it calls "its own"."""
        line = first.norm.text.split("\n", 1)[0]
        heads = [m for m in first.matches if m.start == 0 and m.type in BODIES]
        if heads and re.fullmatch(r"[\s,，:：]*", line[heads[0].end:]):
            return heads[0]
        # a wrapped opening line joined to the first preambular paragraph: "大会,回顾其……"
        openers = rules()["resolutions"]["preamble_openers"]
        if heads and re.match(r"[,，]\s*(?:" + "|".join(map(re.escape, openers)) + ")", first.norm.text[heads[0].end:]):
            return heads[0]
        return None

    @staticmethod
    def _titles(doc: Document, w: _Para) -> list[tuple[int, int]]:
        """Spans of the normalised text that stood between title marks 《》."""
        p = w.paragraph
        spans = []
        for m in TITLE.finditer(doc.masked, p.start, p.end):
            s, e = w.norm.to_normalized(m.start(1)), w.norm.to_normalized(m.end(1))
            if e > s:
                spans.append((s, e))
        return spans

    @staticmethod
    def _display(doc: Document, w: _Para, m: Minted) -> str:
        """The label of a minted entity as printed (title marks kept inside, spaces next to CJK dropped)."""
        s, e = w.norm.span(m.start, m.end)
        label = doc.text[s:e]
        if doc.lang == "zh":
            label = re.sub(r"\s+", "", label)
            if label.startswith("《") and label.endswith("》") and label.count("《") == 1:
                label = label[1:-1]
            return re.sub(r"[（(]\d{4}[-–—]\d{4}年?[)）]$", "", label)
        return re.sub(r"\s+", " ", label)

    @staticmethod
    def _definitions(w: _Para, definitions: dict, gaz) -> None:
        """Learn "Name (ABBR)" and "名称（简称）" abbreviations defined in the paragraph."""
        text = w.norm.text
        ends: dict[int, Match] = {}
        for m in w.entity_mentions():  # the longest name ending at a position owns the abbreviation
            if m.end not in ends or m.end - m.start > ends[m.end].end - ends[m.end].start:
                ends[m.end] = m
        for d in DEFINITION.finditer(text):
            owner = ends.get(d.start())
            abbr = d.group(1)
            if owner is None or gaz.lookup(abbr) or abbr in definitions:
                continue
            name = text[owner.start:owner.end]
            if re.search(r"[\u4e00-\u9fff]", abbr):
                if not _is_subsequence(abbr, name) or len(abbr) >= len(name):
                    continue
            elif re.search(r"[\u4e00-\u9fff]", name):  # 西非法证实验室网络（WAFLN）: the English abbreviation of a Chinese name
                if sum(ch.isupper() for ch in abbr) < 2 or not re.fullmatch(r"[A-Z0-9\-&]+", abbr):
                    continue
            elif not (abbr[0].upper() in name.upper() and sum(ch.isupper() for ch in abbr) >= 2):
                continue
            definitions[abbr] = owner

    @staticmethod
    def _apply_definitions(w: _Para, definitions: dict, lang: str) -> None:
        """Link occurrences of document-defined abbreviations."""
        text = w.norm.text
        taken = [(m.start, m.end) for m in w.entity_mentions()] + [(r.start, r.end) for r in w.resolutions]
        found = []
        for alias, owner in definitions.items():
            for hit in re.finditer(re.escape(alias), text):
                s, e = hit.span()
                if any(a < e and s < b for a, b in taken):
                    continue
                if ASCII_ALNUM.match(alias[0]) and ((s > 0 and ASCII_ALNUM.match(text[s - 1])) or (e < len(text) and ASCII_ALNUM.match(text[e]))):
                    continue
                if lang == "zh" and e - s <= 2 and CJK_ONLY.match(alias) and inside_word(text, s, e):
                    continue
                found.append(Match(s, e, owner.iri, owner.type, "document-alias"))
        w.extra = longest_first(found)

    def _emit(self, doc: Document, w: _Para, gaz, out: records.Extraction, new_entities: dict, unodc_document: bool) -> None:
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

    def _emit_mentions(self, doc: Document, w: _Para, mentions: list[Match], out: records.Extraction,
                       new_entities: dict, model) -> None:
        """The paragraph's mentions, and its resolutions with the body that adopted each."""
        p = w.paragraph
        for m in mentions:
            s, e = w.norm.span(m.start, m.end)
            out.mentions.append(records.Mention(s, e, m.iri, doc.text[s:e], p.order, m.method))
        for r in w.resolutions:
            s, e = w.norm.span(r.start, r.end)
            etype = "Decision" if r.decision else "Resolution"
            new_entities.setdefault(r.iri, records.NewEntity(r.iri, etype, r.labels(), (), r.symbol))
            out.mentions.append(records.Mention(s, e, r.iri, doc.text[s:e], p.order, "pattern"))
            sentence = self._sentence(doc, w, r.start)
            out.relations.append(records.Relation(r.iri, UNODC.adoptedBy, r.body, p.order, sentence, "resolution-pattern",
                                                  rule_confidence(model, "resolution-pattern", 0.95)))

    def _emit_collective_relations(self, doc: Document, w: _Para, names: list[Match], nested: list[Match],
                                   out: records.Extraction, model) -> None:
        """What collective references state: a convention's protocols, a body's children."""
        # "《公约》及其各项议定书", "the Convention and its Protocols": the convention has each protocol
        conventions = [m for m in names + nested + w.refs if m.type == "Convention" and m.method != discourse.COLLECTIVE]
        for ref in (m for m in w.refs if m.method == discourse.COLLECTIVE and m.type == "Protocol"):
            conv = next((c for c in conventions if 0 <= ref.start - c.end <= 8), None)
            if conv is not None and any(p.iri == ref.iri for p in discourse.protocols_of(conv.iri)):
                f = Found(conv.iri, UNODC.hasProtocol, ref.iri, "protocols-thereto", rule_confidence(model, "protocols-thereto", 0.9))
                out.relations.append(self._relation(doc, w, f, ref.start))
        # "缔约方会议各工作组": each working group is part of the body and serves the treaty its name states
        for ref in (m for m in w.refs if m.method == discourse.COLLECTIVE and m.type in BODIES):
            parent = next((b for b in names if b.type in BODIES and 0 <= ref.start - b.end <= 2
                           and any(c.iri == ref.iri for c in discourse.children_of(b.iri))), None)
            if parent is None:
                continue
            f = Found(ref.iri, UNODC.partOf, parent.iri, "children-of", rule_confidence(model, "children-of", 0.9))
            out.relations.append(self._relation(doc, w, f, ref.start))
            for treaty in (t for t in nested if t.type in TREATIES and parent.start <= t.start and t.end <= parent.end):
                f = Found(ref.iri, UNODC.serves, treaty.iri, "body-name-treaty", rule_confidence(model, "body-name-treaty", 0.9))
                out.relations.append(self._relation(doc, w, f, ref.start))

    def _emit_name_relations(self, doc: Document, w: _Para, gaz, outer: list[Match], everything: list[Match],
                             out: records.Extraction, model) -> None:
        """What the names of programmes, treaties and treaty bodies state."""
        text = w.norm.text
        named_bodies = set(rules()["relations"].get("treaty_named_bodies", []))
        for named in (m for m in outer if (m.type in PROGRAMMES or m.type in TREATIES or m.type in named_bodies)
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
                f = Found(f.subject, f.predicate, f.object, f.rule,
                          rule_confidence(model, f.rule, f.confidence, bool({f.subject, f.object} & minted)))
                out.relations.append(self._relation(doc, w, f, named.start))
        here = {m.iri for m in everything + outer}
        for ref in (m for m in w.refs if m.method == "anaphor" and m.type in named_bodies):
            # "《公约》及其实施情况审议机制", a bare "实施情况审议机制" after the treaty: the treaties its full name states
            for t in (t for t in stated_treaties(gaz, ref.iri, doc.lang) if t in here):
                f = Found(ref.iri, UNODC.serves, t, "mechanism-reference", rule_confidence(model, "mechanism-reference", 0.8))
                out.relations.append(self._relation(doc, w, f, ref.start))

    def _emit_sentence_relations(self, doc: Document, w: _Para, outer: list[Match], out: records.Extraction,
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
                if str(f.predicate).rsplit("#", 1)[-1] not in KINDS:
                    new_name = any(m.method == "minted" and m.iri in (f.subject, f.object) for m in shifted)
                    f = Found(f.subject, f.predicate, f.object, f.rule, rule_confidence(model, f.rule, f.confidence, new_name))
                    out.relations.append(self._relation(doc, w, f, sent.start_char))
            cands = sentence_candidates(sent.text, shifted, doc.lang, found, topic, unodc_document, previous)
            previous = own or topic
            if self.keep_candidates:
                out.candidates.extend((w.paragraph.order, c) for c in cands)
            for f in choose(cands, model, self.min_confidence, found):
                out.relations.append(self._relation(doc, w, f, sent.start_char))

    def _emit_quantities(self, doc: Document, w: _Para, outer: list[Match], out: records.Extraction) -> None:
        """The paragraph's quantities, except counts of collectives or named members and numerals inside names."""
        text = w.norm.text
        collective = [(m.start, m.end) for m in w.refs if m.method == discourse.COLLECTIVE]
        for q in find_quantities(text, doc.lang):
            if any(a <= q.start < b or q.start <= a < q.end for a, b in collective):
                continue  # the count of a collective reference whose members are mentions: 三项国际药物管制公约
            if any(m.start <= q.start and q.end <= m.end and m.method not in discourse.METHODS for m in outer):
                continue  # a numeral inside a name (八国集团, the Group of Eight)
            if self._named_members(text, q, outer, doc.lang):
                continue  # "the two traditional supplier countries, India and Turkey": the count of its named members
            s, e = w.norm.span(q.start, q.end)
            about = self._about(outer, q.start, w)
            out.quantities.append(records.Quantity(
                s, e, format_decimal(q.value), q.unit, doc.text[s:e], w.paragraph.order, self._sentence(doc, w, q.start), about, q.of,
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
    def _about(outer: list[Match], pos: int, w: _Para) -> URIRef | None:
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
    def _sentence(doc: Document, w: _Para, pos: int) -> str:
        """The source text of the sentence around normalised offset *pos*, readable."""
        for sent in w.sdoc.sents:
            if sent.start_char <= pos < sent.end_char:
                s, e = w.norm.span(sent.start_char, sent.end_char)
                return readable(doc.text[s:e])
        return readable(doc.text[w.paragraph.start:w.paragraph.end])

    def _relation(self, doc: Document, w: _Para, f: Found, pos: int) -> records.Relation:
        return records.Relation(f.subject, f.predicate, f.object, w.paragraph.order, self._sentence(doc, w, pos), f.rule, f.confidence)
