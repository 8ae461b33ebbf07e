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

from ..errors import InputError
from . import Reading
from .layout import mark_text

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

    from ..resources import ontology_dir

    with (ontology_dir() / "readers.toml").open("rb") as handle:
        patterns = tomllib.load(handle)["docx"]["heading_styles"]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _is_heading(paragraph, text: str) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    if _heading_style_re().search(style or ""):
        return True
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(W + "outlineLvl") is not None:
        return True
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs) and len(text) <= 150 and not text.rstrip().endswith((".", "。", ";", "；", ":", "："))


def read_docx(path: Path, data: bytes) -> Reading:
    """Read a Word document's body into blocks: headings, paragraphs with their printed numbers, footnotes."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = _open(path, data)
    try:
        notes = _footnotes(document)
    except Exception as exc:  # noqa: BLE001 - a damaged footnotes part
        raise InputError(f"{path}: Word document with unreadable footnotes ({type(exc).__name__})") from None
    blocks: list[str] = []
    auto = 0

    def add(paragraph) -> None:
        nonlocal auto
        refs: list = []
        text = _runs_text(paragraph._p, refs)
        marks = []
        for ident, custom in refs:
            if custom is None:
                auto += 1
                text = text.replace("\0", f"<sup>{auto}</sup>", 1)
                marks.append((f"<sup>{auto}</sup>", ident))
            else:
                marks.append((mark_text(custom) if custom else "", ident))
                if custom and notes.get(ident, "").startswith(custom):
                    notes[ident] = notes[ident][len(custom):].strip()  # the footnote repeats its custom mark
        text = "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")).strip()
        if text:
            blocks.append(("## " + " ".join(text.split()) if _is_heading(paragraph, text) else text))
        for mark, ident in marks:
            if notes.get(ident):
                blocks.append(f"{mark} {notes[ident]}".strip())

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            add(item)
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        add(paragraph)
    text = "\n\n".join(blocks)
    if not text.strip():
        raise InputError(f"{path}: Word document holds no text")
    declared = {}
    title = (document.core_properties.title or "").strip()
    if title:
        declared["title"] = title
    return Reading(text + "\n", "docx", declared)
