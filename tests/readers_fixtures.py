"""Make UN-style PDF and Word files from Markdown written in the sample's dialect (test fixtures).

    python tests/readers_fixtures.py      # regenerate tests/data/readers/*.pdf, *.docx from the *.md beside them

The PDF is laid out like a document of the United Nations: A5 pages, the symbol as a running head from
page 2, a page number and the job number ("V.23-00042") at the foot, numbered paragraphs, bold headings
one point larger than the text, footnote marks raised and small, footnotes at the bottom of the page that
carries their mark under a short rule, English words hyphenated at line ends, Chinese set in an embedded
TrueType subset (Droid Sans Fallback; headings in the same face named SimHei, as Chinese UN documents set them).  The Word file keeps the printed numbers as text followed by a tab,
headings in "Heading 1/2" styles and footnotes in word/footnotes.xml, as the UN's Word documents do.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
READERS = HERE / "data" / "readers"
# TrueType Chinese fonts reportlab can embed (CFF-outline fonts such as Noto Sans CJK it cannot); Debian
# packages fonts-droid-fallback, fonts-wqy-microhei, fonts-arphic-uming.
CJK_FONTS = (
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
)
CJK_FONT = next((p for p in CJK_FONTS if p.is_file()), None)

PAGE_W, PAGE_H = 420.0, 595.0  # A5 points
LEFT, RIGHT, TOP, BOTTOM = 50.0, 370.0, 545.0, 60.0
BODY, HEAD, NOTE, SUP = 10.0, 11.0, 8.0, 6.0
LEADING, NOTE_LEADING = 13.0, 10.0
INDENT = 22.0  # paragraph text after the printed number

@dataclass(frozen=True)
class Layout:
    """Page geometry and type sizes; the defaults are the A5 layout of the committed fixtures."""

    page_w: float = PAGE_W
    page_h: float = PAGE_H
    left: float = LEFT
    right: float = RIGHT
    top: float = TOP
    bottom: float = BOTTOM
    body: float = BODY
    head: float = HEAD
    note: float = NOTE
    sup: float = SUP
    leading: float = LEADING
    note_leading: float = NOTE_LEADING
    indent: float = INDENT
    geneva_footer: bool = False  # job number and print dates on page 1, page number alone on the others


# A4 in the Geneva style: 11-point text, 9-point footnotes, "GE.22-01234 (E)  250122  260122" on page 1.
GENEVA = Layout(page_w=595.0, page_h=842.0, left=72.0, right=523.0, top=770.0, bottom=80.0, body=11.0, head=12.0,
                note=9.0, sup=6.5, leading=14.0, note_leading=11.0, indent=36.0, geneva_footer=True)


MARK_RE = re.compile(r"<sup>\s*(\d+)\s*</sup>|((?:\\\*)+)")
NOTE_DEF_RE = re.compile(r"^(?:<sup>\s*(\d+)\s*</sup>|((?:\\\*)+))\s*")
NUMBER_RE = re.compile(r"^(\d{1,3}\.|\([a-z]{1,2}\))\s+")


@dataclass
class Block:
    """One block of the Markdown: kind heading, subheading or text; its lines; a printed number."""

    kind: str
    lines: list[str]
    number: str | None = None


@dataclass
class Source:
    """The blocks of a Markdown document and its footnotes by mark."""

    blocks: list[Block] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)


def parse_markdown(text: str) -> Source:
    """Split Markdown in the sample's dialect into blocks and footnotes."""
    src = Source()
    for raw in re.split(r"\n\s*\n", text.strip()):
        raw = raw.strip()
        if not raw:
            continue
        fn = NOTE_DEF_RE.match(raw)
        if fn:
            src.notes[fn.group(1) or fn.group(2).replace("\\", "")] = " ".join(raw[fn.end():].split())
            continue
        if raw.startswith("### "):
            src.blocks.append(Block("subheading", [raw[4:].strip()]))
        elif raw.startswith("## "):
            src.blocks.append(Block("heading", [raw[3:].strip()]))
        else:
            lines = [line.strip() for line in raw.split("\n")]
            num = NUMBER_RE.match(lines[0])
            if num and len(lines) == 1:
                src.blocks.append(Block("text", [lines[0][num.end():]], number=num.group(1)))
            else:
                src.blocks.append(Block("text", lines))
    return src


def _runs(text: str) -> list[tuple[str, str]]:
    """(style, text) runs of a line: "sup" for footnote marks, "text" otherwise."""
    out, at = [], 0
    for m in MARK_RE.finditer(text):
        if m.start() > at:
            out.append(("text", text[at:m.start()]))
        out.append(("sup", m.group(1) or m.group(2).replace("\\", "")))
        at = m.end()
    if at < len(text):
        out.append(("text", text[at:]))
    return out


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


