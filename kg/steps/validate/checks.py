"""The compiled form of each SHACL constraint component: a loop over value nodes read from a TripleIndex.

Each `compile_*` takes pySHACL's own constraint object (which parsed and checked the shape's parameters) and
returns a check: check(ctx, focus_values) -> hits, where focus_values maps each focus node to its value
nodes and a hit is (focus, value, path, sparql) -- value None where pySHACL reports none, path None for the
shape's own path, sparql the extras of a SHACL-SPARQL result (else None).  Each loop is the loop of
pySHACL 0.40's evaluate (pyshacl/constraints/core/*.py) with the graph lookups replaced by the index: the
same comparisons on the same rdflib terms, in the same order, so the same results.
https://www.w3.org/TR/shacl/#core-components
"""

from __future__ import annotations

import operator

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Identifier

from kg.steps.validate.engine import SH

# Terms read once: an attribute of rdflib's namespaces costs microseconds, and the loops run per value node.
_LITERAL, _DATATYPE, _STRING, _LANG_STRING = RDFS.Literal, RDFS.Datatype, XSD.string, RDF.langString
_INTEGER = str(XSD.integer)


class NotCompiled(Exception):
    """A shape, or a piece of data, the compiled checks do not take: pySHACL validates it instead."""


def compile_min_count(c, shape):
    """https://www.w3.org/TR/shacl/#MinCountConstraintComponent"""
    least = int(c.min_count.value)

    def check(ctx, focus_values):
        return [] if least == 0 else [(f, None, None, None) for f, vs in focus_values.items() if len(vs) < least]

    return check


def compile_max_count(c, shape):
    """https://www.w3.org/TR/shacl/#MaxCountConstraintComponent"""
    most = int(c.max_count.value)

    def check(ctx, focus_values):
        return [(f, None, None, None) for f, vs in focus_values.items() if len(vs) > most]

    return check


_REMEMBERED = 20_000  # literals a check remembers, then it starts again (a worker validates documents for hours)


def _remembered(test):
    """*test*(value) remembered for short literal values.  A literal's answer depends only on what Literal equality
    compares (lexical form, datatype, language), and the same offsets, numbers and codes recur in every document of a
    worker (their terms are shared: kg.rdf.light); long texts are each a document's own and are not kept."""
    memo: dict = {}

    def known(v):
        if type(v) is not Literal or len(v) >= 64:
            return test(v)
        found = memo.get(v)
        if found is None:
            if len(memo) >= _REMEMBERED:
                memo.clear()
            found = memo[v] = test(v)
        return found

    return known


def _each_value(focus_values, fails):
    """A hit for every value node for which fails(value) is true."""
    return [(f, v, None, None) for f, vs in focus_values.items() for v in vs if fails(v)]


def compile_class(c, shape):
    """https://www.w3.org/TR/shacl/#ClassConstraintComponent (rdf:type/rdfs:subClassOf*; a literal never has a class)"""
    rules = list(c.class_rules)

    def check(ctx, focus_values):
        hits = []
        for cls in rules:
            members = ctx.index.members(cls)
            hits.extend(_each_value(focus_values, lambda v, m=members: isinstance(v, Literal) or v not in m))
        return hits

    return check


def compile_datatype(c, shape):
    """https://www.w3.org/TR/shacl/#DatatypeConstraintComponent (ill-typed literals fail, as in pySHACL)"""
    rule = c.datatype_rule
    actual = c._assert_actual_datatype  # pySHACL's test that the literal's value has the datatype's Python type
    literal, datatype_rule, string, lang_string = rule == _LITERAL, rule == _DATATYPE, rule == _STRING, rule == _LANG_STRING
    rule_type = type(rule)

    def matches(v) -> bool:
        if not isinstance(v, Literal):
            return False
        datatype = v.datatype
        if type(datatype) is rule_type and str.__eq__(datatype, rule):  # datatype == rule, as rdflib's Identifier compares
            return False if getattr(v, "ill_typed", None) is True else actual(v, rule)
        if literal:
            return True
        if datatype_rule:
            return bool(datatype)
        if datatype is None and v.language is None and string:
            return actual(v, rule)
        return bool(lang_string and v.language and actual(v, rule))

    known = _remembered(matches)
    return lambda ctx, focus_values: _each_value(focus_values, lambda v: not known(v))


