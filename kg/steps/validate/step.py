"""The validation step of `kg build`: each document validated in its extraction worker, the shared graph once.

`map_document` validates one document with the reference data it uses and keeps the failures of its own
nodes; `run` validates the shared graph (entities, relations and the reference data used), gives failing
entities the paragraph that states or mentions them, and merges the reports into what validating the whole
graph gives (tests/test_corpus.py).  It always writes validation.txt (readable report) and validation.ttl
(the SHACL validation report as Turtle, deterministic); a violation makes the step's verdict False, so
`kg build` exits 1 -- after kg.ttl and the reports are written, so the graph can still be inspected.
Warnings never fail the build.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from rdflib import URIRef

from kg.build.steps import BuildStep, StepOutput
from kg.core.namespaces import ID
from kg.steps.validate.render import WORDS, plural, write_reports
from kg.steps.validate.report import ValidationReport, merge_reports, restrict
from kg.steps.validate.run import validate
from kg.steps.validate.sources import Describer

log = logging.getLogger(__name__)

DOCUMENTS = str(ID) + "doc/"
ENGINE = "compiled"  # kg.steps.validate.compiled: pySHACL's report, about 4 times faster (tests/test_validate_compiled.py)


def in_a_document(term) -> bool:
    """True for a document IRI and the IRIs under it (paragraphs, mentions, assertions, quantities)."""
    return isinstance(term, URIRef) and term.startswith(DOCUMENTS)


def _not_in_a_document(term) -> bool:
    return not in_a_document(term)


def report_output(report: ValidationReport, out_dir: Path) -> StepOutput:
    """Write the build's validation.txt and validation.ttl for *report*; the verdict is whether it conforms."""
    from kg.build.outputs import final_path

    report.source_name = "kg.ttl"  # beside the report; no folder name, so the bytes do not depend on --out
    paths = write_reports(report, out_dir)
    if not report.conforms or report.warnings:
        w = WORDS["en"]
        counts = ", ".join(plural(report.count(s), w[s], "en") for s in ("Violation", "Warning") if report.count(s))
        log.warning("validation: %s (%s); see %s", w["conforms"] if report.conforms else w["fails"], counts,
                    final_path(paths[0]))
    return StepOutput(paths, report.conforms)


class ValidateStep(BuildStep):
    """SHACL validation of the built graph against ontology/shapes.ttl (validation.txt, validation.ttl)."""

    name = "kg.steps.validate:corpus_step"

    def code(self) -> tuple[str, ...]:
        """The modules whose code shapes the per-document reports (they key the cache of parts)."""
        package = __name__.rpartition(".")[0]
        return tuple(f"{package}.{name}" for name in
                     ("engine", "report", "sources", "run", "step", "index", "checks", "sparql", "compiled", "proofs"))

    def map_document(self, view) -> ValidationReport:
        """In the worker: validate one document with the reference data it uses; keep the failures of its own
        nodes (entities, shared across documents, are validated once, by `run`, on the merged shared graph)."""
        pieces = tuple(x for x in (view.ntriples, getattr(view, "reference_ntriples", b"")) if x)
        data = getattr(view, "light", None)
        return restrict(validate(view.graph if data is None else data, ntriples=pieces or None, engine=ENGINE,
                                 focus=view.owns), view.owns)

    def run(self, result, corpus) -> StepOutput:
        """The documents' reports (made in the workers) merged with a validation of the shared graph; writes
        the reports; the verdict is False on a violation."""
        shared = restrict(validate(corpus.shared_graph, engine=ENGINE, focus=_not_in_a_document),
                          _not_in_a_document)
        if shared.groups:
            _find_sources(shared, corpus)
        report = merge_reports([shared, *corpus.extras(self.name)])
        report.triples = corpus.triples
        return report_output(report, result.out_dir)


def _find_sources(report: ValidationReport, corpus) -> None:
    """Give failing entities the paragraph that states or mentions them, from the first document that does."""
    from kg.rdf.load import parse_ntriples

    loaded: dict = {}
    for group in report.groups:
        for i, f in enumerate(group.failures):
            if f.source is not None or not isinstance(f.node, URIRef):
                continue
            needle = f"<{f.node}>".encode()
            part = next((p for p in corpus.parts if str(f.node) in p.refs or needle in p.shared), None)
            if part is None:
                continue
            if part.key not in loaded:
                g = parse_ntriples(part.own_bytes() + b"".join(corpus.part_shared(part)))
                g += corpus.shared_graph
                loaded = {part.key: Describer(g)}  # one document at a time
            describe = loaded[part.key]
            source = describe.source(f.node, f.path if f.node == f.focus else None, f.value if f.node == f.focus else None)
            group.failures[i] = replace(f, source=source)


STEP = ValidateStep()
