"""Word (.docx): the body's paragraphs and tables in order with python-docx, footnotes from the footnotes part.

Paragraphs in heading styles (or set wholly in bold and short) become ``## `` headings; printed numbers typed
before a tab stay as they are ("5.<tab>" → "5. "); footnote references become ``<sup>n</sup>`` (numbered in
order of reference, as Word numbers them) or their custom mark ("*"), and each footnote's text follows the
paragraph that refers to it.  Running heads and feet live in header and footer parts and are not read.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path

from kg.core.errors import InputError
from kg.extract.readers import Reading
from kg.extract.readers.layout import mark_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SKIP = {W + "delText", W + "instrText", W + "footnoteRef", W + "endnoteRef"}


def _open(path: Path, data: bytes):
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        reason = str(exc).strip("'\"") or type(exc).__name__
        raise InputError(f"{path}: not a readable Word document ({reason}); open and save it again in Word, or save it as PDF") from None
    except Exception as exc:  # noqa: BLE001 - lxml and python-docx raise many kinds on damaged parts
        raise InputError(f"{path}: not a readable Word document ({type(exc).__name__}); the file may be damaged") from None


def _footnotes(document) -> dict[str, str]:
    """Footnote id → its text (the reference mark inside the footnote left out)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    try:
        part = document.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return {}
    root = etree.fromstring(part.blob)
    notes = {}
    for note in root.iter(W + "footnote"):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = [_runs_text(p, None, custom_only=True) for p in note.iter(W + "p")]
        text = " ".join(" ".join(p.split()) for p in paragraphs if p.strip())
        notes[note.get(W + "id")] = text
    return notes


ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
         ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def _roman(n: int) -> str:
    out = ""
    for letters, value in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    """A counter in a numbering format of WordprocessingML (ECMA-376 17.18.59)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "chineseCounting" or fmt == "ideographTraditional":
        digits = "〇一二三四五六七八九"
        return "".join(digits[int(d)] for d in str(n)) if n < 10 else (("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else ""))
    return str(n)


class Numbering:
    """Word's automatic paragraph numbering: the printed label of each numbered paragraph, counted in order."""

    def __init__(self, document):
        from lxml import etree

        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, str] = {}
        self.starts: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = etree.fromstring(document.part.numbering_part.blob)
        except (NotImplementedError, KeyError, AttributeError, etree.XMLSyntaxError):
            return
        for abstract in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                levels[int(lvl.get(W + "ilvl", "0"))] = (
                    fmt.get(W + "val") if fmt is not None else "decimal",
                    text.get(W + "val") if text is not None else "",
                    int(start.get(W + "val")) if start is not None else 1,
                )
            self.levels[abstract.get(W + "abstractNumId")] = levels
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                self.nums[num.get(W + "numId")] = ref.get(W + "val")
            for override in num.iter(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                if start is not None:
                    self.starts[(num.get(W + "numId"), int(override.get(W + "ilvl", "0")))] = int(start.get(W + "val"))

    def label(self, paragraph) -> str:
        """The number Word prints before *paragraph* ("5.", "(a)"), "-" for a bullet, "" when none."""
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        levels = self.levels.get(self.nums[num_id], {})
        if level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        start = self.starts.get((num_id, level), levels[level][2])
        counts[level] = counts[level] + 1 if counts[level] else start
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lvl_fmt = levels.get(k, ("decimal", "", 1))[0]
            return _format_number(counts[k] or levels.get(k, ("", "", 1))[2], lvl_fmt)

        return re.sub(r"%(\d)", value, text)

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        for ppr in (paragraph._p.pPr, _style_ppr(paragraph)):
            num_pr = ppr.find(W + "numPr") if ppr is not None else None
            if num_pr is not None:
                num_id = num_pr.find(W + "numId")
                ilvl = num_pr.find(W + "ilvl")
                return (num_id.get(W + "val") if num_id is not None else None,
                        int(ilvl.get(W + "val")) if ilvl is not None else 0)
        return None, 0


def _style_ppr(paragraph):
    style = paragraph.style
    return style.element.pPr if style is not None and style.element is not None else None


def _runs_text(p, refs: list | None, custom_only: bool = False) -> str:
    """Text of a paragraph element: tabs and breaks as white space, footnote references as marks."""
    out: list[str] = []
    pending_custom: list | None = None
    for el in p.iter():
        tag = el.tag
        if tag in SKIP:
            continue
        if tag == W + "t":
            text = el.text or ""
            if pending_custom is not None:
                pending_custom[1] = text.strip()
                out.append(mark_text(text.strip()) if text.strip() else "")
                pending_custom = None
                continue
            run = el.getparent()
            rpr = run.find(W + "rPr") if run is not None else None
            va = rpr.find(W + "vertAlign") if rpr is not None else None
            if va is not None and va.get(W + "val") == "superscript" and text.strip() and re.fullmatch(r"\d{1,3}|\*+", text.strip()):
                out.append(mark_text(text.strip()))
            else:
                out.append(text)
        elif tag in (W + "tab",):
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "footnoteReference" and refs is not None:
            if el.get(W + "customMarkFollows") in ("1", "true", "on"):
                pending_custom = [el.get(W + "id"), ""]
                refs.append(pending_custom)
            else:
                refs.append([el.get(W + "id"), None])
                out.append("\0")  # the number is known once every reference before it is counted
    return "".join(out)


@lru_cache(maxsize=1)
def _heading_style_re() -> re.Pattern:
    """Heading styles of ontology/readers.toml: Word's own and the UN templates'."""
    import tomllib

    from kg.core.resources import ontology_dir

    with (ontology_dir() / "readers.toml").open("rb") as handle:
        patterns = tomllib.load(handle)["docx"]["heading_styles"]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _is_heading(paragraph, text: str) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    if _heading_style_re().search(style or ""):
        return True
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(W + "outlineLvl") is not None:
        return True
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs) and len(text) <= 150 and not text.rstrip().endswith((".", "。", ";", "；", ":", "："))


