"""The compiled form of the constraints that are not a loop over value nodes: sh:or and sh:sparql.

sh:or validates each value node against the listed shapes (compiled too) and fails it when it conforms to
none (https://www.w3.org/TR/shacl/#OrConstraintComponent).  A SHACL-SPARQL constraint keeps its query text as
pySHACL prepares it (prefixes from sh:prefixes, $PATH substituted) and runs it once per focus node, $this
bound, on the engine._ValidationView -- Oxigraph, as under pySHACL; its rows become results as pySHACL turns
them (pyshacl/constraints/sparql/sparql_based_constraints.py).  https://www.w3.org/TR/shacl/#sparql-constraints
"""

from __future__ import annotations

from rdflib import URIRef

from kg.steps.validate.checks import NotCompiled
from kg.steps.validate.proofs import proof_for

_PLACEHOLDER = URIRef("urn:x-unodc-kg:this")


def compile_or(c, shape, program):
    """https://www.w3.org/TR/shacl/#OrConstraintComponent"""
    sg = program.sg
    alternatives = []
    for members in c.or_list:
        nodes = set(sg.graph.items(members))
        if not nodes:
            raise NotCompiled("sh:or without a list of shapes")
        alternatives.append([program.shape(n) for n in nodes if not sg.is_filtered_out_shape(n)])

    def check(ctx, focus_values):
        hits = []
        for shapes in alternatives:
            if not shapes:
                continue
            for f, vs in focus_values.items():
                for v in vs:
                    verdicts = [s.conforms(ctx, v) for s in shapes]  # every one, as pySHACL does
                    if not any(verdicts):
                        hits.append((f, v, None, None))
        return hits

    return check


def compile_sparql(c, shape):
    """https://www.w3.org/TR/shacl/#SPARQLConstraintComponent"""
    queries = []
    for helper in c.sparql_constraints:
        if helper.deactivated:
            continue
        try:
            bindings, text = helper.pre_bind_variables(_PLACEHOLDER)
            text = helper.apply_prefixes(text)
        except Exception as error:  # pySHACL raises its own errors for a malformed query: let it
            raise NotCompiled(f"SPARQL constraint {helper.node}: {error}") from error
        queries.append((helper, text, bindings, proof_for(text, bindings)))

    def check(ctx, focus_values):
        hits = []
        for helper, text, bindings, proof in queries:
            extra = (helper.node, helper.messages or None)
            for f in focus_values:
                if proof is not None and proof(ctx.index, f):
                    continue  # no row, certainly: Oxigraph need not be asked (kg.steps.validate.proofs)
                bound = {k: (f if v is _PLACEHOLDER else v) for k, v in bindings.items()}
                rows = c._validate_sparql_query(text, bound, ctx.view)
                hits.extend(_hits(shape, f, rows, extra))
        return hits

    return check


def _hits(shape, focus, violations, extra) -> list:
    """pySHACL's _evaluate_sparql_constraint: a row's $this, ?path and ?value, or the focus node."""
    result_value = None if shape.is_property_shape else focus
    hits = []
    for row in violations:
        if len(row) == 2:  # a ?failure row
            hits.append((focus, result_value, None, (*extra, row[1])))
            continue
        this, path, value, variables = row
        value = result_value if value is None else value
        hits.append((this or focus, value, path, (*extra, (this, path, value, variables))))
    return hits
