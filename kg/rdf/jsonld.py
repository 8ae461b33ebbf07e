"""Compact JSON-LD written as a stream: the document rdflib's serialiser gives with a context, node by node.

`write_jsonld(quads, context, out)` writes {"@context": …, "@graph": [nodes]} where each node holds every
triple of one subject of the union of *quads* (any iterable of pyoxigraph quads or triples), compacted with
*context* by rdflib's own rules (rdflib.plugins.serializers.jsonld: the term chosen for a predicate and an
object's kind, datatype and language, language maps, type coercion, native booleans, integers and doubles,
IRIs shortened by the context's prefixes), every object's keys and every list sorted, nodes sorted by id,
indented by two spaces: the bytes kg.publish.export.jsonld_bytes makes from an rdflib graph of the same
triples.  Memory does not grow with the graph: each triple becomes one record line (node id, key, value as
JSON), the records are sorted on disk (kg.rdf.external) and each subject's run of records makes one node.

Where rdflib's result depends on the order it meets triples in or on blank node labels it invents, or
loses triples, this writer is deterministic and keeps every triple instead: a blank node keeps the label of
the input file and is a node of its own (rdflib drops the triples of one referenced through an @id-typed
term, and adds an empty node for a blank object without triples); RDF lists stay rdf:first/rdf:rest
nodes (no @list); several values of one key are all kept when the first one is false, 0 or "" (rdflib keeps
the last one met); language tags are lower case (Oxigraph's reading); an input literal typed xsd:string is
a plain string.  None of these occurs in what kg build writes; the document always reads back as the same
RDF dataset.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.shared.jsonld.context import UNDEF, Context
from rdflib.plugins.shared.jsonld.keys import ID, LANG, LIST, SET, VOCAB

from kg.rdf.external import sorted_unique

PLAIN_LITERAL_TYPES = {str(XSD.boolean), str(XSD.integer), str(XSD.double), str(XSD.string)}
_XSD_STRING = str(XSD.string)
_RDF_TYPE = str(RDF.type)
SEP = "\x00"  # between the fields of a record: no IRI, key or JSON text contains it


def sort_json(value):
    """Every object's keys sorted, every list sorted by the JSON text of its items (recursively)."""
    if isinstance(value, dict):
        return {k: sort_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [sort_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


class Compactor:
    """rdflib's compaction of one triple at a time: (node id, key, value) with rdflib's Context."""

    def __init__(self, context: dict):
        self.context = Context(context)
        self.shrink = lru_cache(maxsize=1 << 16)(self.context.shrink_iri)
        self.symbol = lru_cache(maxsize=1 << 12)(self.context.to_symbol)
        self.literal_term = lru_cache(maxsize=1 << 12)(self._literal_term)
        self.resource_term = lru_cache(maxsize=1 << 12)(self._resource_term)
        self.typed = lru_cache(maxsize=1 << 14)(self._typed_literal)

    def node_id(self, term) -> str:
        """The id of a subject or an @id value: the IRI shortened by the context's prefixes, or _:label."""
        return self.shrink(term.value) if _kind(term) == "iri" else f"_:{term.value}"

    def record(self, subject, predicate, obj) -> bytes:
        """One record line: node id, key, and the value as JSON ("l" + [language, text] for a language map)."""
        key, value = self.entry(predicate.value, obj)
        return SEP.join((self.node_id(subject), key, value)).encode("utf-8") + b"\n"

    def entry(self, predicate: str, obj) -> tuple[str, str]:
        """The key and the value (as tagged JSON text) rdflib's Converter.add_to_node gives one triple."""
        kind = _kind(obj)
        if kind == "literal":
            datatype = None if obj.language or obj.datatype.value == _XSD_STRING else obj.datatype.value
            key, coerce, lang_map, set_ = self.literal_term(predicate, datatype, obj.language or None)
            if lang_map and obj.language:
                return key, ("L" if set_ else "l") + _dumps([obj.language, obj.value])
        else:
            key, coerce, lang_map, set_ = self.resource_term(predicate)
        node = self._coerced(obj, kind, coerce)
        if node is None:
            if predicate == _RDF_TYPE and key == self.context.type_key and kind == "iri":
                node = self.symbol(obj.value)
            else:
                node = self._raw(obj, kind)
        return key, ("s" if set_ else "v") + _dumps(node)

    def _literal_term(self, predicate: str, datatype: str | None, language: str | None):
        term = self.context.find_term(predicate, datatype, language=language)
        return self._term_use(predicate, term, literal=True, language=language)

    def _resource_term(self, predicate: str):
        term = None
        for coercion in (ID, VOCAB, UNDEF):
            term = self.context.find_term(predicate, coercion, None)
            if term:
                break
        return self._term_use(predicate, term, literal=False, language=None)

    def _term_use(self, predicate: str, term, literal: bool, language):
        """(key, coercion, language map?, set?) for a term found (or not) as add_to_node uses it."""
        if term:
            if LIST in term.container:
                term = None  # a list container needs an RDF list: compacted like an unknown key (kept as triples)
            else:
                coerce = term.type or (("lang", term.language) if term.language else None)
                return term.name, coerce, LANG in term.container, SET in term.container
        key = self.context.to_symbol(predicate)
        key_term = self.context.terms.get(key)
        if key_term and (key_term.type or key_term.container):
            key = predicate
        if predicate == _RDF_TYPE:
            key = self.context.type_key
        return key, None, False, False

    def _coerced(self, obj, kind: str, coerce):
        """Converter.type_coerce (and a term's own @language); None when the term does not apply."""
        if coerce is None:
            return None
        if isinstance(coerce, tuple):
            return obj.value if kind == "literal" and obj.language == coerce[1] else None
        if coerce == ID:
            return self.node_id(obj) if kind != "literal" else self._lexical(obj)
        if coerce == VOCAB:
            return self.symbol(obj.value) if kind == "iri" else None
        if kind == "literal" and not obj.language and _datatype(obj) == coerce:
            return self._lexical(obj)
        return None

    def _raw(self, obj, kind: str):
        """Converter.to_raw_value for one term (no RDF list folding)."""
        if kind != "literal":
            return {self.context.id_key: self.node_id(obj)}
        datatype = _datatype(obj)
        if datatype:
            lexical, native = self.typed(obj.value, datatype)
            if datatype in PLAIN_LITERAL_TYPES:
                return native
            return {self.context.type_key: self.symbol(datatype), self.context.value_key: lexical}
        if obj.language and obj.language != self.context.language:
            return {self.context.lang_key: obj.language, self.context.value_key: obj.value}
        return obj.value

    def _lexical(self, obj) -> str:
        datatype = _datatype(obj)
        return self.typed(obj.value, datatype)[0] if datatype else obj.value

    @staticmethod
    def _typed_literal(value: str, datatype: str):
        """rdflib's reading of a typed literal: its (normalised) lexical form and its JSON value."""
        literal = Literal(value, datatype=URIRef(datatype))
        native = literal.toPython()
        if isinstance(native, Literal):  # ill-typed: kept as text
            native = str(native)
        elif isinstance(native, float) and not math.isfinite(native):
            native = None  # what orjson (rdflib's JSON writer when installed) makes of NaN and infinities
        elif not isinstance(native, (bool, int, float, str)):
            native = str(literal)
        return str(literal), native


_KINDS = {ox.NamedNode: "iri", ox.BlankNode: "bnode", ox.Literal: "literal"}


def _kind(term) -> str:
    return _KINDS.get(type(term), "iri")


def _datatype(obj) -> str | None:
    datatype = obj.datatype.value
    return None if obj.language or datatype == _XSD_STRING else datatype


_encode_string = json.encoder.encode_basestring  # the JSON text of a str, as json.dumps(ensure_ascii=False) writes it
_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _dumps(value) -> str:
    return _encode_string(value) if type(value) is str else _encode(value)


def indented(value, depth: int = 0, indent: str = "  ") -> str:
    """json.dumps(value, ensure_ascii=False, indent=len(indent)) of JSON data nested *depth* levels deep (its
    lines after the first indented by depth * indent): the same text, without the pure-Python encoder's cost."""
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + indent * (depth + 1)
        items = (f"{_encode_string(k)}: {indented(v, depth + 1, indent)}" for k, v in value.items())
        return "{" + inner + ("," + inner).join(items) + "\n" + indent * depth + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = "\n" + indent * (depth + 1)
        return "[" + inner + ("," + inner).join(indented(v, depth + 1, indent) for v in value) + "\n" + indent * depth + "]"
    return _encode(value)


def nodes(records: Iterable[bytes], id_key: str = "id") -> Iterator[dict]:
    """Sorted record lines to nodes: one dict per subject (its id under *id_key*, the context's alias of @id),
    in record order, keys and lists sorted."""
    node_id, node = None, None
    for line in records:
        sid, key, value = line[:-1].decode("utf-8").split(SEP, 2)
        if sid != node_id:
            if node is not None:
                yield sort_json(node)
            node_id, node = sid, {id_key: sid}
        _add(node, key, value)
    if node is not None:
        yield sort_json(node)


def _add(node: dict, key: str, value: str) -> None:
    tag, data = value[0], json.loads(value[1:])
    if tag in "lL":
        language, text = data
        values = node.setdefault(key, {})
        if language in values or tag == "L":
            known = values.get(language)
            values[language] = (known if isinstance(known, list) else [] if known is None else [known]) + [text]
        else:
            values[language] = text
        return
    if key in node:
        known = node[key]
        node[key] = (known if isinstance(known, list) else [known]) + [data]
    else:
        node[key] = [data] if tag == "s" else data


def write_jsonld(quads: Iterable, context: dict, out: BinaryIO, context_value=None) -> None:
    """Stream the compact JSON-LD of the union of *quads* to *out* (context_value: what to write as @context,
    the context itself by default)."""
    compactor = Compactor(context)
    records = sorted_unique(compactor.record(q.subject, q.predicate, q.object) for q in quads)
    head, tail = _frame(context if context_value is None else context_value)
    first = True
    try:
        for node in nodes(records, compactor.context.id_key):
            text = indented(node, 2)
            out.write(((head + "\n    ") if first else ",\n    ").encode("utf-8") + text.encode("utf-8"))
            first = False
    finally:
        records.close()
    if first:
        out.write((json.dumps({"@context": context if context_value is None else context_value, "@graph": []},
                              ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    else:
        out.write((tail + "\n").encode("utf-8"))


def _frame(context_value) -> tuple[str, str]:
    """The document's text before the first node and after the last one."""
    text = json.dumps({"@context": context_value, "@graph": [0]}, ensure_ascii=False, indent=2)
    head, _, tail = text.rpartition("\n    0")
    return head, tail
