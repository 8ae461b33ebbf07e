"""An OWL 2 DL reasoner (HermiT, through owlready2) accepts the ontology with the sample graph."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Graph

from kg.core.resources import ontology_dir

owlready2 = pytest.importorskip("owlready2", reason="owlready2 (test extra) brings the HermiT reasoner")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime (.ci/system-packages installs one)"),
]


def _hermit(graph: Graph, tmp_path) -> str:
    """Run HermiT on a graph; return 'consistent' or the reasoner's complaint."""
    path = tmp_path / "all.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load(format="ntriples")
    try:
        with onto:
            owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return "inconsistent"
    except owlready2.OwlReadyJavaError as exc:
        return f"rejected: {str(exc).splitlines()[0] if str(exc) else exc!r}"
    return "consistent"


def test_owl_dl_reasoner_accepts_ontology_and_sample_graph(sample_build, tmp_path):
    graph = Graph().parse(ontology_dir() / "unodc.ttl", format="turtle")
    graph.parse(sample_build.out_dir / "kg.ttl", format="turtle")
    assert _hermit(graph, tmp_path) == "consistent"


def test_owl_dl_reasoner_finds_a_planted_inconsistency(sample_build, tmp_path):
    """The check can fail: a language-tagged year breaks the integer range of unodc:year."""
    graph = Graph().parse(ontology_dir() / "unodc.ttl", format="turtle")
    graph.parse(sample_build.out_dir / "kg.ttl", format="turtle")
    bad = Graph().parse(data="""
        @prefix unodc: <https://w3id.org/unodc-kg/ontology#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/unodc-kg/id/test/x> unodc:year "1999"@en .
    """, format="turtle")
    assert _hermit(graph + bad, tmp_path) != "consistent"