CLOSING = set("，。、；：？！）》」』”’%,.;:)")


class PdfWriter:
    """A small typesetter over reportlab's canvas."""

    def __init__(self, symbol: str, job: str, lang: str, layout: Layout | None = None):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        self.metrics = pdfmetrics
        self.L = layout or Layout()
        if CJK_FONT is not None and "CJK" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("CJK", str(CJK_FONT)))
            # Chinese UN documents set headings in a Hei face (SimHei); the embedded subset is named so.
            bold = TTFont("CJK-Hei", str(CJK_FONT))
            bold.face.name = b"SimHei"
            pdfmetrics.registerFont(bold)
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=(self.L.page_w, self.L.page_h), invariant=1, pageCompression=1)
        self.canvas.setTitle("")
        self.symbol, self.job, self.lang = symbol, job, lang
        self.page = 0
        self.pages: list[list] = []  # per page: list of (kind, payload)

    # measuring ---------------------------------------------------------------------------------
    def font(self, ch: str, bold: bool) -> str:
        if _is_cjk(ch):
            if CJK_FONT is None:
                raise FileNotFoundError("no TrueType Chinese font: install fonts-droid-fallback (see CJK_FONTS)")
            return "CJK-Hei" if bold else "CJK"
        return "Times-Bold" if bold else "Times-Roman"

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return sum(self.metrics.stringWidth(ch, self.font(ch, bold), size) for ch in text)

    # line breaking -----------------------------------------------------------------------------
    def atoms(self, text: str) -> list[tuple[str, str]]:
        """Breakable atoms: ("word", w), ("space", " "), ("cjk", ch), ("sup", mark)."""
        out = []
        for style, run in _runs(text):
            if style == "sup":
                out.append(("sup", run))
                continue
            for piece in re.findall(r" +|[\u2e80-\uffff]|[^ \u2e80-\uffff]+", run):
                if piece.startswith(" "):
                    out.append(("space", " "))
                elif _is_cjk(piece[0]):
                    out.append(("cjk", piece))
                else:
                    out.append(("word", piece))
        return out

    def atom_width(self, atom, size, bold) -> float:
        kind, text = atom
        return self.width(text, self.L.sup if kind == "sup" else size, bold)

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[list]:
        """Lines of atoms that fit *width*; long English words are hyphenated at the end of a line."""
        atoms = self.atoms(text)
        lines, line, used = [], [], 0.0
        i = 0
        while i < len(atoms):
            atom = atoms[i]
            w = self.atom_width(atom, size, bold)
            fits = used + w <= width
            if fits or not line or atom[0] == "sup" or (atom[0] in ("cjk", "word") and atom[1][0] in CLOSING and len(atom[1]) == 1):
                if not (atom[0] == "space" and not line):
                    line.append(atom)
                    used += w
                i += 1
                continue
            if atom[0] == "word" and re.fullmatch(r"[a-z]{7,}[,.;:]?", atom[1]):
                word = atom[1]
                for k in range(len(word) - 3, 2, -1):
                    head = word[:k] + "-"
                    if word[k - 1].isalpha() and word[k].isalpha() and used + self.width(head, size, bold) <= width:
                        line.append(("word", head))
                        atoms[i] = ("word", word[k:])
                        break
            while line and line[-1][0] == "space":
                line.pop()
            lines.append(line)
            line, used = [], 0.0
            if atoms[i][0] == "space":
                i += 1
        if line:
            lines.append(line)
        return lines

    # pages ---------------------------------------------------------------------------------------
    def layout(self, src: Source) -> None:
        """Place every block's lines on pages; footnotes go to the page that carries their mark."""
        items = []  # (gap_before, x, lines_of_atoms, size, bold, number)
        for block in src.blocks:
            bold = block.kind in ("heading", "subheading")
            size = self.L.head if block.kind == "heading" else self.L.body
            gap = 9.0 if block.kind == "heading" else 6.0
            for n, text in enumerate(block.lines):
                if block.number:
                    lines = self.wrap(text, self.L.right - self.L.left - self.L.indent, size, bold)
                    items.append((gap, self.L.left + self.L.indent, lines, size, bold, block.number))
                else:
                    lines = self.wrap(text, self.L.right - self.L.left, size, bold)
                    items.append((gap if n == 0 else 0.0, self.L.left, lines, size, bold, None))
        pages: list[dict] = [{"lines": [], "notes": []}]
        y = self.L.top
        for gap, x, lines, size, bold, number in items:
            for k, line in enumerate(lines):
                marks = [a[1] for a in line if a[0] == "sup" and a[1] in src.notes]
                page = pages[-1]
                note_lines = [(m, self.wrap(src.notes[m], self.L.right - self.L.left - 10, self.L.note)) for m in marks]
                need_notes = sum(len(n) for _, n in note_lines) * self.L.note_leading
                have_notes = sum(len(n) for _, n in page["notes"]) * self.L.note_leading + (8.0 if page["notes"] or need_notes else 0.0)
                step = (gap if k == 0 and page["lines"] else 0.0) + self.L.leading
                if y - step < self.L.bottom + have_notes + need_notes and page["lines"]:
                    pages.append({"lines": [], "notes": []})
                    page, y = pages[-1], self.L.top
                    step = self.L.leading
                y -= step
                page["lines"].append((x, y, line, size, bold, number if k == 0 else None))
                page["notes"].extend(note_lines)
        self.pages = pages

    def draw_atoms(self, x: float, y: float, line, size: float, bold: bool) -> None:
        """Draw a line as runs of one font each (as word processors write text), marks raised and small."""
        c = self.canvas
        pieces: list[tuple[str, str]] = []  # (font or "sup", text)
        for kind, text in line:
            if kind == "sup":
                pieces.append(("sup", text))
                continue
            for ch in text:
                font = self.font(ch, bold)
                if pieces and pieces[-1][0] == font:
                    pieces[-1] = (font, pieces[-1][1] + ch)
                else:
                    pieces.append((font, ch))
        for font, text in pieces:
            if font == "sup":
                c.setFont("Times-Roman", self.L.sup)
                c.drawString(x, y + size * 0.35, text)
                x += self.width(text, self.L.sup)
            else:
                c.setFont(font, size)
                c.drawString(x, y, text)
                x += self.metrics.stringWidth(text, font, size)

    def render(self, src: Source) -> bytes:
        """The PDF bytes of the document."""
        self.layout(src)
        c, total = self.canvas, len(self.pages)
        for n, page in enumerate(self.pages, start=1):
            if n > 1:  # running head: the symbol on the outer side, over a rule
                c.setFont("Times-Bold", 9)
                (c.drawRightString if n % 2 else c.drawString)(self.L.right if n % 2 else self.L.left, self.L.page_h - 30, self.symbol)
                c.setLineWidth(0.5)
                c.line(self.L.left, self.L.page_h - 34, self.L.right, self.L.page_h - 34)
            for x, y, line, size, bold, number in page["lines"]:
                if number:
                    c.setFont("Times-Roman", size)
                    c.drawString(self.L.left, y, number)
                self.draw_atoms(x, y, line, size, bold)
            if page["notes"]:
                y = self.L.bottom + sum(len(n) for _, n in page["notes"]) * self.L.note_leading + 2.0
                c.setLineWidth(0.5)
                c.line(self.L.left, y + 4, self.L.left + 80, y + 4)
                for mark, note in page["notes"]:
                    for k, line in enumerate(note):
                        y -= self.L.note_leading
                        if k == 0:
                            c.setFont("Times-Roman", self.L.sup)
                            c.drawString(self.L.left, y + self.L.note * 0.35, mark)
                        self.draw_atoms(self.L.left + 10, y, line, self.L.note, False)
            c.setFont("Times-Roman", 8)
            if self.L.geneva_footer:
                if n == 1:
                    c.drawString(self.L.left, 40, f"{self.job} (E)    250122    260122")
                    c.drawRightString(self.L.right, 40, "*" + re.sub(r"\D", "", self.job) + "*")
                    c.drawRightString(self.L.right, 28, "Please recycle")
                else:
                    c.setFont("Times-Bold", 9)
                    (c.drawRightString if n % 2 else c.drawString)(self.L.right if n % 2 else self.L.left, 40, str(n))
            elif n == 1:
                c.drawString(self.L.left, 30, f"{self.job} (E)")
                c.drawRightString(self.L.right, 30, "*" + re.sub(r"\D", "", self.job) + "*")
            else:
                (c.drawRightString if n % 2 else c.drawString)(self.L.right if n % 2 else self.L.left, 30, f"{n}/{total}")
                (c.drawString if n % 2 else c.drawRightString)(self.L.left if n % 2 else self.L.right, 30, self.job)
            c.showPage()
        c.save()
        return self.buffer.getvalue()


