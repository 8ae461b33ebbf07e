"""Write the site: every file it holds, built in a staging folder and swapped in whole."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph

from kg import __version__
from kg.core.errors import InputError
from kg.core.namespaces import BASE
from kg.core.resources import ontology_dir, templates_dir
from kg.publish.export import jsonld_bytes, jsonld_context, load_dataset, portal_dataset
from kg.publish.site.fragments import Fragments
from kg.publish.site.graph import SiteGraph
from kg.publish.site.linked import LinkedDataPages
from kg.publish.site.pages import Pages
from kg.publish.site.paths import class_path, page_path
from kg.publish.site.rules import HTACCESS, NGINX_MAP, nginx_conf, robots_txt, w3id_rules
from kg.rdf.serialize import turtle_bytes

TEMPLATES = templates_dir()
MARKER = ".kg-publish"
DEFAULT_BASE_URL = BASE


@dataclass
class Site(Pages, LinkedDataPages, Fragments, SiteGraph):
    """A site: its graph, page parts, pages and linked-data pages; files() lists every file it holds."""

    def files(self):
        """Every (site path, bytes) of the site."""
        yield "style.css", (TEMPLATES / "style.css").read_bytes()
        yield "favicon.svg", (TEMPLATES / "favicon.svg").read_bytes()
        yield ".htaccess", HTACCESS.encode("utf-8")
        yield "nginx-map.conf", NGINX_MAP.encode("utf-8")
        yield "nginx.conf", nginx_conf(self.base_url).encode("utf-8")
        yield "w3id.htaccess", w3id_rules(self.base_url, BASE).encode("utf-8")
        yield "robots.txt", robots_txt(self.base_url).encode("utf-8")
        yield MARKER, f"kg publish {__version__}\n".encode("utf-8")
        for name, filename, title in (("ontology", "unodc.ttl", "UNODC knowledge-graph ontology"), ("shapes", "shapes.ttl", "SHACL shapes")):
            source = (ontology_dir() / filename).read_bytes()
            graph = Graph().parse(data=source.decode("utf-8"), format="turtle")
            yield f"{name}.html", self.vocabulary_page(name, graph, title)
            yield f"{name}.ttl", source
            yield f"{name}.jsonld", jsonld_bytes(to_canonical_graph(graph))  # blank nodes (lists) labelled by content
        for name in self.graph_names():
            page, content = self.graph_page(name)
            yield page_path(name) + ".html", page
            yield page_path(name) + ".ttl", turtle_bytes(content)
            yield page_path(name) + ".jsonld", jsonld_bytes(content)
        yield from self.dataset_files()
        yield from self.sitemaps()
        yield "index.html", self.index_page()
        yield from sorted(self.dumps.items())
        yield "void.ttl", turtle_bytes(self.description)
        yield "context.jsonld", (json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        for cls in sorted(self.by_class):
            yield class_path(cls) + ".html", self.class_page(cls)
        for iri in self.resources:
            path = page_path(iri)
            yield path + ".html", self.resource_page(iri)
            g = self.resource_graph(iri)
            yield path + ".ttl", turtle_bytes(g)
            yield path + ".jsonld", jsonld_bytes(g)


def check_base_url(url: str) -> str:
    """An http(s) base URL ending in '/'."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise InputError(f"--base-url {url!r} must be an http(s) URL without query or fragment, e.g. https://w3id.org/unodc-kg/")
    bad = re.search(r'[\x00-\x20<>"{}|^`\\\x7f]', url)
    if bad:  # the IRIs of every page start with it; RDF forbids these characters in an IRI
        what = "a space" if bad.group() == " " else f"the character {bad.group()!r}"
        raise InputError(f"--base-url {url!r} contains {what}; percent-encode it (a space is %20)")
    return url if url.endswith("/") else url + "/"

def write_site(dataset: Dataset, out_dir: Path, base_url: str = DEFAULT_BASE_URL, endpoint: str | None = None,
               vocabulary: bool = True) -> int:
    """Write the site to *out_dir* (swapped in whole); return the number of files.

    With *vocabulary* (the default) the site is made of what `kg query` answers over, laid out as `kg push` sends
    it (kg.publish.export.portal_dataset): its dumps carry the ontology and the whole reference data, and every
    reference entity has its page.  Without, it holds *dataset* as given."""
    base_url = check_base_url(base_url)
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).is_file())):
        raise InputError(f"{out_dir}: not empty and not a kg publish site; choose an empty or new folder")
    if vocabulary:
        dataset = portal_dataset(dataset)
    try:
        return _write_staged(dataset, out_dir, base_url, endpoint)
    except OSError as exc:  # disk full, read-only filesystem, a mount point: the old site stays as it was
        raise InputError(f"{out_dir}: cannot write the site ({exc.strerror or exc})") from None

def _write_staged(dataset: Dataset, out_dir: Path, base_url: str, endpoint: str | None) -> int:
    """Write the site into a staging folder beside *out_dir*, then swap it in."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    count, old = 0, None
    try:
        for rel, data in Site(dataset, base_url, endpoint).files():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
        for path in [staging, *staging.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        if old is not None and old.exists() and not out_dir.exists():
            os.replace(old, out_dir)  # the new site could not take its place: the old one goes back
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count

def publish(data: Path | None, out_dir: Path, base_url: str = DEFAULT_BASE_URL, endpoint: str | None = None) -> int:
    """Read --data and write the site (the library side of `kg publish`)."""
    check_base_url(base_url)
    if endpoint is not None:
        check_endpoint(endpoint)
    return write_site(load_dataset(data), out_dir, base_url, endpoint)

def check_endpoint(url: str) -> str:
    """An absolute http(s) URL for the public SPARQL endpoint."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment:
        raise InputError(f"--endpoint {url!r} must be an http(s) URL, e.g. https://example.org/sparql")
    return url