class _Blocks:
    """The blocks of a Word document as they are read: paragraph text with its printed number, footnotes after it."""

    def __init__(self, notes: dict, numbering: Numbering):
        self.notes, self.numbering = notes, numbering
        self.blocks: list[str] = []
        self.auto = 0  # footnotes numbered by Word so far

    def _marks(self, text: str, refs: list) -> tuple[str, list]:
        """The text with Word's automatic footnote numbers written in, and (mark, footnote id) per reference."""
        marks = []
        for ident, custom in refs:
            if custom is None:
                self.auto += 1
                text = text.replace("\0", f"<sup>{self.auto}</sup>", 1)
                marks.append((f"<sup>{self.auto}</sup>", ident))
            else:
                marks.append((mark_text(custom) if custom else "", ident))
                if custom and self.notes.get(ident, "").startswith(custom):
                    self.notes[ident] = self.notes[ident][len(custom):].strip()  # the footnote repeats its custom mark
        return text, marks

    def add(self, paragraph) -> None:
        refs: list = []
        text, marks = self._marks(_runs_text(paragraph._p, refs), refs)
        text = "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")).strip()
        label = self.numbering.label(paragraph) if text else ""
        if label:
            text = f"{label} {text}"
        if text:
            self.blocks.append("## " + " ".join(text.split()) if _is_heading(paragraph, text) else text)
        for mark, ident in marks:
            if self.notes.get(ident):
                self.blocks.append(f"{mark} {self.notes[ident]}".strip())


def read_docx(path: Path, data: bytes) -> Reading:
    """Read a Word document's body into blocks: headings, paragraphs with their printed numbers, footnotes."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = _open(path, data)
    try:
        notes = _footnotes(document)
    except Exception as exc:  # noqa: BLE001 - a damaged footnotes part
        raise InputError(f"{path}: Word document with unreadable footnotes ({type(exc).__name__})") from None
    found = _Blocks(notes, Numbering(document))
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            found.add(item)
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        found.add(paragraph)
    text = "\n\n".join(found.blocks)
    if not text.strip():
        raise InputError(f"{path}: Word document holds no text")
    return Reading(text + "\n", "docx")  # core properties' title is often a symbol or a template's name