def markdown_to_pdf(text: str, symbol: str, job: str = "V.23-00042", lang: str = "en", layout: Layout | None = None) -> bytes:
    """A UN-style PDF of a Markdown document."""
    return PdfWriter(symbol, job, lang, layout).render(parse_markdown(text))


# Word ------------------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
</Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="SingleTxtG"><w:name w:val="_ Single Txt_G"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>"""
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title><dc:creator>UNOV</dc:creator>
</cp:coreProperties>"""


def _w_runs(text: str, src: Source, ids: dict) -> str:
    out = []
    for style, run in _runs(text):
        if style == "sup" and run in src.notes:
            ident = ids.setdefault(run, len(ids) + 1)
            if run.isdigit():
                out.append(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{ident}"/></w:r>')
            else:
                out.append(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="{ident}"/><w:t>{escape(run)}</w:t></w:r>')
        else:
            out.append(f'<w:r><w:t xml:space="preserve">{escape(run)}</w:t></w:r>')
    return "".join(out)


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def markdown_to_docx(text: str, symbol: str, lang: str = "en", auto_numbers: bool = False) -> bytes:
    """A Word document (.docx) of a Markdown document: numbers typed with a tab (or, with *auto_numbers*,
    Word's automatic numbering: "1." and "(a)" levels in word/numbering.xml), footnotes, a header."""
    src = parse_markdown(text)
    ids: dict[str, int] = {}
    body = []
    title = ""
    for block in src.blocks:
        if block.kind in ("heading", "subheading"):
            style = "Heading1" if block.kind == "heading" else "Heading2"
            body.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{_w_runs(block.lines[0], src, ids)}</w:p>')
            continue
        if block.number and auto_numbers:
            level = 0 if block.number[0].isdigit() else 1
            body.append(f'<w:p><w:pPr><w:pStyle w:val="SingleTxtG"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                        f'{_w_runs(block.lines[0], src, ids)}</w:p>')
            continue
        if block.number:
            runs = f'<w:r><w:t>{escape(block.number)}</w:t></w:r><w:r><w:tab/></w:r>' + _w_runs(block.lines[0], src, ids)
        else:
            runs = '<w:r><w:br/></w:r>'.join(_w_runs(line, src, ids) for line in block.lines)
        body.append(f'<w:p><w:pPr><w:pStyle w:val="SingleTxtG"/></w:pPr>{runs}</w:p>')
    notes = []
    for mark, ident in ids.items():
        ref = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>' if mark.isdigit() else f"<w:r><w:t>{escape(mark)}</w:t></w:r>"
        notes.append(f'<w:footnote w:id="{ident}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>{ref}'
                     f'<w:r><w:tab/></w:r>{_w_runs(src.notes[mark], src, {})}</w:p></w:footnote>')
    lang_attr = "zh-CN" if lang == "zh" else "en-GB"
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>'
                + "".join(body)
                + f'<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:lang w:val="{lang_attr}"/></w:sectPr></w:body></w:document>')
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                 + "".join(notes) + "</w:footnotes>")
    header = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W_NS}"><w:p><w:r><w:t>{escape(symbol)}</w:t></w:r></w:p></w:hdr>'
    for block in src.blocks:
        if block.kind == "heading" and not title:
            title = block.lines[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (
            ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("word/_rels/document.xml.rels", DOC_RELS),
            ("word/document.xml", document), ("word/styles.xml", STYLES), ("word/footnotes.xml", footnotes),
            ("word/header1.xml", header), ("docProps/core.xml", CORE.format(title=escape(title))),
        ) + ((("word/numbering.xml", NUMBERING),) if auto_numbers else ()):
            if auto_numbers and name == "word/_rels/document.xml.rels":
                data = data.replace("</Relationships>", '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/'
                                    'officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\n</Relationships>')
            if auto_numbers and name == "[Content_Types].xml":
                data = data.replace("</Types>", '<Override PartName="/word/numbering.xml" ContentType="application/'
                                    'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\n</Types>')
            info = zipfile.ZipInfo(name, date_time=(2023, 1, 9, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()


FIXTURES = {  # source Markdown → (symbol, language)
    "report.en.md": ("E/CN.7/2023/4", "en"),
    "report.zh.md": ("E/CN.7/2023/4", "zh"),
}


def regenerate(folder: Path = READERS) -> list[Path]:
    """Write report.*.pdf and report.*.docx beside their Markdown sources."""
    written = []
    for name, (symbol, lang) in FIXTURES.items():
        text = (folder / name).read_text(encoding="utf-8")
        stem = name.removesuffix(".md")
        for suffix, data in ((".pdf", markdown_to_pdf(text, symbol, lang=lang)), (".docx", markdown_to_docx(text, symbol, lang))):
            path = folder / (stem + suffix)
            path.write_bytes(data)
            written.append(path)
    return written


if __name__ == "__main__":
    for path in regenerate(Path(sys.argv[1]) if len(sys.argv) > 1 else READERS):
        print(path, path.stat().st_size)
