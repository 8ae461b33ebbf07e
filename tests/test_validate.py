"""SHACL shapes (ontology/shapes.ttl), kg.steps.validate and `kg validate`."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from kg.core.namespaces import ID
from kg.steps.validate import SHAPES_NS, class_hierarchy, render_json, render_text, shapes_graph, validate
from kg.steps.validate.step import report_output

SH = Namespace("http://www.w3.org/ns/shacl#")
CASES_DIR = Path(__file__).resolve().parent / "data" / "shapes"
BASE = CASES_DIR / "base.ttl"
CASES = tomllib.loads((CASES_DIR / "cases.toml").read_text(encoding="utf-8"))["case"]
EXPECTED_CASES = 94  # update when adding cases: the suite must not shrink silently
HEADER = "\n".join(line for line in BASE.read_text(encoding="utf-8").splitlines() if line.startswith("@")) + "\n"


def _base() -> Graph:
    return Graph().parse(BASE, format="turtle")


def _apply(case: dict) -> Graph:
    """base.ttl with the case's `remove` and `add` Turtle applied."""
    graph = _base()
    if case.get("remove"):
        for triple in Graph().parse(data=HEADER + case["remove"], format="turtle"):
            assert triple in graph, f"{case['name']}: removes a triple base.ttl does not have: {triple}"
            graph.remove(triple)
    if case.get("add"):
        graph += Graph().parse(data=HEADER + case["add"], format="turtle")
    return graph


def _shape_counts(report) -> Counter:
    return Counter({str(g.shape).removeprefix(str(SHAPES_NS)): len(g.failures) for g in report.groups})


def _shape_names() -> set[str]:
    shapes = shapes_graph()
    nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    return {str(n).removeprefix(str(SHAPES_NS)) for n in nodes}


def test_validate_shape_cases_count():
    """The case table has the expected size (the parametrized test below runs one id per case)."""
    assert len(CASES) == EXPECTED_CASES
    assert len({c["name"] for c in CASES}) == len(CASES), "case names must be unique (they are the test ids)"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_validate_shape_case(case):
    """The case gives exactly the expected results and its report names the nodes it lists."""
    report = validate(_apply(case))
    expect = Counter(case["expect"])
    assert _shape_counts(report) == expect
    assert report.conforms is case.get("conforms", not expect)
    text = render_text(report)
    for node in case.get("nodes", []):
        assert f"id:{node}" in text, f"report does not name {node}\n{text}"


def test_validate_every_shape_has_a_violating_case():
    violated = {shape for case in CASES for shape in case["expect"]}
    assert violated == _shape_names(), f"shapes without a violating case: {sorted(_shape_names() - violated)}"


def test_validate_sparql_checks_run_on_oxigraph(monkeypatch):
    """The SHACL-SPARQL checks are answered by Oxigraph, not rdflib's engine (about 2x the whole validation);
    the failures are the same: the symbol case of cases.toml still fails."""
    import kg.steps.validate.engine

    def refuse(text):
        raise AssertionError("a SHACL-SPARQL query went to rdflib's engine")

    monkeypatch.setattr(kg.steps.validate.engine, "_prepared_query", refuse)
    assert validate(_base()).conforms
    case = next(c for c in CASES if "ResolutionSymbolMatchesBody" in c["expect"])
    assert _shape_counts(validate(_apply(case))) == Counter(case["expect"])


def test_validate_base_graph_conforms_and_gives_every_shape_a_focus_node():
    """base.ttl conforms, and is not vacuous: every shape has at least one target in it."""
    graph = _base()
    report = validate(graph)
    assert report.conforms and not report.groups, render_text(report)
    shapes = shapes_graph()
    mixed = graph + class_hierarchy()
    for name in sorted(_shape_names()):
        shape = SHAPES_NS[name]
        found = False
        for cls in shapes.objects(shape, SH.targetClass):
            subclasses = set(mixed.transitive_subjects(RDFS.subClassOf, cls))
            found |= any((None, RDF.type, c) in mixed for c in subclasses)
        for prop in shapes.objects(shape, SH.targetSubjectsOf):
            found |= (None, prop, None) in mixed
        assert found, f"base.ttl gives {name} nothing to check"


