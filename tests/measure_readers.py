"""Measure candidate PDF, Word and HTML libraries on the reader fixtures (docs/decisions/readers.md).

    python tests/measure_readers.py
    python tests/measure_readers.py --long 100000 900000 1800000   # extraction time of one long paragraph

Fidelity: difflib ratio between the library's text and the source text with all whitespace removed
(running heads, page numbers and footnote marks count against every library alike); time: best of 3.
"""

from __future__ import annotations

import difflib
import io
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from readers_fixtures import READERS, markdown_to_docx, markdown_to_pdf

SAMPLE = HERE.parent / "corpus" / "unodc-ed-report-2022.zh.md"


def plain(md: str) -> str:
    md = re.sub(r"<sup>\s*\d+\s*</sup>|\\|^#+\s", "", md, flags=re.MULTILINE)
    return re.sub(r"\s+", "", md)


def ratio(got: str, want: str) -> float:
    return difflib.SequenceMatcher(None, re.sub(r"\s+", "", got), want, autojunk=False).ratio()


def best(fn, data, n=3):
    times, out = [], None
    for _ in range(n):
        t = time.perf_counter()
        out = fn(data)
        times.append(time.perf_counter() - t)
    return out, min(times)


def pdf_pypdf(data):
    import pypdf

    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_pdfminer(data):
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def pdf_pdfminer_chars(data):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar

    out = []

    def walk(obj):
        for child in obj:
            if isinstance(child, LTChar):
                out.append(child.get_text())
            elif hasattr(child, "__iter__"):
                walk(child)

    for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
        walk(page)
    return "".join(out)


def pdf_pdfplumber(data):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def pdf_pdfplumber_words(data):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(" ".join(w["text"] for w in p.extract_words(extra_attrs=["size", "fontname"])) for p in pdf.pages)


def pdf_pypdfium2(data):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return "\n".join(doc[i].get_textpage().get_text_bounded() for i in range(len(doc)))
    finally:
        doc.close()


def docx_python_docx(data):
    import docx

    d = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in d.paragraphs)


def docx_docx2python(data):
    from docx2python import docx2python

    with docx2python(io.BytesIO(data)) as d:
        return d.text


def html_trafilatura(data):
    import trafilatura

    return trafilatura.extract(data.decode("utf-8"), include_formatting=True, output_format="markdown", favor_recall=True) or ""


def html_readability(data):
    from lxml import html
    from readability import Document

    return html.fromstring(Document(data.decode("utf-8")).summary()).text_content()


def html_justext(data):
    import justext

    return "\n".join(p.text for p in justext.justext(data, justext.get_stoplist("English")) if not p.is_boilerplate)


def html_lxml_main(data):
    from kg.extract.readers.html import read_html

    return read_html(data).text


def html_selectolax(data):
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(data)
    for node in tree.css("script, style, nav, header, footer, aside, form"):
        node.decompose()
    main = tree.css_first("main") or tree.css_first("article") or tree.body
    return main.text(separator="\n")


def main() -> None:
    cases = {}
    for name in ("report.en.md", "report.zh.md"):
        md = (READERS / name).read_text(encoding="utf-8")
        cases[name] = (md, markdown_to_pdf(md, "E/CN.7/2023/4", lang=name.split(".")[1]), markdown_to_docx(md, "E/CN.7/2023/4"))
    md = SAMPLE.read_text(encoding="utf-8")
    cases["sample (zh, 60 KB)"] = (md, markdown_to_pdf(md, "E/CN.7/2022/2-E/CN.15/2022/2", lang="zh"), markdown_to_docx(md, "E/CN.7/2022/2"))
    print("| library | input | pages | fidelity | time (ms) |")
    print("|---|---|---|---|---|")
    for lib, fn in (("pypdf", pdf_pypdf), ("pdfminer.six (extract_text)", pdf_pdfminer), ("pdfminer.six (chars, LAParams)", pdf_pdfminer_chars),
                    ("pdfplumber (extract_text)", pdf_pdfplumber), ("pdfplumber (words+size+font)", pdf_pdfplumber_words), ("pypdfium2", pdf_pypdfium2)):
        for case, (md, pdf, _) in cases.items():
            text, t = best(fn, pdf, 1 if "sample" in case else 3)
            import pypdf

            pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
            print(f"| {lib} | {case} PDF | {pages} | {ratio(text, plain(md)):.3f} | {t * 1000:.0f} |")
    for lib, fn in (("python-docx", docx_python_docx), ("docx2python", docx_docx2python)):
        for case, (md, _, dx) in cases.items():
            try:
                text, t = best(fn, dx)
            except Exception as exc:  # noqa: BLE001 - a candidate that fails is a measurement too
                print(f"| {lib} | {case} DOCX | - | error {type(exc).__name__}: {exc} | - |")
                continue
            print(f"| {lib} | {case} DOCX | - | {ratio(text, plain(md)):.3f} | {t * 1000:.0f} |")
    if True:
        for page in ("unodc-news.html", "un-news.html"):
            data = (READERS / page).read_bytes()
            expected = plain((READERS / page.replace(".html", ".expected.txt")).read_text(encoding="utf-8"))
            for lib, fn in (("trafilatura", html_trafilatura), ("readability-lxml", html_readability), ("jusText", html_justext),
                            ("selectolax (main/article)", html_selectolax), ("lxml (kg.extract.readers.html)", html_lxml_main)):
                try:
                    text, t = best(fn, data)
                except Exception as exc:  # noqa: BLE001 - a candidate that fails is a measurement too
                    print(f"| {lib} | {page} | - | error {type(exc).__name__} | - |")
                    continue
                print(f"| {lib} | {page} | - | {ratio(text, expected):.3f} | {t * 1000:.1f} |")


def long_paragraph(sizes: list[int]) -> None:
    """Time Extractor.extract on one English paragraph of *size* characters (pipeline loaded first)."""
    from kg.extract.document import Extractor
    from kg.extract.ingest import parse_document

    extractor = Extractor()
    sentence = ("In 2021, UNODC assisted the Government of Afghanistan and partners in Colombia under the Global "
                "Programme on alternative development, with 120 experts trained. ")
    extractor.extract(parse_document("warm.txt", ("1. " + sentence).encode(), "en"))
    print("| characters | mentions | seconds | characters/s |")
    print("|---|---|---|---|")
    for size in sizes:
        doc = parse_document("long.txt", ("1. " + sentence * (size // len(sentence))).encode(), "en")
        t = time.perf_counter()
        out = extractor.extract(doc)
        took = time.perf_counter() - t
        print(f"| {size:,} | {len(out.mentions):,} | {took:.1f} | {size / took:,.0f} |", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--long"]:
        long_paragraph([int(n) for n in sys.argv[2:]])
    else:
        main()
