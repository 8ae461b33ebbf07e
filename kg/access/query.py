# NOTE FROM HELPER A, 23:15 (remove once read): sorry -- I created kg/access/serve.py, kg/commands/serve.py and
# tests/test_serve.py at 23:05-23:07 without having seen your 23:02 note (they did not exist at my previous check),
# so your versions were overwritten; mine are committed in 679bb2c (9 tests pass: GET / POST form / POST direct,
# Accept negotiation, ASK/CONSTRUCT/DESCRIBE, updates 403, 503 at the deadline via a forked worker per query,
# service description, CLI over HTTP).  From now on I stay off kg/access/query.py, kg/access/serve.py, kg/commands/serve.py and
# tests/test_serve.py: they are yours -- replace my serve with yours where yours is better.  Please keep
# golden_cases / golden_graph / regenerate_golden at the end of kg/access/query.py: tests/test_query.py and
# `python -m kg.access.query --regenerate-golden` use them.  The commit 679bb2c also carried your coordination note.
"""Run the named SPARQL queries (queries/*.rq) or a query file over the graph, with rdflib or pyoxigraph.

A named query is a file `queries/<name>.rq` whose comment header gives its description, its parameters and an
example::

    # Programmes that serve a convention or any of its protocols.
    # Columns: programme, label, evidence.
    # param: convention (entity Convention, required) -- the convention, by IRI, label or abbreviation
    # example: kg query programmes-serving-convention --param convention=UNTOC

A parameter is `entity [Class]` (a user's name for an entity, resolved to one IRI by kg.access.names; the optional class
breaks ties between entities with the same name), `iri` (an IRI as given) or `literal` (a plain string).  Parameters
are bound as RDF terms, never pasted into the query text: rdflib gets them as `initBindings`; pyoxigraph gets a
`VALUES` block at the head of the WHERE clause whose terms are written by the RDF library (IRIs validated, literals
escaped).  Queries therefore use a parameter only in triple patterns or in FILTERs of the outermost group, where both
mechanisms mean the same; the golden tests run every query on both engines and compare.

Engines (for benchmarks and programs)::

    from kg.access.query import load_graph, load_store, run_query
    graph = load_graph(Path("out/kg.ttl"))      # rdflib Graph, default in-memory store, + ontology + reference data
    store = load_store(Path("out/kg.ttl"))      # pyoxigraph Store, same triples in its default graph
    run_query("partners", graph)                # -> QueryResult (rows of rdflib terms)
    run_query("partners", store)                # same rows, 10-50x faster on large graphs
    run_query("evidence", store, {"entity": "UNTOC"})      # names are resolved like on the command line
    run_query(Path("my.rq"), graph, {"entity": URIRef(...)})  # rdflib terms are used as given

`run_query` takes any rdflib Graph (also Dataset / ConjunctiveGraph, or a Graph over oxrdflib's store) or a
pyoxigraph Store; results are always converted to rdflib terms.  Entity names are resolved against the labels of the
graph (cached for the last graph or store seen), so pass terms when timing queries.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.core.errors import InputError
from kg.core.namespaces import PREFIXES
from kg.core.resources import ontology_graph, queries_dir
from kg.rdf.store import is_store, open_store

DEFAULT_DATA = Path("out") / "kg.ttl"
FORMATS = ("table", "csv", "json")
PARAM_KINDS = ("entity", "iri", "literal")
_PARAM_LINE = re.compile(r"^#\s*param:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<spec>[^)]*)\)\s*(?:--\s*(?P<doc>.*))?$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TABLE_CELL_WIDTH = 60


# ---------------------------------------------------------------- query files


@dataclass(frozen=True)
class Param:
    """A declared parameter of a query: `# param: NAME (KIND [Class], required|optional) -- doc`."""

    name: str
    kind: str = "literal"
    cls: str | None = None
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class QuerySpec:
    """A SPARQL query with its header: name, description, parameters, example."""

    name: str
    path: Path | None
    text: str
    description: str = ""
    params: tuple = ()
    examples: tuple = ()

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_header(text: str, where: str = "query") -> tuple[str, tuple, tuple]:
    """Read the leading comment block: description lines, `param:` lines, `example:` lines."""
    description, params, examples = [], [], []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        body = stripped.lstrip("#").strip()
        if body.lower().startswith("param:"):
            match = _PARAM_LINE.match(stripped)
            if not match:
                raise InputError(f"{where}:{number}: malformed parameter line (expected "
                                 "'# param: NAME (entity|iri|literal [Class], required|optional) -- what it is')")
            words = [w.strip() for w in re.split(r"[,\s]+", match["spec"]) if w.strip()]
            kind = next((w for w in words if w in PARAM_KINDS), "literal")
            cls = next((w for w in words if w[:1].isupper()), None)
            params.append(Param(match["name"], kind, cls, "required" in words, (match["doc"] or "").strip()))
        elif body.lower().startswith("example:"):
            examples.append(body.split(":", 1)[1].strip())
        elif body and not body.lower().startswith("columns:"):
            description.append(body)
    return " ".join(description), tuple(params), tuple(examples)


def named_queries() -> list[str]:
    """Names of the queries in queries/, sorted."""
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def load_spec(name_or_path) -> QuerySpec:
    """Load a named query (`partners`) or a query file (`my.rq`)."""
    if isinstance(name_or_path, QuerySpec):
        return name_or_path
    text_arg = str(name_or_path)
    path = Path(text_arg)
    if path.suffix != ".rq" and _NAME.match(text_arg):
        path = queries_dir() / f"{text_arg}.rq"
        if not path.is_file():
            raise InputError(f"unknown query {text_arg!r}; named queries: {', '.join(named_queries())}")
    if not path.is_file():
        raise InputError(f"{path}: no such query file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    if not text.strip():
        raise InputError(f"{path}: empty query file")
    description, params, examples = parse_header(text, str(path))
    return QuerySpec(path.stem, path, text, description, params, examples)


# ---------------------------------------------------------------- loading data


def _is_store(source) -> bool:
    return type(source).__module__.startswith("pyoxigraph")


def _check_data(path) -> Path:
    path = Path(path if path is not None else DEFAULT_DATA)
    if is_store(path):
        return path
    if not path.is_file():
        hint = " (run `kg build` first)" if path == DEFAULT_DATA else ""
        from kg.extract.ingest import why_missing

        raise InputError(f"{path}: {why_missing(path, 'no such file')}{hint}")
    from kg.build.outputs import check_consistent

    return check_consistent(path)


def _format_for(path: Path) -> str:
    return {".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld", ".rdf": "xml", ".xml": "xml"}.get(
        path.suffix.lower(), "turtle")


def load_graph(path=None, *, extras: bool = True) -> Graph:
    """Parse the built graph (default out/kg.ttl) into an rdflib Graph with the ontology and reference data."""
    from rdflib import Dataset

    path = _check_data(path)
    if is_store(path):
        raise InputError(f"{path}: an oxigraph store; query it with --engine oxigraph")
    fmt = _format_for(path)
    try:
        if fmt in ("nquads", "trig"):
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _ in dataset.quads():
                graph.add((s, p, o))
        else:
            graph = Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser exception types
        raise InputError(f"{path}: not valid RDF ({_one_line(exc)})") from None
    if extras:
        from kg.core.reference import reference_graph

        graph += ontology_graph()
        graph += reference_graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def load_store(path=None, *, extras: bool = True, named_graphs: bool = False):
    """Load the built graph (default out/kg.ttl) into a pyoxigraph Store with the ontology and reference data.

    Every triple is in the default graph, so queries ask the union.  With *named_graphs*, the quads of an
    N-Quads or TriG file are also kept in their own graphs (GRAPH ?g sees one graph per document and
    id/graph/reference): the default graph stays the merge, not oxigraph's union-default-graph mode, which
    would repeat a triple once per graph holding it."""
    import pyoxigraph as ox

    path = _check_data(path)
    if is_store(path):  # kg build --store oxigraph:DIR: already holds the ontology and reference data
        return open_store(path)
    store = ox.Store()
    fmt = {"nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
           "xml": ox.RdfFormat.RDF_XML, "json-ld": ox.RdfFormat.JSON_LD}.get(_format_for(path), ox.RdfFormat.TURTLE)
    try:
        if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            # the quads of every named graph go to the default graph: queries ask the union, as in out/kg.ttl
            # (bulk_load's to_graph only applies to triples: named graphs would stay out of the queries' reach)
            if named_graphs:
                quads = list(ox.parse(path=str(path), format=fmt))
                store.bulk_extend(quads)
            else:
                quads = ox.parse(path=str(path), format=fmt)
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        else:
            store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise InputError(f"{path}: not valid RDF ({_one_line(exc)})") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot load ({_one_line(exc)})") from None
    if extras:
        store.bulk_load(input=extras_ntriples(), format=ox.RdfFormat.N_TRIPLES)
    return store


def extras_ntriples() -> bytes:
    """The ontology and the reference data as N-Triples (what load_graph and load_store add to the data)."""
    global _EXTRAS
    if _EXTRAS is None:
        from kg.core.reference import reference_graph

        graph = Graph()
        graph += ontology_graph()
        graph += reference_graph()
        _EXTRAS = graph.serialize(format="nt", encoding="utf-8")
    return _EXTRAS


_EXTRAS: bytes | None = None


def _one_line(exc) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# ---------------------------------------------------------------- checks on the query text

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


# ---------------------------------------------------------------- running


@dataclass
class QueryResult:
    """Rows of a SELECT (rdflib terms, None for unbound), the answer of an ASK, or the triples of a CONSTRUCT."""

    kind: str  # "select", "ask" or "graph"
    vars: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)

    def dicts(self) -> list[dict]:
        """Rows as {variable: term} without the unbound ones."""
        return [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self.rows]


def run_query(name_or_path, graph_or_store, params: dict | None = None) -> QueryResult:
    """Run a named query or .rq file over an rdflib Graph or a pyoxigraph Store, with its parameters bound."""
    spec = load_spec(name_or_path)
    bindings = bind_params(spec, params or {}, graph_or_store)
    return execute(spec.text, graph_or_store, bindings, where=str(spec.path or spec.name))


def bind_params(spec: QuerySpec, params: dict, source) -> dict:
    """Turn parameter values into RDF terms: resolve entity names, check required and unknown names."""
    declared = {p.name for p in spec.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        names = ", ".join(sorted(declared)) or "none"
        raise InputError(f"query {spec.name!r} has no parameter {unknown[0]!r} (parameters: {names})")
    bindings = {}
    for param in spec.params:
        value = params.get(param.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if param.required:
                raise InputError(f"query {spec.name!r} needs --param {param.name}=VALUE ({param.doc or param.kind})")
            continue
        bindings[param.name] = _term_for(param, value, source)
    return bindings


def _term_for(param: Param, value, source):
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    value = str(value)
    if param.kind == "literal":
        return Literal(value)
    if param.kind == "iri":
        return _checked_iri(value, param.name)
    from kg.access.names import resolver_for

    return resolver_for(source).resolve(value, param.cls, what=param.name)


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _checked_iri(value: str, name: str) -> URIRef:
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or _IRI_FORBIDDEN.search(value):
        raise InputError(f"--param {name}: not an absolute IRI: {value!r}")
    return URIRef(value)


def execute(text: str, source, bindings: dict | None = None, where: str = "query") -> QueryResult:
    """Run SPARQL text over an rdflib Graph (initBindings) or a pyoxigraph Store (VALUES), as a QueryResult."""
    bindings = bindings or {}
    check_query_text(text, where)
    if _is_store(source):
        return _execute_oxigraph(text, source, bindings, where)
    return _execute_rdflib(text, source, bindings, where)


def _execute_rdflib(text, graph, bindings, where) -> QueryResult:
    from rdflib.plugins.sparql import prepareQuery

    try:
        query = prepareQuery(text, initNs=PREFIXES)
    except Exception as exc:  # pyparsing.ParseException and friends
        line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
        at = f":{line}:{col}" if line else ""
        raise InputError(f"{where}{at}: malformed SPARQL ({_parse_message(exc)})") from None
    if query.algebra.name not in ("SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery"):
        raise InputError(f"{where}: only SELECT, ASK, CONSTRUCT and DESCRIBE queries are run")
    try:
        result = graph.query(query, initBindings=bindings)
    except Exception as exc:
        raise InputError(f"{where}: query failed ({_one_line(exc)})") from None
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult("graph", triples=sorted(result.graph))
    names = [str(v) for v in result.vars]
    return QueryResult("select", names, [tuple(row) for row in result])


def _parse_message(exc) -> str:
    msg = getattr(exc, "msg", None) or str(exc)
    return _one_line(msg.split("(at char")[0])


def _execute_oxigraph(text, store, bindings, where) -> QueryResult:
    import pyoxigraph as ox

    run_text = with_values(text, bindings) if bindings else text
    try:
        result = store.query(run_text, prefixes=PREFIXES)
    except SyntaxError as error:
        reported = error
        if run_text != text:  # report positions in the text the user wrote
            try:
                ox.Store().query(text, prefixes=PREFIXES)
            except SyntaxError as original:
                reported = original
        raise InputError(f"{where}: malformed SPARQL ({oxigraph_syntax_message(reported)})") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise InputError(f"{where}: query failed ({_one_line(exc)})") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return QueryResult("graph", triples=sorted(
            (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)) for t in result))
    names = [v.value for v in result.variables]
    memo: dict = {None: None}  # IRIs and labels repeat down a column; converting each once is 3-5x faster

    def convert(term):
        try:
            return memo[term]
        except KeyError:
            memo[term] = converted = from_oxigraph(term)
            return converted

    columns = range(len(names))
    rows = [tuple(convert(solution[i]) for i in columns) for solution in result]
    return QueryResult("select", names, rows)


def oxigraph_syntax_message(exc) -> str:
    """Oxigraph's 'error at 3:10: expected …' as 'line 3, column 10: expected …'."""
    message = _one_line(exc)
    match = re.match(r"error at (\d+):(\d+): (.*)", message)
    return f"line {match[1]}, column {match[2]}: {match[3]}" if match else message


