"""Terms of N-Triples lines in rdflib's form (kg.rdf.serialize.ntriples_bytes) read back without parsing a graph."""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Literal, URIRef

_UNESCAPE = {"n": "\n", "r": "\r", '"': '"', "\\": "\\"}  # the escapes of rdflib's N-Triples serialiser


def ntriples_term(text: bytes):
    """One term (an IRI or a literal) in rdflib's N-Triples form as an rdflib term."""
    if text[:1] == b"<":
        return URIRef(text[1:-1].decode("utf-8"))
    value = text.decode("utf-8")
    close = value.rindex('"')
    lexical, rest = value[1:close], value[close + 1:]
    if "\\" in lexical:
        if re.search(r'\\[^nr"\\]', lexical):  # an escape rdflib does not write: let a parser read it
            from kg.rdf.load import parse_ntriples

            return next(iter(parse_ntriples(f"<urn:x> <urn:x> {value} .\n".encode())))[2]
        lexical = re.sub(r"\\(.)", lambda m: _UNESCAPE[m[1]], lexical)
    if not rest:
        return Literal(lexical)
    if rest[0] == "@":
        return Literal(lexical, lang=rest[1:])
    return Literal(lexical, datatype=_datatype(rest[3:-1]) if rest.startswith("^^") else None)


@lru_cache(maxsize=64)
def _datatype(iri: str) -> URIRef:
    return URIRef(iri)


class Terms:
    """N-Triples terms as rdflib terms and in their N3 form (Node.n3()), each read once."""

    def __init__(self):
        self._terms: dict = {}

    def term(self, text: bytes):
        found = self._terms.get(text)
        if found is None:
            found = self._terms[text] = ntriples_term(text)
        return found

    def n3(self, text: bytes) -> bytes:
        """The term's N3 form: its N-Triples bytes, except for a literal with an escape (rdflib writes a literal
        with a line break between triple quotes in N3)."""
        if text[:1] == b"<" or b"\\" not in text:
            return text
        return self.term(text).n3().encode("utf-8")
