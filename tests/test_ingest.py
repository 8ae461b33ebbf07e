"""Paragraph segmentation, footnotes, front matter, symbols and language detection."""

from kg.extract.header import find_symbols
from kg.extract.ingest import detect_language, parse_document
from kg.extract.markup import mask_markup


def test_ingest_sample_has_every_numbered_paragraph(sample_doc):
    numbers = [p.number for p in sample_doc.paragraphs if p.kind == "numbered"]
    assert numbers == [str(i) for i in range(1, 132)]


def test_ingest_sample_spans_point_at_printed_numbers(sample_doc):
    for p in sample_doc.paragraphs:
        if p.kind == "numbered":
            assert sample_doc.text[p.start:p.end].startswith(f"{p.number}.")
            assert p.text.startswith(f"{p.number}.")


def test_ingest_sample_front_matter_before_paragraph_one(sample_doc):
    first = next(p for p in sample_doc.paragraphs if p.number == "1")
    front = [p for p in sample_doc.paragraphs if p.kind == "front"]
    assert front and all(p.end < first.start for p in front)
    assert any("本报告概述" in p.text for p in front)


def test_ingest_sample_title_and_language(sample_doc):
    assert sample_doc.lang == "zh"
    assert sample_doc.title == "联合国毒品和犯罪问题办公室的活动"


def test_ingest_subparagraphs_join_their_paragraph(sample_doc):
    p130 = next(p for p in sample_doc.paragraphs if p.number == "130")
    assert "(a)" in p130.text and "(c)" in p130.text
    assert "(a)" not in next(p for p in sample_doc.paragraphs if p.number == "129").text


def test_ingest_footnotes_attach_to_the_paragraph_with_their_mark(sample_doc):
    by_order = {p.order: p for p in sample_doc.paragraphs}
    notes = {p.number: by_order[p.footnote_of] for p in sample_doc.paragraphs if p.kind == "footnote"}
    assert notes["1"].number == "2" and notes["2"].number == "2"
    assert notes["5"].kind == "numbered"
    assert "临时议程" in notes["*"].text and "临时议程" in notes["**"].text


def test_ingest_headings_are_not_paragraphs():
    doc = parse_document("x.md", "## 6. Alternative development\n\n1. First.\n\n## 2. Heading\n\n2. Second.\n".encode())
    kinds = [(p.kind, p.number) for p in doc.paragraphs]
    assert kinds == [("heading", None), ("numbered", "1"), ("heading", None), ("numbered", "2")]


def test_ingest_english_plain_text_with_wrapped_lines():
    text = (
        "Commission on Narcotic Drugs\nSixty-fifth session\n\n"
        "I. Introduction\n\n"
        "1. In 2021, UNODC assisted\nMember States in many ways.\n\n"
        "(a) first item;\n\n"
        "2. Second paragraph.\n"
    )
    doc = parse_document("r.txt", text.encode())
    assert doc.lang == "en"
    nums = [p for p in doc.paragraphs if p.kind == "numbered"]
    assert [p.number for p in nums] == ["1", "2"]
    assert nums[0].text == "1. In 2021, UNODC assisted\nMember States in many ways.\n(a) first item;"


def test_ingest_masking_keeps_offsets():
    text = "方案<sup>1</sup>和\\*公约\\*"
    masked = mask_markup(text)
    assert len(masked) == len(text)
    assert masked.index("和") == text.index("和") and "<" not in masked and "\\" not in masked


def test_ingest_symbols_found_and_split():
    text = "见 E/CN.7/2021/CRP.13-E/CN.15/2021/CRP.7 和 A/RES/76/181；网址 www.unodc.org/unodc/en/x.html；COVID-19/2021"
    assert find_symbols(text) == ["E/CN.7/2021/CRP.13", "E/CN.15/2021/CRP.7", "A/RES/76/181"]


def test_ingest_sample_symbols(sample_doc):
    assert sample_doc.symbols[:2] == ["E/CN.7/2022/1", "E/CN.15/2022/1"]


def test_ingest_language_detection():
    assert detect_language("联合国毒品和犯罪问题办公室 UNODC") == "zh"
    assert detect_language("The United Nations Office on Drugs and Crime (毒品和犯罪问题办公室)") == "en"