def test_validate_shapes_conform_to_shacl_for_shacl():
    """ontology/shapes.ttl is a well-formed shapes graph (W3C SHACL-for-SHACL, vendored)."""
    import pyshacl

    meta = Graph().parse(CASES_DIR / "shacl-shacl.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(shapes_graph(), shacl_graph=meta)
    assert conforms, text


def test_validate_shapes_have_english_and_chinese_messages_and_a_severity():
    """Every constraint says what is wrong in en and zh, with a deliberate severity."""
    shapes = shapes_graph()
    carriers = set(shapes.subjects(RDF.type, SH.PropertyShape)) | set(shapes.subjects(RDF.type, SH.SPARQLConstraint))
    carriers |= {s for s in shapes.subjects(RDF.type, SH.NodeShape) if (s, SH.sparql, None) not in shapes}
    assert len(carriers) >= 60
    for node in carriers:
        langs = sorted(m.language for m in shapes.objects(node, SH.message))
        assert langs == ["en", "zh"], node
        assert shapes.value(node, SH.severity) in (SH.Violation, SH.Warning), node
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)):
        assert sorted(lbl.language for lbl in shapes.objects(shape, RDFS.label)) == ["en", "zh"], shape


def test_validate_rdfs_inference_hides_a_range_error():
    """With RDFS inference the range of unodc:serves makes the organization a treaty: the error is gone."""
    case = next(c for c in CASES if c["name"] == "a programme serving an organization")
    graph = _apply(case)
    assert _shape_counts(validate(graph)) == Counter({"Serves-range": 1})
    assert _shape_counts(validate(graph, inference="rdfs")) == Counter()
    assert len(graph) == len(_apply(case)), "validation must not modify the data graph"


def test_validate_report_names_label_and_source_paragraph_in_both_languages():
    """The readable report gives labels and the paragraph and document a failing node comes from."""
    case = next(c for c in CASES if c["name"] == "a country with a malformed alpha-3 code")
    report = validate(_apply(case))
    en, zh = render_text(report, "en"), render_text(report, "zh")
    assert "Afghanistan  id:country/AFG" in en
    assert "paragraph 12 of “Activities of the United Nations Office on Drugs and Crime”" in en
    assert "A country has one ISO 3166-1 alpha-3 code" in en
    assert "阿富汗  id:country/AFG" in zh and "第12段" in zh and "三位字母代码" in zh
    case = next(c for c in CASES if c["name"] == "a mention pointing outside its paragraph")
    sparql_zh = render_text(validate(_apply(case)), "zh")
    assert "偏移113-140超出了所属段落的范围14-120。" in sparql_zh and "Offsets" not in sparql_zh
    data = json.loads(render_json(report))
    assert data["conforms"] is False and data["violations"] == 2
    result = data["shapes"][0]["results"][0]
    assert result["label"] == "Afghanistan" and result["source"]["number"] == "12"


def test_validate_turtle_report_is_a_deterministic_shacl_report():
    """validation.ttl parses back as a SHACL report with one result per failure, and is byte-stable."""
    case = next(c for c in CASES if c["name"] == "a paragraph in two documents")
    first, second = validate(_apply(case)), validate(_apply(case))
    assert first.turtle() == second.turtle()
    parsed = Graph().parse(data=first.turtle().decode("utf-8"), format="turtle")
    assert (None, RDF.type, SH.ValidationReport) in parsed
    assert len(set(parsed.subjects(RDF.type, SH.ValidationResult))) == 7


def _write(tmp_path: Path, *case_names: str) -> Path:
    """base.ttl with the named cases applied, written as Turtle."""
    graph = _base()
    for name in case_names:
        changed = _apply(next(c for c in CASES if c["name"] == name))
        for triple in _base() - changed:
            graph.remove(triple)
        graph += changed - _base()
    path = tmp_path / "kg.ttl"
    graph.serialize(path, format="turtle")
    return path


