"""Query results as text: an aligned table with labels, SPARQL results CSV and JSON, Turtle for graphs."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.core.errors import InputError
from kg.access.query.engines import QueryResult, execute
from kg.access.query.tokens import _IRI_FORBIDDEN
from kg.rdf.jsonld import indented
from kg.rdf.terms import label_rank, short_iri

FORMATS = ("table", "csv", "json")
TABLE_CELL_WIDTH = 60


def label_map(source, iris, lang: str = "en") -> dict:
    """Best label of each IRI for a reader of *lang*: skos:prefLabel, rdfs:label, dcterms:title; else a short form."""
    iris = sorted({i for i in iris if isinstance(i, URIRef)})
    found: dict = {}
    if iris:
        text = ("SELECT ?s ?p ?l WHERE { ?s ?p ?l . VALUES ?p { skos:prefLabel rdfs:label dcterms:title } "
                "FILTER (isLiteral(?l)) }")
        for chunk in range(0, len(iris), 500):
            # the IRIs come from query results and are bound as terms (written by rdflib), not user text
            values = " ".join(i.n3() for i in iris[chunk:chunk + 500] if not _IRI_FORBIDDEN.search(str(i)))
            result = execute(text.replace("WHERE {", "WHERE { VALUES ?s { " + values + " }", 1), source)
            for s, p, label in result.rows:
                rank = label_rank(p, label, lang)
                if s not in found or rank < found[s][0]:
                    found[s] = (rank, str(label))
    return {i: found[i][1] if i in found else short_iri(i) for i in iris}


class _CharWidths(dict):
    """Terminal columns of each character met: 0 combining, 2 East Asian wide or fullwidth, else 1."""

    def __missing__(self, char: str) -> int:
        width = self[char] = 0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        return width


_CHAR_WIDTH = _CharWidths()


def display_width(text: str) -> int:
    """Terminal columns taken by *text*: East Asian wide and fullwidth characters take two."""
    if text.isascii():  # no ASCII character is combining, wide or fullwidth
        return len(text)
    return sum(map(_CHAR_WIDTH.__getitem__, text))


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    if text.isascii():
        return text[:width - 1] + "…"
    out, used = [], 0
    for char in text:
        w = _CHAR_WIDTH[char]
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def cell_text(term) -> str:
    """Plain text of a term for CSV and tables: IRI, lexical form, blank node label; '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_table(result: QueryResult, labels: dict | None = None, max_width: int = TABLE_CELL_WIDTH) -> str:
    """Aligned columns for a terminal, IRIs shown by their labels."""
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    if result.kind == "graph":
        return to_turtle(result)
    labels = labels or {}
    cell = _Memo(lambda term: _shown(labels.get(term) or cell_text(term), max_width)).__getitem__
    cells = [list(map(cell, row)) for row in result.rows]  # (clipped text, its width); terms repeat down a column
    widths = [max([display_width(v)] + [r[i][1] for r in cells]) for i, v in enumerate(result.vars)]
    lines = ["  ".join(_pad(v, w) for v, w in zip(result.vars, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c + " " * (w - cw) for (c, cw), w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


class _Memo(dict):
    """A function's values by argument, each computed once (a C-level lookup when known)."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, key):
        value = self[key] = self.function(key)
        return value


def _shown(text: str, max_width: int) -> tuple[str, int]:
    clipped = _clip(text, max_width)
    return clipped, display_width(clipped)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: a header of variable names, then plain values (CRLF line ends)."""
    if result.kind == "ask":
        return "boolean\r\n" + ("true" if result.boolean else "false") + "\r\n"
    if result.kind == "graph":
        result = QueryResult("select", ["subject", "predicate", "object"], result.triples)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow([cell_text(t) for t in row])
    return buffer.getvalue()


def json_term(term) -> dict:
    """One RDF term in SPARQL 1.1 Query Results JSON."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/)."""
    if result.kind == "ask":
        doc = {"head": {}, "boolean": bool(result.boolean)}
    else:
        if result.kind == "graph":
            result = QueryResult("select", ["subject", "predicate", "object"], result.triples)
        if result.rows:
            return _json_select(result)
        doc = {"head": {"vars": list(result.vars)}, "results": {"bindings": []}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _json_select(result: QueryResult) -> str:
    """to_json of a SELECT with rows: json.dumps(doc, ensure_ascii=False, indent=1)'s text, each distinct term's
    JSON written once (the pure-Python indenting encoder takes seconds on 10^5 rows)."""
    text = json.dumps({"head": {"vars": list(result.vars)}, "results": {"bindings": [0]}}, ensure_ascii=False, indent=1)
    head, _, tail = text.rpartition("\n   0")
    keys = [indented(v) + ": " for v in result.vars]
    terms = _Memo(lambda key: "" if key is None else indented(json_term(key[0] if type(key) is tuple else key), 4, " "))

    def term_text(term) -> str:  # rdflib's "x"@EN equals "x"@en: a literal's key has its language tag as written
        return terms[(term, term.language) if type(term) is Literal else term]

    def binding(row) -> str:
        items = [key + text for key, text in zip(keys, map(term_text, row)) if text]
        return "{\n    " + ",\n    ".join(items) + "\n   }" if items else "{}"

    return head + "\n   " + ",\n   ".join(map(binding, result.rows)) + tail + "\n"


def to_turtle(result: QueryResult) -> str:
    """Triples of a CONSTRUCT or DESCRIBE as sorted Turtle."""
    from kg.core.namespaces import bind_prefixes
    from kg.rdf.serialize import turtle_bytes

    graph = bind_prefixes(Graph())
    for triple in result.triples:
        graph.add(triple)
    return turtle_bytes(graph).decode("utf-8")


def render(result: QueryResult, fmt: str = "table", source=None, lang: str = "en") -> str:
    """Result as text in *fmt* (table, csv, json); CONSTRUCT/DESCRIBE results are Turtle whatever the format."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if result.kind == "graph" and fmt == "table":
        return to_turtle(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    labels = {}
    if source is not None and result.kind == "select":
        labels = label_map(source, [t for row in result.rows for t in row], lang)
    return to_table(result, labels)
