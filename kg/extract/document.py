"""Extract entities, relations and quantities from a document, with provenance.

Per paragraph: normalise the text (offsets kept), run the language's spaCy pipeline
(character tokens for Chinese), link names through the reference-data gazetteer
(:mod:`kg.extract.link`), find resolutions (:mod:`kg.extract.resolutions`) and new named entities
(:mod:`kg.extract.mint`), learn abbreviations the document defines in parentheses and resolve references
(:mod:`kg.extract.discourse`).  What each paragraph then yields (mentions, relations per sentence,
quantities, every one with document offsets and its sentence) is written by :mod:`kg.extract.emit`.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from kg.core.resources import rules
from kg.core.vocabulary import BODIES, PLACES
from kg.extract import discourse, records
from kg.extract.candidates import UNODC_IRI
from kg.extract.emit import Emitter, Paragraph
from kg.extract.ingest import Document
from kg.extract.learned_names import with_learned
from kg.extract.link import ASCII_ALNUM, CJK_ONLY, Match, gazetteer, inside_word, longest_first, place_variants
from kg.extract.mint import Minted, known_variant, line_breaks, mint
from kg.extract.minted import contradicted
from kg.extract.names_zh import label_over
from kg.extract.nested import mechanism_references
from kg.extract.new_places import part_of as new_places_part
from kg.extract.nlp import CORNER_QUOTES, fold_char, normalize
from kg.extract.resolutions import OLD_SYMBOL, SYMBOL, Resolution, find_resolutions
from kg.extract.segment import bounded_segments
from kg.extract.short_forms_zh import implied_abbreviations

TITLE = re.compile(r"《([^《》]{2,80})》")
# a resolution text headed by its own number: "52/85. Measures to …", "Resolution 64/1" or 第64/1号决议 alone on its line
HEADING = re.compile(rf"\s*(?:(?P<sym>{SYMBOL}|{OLD_SYMBOL})\.(?=\s|$|[\u4e00-\u9fff])"
                     rf"|(?P<kind>[Rr]esolution|[Dd]ecision)\s+(?P<sym2>{SYMBOL}|{OLD_SYMBOL})\s*(?=\n|$)"
                     rf"|第\s*(?P<sym3>{SYMBOL}|{OLD_SYMBOL})\s*号\s*(?P<kind3>决议|决定)\s*(?=\n|$))")
DEFINITION = re.compile(r"\s?[(（]\s*([A-Z][A-Za-z0-9\-&]{1,11}|[\u4e00-\u9fff]{2,14})\s*[)）]")


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


class Extractor(Emitter):
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
        work = [Paragraph(p, n, gaz.parse(n.text)) for p, n in zip(paras, norms)]
        new_entities: dict[URIRef, records.NewEntity] = {}
        definitions: dict[str, Match] = {}
        own_body = None
        heading = HEADING.match(work[0].norm.text) if work else None
        titled: list[list[tuple[int, int]]] = []
        for i, w in enumerate(work):
            titles = self._titles(doc, w)
            titled.append(titles)
            w.matches = place_variants(gaz, w.norm.text, gaz.match(w.sdoc, titles=titles))
            if i == 0 or i == 1 and heading and own_body is None:
                own_body = own_body or self._own_body(w, heading.end() if heading and i == 0 else 0)
            w.resolutions = find_resolutions(w.norm.text, doc.lang, w.matches, own_body)
            w.minted = mint(w.norm.text, doc.lang, w.matches, titles,
                            work[i + 1].norm.text if i + 1 < len(work) and w.paragraph.kind != "heading" else "",
                            line_breaks(w.norm, doc.masked) if "\n" in doc.masked[w.paragraph.start:w.paragraph.end] else frozenset())
            w.minted = with_learned(w.norm.text, doc.lang, w.matches, w.minted)  # rules.toml [learned_names]
            w.matches = [m for m in w.matches if not any(n.type == "Region" and new_places_part(m, n.start, n.end) for n in w.minted)]
            known = [(m, k if k is None or not contradicted(m, k, w.minted) else None) for m in w.minted for k in [known_variant(m)]]
            w.matches = longest_first(w.matches + [Match(m.start, m.end, k[0], k[1], "alias") for m, k in known if k])
            w.minted = [m for m, k in known if not k]
            # a reference label that ends a longer new Chinese name is that name's head (联合国海事犯罪统计委员会)
            w.matches = [m for m in w.matches if not any(n.lang == "zh" and n.start < m.start and m.end == n.end
                                                         and label_over(w.norm.text, n.start, m, w.matches) for n in w.minted)]
            self._record_minted(doc, w, new_entities)
            self._definitions(w, definitions, gaz)
        if heading and own_body is not None:
            self._heading_resolution(work[0], heading, own_body)
        if doc.lang == "zh":
            self._implied(work, definitions, gaz)
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
                                         [w.paragraph.kind for w in work], doc.lang, titled)
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

    def _record_minted(self, doc: Document, w: Paragraph, new_entities: dict) -> None:
        """The paragraph's minted names as new entities; another form of a name already minted is an alias."""
        for m in w.minted:
            label = (m.lang, self._display(doc, w, m))
            e = new_entities.get(m.iri)
            if e is None:
                e = new_entities[m.iri] = records.NewEntity(m.iri, m.type, (label,))
            elif label not in e.labels and label not in e.aliases:  # another form of the same name
                e = new_entities[m.iri] = records.NewEntity(e.iri, e.type, e.labels, e.aliases + (label,))
            forms = tuple((m.lang, f) for f in m.forms if (m.lang, f) not in e.labels + e.aliases)
            if forms:  # the other forms the text writes it in (its owner before it, without its period)
                new_entities[m.iri] = records.NewEntity(e.iri, e.type, e.labels, e.aliases + forms)

    @staticmethod
    def _heading_resolution(first: Paragraph, heading: re.Match, body: Match) -> None:
        """The resolution a text is headed by ("52/85." over "The General Assembly,"): its number, adopted by
        the body of the opening line."""
        group = next(g for g in ("sym", "sym2", "sym3") if heading.group(g))
        start, end = heading.span(group)
        if any(r.start <= start < r.end for r in first.resolutions):
            return
        kind = heading.group("kind") or heading.group("kind3") or ""
        decision = kind.lower().startswith("decision") or kind == "决定"
        first.resolutions = sorted([*first.resolutions, Resolution(start, end, body.iri, heading.group(group), decision, body)],
                                   key=lambda r: r.start)

    @staticmethod
    def _own_body(first: Paragraph, offset: int = 0) -> Match | None:
        """The body a document is headed by ("麻醉药品委员会，" or "Commission on Narcotic Drugs" alone
        on its first line, the line after a heading "52/85. …" when *offset* is where that heading ends):
        the author of the resolutions it calls "its own"."""
        openers = rules()["resolutions"]["preamble_openers"]
        opening = r"[,，]\s*(?:" + "|".join(map(re.escape, openers)) + ")"
        if offset:
            rest = first.norm.text[offset:]
            nl = rest.find("\n")
            if nl < 0:  # heading, title, opening line and preamble joined: "52/85. Title The General Assembly, Recalling"
                return next((m for m in first.matches if m.start >= offset and m.type in BODIES
                             and re.match(opening, first.norm.text[m.end:])), None)
            offset += nl + 1
            offset += len(first.norm.text[offset:]) - len(first.norm.text[offset:].lstrip())
        line = first.norm.text[offset:].split("\n", 1)[0]
        offset += len(re.match(r"(?:[Tt]he\s+)?", line).group())  # "The General Assembly,"
        heads = [m for m in first.matches if m.start == offset and m.type in BODIES]
        if heads and re.fullmatch(r"[\s,，:：]*", first.norm.text[heads[0].end:].split("\n", 1)[0]):
            return heads[0]
        # a wrapped opening line joined to the first preambular paragraph: "大会,回顾其……"
        if heads and re.match(opening, first.norm.text[heads[0].end:]):
            return heads[0]
        return None

    @staticmethod
    def _titles(doc: Document, w: Paragraph) -> list[tuple[int, int]]:
        """Spans of the normalised text that stood between title marks 《》."""
        p = w.paragraph
        spans = []
        for m in TITLE.finditer(doc.masked, p.start, p.end):
            s, e = w.norm.to_normalized(m.start(1)), w.norm.to_normalized(m.end(1))
            if e > s:
                spans.append((s, e))
        return spans

    @staticmethod
    def _display(doc: Document, w: Paragraph, m: Minted) -> str:
        """The label of a minted entity as printed (title marks kept inside, spaces next to CJK dropped)."""
        s, e = w.norm.span(m.start, m.end)
        label = doc.text[s:e]
        if doc.lang == "zh":
            label = re.sub(r"\s+", "", label)
            if label.count("》") > label.count("《") and doc.text[s - 1:s] == "《":
                label = "《" + label  # 《加强……服务》合作项目: the whole title opens the name
            if re.search("[“”]", label) and any(ch in "".join(CORNER_QUOTES) for ch in label):  # 「……”和“湄龙」行动
                label = "".join(fold_char(ch) if ch in "".join(CORNER_QUOTES) else ch for ch in label)  # one kind of quotes
            if label.startswith("《") and label.endswith("》") and label.count("《") == 1:
                label = label[1:-1]
            return label if doc.text.startswith("》", e) else re.sub(r"[（(]\d{4}[-–—]\d{4}年?[)）]$", "", label)  # 《……（2008-2012年）》
        label = re.sub(r"\s+", " ", label)
        return m.name if not set(m.name.split()) <= set(label.split()) else label  # "Ministry of Commerce" in "Ministries of …"

    @staticmethod
    def _definitions(w: Paragraph, definitions: dict, gaz) -> None:
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
    def _implied(work: list[Paragraph], definitions: dict, gaz) -> None:
        """Learn the regular abbreviations of the document's Chinese names that it writes without defining them
        (廉政公署 …… 廉署; kg.extract.short_forms_zh.implied_abbreviations), a State or place opening a name left out
        (香港廉政公署 …… 廉署)."""
        names: dict[str, Match] = {}
        for w in work:
            text = w.norm.text
            for m in w.entity_mentions():
                if m.type in PLACES:
                    continue
                names.setdefault(text[m.start:m.end], m)
                place = next((p for p in w.matches if p.start == m.start and p.end < m.end and p.type in PLACES), None)
                if place is not None:
                    names.setdefault(text[place.end:m.end], m)
        for form, owner in implied_abbreviations(names, [w.norm.text for w in work]).items():
            if form not in definitions and not gaz.lookup(form):
                definitions[form] = owner

    @staticmethod
    def _apply_definitions(w: Paragraph, definitions: dict, lang: str) -> None:
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
