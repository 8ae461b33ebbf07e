"""Server rules for a published site: content negotiation (Apache, nginx), w3id redirect, robots, sitemap.

Every IRI the graph mints, ``<base>id/<path>``, ``<base>dataset/<path>``, ``<base>ontology`` (the
document of every ``ontology#term``) and ``<base>shapes``, is a file stem with ``.html``, ``.ttl`` and
``.jsonld`` beside it.  A stem may also be a folder (``id/doc/<hash>`` holds its paragraphs), so the
rules map the extensionless path to a file *before* the server looks for a folder: Apache's
MultiViews would redirect ``id/doc/<hash>`` to ``id/doc/<hash>/`` first and answer 404.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.sax.saxutils import escape

# media type -> suffix, in the order a client's Accept header is tested (first match wins)
REPRESENTATIONS = (("text/turtle", ".ttl"), ("application/ld+json", ".jsonld"), ("text/html", ".html"))

HTACCESS = """# kg publish: <base>id/<path>, dataset/<path>, ontology and shapes answer HTML, Turtle or JSON-LD
# by the Accept header (Apache httpd 2.4 with mod_rewrite and mod_headers; AllowOverride FileInfo Options).
Options -MultiViews -Indexes
DirectorySlash Off
DirectoryIndex index.html
AddType text/html .html
AddType text/turtle .ttl
AddType application/n-quads .nq
AddType application/ld+json .jsonld
AddType application/xml .xml
AddCharset utf-8 .html .ttl .nq .jsonld .xml .txt
<IfModule mod_headers.c>
Header merge Vary Accept
</IfModule>
RewriteEngine On
RewriteCond %{HTTP_ACCEPT} text/turtle
RewriteCond %{REQUEST_FILENAME}.ttl -f
RewriteRule ^(.+)$ $1.ttl [L]
RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteCond %{REQUEST_FILENAME}.jsonld -f
RewriteRule ^(.+)$ $1.jsonld [L]
RewriteCond %{REQUEST_FILENAME}.html -f
RewriteRule ^(.+)$ $1.html [L]
RewriteCond %{REQUEST_FILENAME} -d
RewriteCond %{REQUEST_FILENAME}/index.html -f
RewriteRule ^(.+?)/?$ $1/index.html [L]
"""

NGINX_MAP = """# kg publish: content negotiation for nginx, part 1 of 2: include this file in the http {} block.
map $http_accept $kg_suffix {
    default                  ".html";
    "~*text/turtle"          ".ttl";
    "~*application/ld\\+json" ".jsonld";
}
"""

NGINX = """# kg publish: content negotiation for nginx, part 2 of 2: include this file in the server {{}} block that
# hosts the site, after replacing ROOT with the folder kg publish wrote (part 1: nginx-map.conf).
location {path} {{
    alias ROOT/;
    index index.html;
    types {{
        text/html html; text/turtle ttl; application/n-quads nq; application/ld+json jsonld;
        application/xml xml; text/plain txt; text/css css; image/svg+xml svg;
    }}
    charset utf-8;
    charset_types text/turtle application/n-quads application/ld+json application/xml text/plain text/css;
    add_header Vary Accept always;
    try_files $uri$kg_suffix $uri.html $uri $uri/index.html =404;
}}
"""

W3ID = """# w3id.org redirect for {prefix} (a pull request to github.com/perma-id/w3id.org puts this file at
# {prefix}/.htaccess).  Every IRI is sent, path kept, to the site published by kg publish, which
# answers HTML, Turtle or JSON-LD by content negotiation.
Options +FollowSymLinks
RewriteEngine on
RewriteRule ^(.*)$ {base_url}$1 [R=303,L]
"""


def nginx_conf(base_url: str) -> str:
    """The nginx location block for a site published at *base_url*."""
    path = urlsplit(base_url).path or "/"
    return NGINX.format(path=path if path.endswith("/") else path + "/")


def w3id_rules(base_url: str, namespace: str) -> str:
    """The w3id.org .htaccess that redirects *namespace* (e.g. https://w3id.org/unodc-kg/) to *base_url*."""
    prefix = urlsplit(namespace).path.strip("/") or "/"
    return W3ID.format(prefix=prefix, base_url=base_url)


def robots_txt(base_url: str) -> str:
    """Allow every crawler and point it at the sitemap."""
    return f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n"


def sitemap_xml(base_url: str, stems: list[str]) -> str:
    """A sitemap of the extensionless page URLs (each stem is a site path without suffix)."""
    rows = "".join(f"<url><loc>{escape(base_url + stem)}</loc></url>\n" for stem in stems)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + rows + "</urlset>\n")  # fmt: skip


def sitemap_index(base_url: str, names: list[str]) -> str:
    """A sitemap index pointing at the numbered sitemap files."""
    rows = "".join(f"<sitemap><loc>{escape(base_url + name)}</loc></sitemap>\n" for name in names)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + rows + "</sitemapindex>\n")  # fmt: skip
