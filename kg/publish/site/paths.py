"""Where a resource lives on the site, and how terms and numbers are shown: the helpers every page uses."""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import quote

from rdflib import Graph, URIRef

from kg.core.namespaces import DATASET, ID, bind_prefixes
from kg.rdf.terms import short_iri

SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9._~-]+$")


def esc(text) -> str:
    """HTML-escape any text from the graph, quotes included."""
    return html.escape(str(text), quote=True)


def page_path(iri: URIRef) -> str | None:
    """Site path (without suffix) of a resource under the id/ or dataset/ space: 'id/convention/untoc'; None outside."""
    for space, folder in ((str(ID), "id/"), (str(DATASET), "dataset/")):
        if iri.startswith(space) and iri != URIRef(space):
            segments = str(iri)[len(space) :].split("/")
            if any(s in ("", ".", "..") for s in segments) or "#" in iri:
                return None
            return folder + "/".join(s if SAFE_SEGMENT.match(s) else quote(s, safe="") for s in segments)
    return None


def number(value) -> str:
    """A quantity's value for reading: 61 rather than 61.0, 1.5 as is."""
    try:
        as_float = float(str(value))
    except (TypeError, ValueError):
        return str(value)
    return str(int(as_float)) if as_float.is_integer() and abs(as_float) < 1e15 else str(value)


def class_path(cls: URIRef) -> str:
    """Site path of a class index page."""
    return "class/" + quote(compact(cls).replace(":", "-"), safe="")


def compact(term: URIRef) -> str:
    """A prefixed name for display ('unodc:serves'), or the full IRI."""
    return short_iri(term, NAMESPACES)


NAMESPACES = {p: str(ns) for p, ns in bind_prefixes(Graph()).namespaces() if p}  # the project's and rdflib's prefixes


def relative(from_page: str, to_page: str) -> str:
    """Relative href from one site file to another (both paths from the site root)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
