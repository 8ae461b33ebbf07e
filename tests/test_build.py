"""`kg build` through the real command line: outputs, determinism, atomicity, bad input."""

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg.core.files import write_bytes
from kg.core.namespaces import UNODC


def test_build_sample_graph_has_every_paragraph_with_span(sample_graph, sample_doc):
    numbered = {
        str(n): (int(s), int(e))
        for p in sample_graph.subjects(RDF.type, UNODC.Paragraph)
        for n in sample_graph.objects(p, UNODC.number)
        for s in sample_graph.objects(p, UNODC.start)
        for e in sample_graph.objects(p, UNODC.end)
    }
    assert set(numbered) == {str(i) for i in range(1, 132)}
    for p in sample_doc.paragraphs:
        if p.kind == "numbered":
            assert numbered[p.number] == (p.start, p.end)
    assert len(set(sample_graph.subjects(RDF.type, UNODC.FrontMatter))) >= 5
    assert len(set(sample_graph.subjects(RDF.type, UNODC.Footnote))) == 7


def test_build_sample_document_description(sample_graph):
    (doc,) = set(sample_graph.subjects(RDF.type, UNODC.Document))
    assert (doc, UNODC.symbol, Literal("E/CN.7/2022/1")) in sample_graph
    assert str(sample_graph.value(doc, UNODC.contentHash)).startswith("sha256:")
    assert str(sample_graph.value(doc, UNODC.language)) == "zh"


def test_build_twice_gives_identical_bytes(kg, tmp_path, sample_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert kg("build", str(sample_path), "--out", str(a)).returncode == 0
    assert kg("build", str(sample_path), "--out", str(b)).returncode == 0
    assert (a / "kg.ttl").read_bytes() == (b / "kg.ttl").read_bytes()


def test_build_default_corpus_and_out(kg, tmp_path):
    result = kg("build", "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    assert Graph().parse(tmp_path / "o" / "kg.ttl")


def test_files_atomic_write_leaves_old_file_on_failure(tmp_path):
    target = tmp_path / "kg.ttl"
    write_bytes(target, b"old")

    class Boom(Exception):
        pass

    from kg.core.files import atomic_open

    with pytest.raises(Boom):
        with atomic_open(target) as handle:
            handle.write(b"half-written")
            raise Boom
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


BAD_INPUTS = {
    "missing": (None, "no such file"),
    "empty": (b"", "empty"),
    "blank": (b"  \n\n", "empty"),
    "binary": (bytes(range(256)) * 4, "binary"),
    "latin1": ("Informe de la Oficina: año".encode("latin-1"), "not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_build_bad_input_fails_cleanly(kg, tmp_path, case):
    content, message = BAD_INPUTS[case]
    path = tmp_path / f"{case}.md"
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out"
    result = kg("build", str(path), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0]
    assert "Traceback" not in result.stderr
    assert not (out / "kg.ttl").exists()


def test_build_empty_directory_fails_cleanly(kg, tmp_path):
    result = kg("build", str(tmp_path), "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "holds no documents" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_build_unwritable_out_fails_cleanly(kg, tmp_path, sample_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = kg("build", str(sample_path), "--out", str(blocker / "out"))
    assert result.returncode == 2 and str(blocker / "out") in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_build_usage_error_exit_code(kg):
    result = kg("build", "--no-such-option")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_cli_help_lists_commands_with_examples(kg):
    result = kg("build", "--help")
    assert result.returncode == 0 and "example" in result.stdout


def test_graph_minted_entity_keeps_one_preferred_label_per_language(tmp_path):
    from rdflib import SKOS

    from kg.build.run import build
    from kg.steps import STANDARD

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("1. UNODC launched the Global Programme on Online Harms Prevention in 2022.\n", encoding="utf-8")
    b.write_text("1. The Global Programme On Online Harms Prevention grew in 2023.\n", encoding="utf-8")
    result = build([a, b], tmp_path / "out", steps=STANDARD)
    g = Graph().parse(result.out_dir / "kg.ttl")
    (entity,) = {s for s, o in g.subject_objects(SKOS.prefLabel) if "Online Harms" in str(o)}
    assert len(list(g.objects(entity, SKOS.prefLabel))) == 1
    assert len(list(g.objects(entity, SKOS.altLabel))) == 1


def test_build_in_process_leaves_the_garbage_collector_unfrozen(tmp_path):
    """`--jobs 1` extracts in the caller's process: the pipeline may be frozen and collections made rarer while it
    runs (fewer collector walks), but nothing the caller owns may stay frozen, nor the thresholds changed, afterwards."""
    import gc

    from kg.build.run import build

    a = tmp_path / "a.txt"
    a.write_text("1. UNODC supported Chile in 2022.\n", encoding="utf-8")
    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    build([a], tmp_path / "out", jobs=1, incremental=False)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds  # the worker's collection threshold is the caller's again
