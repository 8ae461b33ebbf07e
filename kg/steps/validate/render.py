"""The validation report rendered for people (text, per language), for programs (JSON) and as SHACL (Turtle).

The readable report groups results by shape: severity, name, message, and each failing node with its label
and the paragraph it comes from (kg.steps.validate.sources).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from rdflib import Literal, URIRef

from kg.core.files import write_bytes, write_text
from kg.core.resources import templates_dir
from kg.steps.validate.report import Source, ValidationReport
from kg.steps.validate.sources import pick, short_iri

FORMATS = ("text", "json", "ttl")


def _report_words() -> dict:
    """Words of the readable report per language (kg/data/templates/report-words.toml); pairs as (singular, plural)."""
    with (templates_dir() / "report-words.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return {lang: {key: tuple(value) if isinstance(value, list) else value for key, value in words.items()}
            for lang, words in table.items()}


WORDS = _report_words()


def render_text(report: ValidationReport, lang: str = "en") -> str:
    """Readable report: per shape, severity, name, message, and each failing node with its source."""
    w = WORDS[lang]
    status = w["conforms"] if report.conforms else w["fails"]
    counts = ", ".join(
        plural(report.count(sev), w[sev], lang) for sev in ("Violation", "Warning", "Info") if report.count(sev)
    )
    head = f"{report.source_name + ': ' if report.source_name else ''}{status}"
    head += f" ({counts})" if counts else ""
    lines = [head, f"{report.triples:,} {w['triples']}, {report.shapes} {w['shapes']}, {w['inference']}: {report.inference}"]
    for group in report.groups:
        lines.append("")
        lines.append(
            f"{group.severity} · {pick(group.labels, lang)} · {short_iri(group.shape)} · {plural(group.nodes, w['node'], lang)}"
        )
        shared = group.message(lang)
        if shared:
            lines.append(f"  {shared}")
        for failure in group.failures:
            lines.append(f"  - {pick(failure.labels, lang)}  {short_iri(failure.node)}")
            if not shared and failure.messages:
                lines.append(f"      {pick(failure.messages, lang)}")
            if failure.value is not None and failure.value != failure.node:
                shown = pick(failure.value_labels, lang) if failure.value_labels else str(failure.value)
                extra = f"  {short_iri(failure.value)}" if isinstance(failure.value, URIRef) else ""
                path = f"{short_iri(failure.path)} " if isinstance(failure.path, URIRef) else ""
                lines.append(f"      {path}{w['value']}: {shown}{extra}")
            lines.append(f"      {w['from']}: {_source_text(failure.source, lang)}")
    return "\n".join(lines) + "\n"


def _source_text(source: Source | None, lang: str) -> str:
    w = WORDS[lang]
    if source is None:
        return w["no_source"]
    where = w[source.kind].format(source.number)
    title = pick(source.titles, lang)
    doc = f" {w['of']} {w['quote'].format(title)}" if title and lang == "en" else (w["quote"].format(title) if title else "")
    where = f"{where}{doc}" if lang == "en" else f"{doc}{where}"
    excerpt = f": {source.excerpt}" if source.excerpt else ""
    return f"{where}  {short_iri(source.paragraph)}{excerpt}"


def plural(n: int, words: tuple, lang: str) -> str:
    """"3 violations", "1 violation"; in Chinese the count and the measure word."""
    if lang == "zh":
        return f"{n}{words[0]}"
    return f"{n} {words[0] if n == 1 else words[1]}"


def render_json(report: ValidationReport, lang: str = "en") -> str:
    """The report as JSON: conformance, counts, and per shape its failing nodes with labels and sources."""

    def term(node):
        if node is None:
            return None
        return str(node) if not isinstance(node, Literal) else {"literal": str(node), "datatype": str(node.datatype or "") or None, "lang": node.language}

    def source(src: Source | None):
        if src is None:
            return None
        return {
            "paragraph": str(src.paragraph),
            "kind": src.kind,
            "number": src.number,
            "document": str(src.document) if src.document is not None else None,
            "title": pick(src.titles, lang) or None,
            "excerpt": src.excerpt,
        }

    data = {
        "conforms": report.conforms,
        "violations": report.violations,
        "warnings": report.warnings,
        "triples": report.triples,
        "inference": report.inference,
        "shapes": [
            {
                "shape": str(g.shape),
                "severity": g.severity,
                "name": pick(g.labels, lang),
                "nodes": g.nodes,
                "results": [
                    {
                        "node": str(f.node),
                        "label": pick(f.labels, lang),
                        "focus": term(f.focus),
                        "path": term(f.path),
                        "value": term(f.value),
                        "component": f.component,
                        "message": pick(f.messages, lang),
                        "source": source(f.source),
                    }
                    for f in g.failures
                ],
            }
            for g in report.groups
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def render(report: ValidationReport, fmt: str = "text", lang: str = "en") -> str:
    """Render the report as text, json or ttl."""
    if fmt == "ttl":
        return report.turtle().decode("utf-8")
    if fmt == "json":
        return render_json(report, lang)
    return render_text(report, lang)



def write_reports(report: ValidationReport, out_dir: Path) -> list[Path]:
    """Write out_dir/validation.txt (readable, English) and out_dir/validation.ttl (SHACL report)."""
    return [
        write_text(Path(out_dir) / "validation.txt", render_text(report, "en")),
        write_bytes(Path(out_dir) / "validation.ttl", report.turtle()),
    ]