_NODE_KINDS = {
    BNode: (SH.BlankNode, SH.BlankNodeOrLiteral, SH.BlankNodeOrIRI),
    Literal: (SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral),
    Identifier: (SH.IRI, SH.IRIOrLiteral, SH.BlankNodeOrIRI),
}


def compile_node_kind(c, shape):
    """https://www.w3.org/TR/shacl/#NodeKindConstraintComponent"""
    rule = c.nodekind_rule

    def kinds(v):
        for cls in (BNode, Literal, Identifier):  # the order of pySHACL's tests: a BNode is an Identifier too
            if isinstance(v, cls):
                return _NODE_KINDS[cls]
        return ()

    return lambda ctx, focus_values: _each_value(focus_values, lambda v: rule not in kinds(v))


def _compile_range(bounds, accept):
    """sh:min/maxInclusive/Exclusive: pySHACL's compare_literal of each literal value with each bound."""
    from pyshacl.rdfutil.compare import compare_literal

    def within(v, bound) -> bool:
        if isinstance(v, (BNode, URIRef)):
            return False
        if not isinstance(v, Literal):
            raise NotCompiled(f"a value node that is not an RDF term: {v!r}")
        if isinstance(bound.value, str) != isinstance(v.value, str):
            return False
        try:
            return accept(compare_literal(v, bound), 0)
        except (TypeError, NotImplementedError):
            return False

    tests = [_remembered(lambda v, b=bound: within(v, b)) for bound in bounds]

    def check(ctx, focus_values):
        return [hit for test in tests for hit in _each_value(focus_values, lambda v, t=test: not t(v))]

    return check


def compile_min_inclusive(c, shape):
    """https://www.w3.org/TR/shacl/#MinInclusiveConstraintComponent"""
    return _compile_range(list(c.min_vals), operator.ge)


def compile_min_exclusive(c, shape):
    """https://www.w3.org/TR/shacl/#MinExclusiveConstraintComponent"""
    return _compile_range(list(c.min_vals), operator.gt)


def compile_max_inclusive(c, shape):
    """https://www.w3.org/TR/shacl/#MaxInclusiveConstraintComponent"""
    return _compile_range(list(c.max_vals), operator.le)


def compile_max_exclusive(c, shape):
    """https://www.w3.org/TR/shacl/#MaxExclusiveConstraintComponent"""
    return _compile_range(list(c.max_vals), operator.lt)


def _length_check(c, accept):
    limit = c.string_rules[0].value  # pySHACL evaluates the first rule only (allow_multi_rules is False)
    if limit < 0:
        raise NotCompiled("a negative length")

    def fails(v) -> bool:
        return isinstance(v, BNode) or not accept(len(c.value_node_to_string(v)), limit)

    return lambda ctx, focus_values: _each_value(focus_values, fails)


def compile_min_length(c, shape):
    """https://www.w3.org/TR/shacl/#MinLengthConstraintComponent"""
    if c.string_rules[0].value == 0:
        return lambda ctx, focus_values: []
    return _length_check(c, operator.ge)


def compile_max_length(c, shape):
    """https://www.w3.org/TR/shacl/#MaxLengthConstraintComponent"""
    return _length_check(c, operator.le)


def compile_pattern(c, shape):
    """https://www.w3.org/TR/shacl/#PatternConstraintComponent (Python re, as pySHACL; a blank node fails)"""
    matchers = [c.compiled_cache[r] for r in c.string_rules]

    def check(ctx, focus_values):
        text = c.value_node_to_string
        return [hit for m in matchers
                for hit in _each_value(focus_values, lambda v, m=m: isinstance(v, BNode) or not m.search(text(v)))]

    return check


