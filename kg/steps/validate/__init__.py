"""Validate the graph against ontology/shapes.ttl and report, in plain words, what is wrong and where.

engine   the shapes, the class tree, the view of the data pySHACL reads (SHACL-SPARQL on Oxigraph)
compiled the shapes compiled once into checks (checks, sparql) over an index of the data (index): pySHACL's
         report, several times faster; `kg build` validates with it
report   the report model: failures grouped by shape, the SHACL report graph, restrict and merge
sources  labels and source paragraphs of failing nodes
run      validate a graph or a file (engine "pyshacl", the default, or "compiled")
render   the report as text (en, zh), JSON or Turtle; validation.txt and validation.ttl
step     the `kg build` step (STEP)
"""

from __future__ import annotations

from kg.steps.validate.engine import SH, SHAPES_NS, class_hierarchy, shapes_graph, shapes_path
from kg.steps.validate.render import FORMATS, render, render_json, render_text, write_reports
from kg.steps.validate.report import Failure, ShapeGroup, Source, ValidationReport, merge_reports, restrict
from kg.steps.validate.run import DEFAULT_GRAPH, INFERENCE, validate, validate_file
from kg.steps.validate.sources import LANGS
from kg.steps.validate.step import STEP, ValidateStep, in_a_document




__all__ = [
    "DEFAULT_GRAPH", "FORMATS", "INFERENCE", "LANGS", "SH", "SHAPES_NS", "STEP",
    "Failure", "ShapeGroup", "Source", "ValidateStep", "ValidationReport",
    "class_hierarchy", "in_a_document", "merge_reports", "render", "render_json", "render_text",
    "restrict", "shapes_graph", "shapes_path", "validate", "validate_file", "write_reports",
]  # fmt: skip