def from_oxigraph(term):
    """Convert a pyoxigraph term to the rdflib term (None stays None)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    return Literal(str(term))  # RDF-star triple term: shown as text


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


# ---------------------------------------------------------------- output


def label_map(source, iris, lang: str = "en") -> dict:
    """Best label of each IRI for a reader of *lang*: skos:prefLabel, rdfs:label, dcterms:title; else a short form."""
    iris = sorted({i for i in iris if isinstance(i, URIRef)})
    found: dict = {}
    if iris:
        text = ("SELECT ?s ?p ?l WHERE { ?s ?p ?l . VALUES ?p { skos:prefLabel rdfs:label dcterms:title } "
                "FILTER (isLiteral(?l)) }")
        rank_p = {"http://www.w3.org/2004/02/skos/core#prefLabel": 0, "http://www.w3.org/2000/01/rdf-schema#label": 1,
                  "http://purl.org/dc/terms/title": 2}
        for chunk in range(0, len(iris), 500):
            # the IRIs come from query results and are bound as terms (written by rdflib), not user text
            values = " ".join(i.n3() for i in iris[chunk:chunk + 500] if not _IRI_FORBIDDEN.search(str(i)))
            result = execute(text.replace("WHERE {", "WHERE { VALUES ?s { " + values + " }", 1), source)
            for s, p, label in result.rows:
                tag = (label.language or "").lower()
                rank = (0 if tag == lang else 1 if not tag else 2 if tag == "en" else 3, rank_p[str(p)], str(label))
                if s not in found or rank < found[s][0]:
                    found[s] = (rank, str(label))
    return {i: found[i][1] if i in found else short_iri(i) for i in iris}


def short_iri(iri) -> str:
    """`unodc:serves`, `id:doc/…/p12`: the IRI with the project's prefixes."""
    text = str(iri)
    for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(base) and len(text) > len(base):
            return f"{prefix}:{text[len(base):]}"
    return text


