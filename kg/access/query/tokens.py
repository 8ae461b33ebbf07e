"""The SPARQL text before any parser sees it: refusing federated and too deeply nested queries, and binding
parameters as a VALUES block whose terms are checked and escaped."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.core.errors import InputError

MAX_NESTING = 500  # groups, brackets and parentheses; the SPARQL parsers recurse per level and overflow past ~2,000

# SPARQL tokens that may contain the word SERVICE or a bracket without being one; scanned left to right
_SPARQL_TOKENS = re.compile(
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<comment>#[^\n]*)'
    r'|(?P<var>[?$]\w+)'
    r'|(?P<pname>[\w.-]*:[\w.:%-]*)'
    r'|(?P<word>[A-Za-z_]\w*)'
    r'|(?P<open>[{(\[])|(?P<close>[})\]])'
    r'|(?P<other>.)',
    re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _variants(text: str) -> set[str]:
    """The text as written and with its \\u escapes decoded (SPARQL 1.1 §19.2 decodes them before parsing)."""
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if int(m.group(1) or m.group(2), 16) < 0x110000 else "", text)
    return {text, decoded}


def federated(text: str) -> bool:
    """True when the query uses SERVICE (a federated query), outside strings, IRIs, comments and names.

    https://www.w3.org/TR/sparql11-federated-query/"""
    for variant in _variants(text):
        for token in _SPARQL_TOKENS.finditer(variant):
            if token.lastgroup == "word" and token.group().upper() == "SERVICE":
                return True
    return False


def nesting_depth(text: str) -> int:
    """The deepest nesting of { }, ( ) and [ ] in the query, outside strings, IRIs and comments."""
    deepest = 0
    for variant in _variants(text):
        depth = 0
        for token in _SPARQL_TOKENS.finditer(variant):
            kind = token.lastgroup
            if kind == "open":
                depth += 1
                deepest = max(deepest, depth)
            elif kind == "close":
                depth -= 1
    return deepest


def check_query_text(text: str, where: str = "query") -> None:
    """Refuse a federated query (it would send requests anywhere) and one nested past MAX_NESTING (it would
    overflow the parser's stack), before any parser sees it."""
    if federated(text):
        raise InputError(f"{where}: SERVICE (federated query) is refused: kg query never queries other services")
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise InputError(f"{where}: query is nested too deeply ({depth} levels; at most {MAX_NESTING})")


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _checked_iri(value: str, name: str) -> URIRef:
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or _IRI_FORBIDDEN.search(value):
        raise InputError(f"--param {name}: not an absolute IRI: {value!r}")
    return URIRef(value)


# The VALUES block goes right after the `{` that opens the WHERE clause, on the same line, so line numbers hold.
_TOKENS = re.compile(
    r'(?P<comment>#[^\n]*)|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<word>(?<![:\w?$])[A-Za-z]+\b)|(?P<brace>[{}])',
    re.S,
)


def where_brace(text: str) -> int:
    """Offset of the `{` that opens the outermost WHERE clause, skipping strings, IRIs, comments and templates."""
    form, depth, template_done = None, 0, False
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            word = match.group().upper()
            if form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            elif word == "WHERE" and depth == 0 and form:
                template_done = True
        elif kind == "brace":
            if match.group() == "{":
                if depth == 0 and form and (form != "CONSTRUCT" or template_done):
                    return match.start()
                depth += 1
            else:
                depth -= 1
                if depth == 0 and form == "CONSTRUCT":
                    template_done = True  # CONSTRUCT { template } WHERE? { pattern }
    raise InputError("query has no WHERE clause to bind parameters in")


def sparql_literal(literal: Literal) -> str:
    """A literal as one-line SPARQL: quotes, backslashes and line breaks escaped; language or datatype kept."""
    body = "".join({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}.get(c, c) for c in str(literal))
    if literal.language:
        if not re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*", literal.language):
            raise InputError(f"bad language tag {literal.language!r}")
        return f'"{body}"@{literal.language}'
    if literal.datatype and literal.datatype != XSD.string:
        return f'"{body}"^^{_checked_iri(str(literal.datatype), "datatype").n3()}'
    return f'"{body}"'


def with_values(text: str, bindings: dict) -> str:
    """Put `VALUES (?a ?b) { (term term) }` at the head of the WHERE clause; terms written by rdflib (escaped)."""
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise InputError(f"bad parameter name {name!r}")
    terms = []
    for name in names:
        term = bindings[name]
        if isinstance(term, URIRef):
            _checked_iri(str(term), name)
        elif not isinstance(term, Literal):
            raise InputError(f"--param {name}: cannot bind a {type(term).__name__}")
        terms.append(term.n3() if isinstance(term, URIRef) else sparql_literal(term))
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }} "
    at = where_brace(text) + 1
    return text[:at] + block + text[at:]