def test_validate_cli_corrupted_graph_exits_1_naming_entity_and_paragraph(kg, tmp_path):
    """The corruptions of the issue: exit 1, and the report names each offending node and its paragraph."""
    corruptions = {
        "a resolution without a body": ("Commission on Narcotic Drugs resolution 64/1", "id:resolution/cnd/64-1"),
        "a country with a malformed alpha-3 code": ("Afghanistan", "id:country/AFG"),
        "a mention pointing outside its paragraph": ("Container Control Programme", "id:doc/0123456789abcdef/m/40-67"),
    }
    proc = kg("validate", str(_write(tmp_path, *corruptions)))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith(f"{tmp_path / 'kg.ttl'}: does not conform (4 violations)"), proc.stdout
    for label, iri in corruptions.values():
        entry = proc.stdout.split(f"  - {label}  {iri}\n", 1)
        assert len(entry) == 2, f"{label} not named\n{proc.stdout}"
        source = next(line for line in entry[1].splitlines() if line.startswith("      from: "))
        assert "from: paragraph 12 of “Activities of the United Nations Office on Drugs and Crime”" in source, source
        assert "id:doc/0123456789abcdef/p12" in source


def test_validate_cli_conforming_graph_exits_0_and_accepts_data_option(kg, tmp_path):
    """GRAPH and --data name the same thing; a conforming graph exits 0."""
    path = tmp_path / "kg.ttl"
    _base().serialize(path, format="turtle")
    proc = kg("validate", "--data", str(path), "--format", "json", "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["conforms"] is True


@pytest.mark.slow
def test_validate_cli_turtle_output_is_identical_across_runs(kg, tmp_path):
    """--format ttl: same input, same bytes, whatever the hash seed."""
    path = _write(tmp_path, "a paragraph in two documents")
    outputs = {kg("validate", str(path), "--format", "ttl").stdout for _ in range(2)}
    assert len(outputs) == 1 and "sh:ValidationReport" in outputs.pop()


def test_validate_cli_bad_input_exits_2_on_one_line(kg, tmp_path):
    """Missing file and malformed Turtle: exit 2, one line naming the problem (and the line number)."""
    missing = kg("validate", str(tmp_path / "nope.ttl"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix a: <http://x/> .\na:b a:c a:d .\na:e a:f\n", encoding="utf-8")
    proc = kg("validate", str(bad))
    assert proc.returncode == 2 and "malformed Turtle: line 3" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_validate_step_output_writes_reports_and_fails_on_violation(tmp_path):
    """The kg build step writes validation.txt/.ttl; a violation makes its verdict False, warnings do not."""
    violating = next(c for c in CASES if c["name"] == "a resolution without a body")
    output = report_output(validate(_apply(violating)), tmp_path)
    assert [p.name for p in output.paths] == ["validation.txt", "validation.ttl"]
    assert output.conforms is False
    assert "Commission on Narcotic Drugs resolution 64/1" in (tmp_path / "validation.txt").read_text(encoding="utf-8")
    warning = next(c for c in CASES if c["name"] == "a mention found by a rule the model does not name (warning only)")
    assert report_output(validate(_apply(warning)), tmp_path).conforms is True
    assert "Warning" in (tmp_path / "validation.txt").read_text(encoding="utf-8")


def test_validate_sample_build_conforms(sample_build):
    """`kg build` on the sample validates its graph, writes the reports, and the graph conforms."""
    out = sample_build.out_dir
    text = (out / "validation.txt").read_text(encoding="utf-8")
    assert sample_build.conforms is True, text
    report = Graph().parse(out / "validation.ttl", format="turtle")
    assert (None, SH.conforms, None) in report
    assert isinstance(ID["country/AFG"], URIRef)


def test_validate_step_is_a_build_step_with_its_cache_name():
    """The step object keeps the name its cached per-document reports are stored under, and pickles to itself."""
    import pickle

    from kg.build.steps import BuildStep
    from kg.steps.validate import STEP

    assert isinstance(STEP, BuildStep) and STEP.name == "kg.steps.validate:corpus_step"
    assert pickle.loads(pickle.dumps(STEP)).name == STEP.name