def display_width(text: str) -> int:
    """Terminal columns taken by *text*: East Asian wide and fullwidth characters take two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = display_width(char)
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
    cells = [[_clip(labels.get(t) or cell_text(t), max_width) for t in row] for row in result.rows]
    widths = [max([display_width(v)] + [display_width(r[i]) for r in cells]) for i, v in enumerate(result.vars)]
    lines = ["  ".join(_pad(v, w) for v, w in zip(result.vars, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


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
        bindings = [{v: json_term(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows]
        doc = {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


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


def parse_params(pairs: list[str] | None) -> dict:
    """`KEY=VALUE` strings from the command line as a dict (the value may contain '=')."""
    params = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param {pair!r}: expected KEY=VALUE")
        if key.strip() in params:
            raise InputError(f"--param {key.strip()} given twice")
        params[key.strip()] = value.strip().strip('"').strip()
    return params


def load_source(data=None, engine: str = "oxigraph"):
    """The graph to query: a pyoxigraph Store (default, fast) or an rdflib Graph."""
    if engine == "rdflib":
        return load_graph(data)
    if engine == "oxigraph":
        return load_store(data)
    raise InputError(f"unknown engine {engine!r} (choose from oxigraph, rdflib)")


def query(name_or_path, data=None, params: list[str] | None = None, fmt: str = "table", lang: str = "en",
          engine: str = "oxigraph") -> str:
    """Run a named query or .rq file over the built graph and return the formatted result (what `kg query` prints)."""
    spec = load_spec(name_or_path)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    source = load_source(data, engine)
    result = run_query(spec, source, parse_params(params))
    return render(result, fmt, source, lang)


def describe_queries() -> str:
    """One line per named query: name, parameters and description."""
    lines = []
    for name in named_queries():
        spec = load_spec(name)
        params = " ".join(f"{p.name}={'ENTITY' if p.kind == 'entity' else 'VALUE'}" + ("" if p.required else "?")
                          for p in spec.params)
        lines.append(f"  {name:32} {params}\n      {spec.description}")
    return "\n".join(lines)


# ---------------------------------------------------------------- golden files (tests/golden/*.csv)


def golden_cases() -> tuple[Path, list]:
    """tests/ and the cases of tests/data/query/cases.json: name, query, data (a file under tests/ or "sample"), params."""
    tests = Path(__file__).resolve().parents[2] / "tests"
    return tests, json.loads((tests / "data" / "query" / "cases.json").read_text(encoding="utf-8"))


def golden_graph(data: str, tests: Path, sample_ttl: Path | None = None) -> Graph:
    """The graph a golden case runs on: a hand-built file with the ontology only (it carries its own reference
    entities), or the sample build with the ontology and reference data."""
    if data == "sample":
        return load_graph(sample_ttl)
    graph = load_graph(tests / data, extras=False)
    graph += ontology_graph()
    return graph


def regenerate_golden() -> list[Path]:
    """Rewrite tests/golden/<case>.csv for every case (rdflib engine); review the diff before committing."""
    import tempfile

    from kg.build.run import build
    from kg.steps import STANDARD
    from kg.core.files import write_text

    tests, cases = golden_cases()
    graphs: dict = {}
    written = []
    for case in cases:
        if case["data"] not in graphs:
            sample_ttl = None
            if case["data"] == "sample":
                out = Path(tempfile.mkdtemp(prefix="kg-golden-"))
                sample_ttl = build([tests.parent / "corpus" / "unodc-ed-report-2022.zh.md"], out, steps=STANDARD).out_dir / "kg.ttl"
            graphs[case["data"]] = golden_graph(case["data"], tests, sample_ttl)
        result = run_query(case["query"], graphs[case["data"]], case.get("params", {}))
        written.append(write_text(tests / "golden" / f"{case['name']}.csv", to_csv(result)))
    return written


if __name__ == "__main__":  # python -m kg.access.query --regenerate-golden | NAME [KEY=VALUE ...]
    args = sys.argv[1:]
    if args == ["--regenerate-golden"]:
        for written in regenerate_golden():
            print(written)
    else:
        print(query(args[0], params=args[1:]) if args else describe_queries())
