"""HTML: the main content of a page (UNODC pages, UN News, resolutions on the web) with lxml.

The main content is the ``<main>`` element (or ``role="main"``), else the largest ``<article>``, else the
body; inside it scripts, styles, forms, navigation, asides, comments and page furniture (class, id or role
naming a menu, footer, sidebar, share bar … — ontology/readers.toml) are removed.  Headings become ``## ``
blocks, paragraphs and list items blocks (ordered items keep their number: "1. …", others "- …"),
superscript numbers footnote marks.  See docs/decisions/readers.md for why lxml and not a boilerplate library.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.core.errors import InputError
from kg.extract.readers import Reading
from kg.extract.readers.layout import mark_text

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "li", "dt", "dd", "figcaption", "caption", "blockquote", "pre", "td", "th", "tr", "table",
                     "ul", "ol", "dl", "div", "section", "article", "header", "footer", "main", "figure", "address",
                     "hr", "body", "center", "details", "summary", "fieldset", "legend"}
KEEP = {"html", "body", "main", "article"}


@lru_cache(maxsize=1)
def _cues() -> dict:
    import tomllib

    from kg.core.resources import ontology_dir

    with (ontology_dir() / "readers.toml").open("rb") as handle:
        cues = tomllib.load(handle)["html"]
    words = "|".join(re.escape(w) for w in sorted(cues["boilerplate"], key=len, reverse=True))
    cues["boilerplate_re"] = re.compile(rf"(?<![a-z])(?:{words})(?![a-z])", re.IGNORECASE)
    return cues


def _parse(data: bytes, path: Path | None):
    from lxml import etree, html

    from kg.extract.readers.text import sniff_encoding

    encoding, bom = sniff_encoding(data)
    try:
        if encoding != "utf-8" or bom:
            text = data[bom:].decode(encoding)
            text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
            return html.document_fromstring(text)
        return html.document_fromstring(data, parser=html.HTMLParser(encoding=_declared_charset(data)))
    except (etree.ParserError, ValueError, UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"{path}: not readable HTML ({exc})") from None


def _declared_charset(data: bytes) -> str:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def _furniture(el, cues) -> bool:
    if el.tag in KEEP:
        return False
    if el.tag in ("header", "footer") and not any(a.tag in ("article", "main") for a in el.iterancestors()):
        return True  # the site's banner and foot, not an article's own header
    label = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
    if label and cues["boilerplate_re"].search(label):
        return True
    return el.get("hidden") is not None or el.get("aria-hidden") == "true"


def _clean(root) -> None:
    """Remove comments, processing instructions, dropped elements and page furniture (their tails kept)."""
    from lxml import etree

    cues = _cues()
    drop = set(cues["drop"])
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments, processing instructions, entities
        elif el.tag in drop or _furniture(el, cues):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        if tail and tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
    etree.strip_elements(root, etree.Comment, with_tail=False)


def _main(root):
    """The element holding the page's own content."""
    for path in ("//main", "//*[@role='main']"):
        found = root.xpath(path)
        if found:
            return found[0]
    articles = root.xpath("//article")
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    body = root.find("body")
    return body if body is not None else root


def _inline(el, out: list[str]) -> None:
    """Text of an inline element and its inline children; <br> a line break, superscript numbers marks."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "br":
        out.append("\n")
    elif tag == "sup" and re.fullmatch(r"\s*(\d{1,3}|\*+)\s*", el.text_content() or ""):
        out.append(mark_text(el.text_content().strip()))
    elif tag not in BLOCKS or tag in ("td", "th"):
        out.append(el.text or "")
        for child in el:
            _inline(child, out)
            out.append(child.tail or "")


def _squash(parts: list[str]) -> str:
    text = "".join(parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _blocks(el, out: list[str], ordinal: list[int] | None = None) -> None:
    """Blocks of a container: its own text between block children is a block too."""
    tag = el.tag
    if tag in HEADINGS:
        text = " ".join(_squash(_collect(el)).split())
        if text:
            out.append("## " + text)
        return
    buffer: list[str] = [el.text or ""]
    start = 1
    if tag == "ol":
        try:
            start = int(el.get("start", "1"))
        except ValueError:
            start = 1
    number = start

    def flush(prefix: str = "") -> None:
        text = _squash(buffer)
        buffer.clear()
        if text:
            out.append(prefix + text)

    prefix = ""
    if tag == "li" and ordinal is not None:
        prefix = f"{ordinal[0]}. " if ordinal[0] else "- "
    for child in el:
        if isinstance(child.tag, str) and child.tag in BLOCKS and child.tag != "br":
            flush(prefix)
            prefix = ""
            if child.tag == "li":
                _blocks(child, out, [number if tag == "ol" else 0])
                number += 1
            else:
                _blocks(child, out)
            buffer.append(child.tail or "")
        else:
            _inline(child, buffer)
            buffer.append(child.tail or "")
    flush(prefix)


def _collect(el) -> list[str]:
    parts: list[str] = [el.text or ""]
    for child in el:
        _inline(child, parts)
        parts.append(child.tail or "")
    return parts


def _declared(root, main) -> dict:
    found = {}
    lang = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").lower()
    if lang.startswith("zh"):
        found["lang"] = "zh"
    elif lang.startswith("en"):
        found["lang"] = "en"
    h1 = main.xpath(".//h1") or root.xpath("//h1")
    if h1 and h1[0].text_content().strip():
        found["title"] = " ".join(h1[0].text_content().split())
    else:
        title = root.findtext(".//title") or ""
        title = re.split(r"\s+[|–—-]\s+", title.strip())[0]
        if title:
            found["title"] = title
    for name in _cues()["date_meta"]:
        meta = root.xpath("//meta[translate(@name,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')=$n or @property=$n]/@content", n=name)
        if meta and re.match(r"\d{4}-\d{2}-\d{2}", meta[0].strip()):
            found["date"] = meta[0].strip()[:10]
            break
    else:
        times = main.xpath(".//time/@datetime")
        if times and re.match(r"\d{4}-\d{2}-\d{2}", times[0].strip()):
            found["date"] = times[0].strip()[:10]
    return found


def read_html(data: bytes, path: Path | None = None) -> Reading:
    """Read an HTML page's main content into blocks: headings, paragraphs, list items, footnotes."""
    root = _parse(data, path)
    declared = _declared(root, _main(root))  # before furniture goes: <time> may sit in an article's header
    _clean(root)
    main = _main(root)
    out: list[str] = []
    _blocks(main, out)
    text = "\n\n".join(out)
    if not text.strip():
        raise InputError(f"{path}: HTML page holds no text in its main content")
    return Reading(text + "\n", "html", declared)
