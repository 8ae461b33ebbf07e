"""Readers of PDF, Word, HTML and UTF-16 text: the same paragraphs, numbers, footnotes and metadata as Markdown.

The PDF and Word fixtures in tests/data/readers/ are made from the Markdown beside them by
tests/readers_fixtures.py (run it to regenerate them); the sample report is converted by the tests.
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
import zipfile
from pathlib import Path

import pytest

from kg.cli import main as kg_main
from kg.core.errors import InputError
from kg.extract.ingest import parse_document, read_document, skipped_files
from kg.extract.segment import bounded_segments
from kg.extract.readers import READERS, read_bytes, reader_for

HERE = Path(__file__).resolve().parent


def needs_cjk_font() -> None:
    """Skip a test that makes a Chinese PDF when no TrueType Chinese font is installed (.ci/system-packages)."""
    from readers_fixtures import CJK_FONT

    if CJK_FONT is None:
        pytest.skip("no TrueType Chinese font to make PDF fixtures (apt-get install fonts-droid-fallback)")
READERS_DIR = HERE / "data" / "readers"
# a4.pdf and auto.docx are made by the tests: another page layout, and Word's automatic paragraph numbering
REPORTS = [f"report.{lang}.{fmt}" for lang in ("en", "zh") for fmt in ("pdf", "docx", "a4.pdf", "auto.docx")]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def numbered(doc):
    return {p.number: p for p in doc.paragraphs if p.kind == "numbered"}


def footnotes(doc):
    """mark → (text, number or kind of the paragraph carrying the mark)."""
    by_order = {p.order: p for p in doc.paragraphs}
    out = {}
    for p in doc.paragraphs:
        if p.kind == "footnote":
            owner = by_order.get(p.footnote_of)
            text = re.sub(r"^\*+\s*|^\d+\s+", "", p.text)
            out[p.number] = (squash(text), owner.number or owner.text[:20] if owner else None)
    return out


@pytest.fixture(scope="module")
def markdown_docs():
    return {lang: read_document(READERS_DIR / f"report.{lang}.md") for lang in ("en", "zh")}


def report(read_reports, name):
    """A read report; a Chinese PDF the tests could not make (no Chinese font) skips the test."""
    if name not in read_reports:
        needs_cjk_font()
    return read_reports[name]


@pytest.fixture(scope="module")
def read_reports():
    """The committed fixtures, and the same reports laid out on A4 in the Geneva style (another type size,
    9-point footnotes, job number with print dates and "Please recycle" on page 1, bare page numbers)."""
    from readers_fixtures import CJK_FONT, GENEVA, markdown_to_docx, markdown_to_pdf

    docs = {}
    for name in REPORTS:
        md = (READERS_DIR / f"report.{name.split('.')[1]}.md").read_text(encoding="utf-8")
        if name.endswith(".a4.pdf") and ".zh." in name and CJK_FONT is None:
            continue  # tests of it skip (see report())
        if name.endswith(".a4.pdf"):
            docs[name] = parse_document(name, markdown_to_pdf(md, "E/CN.7/2023/4", job="GE.23-00042", lang=name.split(".")[1], layout=GENEVA))
        elif name.endswith(".auto.docx"):
            docs[name] = parse_document(name, markdown_to_docx(md, "E/CN.7/2023/4", name.split(".")[1], auto_numbers=True))
        else:
            docs[name] = read_document(READERS_DIR / name)
    return docs


def test_readers_registry_pins_formats():
    assert sorted(READERS) == ["docx", "html", "markdown", "pdf", "text"]
    assert {s for r in READERS.values() for s in r.suffixes} == {".md", ".markdown", ".txt", ".text", ".pdf", ".docx", ".html", ".htm", ".xhtml"}


@pytest.mark.parametrize("name", REPORTS)
def test_readers_report_numbered_paragraphs_match_markdown(name, read_reports, markdown_docs):
    doc, md = report(read_reports, name), markdown_docs[name.split(".")[1]]
    got, want = numbered(doc), numbered(md)
    assert list(got) == list(want) == [str(i) for i in range(1, 9)]
    for number in want:
        assert squash(got[number].text) == squash(want[number].text), number


@pytest.mark.parametrize("name", REPORTS)
def test_readers_report_headings_match_markdown(name, read_reports, markdown_docs):
    doc, md = report(read_reports, name), markdown_docs[name.split(".")[1]]
    assert [squash(p.text) for p in doc.paragraphs if p.kind == "heading"] == [squash(p.text) for p in md.paragraphs if p.kind == "heading"]


@pytest.mark.parametrize("name", REPORTS)
def test_readers_report_footnotes_attach_to_the_paragraph_with_their_mark(name, read_reports, markdown_docs):
    doc, md = report(read_reports, name), markdown_docs[name.split(".")[1]]
    got, want = footnotes(doc), footnotes(md)
    assert got == want
    assert set(got) == {"*", "1", "2", "3"} and got["1"][1] == "1" and got["2"][1] == "3" and got["3"][1] == "7"


@pytest.mark.parametrize("name", REPORTS)
def test_readers_report_sub_paragraphs_join_their_paragraph(name, read_reports):
    p5 = numbered(report(read_reports, name))["5"]
    assert "(a)" in p5.text and "(b)" in p5.text


@pytest.mark.parametrize("name", [n for n in REPORTS if n.endswith(".pdf")])
@pytest.mark.parametrize("furniture", ["V.23-00042", "GE.23-00042", "*2300042*", "250122", "Please recycle", "2/3", "2/2", "3/3"])
def test_readers_pdf_drops_running_heads_and_feet(name, furniture, read_reports):
    doc = report(read_reports, name)
    assert furniture not in doc.text
    assert doc.text.count("E/CN.7/2023/4") == 1  # the masthead's, not the running heads'


@pytest.mark.parametrize("name", ["report.en.pdf", "report.en.a4.pdf"])
@pytest.mark.parametrize("word", ["alternative", "comprehensive", "difficult", "cooperative", "cooperation", "provinces"])
def test_readers_pdf_joins_words_hyphenated_at_line_ends(word, name, read_reports):
    text = report(read_reports, name).text
    assert re.search(rf"\b{word}\b", text)
    assert not re.search(r"\b(?:alternat|compre|diff|cooper|pro)-?\s(?:ive|hensive|icult|ative|ation|vinces)\b", text)


@pytest.mark.parametrize("layout", ["a5", "a4"])
def test_readers_pdf_fixtures_do_break_words_at_line_ends(layout):
    """The joining test above is not vacuous: PDFium sees words hyphenated at line ends in both layouts."""
    import pypdfium2
    from readers_fixtures import GENEVA, markdown_to_pdf

    md = (READERS_DIR / "report.en.md").read_text(encoding="utf-8")
    data = markdown_to_pdf(md, "E/CN.7/2023/4", layout=GENEVA) if layout == "a4" else (READERS_DIR / "report.en.pdf").read_bytes()
    pdf = pypdfium2.PdfDocument(data)
    raw = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert len(re.findall(r"[a-z]\ufffe\s*[a-z]", raw)) >= 3  # PDFium writes a hyphen at a line end as U+FFFE


def test_readers_pdf_keeps_hyphens_the_document_writes():
    text = read_document(READERS_DIR / "report.en.pdf").text
    assert "follow-up" in text and "post-harvest" in text and "multi-year" in text


@pytest.mark.parametrize("name", REPORTS + ["report.en.md", "report.zh.md"])
def test_readers_report_metadata_from_the_document(name, read_reports):
    doc = report(read_reports, name) if name in REPORTS else read_document(READERS_DIR / name)
    lang = name.split(".")[1]
    assert doc.lang == lang
    assert doc.date == "2023-01-09"
    assert doc.sessions == ["66"]
    assert doc.agenda_items == ["5"]
    assert doc.title == {"en": "Work of the United Nations Office on Drugs and Crime on alternative development",
                         "zh": "联合国毒品和犯罪问题办公室在替代发展方面的工作"}[lang]
    assert doc.format == {"md": "markdown"}.get(name.rsplit(".", 1)[1], name.rsplit(".", 1)[1])


def test_readers_sample_metadata(sample_doc):
    assert sample_doc.sessions == ["65", "31"] and sample_doc.agenda_items == ["4", "6", "8"]
    assert sample_doc.date is None  # the sample prints meeting dates, not its own date


# The sample report as PDF and as Word -----------------------------------------------------------------

SAMPLE_SYMBOL = "E/CN.7/2022/2-E/CN.15/2022/2"
NO_GLYPH = str.maketrans("", "", "〈〉")  # the fixture's Chinese font has no glyph for these two


@pytest.fixture(scope="module")
def sample_conversions(sample_path):
    from readers_fixtures import markdown_to_docx, markdown_to_pdf

    needs_cjk_font()
    md = sample_path.read_text(encoding="utf-8")
    return {
        "pdf": parse_document("sample.pdf", markdown_to_pdf(md, SAMPLE_SYMBOL, job="V.22-00123", lang="zh")),
        "docx": parse_document("sample.docx", markdown_to_docx(md, SAMPLE_SYMBOL, lang="zh")),
        "auto.docx": parse_document("sample.docx", markdown_to_docx(md, SAMPLE_SYMBOL, lang="zh", auto_numbers=True)),
    }


@pytest.mark.parametrize("fmt", ["pdf", "docx", "auto.docx"])
def test_readers_sample_converted_has_paragraphs_1_to_131(fmt, sample_conversions, sample_doc):
    doc = sample_conversions[fmt]
    got, want = numbered(doc), numbered(sample_doc)
    assert list(got) == [str(i) for i in range(1, 132)]
    for number, p in want.items():
        assert squash(got[number].text).translate(NO_GLYPH) == squash(p.text).translate(NO_GLYPH), number
    assert [squash(p.text) for p in doc.paragraphs if p.kind == "heading"] == [squash(p.text) for p in sample_doc.paragraphs if p.kind == "heading"]
    assert (doc.title, doc.lang, doc.sessions, doc.agenda_items) == (sample_doc.title, "zh", ["65", "31"], ["4", "6", "8"])


@pytest.mark.parametrize("fmt", ["pdf", "docx", "auto.docx"])
def test_readers_sample_converted_has_the_same_footnotes(fmt, sample_conversions, sample_doc):
    assert footnotes(sample_conversions[fmt]) == footnotes(sample_doc)


def _entities(doc, extraction):
    by_order = {p.order: p for p in doc.paragraphs}
    where = lambda order: by_order[order].number or by_order[order].kind
    return sorted({(str(m.entity), where(m.paragraph)) for m in extraction.mentions})


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "docx", "auto.docx"])
def test_readers_sample_converted_has_the_same_entities(fmt, sample_conversions, sample_doc, extractor):
    from kg.extract.ingest import complete

    doc = complete(sample_conversions[fmt])
    got = extractor.extract(doc)
    want = extractor.extract(sample_doc)
    assert _entities(doc, got) == _entities(sample_doc, want)
    assert {(r.subject, r.predicate, r.object) for r in got.relations} == {(r.subject, r.predicate, r.object) for r in want.relations}
    assert all(doc.text[m.start:m.end] == m.text for m in got.mentions)


@pytest.mark.parametrize("name", REPORTS)
def test_readers_report_has_the_entities_of_its_markdown(name, read_reports, markdown_docs, extractor):
    doc, md = report(read_reports, name), markdown_docs[name.split(".")[1]]
    got = extractor.extract(doc)
    assert _entities(doc, got) == _entities(md, extractor.extract(md))
    assert all(doc.text[m.start:m.end] == m.text for m in got.mentions)


# HTML -------------------------------------------------------------------------------------------------

HTML_ABSENT = {
    "unodc-news.html": ["Skip to main content", "About us", "Drug Trafficking", "Search UNODC", "Related news", "Contact us",
                        "All rights reserved", "dataLayer", "JSON-LD headline", "Google Tag Manager", "TODO", "enable JavaScript",
                        "font-family", "Home", "<"],
    "un-news.html": ["Cookie", "首页", "分享到微博", "标签", "最多阅读", "联合国秘书长呼吁停火", "关于我们", "_paq", "gtag", "<"],
}


@pytest.mark.parametrize("page,absent", [(page, s) for page, strings in HTML_ABSENT.items() for s in strings])
def test_readers_html_menus_scripts_comments_absent(page, absent):
    doc = read_document(READERS_DIR / page)
    assert absent not in doc.text.replace("<sup>", "").replace("</sup>", "")


@pytest.mark.parametrize("page", sorted(HTML_ABSENT))
def test_readers_html_keeps_the_main_text(page):
    doc = read_document(READERS_DIR / page)
    expected = (READERS_DIR / page.replace(".html", ".expected.txt")).read_text(encoding="utf-8").split("\n")
    text = squash(re.sub(r"<sup>(\d+)</sup>", r"\1", doc.text))
    for line in filter(None, expected):
        assert squash(line) in text, line


@pytest.mark.parametrize("page,title,lang,date,headings", [
    ("unodc-news.html", "UNODC supports alternative development in Colombia", "en", "2023-03-02",
     ["UNODC supports alternative development in Colombia", "What the programme provides", "Next steps"]),
    ("un-news.html", "毒品和犯罪问题办公室发布《2023年世界毒品报告》", "zh", "2023-06-26",
     ["毒品和犯罪问题办公室发布《2023年世界毒品报告》", "执行主任呼吁加强国际合作"]),
])
def test_readers_html_title_language_date_headings(page, title, lang, date, headings):
    doc = read_document(READERS_DIR / page)
    assert (doc.title, doc.lang, doc.date, doc.format) == (title, lang, date, "html")
    assert [p.text for p in doc.paragraphs if p.kind == "heading"] == headings


def test_readers_html_lists_and_unnumbered_paragraphs():
    doc = read_document(READERS_DIR / "unodc-news.html")
    kinds = [p.kind for p in doc.paragraphs]
    assert "front" not in kinds  # a news page has no UN header
    items = [p.text for p in doc.paragraphs if p.text.startswith("- ")]
    assert len(items) == 3 and items[0].startswith("- technical assistance")
    assert [p.number for p in doc.paragraphs if p.kind == "numbered"] == ["1", "2"]
    note = next(p for p in doc.paragraphs if p.kind == "footnote")
    assert "resolution 64/1" in next(p for p in doc.paragraphs if p.order == note.footnote_of).text


def test_readers_html_comment_before_doctype_is_sniffed_as_html():
    data = (READERS_DIR / "unodc-news.html").read_bytes()
    assert data.startswith(b"<!--")
    assert reader_for(Path("page.txt"), data).name == "html"


# Markdown and text: comments, unnumbered paragraphs, encodings ----------------------------------------

def test_readers_markdown_comment_never_becomes_the_title():
    text = "<!-- saved from the web -->\n## Commission on Narcotic Drugs\n## Resolution 64/1\n1. Decides to act.\n2. Requests a report.\n"
    doc = parse_document("r.md", text.encode())
    assert doc.title == "Commission on Narcotic Drugs"
    assert "saved from" not in doc.text
    assert [(p.kind, p.number) for p in doc.paragraphs] == [("heading", None), ("heading", None), ("numbered", "1"), ("numbered", "2")]


UNNUMBERED = "Vienna, 2 March 2023\n\nUNODC opened an office in Bogotá.\n\nThe office will serve the region.\n\nIt was funded by Sweden.\n"


def test_readers_unnumbered_paragraphs_are_paragraphs_in_order():
    doc = parse_document("n.txt", UNNUMBERED.encode())
    assert [(p.kind, p.order) for p in doc.paragraphs] == [("text", 1), ("text", 2), ("text", 3), ("text", 4)]


def test_readers_front_matter_only_where_a_header_is():
    text = "E/CN.7/2023/9\n\nCommission on Narcotic Drugs\n\nSixty-sixth session\n\n" + UNNUMBERED
    doc = parse_document("h.txt", text.encode())
    assert [p.kind for p in doc.paragraphs] == ["front", "front", "front", "text", "text", "text", "text"]
    assert doc.sessions == ["66"]


ENCODINGS = {  # name → (byte-order mark, codec)
    "utf-8-bom": (codecs.BOM_UTF8, "utf-8"),
    "utf-16-le-bom": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be-bom": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-16-le": (b"", "utf-16-le"),
    "utf-16-be": (b"", "utf-16-be"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_readers_text_encodings_read_like_utf8(encoding, lang):
    source = (READERS_DIR / f"report.{lang}.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    bom, codec = ENCODINGS[encoding]
    doc = parse_document(f"r.{encoding}.txt", bom + source.encode(codec))
    want = read_document(READERS_DIR / f"report.{lang}.md")
    assert doc.text == want.text
    assert [(p.kind, p.number, p.text) for p in doc.paragraphs] == [(p.kind, p.number, p.text) for p in want.paragraphs]


@pytest.mark.parametrize("name,data", [
    ("c.txt", b"1. UNODC\x07 assisted\x1b Afghanistan.\n"),
    ("c.html", b"<!DOCTYPE html><html><body><main><p>UNODC&#7; assisted\x1b Afghanistan.</p></main></body></html>"),
])
def test_readers_control_characters_never_reach_the_text(name, data, caplog):
    doc = parse_document(name, data)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", doc.text)
    assert "UNODC" in doc.text and "Afghanistan" in doc.text


@pytest.mark.parametrize("data,message", [
    (b"1. Text.\n" + b"x" * 9000 + b"\x00tail", "NUL byte at offset 9009"),
    ("1. Text.\n".encode("utf-16-le") + b"\x00\x00" + "more".encode("utf-16-le"), "NUL character"),
    (b"1. " + b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 2, "control characters"),
])
def test_readers_nul_and_binary_rejected_anywhere(data, message):
    with pytest.raises(InputError, match=re.escape(message)):
        read_bytes(Path("x.txt"), data)


# Bad files: one line, exit 2 ------------------------------------------------------------------------------

def _encrypted_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO((READERS_DIR / "report.en.pdf").read_bytes()))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    c.rect(50, 50, 300, 400, fill=1)
    c.showPage()
    c.save()
    return out.getvalue()


def _docx_with(document_xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO((READERS_DIR / "report.en.docx").read_bytes())) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, document_xml if item.filename == "word/document.xml" else src.read(item))
    return out.getvalue()


EMPTY_DOCX = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              "<w:body><w:p/></w:body></w:document>")

BAD_FILES = {
    "truncated.pdf": (lambda: (READERS_DIR / "report.en.pdf").read_bytes()[:1500], "not a readable PDF"),
    "encrypted.pdf": (_encrypted_pdf, "encrypted PDF"),
    "scanned.pdf": (_scanned_pdf, "without a text layer"),
    "empty.docx": (lambda: _docx_with(EMPTY_DOCX), "Word document holds no text"),
    "truncated.docx": (lambda: (READERS_DIR / "report.en.docx").read_bytes()[:2000], "not a readable Word document"),
    "renamed.docx": (lambda: b"just some text, not a Word file", "not a DOCX file"),
    "empty.html": (lambda: b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav><!-- nothing --><script>x()</script></body></html>",
                   "holds no text"),
    "old.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "save it as .docx"),
    "archive.zip": (lambda: b"PK\x03\x04" + b"\x00" * 100, "ZIP archive"),
    "comments.md": (lambda: b"<!-- only a comment -->\n", "only comments"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_readers_bad_file_one_line_exit_2(name, tmp_path, capsys):
    make, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(make())
    code = kg_main(["build", str(path), "--out", str(tmp_path / "out"), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and message in err


def test_readers_folder_build_names_skipped_files(tmp_path):
    (tmp_path / "a.md").write_text("1. UNODC assisted Afghanistan.\n", encoding="utf-8")
    (tmp_path / "table.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    skipped = {p.name: reason for p, reason in skipped_files([tmp_path])}
    assert set(skipped) == {"table.xlsx", "old.doc"}
    assert "save it as .docx" in skipped["old.doc"]


def test_readers_cli_build_of_a_pdf_and_its_summary(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "report.pdf").write_bytes((READERS_DIR / "report.en.pdf").read_bytes())
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")
    code = kg_main(["build", str(folder), "--out", str(tmp_path / "out"), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "kg build: 1 document(s)" in err and "skipped 1 file(s) of other types: " in err and "notes.xlsx" in err
    from rdflib import Graph, Literal
    from rdflib.namespace import DCTERMS, XSD

    g = Graph().parse(tmp_path / "out" / "kg.ttl")
    assert list(g.objects(None, DCTERMS.date)) == [Literal("2023-01-09", datatype=XSD.date)]


# Long paragraphs --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,limit", [
    ("One sentence here. " * 500, 1000),
    ("这是一个句子。" * 2000, 999),
    ("x" * 5000, 700),  # no sentence end, no space: cut anyway
])
def test_readers_bounded_segments_cover_the_paragraph(text, limit):
    pieces = list(bounded_segments(text, 0, len(text), limit))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(b - a <= limit for a, b in pieces) and all(a == b0 for (_, b0), (a, _) in itertools.pairwise(pieces))
    if "." in text or "。" in text:
        assert all(text[b - 1] in ".。 " for _, b in pieces[:-1])


def test_readers_long_paragraph_extracts_in_pieces_with_exact_offsets(monkeypatch):
    import kg.extract.segment
    from kg.extract.document import Extractor

    sentence = "In 2021, UNODC assisted the Government of Afghanistan and partners in Colombia. "
    doc = parse_document("long.txt", ("1. " + sentence * 60).encode(), "en")
    monkeypatch.setattr(kg.extract.segment, "SEGMENT_LIMIT", 500)
    out = Extractor().extract(doc)
    assert len(list(bounded_segments(doc.masked, doc.paragraphs[0].start, doc.paragraphs[0].end))) > 5
    names = [m for m in out.mentions if m.text == "Afghanistan"]
    assert len(names) == 60
    assert all(doc.text[m.start:m.end] == m.text for m in out.mentions)


def test_readers_html_without_headings_takes_its_declared_title():
    page = b"<!DOCTYPE html><html lang='en'><head><title>UNODC opens office | UNODC</title></head><body><main><p>UNODC opened an office in Bogota to assist Colombia.</p></main></body></html>"
    doc = parse_document("p.html", page)
    assert doc.title == "UNODC opens office"
    assert [p.kind for p in doc.paragraphs] == ["text"]


@pytest.mark.parametrize("lines,notes", [
    (["<sup>4</sup> See the report of the meeting held on", "15 and 16 March 2022, para. 3.", "5 Ibid."],
     ["<sup>4</sup> See the report of the meeting held on 15 and 16 March 2022, para. 3.", "<sup>5</sup> Ibid."]),
    (["\\* E/CN.7/2023/1.", "1 General Assembly resolution 76/188."], ["\\* E/CN.7/2023/1.", "<sup>1</sup> General Assembly resolution 76/188."]),
])
def test_readers_pdf_footnote_lines_starting_with_a_number_continue_their_note(lines, notes):
    from kg.extract.readers.pdf import Line, _notes

    assert _notes([Line(y=0.0, text=text) for text in lines]) == notes


def test_readers_html_in_utf16_reads_like_utf8():
    page = (READERS_DIR / "un-news.html").read_text(encoding="utf-8").replace('charset=utf-8', 'charset=utf-16')
    want = read_document(READERS_DIR / "un-news.html")
    doc = parse_document("un-news.html", codecs.BOM_UTF16_LE + page.encode("utf-16-le"))
    assert doc.text == want.text and doc.title == want.title


def test_readers_word_file_written_by_python_docx_with_a_table():
    import docx

    document = docx.Document()
    document.add_heading("Alternative development in Colombia", level=1)
    document.add_paragraph("1.\tUNODC assisted 4,000 families in Colombia.")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Department", (0, 1): "Families", (1, 0): "Cauca", (1, 1): "1,200"}.items():
        table.cell(row, col).text = text
    document.add_paragraph("2.\tThe programme is funded by the European Union.")
    out = io.BytesIO()
    document.save(out)
    doc = parse_document("made.docx", out.getvalue())
    assert [(p.kind, p.number) for p in doc.paragraphs if p.kind != "text"] == [("heading", None), ("numbered", "1"), ("numbered", "2")]
    assert doc.title == "Alternative development in Colombia"
    assert all(cell in doc.text for cell in ("Department", "Families", "Cauca", "1,200"))
    assert doc.text.index("Cauca") < doc.text.index("2. The programme")
