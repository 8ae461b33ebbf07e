"""The network as `kg network` and `kg build` make it: analyse (project, cut, measure, lay out), write the
four outputs (network.html, .graphml, .gexf, .png), and the build step (STEP).

In the build, each document's assertions are grouped by relation in its extraction worker (`map_document`),
and the network is projected from the shared graph and those groups, never from the whole graph.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from rdflib import Graph

from kg.build.steps import BuildStep, StepOutput
from kg.steps.network.formats import write_file, write_gexf, write_graphml
from kg.steps.network.layout import compute_layout
from kg.steps.network.measure import ego_network, measure
from kg.core.files import write_bytes
from kg.steps.network.memo import MEMO_NAME, analyse_remembered, remembered_png
from kg.steps.network.model import Network
from kg.steps.network.project import evidence_of, paragraph_keys, project, record_evidence
from kg.steps.network.render_html import html_bytes
from kg.steps.network.render_png import png_bytes


def analyse(
    graph: Graph,
    *,
    types=None,
    relations=None,
    min_weight: int = 0,
    document: str | None = None,
    ego: str | None = None,
    radius: int = 1,
    reference: bool = False,
    layout: bool = True,
    evidence: dict | None = None,
    paragraphs: dict | None = None,
) -> Network:
    """Project, filter, cut to an ego network if asked, then measure and lay out.

    evidence and paragraphs, when given, replace what is read from *graph* (see NetworkStep.run)."""
    g = project(graph, types=types, relations=relations, min_weight=min_weight, document=document, reference=reference,
                evidence=evidence, paragraphs=paragraphs)
    if ego:
        g = ego_network(g, ego, radius)
    communities = measure(g)
    pos = compute_layout(g, communities) if layout else {}
    for node, (x, y) in pos.items():
        g.nodes[node]["x"], g.nodes[node]["y"] = x, y
    return Network(g, communities, pos)



def write_outputs(network: Network, out_dir: Path, *, png: bool = True, lang: str = "en",
                  memo_dir: Path | None = None) -> list[Path]:
    """Write network.html, network.graphml, network.gexf and network.png into *out_dir*.

    memo_dir: a build's cache folder, where the elements of the XML files are recorded so that the next build
    copies the unchanged ones from them (kg.steps.network.reuse)."""
    from kg.core.files import ensure_dir, write_bytes

    out_dir = ensure_dir(Path(out_dir))
    memo = (lambda name: None) if memo_dir is None else (lambda name: Path(memo_dir) / f"{name}.json")  # noqa: E731
    paths = [
        write_bytes(out_dir / "network.html", html_bytes(network)),
        write_file(out_dir / "network.graphml", write_graphml, network.graph, memo("network.graphml")),  # streamed
        write_file(out_dir / "network.gexf", write_gexf, network.graph, memo("network.gexf")),
    ]
    if png:
        paths.append(write_bytes(out_dir / "network.png", png_bytes(network, lang=lang)))
    return paths


class NetworkStep(BuildStep):
    """The partnership network of the built graph (network.html, .graphml, .gexf, .png); checks nothing."""

    name = "kg.steps.network:corpus_step"

    def code(self) -> tuple[str, ...]:
        """The modules whose code shapes what map_document returns (they key the cache of parts)."""
        package = __name__.rpartition(".")[0]
        return tuple(f"{package}.{name}" for name in ("model", "project", "step"))

    def map_document(self, view) -> tuple[dict, dict]:
        """In the worker: the document's assertions grouped by relation, and the paragraphs they cite; paragraphs,
        documents, sentences and rules as plain strings (rdflib terms take long to unpickle when the merge reads
        every document's facts), each distinct one a single object (pickled once, read back once)."""
        if getattr(view, "records", None) is not None:
            grouped, keys = record_evidence(*view.records)
        else:
            grouped = evidence_of(view.graph, None)
            cited = {p for items in grouped.values() for p, *_ in items}
            found = paragraph_keys(view.graph)
            keys = {p: found[p] for p in cited if p in found}
        text: dict = {}  # one string object per distinct value: the pickle refers back to it instead of repeating it

        def one(x):
            if x is None:
                return None
            value = str(x)
            return text.setdefault(value, value)

        plain = {edge: [tuple(one(x) for x in item) for item in items] for edge, items in grouped.items()}
        return plain, {one(p): ((one(doc), order), name) for p, ((doc, order), name) in keys.items()}

    def run(self, result, corpus) -> StepOutput:
        """Write the four network outputs beside kg.ttl, from the shared graph and each document's assertions."""
        g = self._projected(corpus)  # the documents' evidence is freed once the network holds what it shows of it
        cache, code = getattr(corpus, "cache_dir", None), _memo_code()
        network = analyse_remembered(g, None if cache is None else Path(cache) / MEMO_NAME, code)
        paths = write_outputs(network, result.out_dir, png=False, memo_dir=cache)
        paths.append(write_bytes(Path(result.out_dir) / "network.png", remembered_png(network, cache, code)))
        return StepOutput(paths)


    def _projected(self, corpus):
        """The network of the shared graph with every document's evidence grouped by relation."""
        evidence, paragraphs = defaultdict(list), {}
        for grouped, keys in corpus.extras(self.name):
            for edge, items in grouped.items():
                evidence[edge].extend(items)
            paragraphs.update(keys)
        return project(corpus.shared_graph, evidence=evidence, paragraphs=paragraphs)


def _memo_code() -> str:
    """What the remembered analysis is valid for: this code, its data and networkx's version."""
    import networkx

    from kg.build.cache import code_fingerprint

    return f"{code_fingerprint()} networkx {networkx.__version__}"


STEP = NetworkStep()