def compile_language_in(c, shape):
    """https://www.w3.org/TR/shacl/#LanguageInConstraintComponent (a tag matches its first subtag too)"""
    items = list(shape.sg.graph.items(c.string_rules[0]))
    if not items or not all(isinstance(i, Literal) and isinstance(i.value, str) for i in items):
        raise NotCompiled("sh:languageIn is not a list of strings")
    wanted = {str(i.value).lower() for i in items}

    def allowed(v) -> bool:
        lang = v.language if isinstance(v, Literal) else None
        if not lang:
            return False
        lang = str(lang)
        return "*" in wanted or lang.lower() in wanted or lang.split("-")[0].lower() in wanted

    return lambda ctx, focus_values: _each_value(focus_values, lambda v: not allowed(v))


def compile_unique_lang(c, shape):
    """https://www.w3.org/TR/shacl/#UniqueLangConstraintComponent (one result per repeated language)"""
    if not next(iter(c.string_rules)):
        return lambda ctx, focus_values: []

    def check(ctx, focus_values):
        hits = []
        for f, vs in focus_values.items():
            seen, repeated = set(), set()
            for v in vs:
                lang = v.language if isinstance(v, Literal) else None
                if lang:
                    (repeated if lang.lower() in seen else seen).add(lang.lower())
            hits.extend((f, None, None, None) for _ in repeated)
        return hits

    return check


def compile_in(c, shape):
    """https://www.w3.org/TR/shacl/#InConstraintComponent"""
    allowed = c.in_vals
    return lambda ctx, focus_values: _each_value(focus_values, lambda v: v not in allowed)


def compile_has_value(c, shape):
    """https://www.w3.org/TR/shacl/#HasValueConstraintComponent (the result has no value)"""
    wanted = list(c.has_value_set)

    def check(ctx, focus_values):
        return [(f, None, None, None) for hv in wanted for f, vs in focus_values.items() if not any(v == hv for v in vs)]

    return check


def compile_equals(c, shape):
    """https://www.w3.org/TR/shacl/#EqualsConstraintComponent (values missing on either side)"""
    properties = list(c.property_compare_set)
    if not all(isinstance(p, URIRef) for p in properties):
        raise NotCompiled("sh:equals with a value that is not an IRI")

    def check(ctx, focus_values):
        hits = []
        for prop in properties:
            column = ctx.index.column(prop)
            for f, vs in focus_values.items():
                values, others = set(vs), set(column.get(f, ()))
                hits.extend((f, v, None, None) for v in values - others)
                hits.extend((f, v, None, None) for v in others - values)
        return hits

    return check


def compile_less_than(c, shape):
    """https://www.w3.org/TR/shacl/#LessThanConstraintComponent (pySHACL's comparison of terms and values)"""
    properties = list(c.property_compare_set)
    if not all(isinstance(p, URIRef) for p in properties):
        raise NotCompiled("sh:lessThan with a value that is not an IRI")

    def check(ctx, focus_values):
        hits = []
        for prop in properties:
            column = ctx.index.column(prop)
            for f, vs in focus_values.items():
                others = set(column.get(f, ()))
                hits.extend((f, v, None, None) for v in set(vs) for other in others if not _less(v, other))
        return hits

    return check


def _less(value, other) -> bool:
    """pySHACL's _compare_lt for one pair: strings (IRIs, string literals) compare with strings only."""
    if type(value) is Literal and type(other) is Literal and _integer(value) and _integer(other):
        return value.value < other.value  # offsets: what rdflib's Literal.__lt__ gives two integers (value space)
    if isinstance(value, BNode) or isinstance(other, BNode):
        raise NotCompiled("sh:lessThan on a blank node")
    a, a_text = _comparable(value)
    b, b_text = _comparable(other)
    return a_text == b_text and a < b


def _integer(term: Literal) -> bool:
    """A well-typed xsd:integer literal (compared as str: rdflib's term equality costs microseconds)."""
    datatype = term.datatype
    return type(datatype) is URIRef and str.__eq__(datatype, _INTEGER) and type(term.value) is int and not term.ill_typed


def _comparable(term):
    if isinstance(term, URIRef):
        return str(term), True
    if isinstance(term, Literal) and isinstance(term.value, str):
        return term.value, True
    return term, False
