"""Parts of a resource page: links, label and property tables, evidence, a paragraph's contents."""

from __future__ import annotations

import re
from collections import defaultdict

from markupsafe import Markup
from rdflib import RDF, SKOS, Literal

from kg.core.namespaces import UNODC
from kg.publish.site.graph import LABELS, PROVENANCE
from kg.publish.site.paths import class_path, compact, esc, number, page_path, relative
from kg.publish.site.render import environment


def parts():
    """The macros of kg/data/templates/parts.html."""
    return environment().get_template("parts.html").module


class Fragments:
    """HTML fragments of a resource page (mixed into the site, whose graph and labels they read)."""

    def link(self, term, here: str) -> str:
        """An <a> to a resource's page, or the escaped term when it has no page here."""
        if isinstance(term, Literal):
            lang = f' lang="{esc(term.language)}"' if term.language else ""
            return f"<span{lang}>{esc(term)}</span>"
        target = page_path(term)
        if target and (term, None, None) in self.graph:
            return f'<a href="{esc(relative(here, target + ".html"))}">{esc(self.label(term))}</a>'
        if term in self.by_class:
            return f'<a href="{esc(relative(here, class_path(term) + ".html"))}">{esc(self.label(term))}</a>'
        if (term, None, None) in self.ontology:
            return f'<span title="{esc(compact(term))}">{esc(self.label(term))}</span>'
        return f'<span class="iri">{esc(compact(term))}</span>'

    def labels_table(self, iri) -> str:
        """Preferred and alternative labels, one row per language."""
        rows = [(name, lit) for p, name in ((SKOS.prefLabel, "preferred"), (SKOS.altLabel, "also"))
                for lit in sorted(self.graph.objects(iri, p), key=lambda x: (x.language or "", str(x)))]  # fmt: skip
        return str(parts().labels_table(rows)) if rows else ""

    def properties_table(self, iri, here: str) -> str:
        """Every other property of the resource, values as links or escaped text."""
        rows = []
        for p in sorted(set(self.graph.predicates(iri)) - {RDF.type, *LABELS}):
            values = sorted(self.graph.objects(iri, p), key=lambda o: (isinstance(o, Literal), str(o)))
            rows.append((Markup(self.link(p, here)), [Markup(self.link(o, here)) for o in values]))
        return str(parts().properties_table(rows)) if rows else ""

    def relations_in(self, iri, here: str) -> str:
        """Entity-layer statements whose object is this resource."""
        rows = sorted({(s, p) for s, p in self.incoming.get(iri, []) if p not in PROVENANCE and not self.is_document_layer(s)})
        links = [(Markup(self.link(s, here)), Markup(self.link(p, here))) for s, p in rows]
        return str(parts().relations_in(links)) if links else ""

    def paragraph_ref(self, paragraph, here: str) -> str:
        """'Document title ¶12' linking to the paragraph page."""
        if paragraph is None:
            return ""
        return self.link(paragraph, here)

    def evidence(self, iri, here: str) -> str:
        """Assertions about the entity (sentence + paragraph) and the paragraphs that mention it."""
        found = (self.assertions_about(iri, here), self.mentions_of(iri, here), self.quantities_about(iri, here))
        return "\n".join(part for part in found if part)

    def assertions_about(self, iri, here: str) -> str:
        """The relations the entity is subject or object of, each with its sentence, paragraph and rule."""
        g = self.graph
        rows = []
        for a in sorted({a for p in (UNODC.subject, UNODC.object) for a in g.subjects(p, iri)}):
            rows.append({
                "subject": Markup(self.link(g.value(a, UNODC.subject), here)),
                "predicate": Markup(self.link(g.value(a, UNODC.predicate), here)),
                "object": Markup(self.link(g.value(a, UNODC.object), here)),
                "lang": self.language_of(g.value(a, UNODC.inDocument)), "sentence": g.value(a, UNODC.evidence) or "",
                "paragraph": Markup(self.paragraph_ref(g.value(a, UNODC.inParagraph), here)),
                "rule": g.value(a, UNODC.rule) or "", "confidence": g.value(a, UNODC.confidence) or "",
                "href": relative(here, page_path(a) + ".html"),
            })  # fmt: skip
        return str(parts().assertions(rows)) if rows else ""

    def mentions_of(self, iri, here: str) -> str:
        """The paragraphs that mention the entity, the mentions marked."""
        g = self.graph
        mentions = defaultdict(list)
        for m in g.subjects(UNODC.refersTo, iri):
            mentions[g.value(m, UNODC.inParagraph)].append(m)
        rows = []
        for paragraph in sorted(mentions, key=lambda p: self.reading_key(p)):
            text = str(g.value(paragraph, UNODC.text) or "")
            marked = self.mark(text, [str(g.value(m, UNODC.text) or "") for m in mentions[paragraph]])
            lang = self.language_of(g.value(paragraph, UNODC.inDocument))
            rows.append((Markup(self.paragraph_ref(paragraph, here)), lang, Markup(marked)))
        return str(parts().mentions(rows)) if rows else ""

    def quantities_about(self, iri, here: str) -> str:
        """The quantities about the entity, grouped by paragraph, with their sentences."""
        g = self.graph
        by_paragraph = defaultdict(list)
        for q in sorted(g.subjects(UNODC.about, iri), key=lambda q: self.reading_key(q)):
            by_paragraph[g.value(q, UNODC.inParagraph)].append(q)
        rows = []
        for paragraph, found in sorted(by_paragraph.items(), key=lambda item: self.reading_key(item[1][0])):
            values = [(relative(here, page_path(q) + ".html"), number(g.value(q, UNODC.value)), g.value(q, UNODC.unit) or "")
                      for q in found]  # fmt: skip
            needles = [str(g.value(q, UNODC.text) or "") for q in found]
            quoted = [Markup(self.mark(text, needles)) for text in sorted({str(g.value(q, UNODC.evidence) or "") for q in found})]
            rows.append({"amounts": values, "quoted": quoted, "lang": self.language_of(g.value(found[0], UNODC.inDocument)),
                         "paragraph": Markup(self.paragraph_ref(paragraph, here))})  # fmt: skip
        return str(parts().quantities(rows)) if rows else ""

    @staticmethod
    def mark(text: str, needles: list[str]) -> str:
        """Escape *text*, wrapping every occurrence of each mention text in <mark>."""
        needles = sorted({n for n in needles if n}, key=lambda n: (-len(n), n))
        if not needles:
            return esc(text)
        pattern = re.compile("|".join(re.escape(n) for n in needles))
        segments, last = [], 0
        for match in pattern.finditer(text):
            segments += [(text[last : match.start()], False), (match.group(0), True)]
            last = match.end()
        segments.append((text[last:], False))
        return str(parts().marked(segments))

    def contents(self, iri, here: str) -> str:
        """For a document: its paragraphs in reading order; for a paragraph: what was found in it."""
        g = self.graph
        if (iri, RDF.type, UNODC.Document) in g:
            paragraphs = sorted(g.subjects(UNODC.inDocument, iri), key=self.reading_key)
            paragraphs = [p for p in paragraphs if g.value(p, UNODC.order) is not None]
            lang = self.language_of(iri)
            rows = [(Markup(self.link(p, here)), self.snippet(p)) for p in paragraphs]
            return str(parts().paragraphs(rows, lang)) if rows else ""
        found = sorted(g.subjects(UNODC.inParagraph, iri), key=lambda n: (int(g.value(n, UNODC.start) or 0), str(n)))
        if not found:
            return ""
        text = str(g.value(iri, UNODC.text) or "")
        mentions = [str(g.value(m, UNODC.text) or "") for m in found if (m, RDF.type, UNODC.Mention) in g]
        lang = self.language_of(g.value(iri, UNODC.inDocument))
        rows = [dict(self.found_item(node, here), href=relative(here, page_path(node) + ".html"),
                     kind=self.label(min(g.objects(node, RDF.type), default=None))) for node in found]  # fmt: skip
        return str(parts().found(lang, Markup(self.mark(text, mentions)), rows))

    def found_item(self, node, here: str) -> dict:
        """What the paragraph page says of one node found in it: a mention, an assertion or a quantity."""
        g = self.graph
        if (node, RDF.type, UNODC.Mention) in g:
            return {"what": "mention", "text": g.value(node, UNODC.text), "target": Markup(self.link(g.value(node, UNODC.refersTo), here))}
        if (node, RDF.type, UNODC.Assertion) in g:
            links = {k: Markup(self.link(g.value(node, p), here)) for k, p in
                     (("subject", UNODC.subject), ("predicate", UNODC.predicate), ("object", UNODC.object))}  # fmt: skip
            return {"what": "assertion", **links}
        about = g.value(node, UNODC.about)
        return {"what": "quantity", "value": number(g.value(node, UNODC.value)), "unit": g.value(node, UNODC.unit) or "",
                "about": Markup(self.link(about, here)) if about is not None else ""}  # fmt: skip
