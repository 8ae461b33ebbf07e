"""Write a static linked-data site: one page per resource, laid out so that entity IRIs resolve.

Layout of DIR (hosted at --base-url, default https://w3id.org/unodc-kg/):
  id/<path>.html .ttl .jsonld   every resource whose IRI is https://w3id.org/unodc-kg/id/<path>
  class/<Class>.html            one index page per class
  index.html                    the dataset: counts, classes, documents, downloads
  kg.ttl kg.nq kg.jsonld        the whole dump: what `kg query` answers over (the data, the whole reference data and
                                the ontology), laid out as `kg push` sends it, each triple in one graph; a portal
                                loads kg.nq (union default graph) or kg.ttl; void.ttl (VoID/DCAT for this base URL)
                                with their byte sizes and checksums; context.jsonld
  dataset/<path>.html .ttl ...  the dataset, its partitions, distributions and named-graph descriptions
  ontology.html .ttl .jsonld    the vocabulary (every ontology#term is an anchor); shapes.* the SHACL shapes
  style.css, favicon.svg        the only other files a page loads
  .htaccess, nginx*.conf        content negotiation (kg/publish/site/rules.py) so that every IRI the graph mints
                                answers HTML, Turtle or JSON-LD by the Accept header; w3id.htaccess the
                                redirect of https://w3id.org/unodc-kg/ to --base-url
  robots.txt, sitemap.xml       for crawlers; every page carries its canonical URL, the licence and
                                a schema.org description as embedded JSON-LD (data, never executed)
Pages are plain HTML (Jinja2 with autoescape, kg/data/templates/page.html), every link to a page is relative, nothing
is loaded from outside the site and no JavaScript is used.  Text from the graph is always HTML-escaped.
The site is built in a temporary folder and swapped in whole; DIR must be empty or an earlier site.

Modules: graph (what pages are made of), fragments (parts of a resource page), pages (whole pages),
linked (vocabulary, named-graph and dataset pages, sitemaps), rules (server rules), paths (where a
resource lives on the site), render (the templates), writer (every file, staged and swapped in).
"""

from kg.publish.site.paths import page_path
from kg.publish.site.writer import DEFAULT_BASE_URL, MARKER, Site, check_base_url, check_endpoint, publish, write_site

__all__ = ["DEFAULT_BASE_URL", "MARKER", "Site", "check_base_url", "check_endpoint", "page_path", "publish", "write_site"]
